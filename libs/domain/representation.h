// Representations of the network in other networks and working groups (§ 9 LKSG NRW:
// information transfer) and the reports of the meetings attended there.
#pragma once

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"

namespace schutznetz::domain {

// The numeric values equal schutznetz.v1.RepresentedNetworkKind.
enum class NetworkKind {
  kUnspecified = 0,
  kEarlyHelp = 1,
  kPrevention = 2,
  kSports = 3,
  kSchool = 4,
  kHealth = 5,
  kJustice = 6,
  kChildProtection = 7,
  kOther = 8,
};

// "early_help", … (stored in SQL); empty for kUnspecified.
std::string NetworkKindSlug(NetworkKind kind);
std::optional<NetworkKind> NetworkKindFromSlug(const std::string& slug);
// "Netzwerk Frühe Hilfen", … (German label).
std::string NetworkKindLabel(NetworkKind kind);

struct Representation {
  std::string id;
  std::string member_id;    // empty once the member was deleted
  std::string member_name;  // output: "Peters, Paula"
  std::string network;
  NetworkKind kind = NetworkKind::kUnspecified;
  absl::CivilDay since;
  std::optional<absl::CivilDay> until;
  int report_count = 0;
};

struct RepresentationReport {
  std::string id;
  std::string representation_id;
  absl::CivilDay meeting_date;
  std::string summary;
};

// INVALID_ARGUMENT naming "<prefix>network", "<prefix>kind" or "<prefix>until" (before since).
absl::Status ValidateRepresentation(const Representation& r, const std::string& prefix);
// FAILED_PRECONDITION unless `day` lies within the representation's days.
absl::Status CheckWithinRepresentation(const Representation& r, absl::CivilDay day,
                                       const std::string& field);

}  // namespace schutznetz::domain
