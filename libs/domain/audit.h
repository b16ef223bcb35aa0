// Audit entries: the record of every change and every refused call.
//
// An entry names the actor (a token or office id, never a person's name), the method, the item
// and the outcome. It must never carry personal data: `detail` holds field names or counts.
#pragma once

#include <cstdint>
#include <string>

#include "absl/time/time.h"

namespace schutznetz::domain {

struct AuditEntry {
  int64_t id = 0;            // assigned by storage
  absl::Time time;           // assigned by storage
  std::string actor;         // "token:3f2a…", "office:lippstadt", "system"
  std::string method;        // "OrganisationService/CreateOrganisation"
  std::string resource_type; // "organisation"
  std::string resource_id;
  std::string action;        // "create", "update", "delete", "approve", …
  std::string outcome = "ok";
  std::string detail;
};

struct AuditFilter {
  std::string resource_type;
  std::string resource_id;
  std::string actor;
};

}  // namespace schutznetz::domain
