// Organisation (Akteur): a member organisation of an office's regional group.
//
// Organisation data is not personal data: name, sector, category and the public address of an
// institution. People working there are Members (see member.h) and are personal data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "libs/common/strong_id.h"
#include "libs/domain/etag.h"
#include "libs/domain/sector.h"

namespace schutznetz::domain {

using OrganisationId = StrongId<struct OrganisationIdTag>;

struct Organisation {
  OrganisationId id;
  std::string name;
  Sector sector = Sector::kUnspecified;
  ActorCategory actor_category = ActorCategory::kUnspecified;
  std::string municipality;
  std::string address;
  std::string website;
  bool active = true;
  int64_t version = 0;  // increases with every update; the etag is derived from it
  absl::Time create_time;
  absl::Time update_time;
};

// Filters of ListOrganisations; empty / unspecified values do not filter.
struct OrganisationFilter {
  std::string name_contains;
  Sector sector = Sector::kUnspecified;
  ActorCategory actor_category = ActorCategory::kUnspecified;
  std::string municipality;
  bool include_inactive = false;
};

inline constexpr ResourceKind kOrganisationKind{"organisation", "Organisation"};

// Field names accepted in an UpdateOrganisation update_mask.
const std::vector<std::string>& OrganisationMutableFields();

// Checks the user-editable fields of `org`; field names are prefixed with `prefix`
// (e.g. "organisation."). Returns INVALID_ARGUMENT listing every violation.
absl::Status ValidateOrganisation(const Organisation& org, const std::string& prefix);

}  // namespace schutznetz::domain
