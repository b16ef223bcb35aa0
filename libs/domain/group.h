// Group: a regional group (Regionalgruppe), working group (Arbeitskreis) or steering group
// (Steuerungsgruppe) of the office's network, its members, and the check of its meeting cadence.
//
// Regional groups come from the office configuration: they carry the configuration id, and their
// name and cadence are owned by the configuration (the start-up sync writes them; the API refuses
// to change them). Working and steering groups are created and changed by the coordinator.
//
// A group plans `meetings_per_year` meetings. EvaluateCadence compares the meetings held in a
// year with the share of the cadence that is due by `now` (Europe/Berlin):
//
//   expected_by_now = floor(meetings_per_year × elapsed fraction of the year)
//
// For a past year the whole cadence is due, for a future year nothing yet. `now` is a parameter,
// never read from the clock here, so the rule is testable at year boundaries.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "libs/common/strong_id.h"
#include "libs/domain/etag.h"
#include "libs/domain/member.h"

namespace schutznetz::domain {

using GroupId = StrongId<struct GroupIdTag>;

inline constexpr ResourceKind kGroupKind{"group", "Gruppe"};

enum class GroupKind {
  kUnspecified = 0,
  kRegionalGroup = 1,
  kWorkingGroup = 2,
  kSteeringGroup = 3
};

std::string_view GroupKindSlug(GroupKind k);   // "working_group"
std::string_view GroupKindLabel(GroupKind k);  // "Arbeitskreis"
std::optional<GroupKind> GroupKindFromSlug(std::string_view slug);
std::optional<GroupKind> GroupKindFromNumber(int value);

enum class GroupMemberRole { kUnspecified = 0, kMember = 1, kChair = 2, kDeputyChair = 3 };

std::string_view GroupMemberRoleSlug(GroupMemberRole r);   // "deputy_chair"
std::string_view GroupMemberRoleLabel(GroupMemberRole r);  // "stellv. Vorsitz"
std::optional<GroupMemberRole> GroupMemberRoleFromSlug(std::string_view slug);
std::optional<GroupMemberRole> GroupMemberRoleFromNumber(int value);

inline constexpr int kMaxMeetingsPerYear = 52;

struct Group {
  GroupId id;
  std::string config_id;  // regional groups only: the id in the office configuration
  GroupKind kind = GroupKind::kUnspecified;
  std::string name;
  std::string description;
  int meetings_per_year = 0;
  bool active = true;
  int64_t version = 0;
  absl::Time create_time;
  absl::Time update_time;
  // Read-only, derived from the group's members.
  int member_count = 0;
  MemberId chair_member_id;  // empty: no chair
};

// Filters of ListGroups; empty / unspecified values do not filter.
struct GroupFilter {
  GroupKind kind = GroupKind::kUnspecified;
  std::string name_contains;
  bool include_inactive = false;
};

// A member's place in a group, with display fields read from the member and organisation.
struct GroupMember {
  GroupId group_id;
  MemberId member_id;
  GroupMemberRole role = GroupMemberRole::kMember;
  absl::Time join_time;
  // Read-only. Empty names when the member was anonymised.
  std::string first_name;
  std::string last_name;
  std::string organisation_name;
  MembershipState member_state = MembershipState::kUnspecified;
};

// Field names accepted in an UpdateGroup update_mask.
const std::vector<std::string>& GroupMutableFields();

// Checks name, description and cadence; field names are prefixed with `prefix` ("group.").
absl::Status ValidateGroup(const Group& g, const std::string& prefix);

// INVALID_ARGUMENT naming `field` unless a group of `kind` may be created through the API:
// working and steering groups only; regional groups come from the configuration.
absl::Status CheckCreatableKind(GroupKind kind, const std::string& field);

// FAILED_PRECONDITION if `updated` changes what the configuration owns in `current` (name and
// cadence of a regional group).
absl::Status CheckConfigOwnedFields(const Group& current, const Group& updated);

// FAILED_PRECONDITION unless `m` may join a group: only ACTIVE members.
absl::Status CheckCanJoinGroup(const Member& m);

// The year of `now` in Europe/Berlin.
int LocalYear(absl::Time now);

// How far `now` is into `year` (Europe/Berlin): `elapsed` is clamped to [0, length].
struct YearProgress {
  absl::Time start;        // 01.01. 00:00 Europe/Berlin
  absl::Time end;          // 01.01. 00:00 of the next year
  absl::Duration elapsed;  // 0 before the year, `end - start` after it
  absl::Duration length() const { return end - start; }
};
YearProgress ProgressOfYear(int year, absl::Time now);

// floor(meetings_per_year × elapsed fraction of `year` at `now`), computed in whole microseconds
// so the result does not depend on floating-point rounding.
int ExpectedMeetingsByNow(int meetings_per_year, int year, absl::Time now);

struct CadenceStatus {
  int meetings_per_year = 0;
  int held = 0;               // meetings held in the year
  int planned_remaining = 0;  // planned meetings in the year that start after now
  int expected_by_now = 0;
  bool behind = false;      // held < expected_by_now
  bool at_risk = false;     // held + planned_remaining < meetings_per_year
  std::string status_text;  // German: "im Plan", "im Rückstand: …", "zu wenige Termine geplant"
};

CadenceStatus EvaluateCadence(int meetings_per_year, int year, absl::Time now, int held,
                              int planned_remaining);

}  // namespace schutznetz::domain
