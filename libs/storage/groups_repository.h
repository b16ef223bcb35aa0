// Persistence of groups and their members (tables `groups`, `group_members`), and the counts of
// group meetings in the `events` table that the cadence check needs (read only: events belong to
// the events feature).
//
// All methods run inside a caller's transaction (Tx), so a service can change a group and write
// its audit entry atomically.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/domain/group.h"
#include "libs/domain/page.h"

namespace schutznetz::storage {

class Tx;

// A regional group as the office configuration describes it.
struct RegionalGroupSpec {
  std::string config_id;
  std::string name;
  int meetings_per_year = 0;
};

enum class UpsertOutcome { kCreated, kUpdated, kUnchanged };

struct UpsertResult {
  domain::GroupId id;
  UpsertOutcome outcome = UpsertOutcome::kUnchanged;
};

// Meetings of one group in a period.
struct GroupMeetingCounts {
  domain::Group group;
  int held = 0;
  int planned_remaining = 0;
};

class GroupsRepository {
 public:
  virtual ~GroupsRepository() = default;

  // Stores a new group; id, version and times are assigned. config_id is not written (only
  // UpsertRegional creates configured groups).
  virtual absl::StatusOr<domain::Group> Insert(Tx& tx, const domain::Group& g) = 0;
  // NOT_FOUND if unknown; with `lock` the group row stays locked until the transaction ends.
  virtual absl::StatusOr<domain::Group> Get(Tx& tx, const domain::GroupId& id, bool lock) = 0;
  // One page in German name order.
  virtual absl::StatusOr<domain::Page<domain::Group>> List(Tx& tx,
                                                           const domain::GroupFilter& filter,
                                                           const domain::PageRequest& page) = 0;
  // Writes name, description, cadence and active if g.version is current (ABORTED otherwise);
  // returns the row with version + 1.
  virtual absl::StatusOr<domain::Group> Update(Tx& tx, const domain::Group& g) = 0;
  // Deletes the group and its memberships; NOT_FOUND if unknown.
  virtual absl::Status Delete(Tx& tx, const domain::GroupId& id) = 0;
  // Number of events (in any state) that are meetings of the group.
  virtual absl::StatusOr<int64_t> CountEvents(Tx& tx, const domain::GroupId& id) = 0;

  // Creates the regional group `spec.config_id`, or updates its name and cadence if they differ.
  // Never deletes. Safe when several replicas start at once.
  virtual absl::StatusOr<UpsertResult> UpsertRegional(Tx& tx, const RegionalGroupSpec& spec) = 0;

  // One page of the group's members by last name, first name (German order).
  virtual absl::StatusOr<domain::Page<domain::GroupMember>> ListMembers(
      Tx& tx, const domain::GroupId& group, const domain::PageRequest& page) = 0;
  // NOT_FOUND unless `member` is in `group`; with `lock` the membership row stays locked.
  virtual absl::StatusOr<domain::GroupMember> GetMember(Tx& tx, const domain::GroupId& group,
                                                        const domain::MemberId& member,
                                                        bool lock) = 0;
  // ALREADY_EXISTS if the member is in the group already.
  virtual absl::StatusOr<domain::GroupMember> AddMember(Tx& tx, const domain::GroupId& group,
                                                        const domain::MemberId& member,
                                                        domain::GroupMemberRole role) = 0;
  virtual absl::StatusOr<domain::GroupMember> SetMemberRole(Tx& tx, const domain::GroupId& group,
                                                            const domain::MemberId& member,
                                                            domain::GroupMemberRole role) = 0;
  // NOT_FOUND unless `member` is in `group`.
  virtual absl::Status RemoveMember(Tx& tx, const domain::GroupId& group,
                                    const domain::MemberId& member) = 0;

  // For every active group in German name order: meetings held with start in [from, to), and
  // planned meetings with start in [from, to) and after `now`.
  virtual absl::StatusOr<std::vector<GroupMeetingCounts>> CountMeetings(Tx& tx, absl::Time from,
                                                                        absl::Time to,
                                                                        absl::Time now) = 0;
};

std::unique_ptr<GroupsRepository> NewGroupsRepository();

}  // namespace schutznetz::storage
