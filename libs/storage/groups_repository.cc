#include "libs/storage/groups_repository.h"

#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"
#include "libs/common/page_token.h"
#include "libs/storage/pg_error.h"
#include "libs/storage/tx.h"

namespace schutznetz::storage {
namespace {

using domain::Group;
using domain::GroupId;
using domain::GroupMember;
using domain::GroupMemberRole;
using domain::MemberId;

// Columns of a group with its member count and chair, for `FROM groups g`.
#define SN_GROUP_COLUMNS                                                                      \
  "g.id::text AS id, coalesce(g.config_id, '') AS config_id, g.kind, g.name, g.description, " \
  "g.meetings_per_year, g.active, g.version, sn_us(g.create_time) AS create_us, "             \
  "sn_us(g.update_time) AS update_us, "                                                       \
  "(SELECT count(*) FROM group_members c WHERE c.group_id = g.id) AS member_count, "          \
  "coalesce((SELECT c.member_id::text FROM group_members c WHERE c.group_id = g.id "          \
  "AND c.role = 'chair'), '') AS chair_member_id "

#define SN_GROUP_FILTER                                                             \
  "($1 = '' OR g.kind = $1) AND ($2 = '' OR strpos(lower(g.name), lower($2)) > 0) " \
  "AND ($3 OR g.active) "

#define SN_GROUP_MEMBER_SELECT                                                           \
  "SELECT gm.group_id::text AS group_id, gm.member_id::text AS member_id, gm.role, "     \
  "sn_us(gm.join_time) AS join_us, m.first_name, m.last_name, m.state AS member_state, " \
  "o.name AS organisation_name FROM group_members gm "                                   \
  "JOIN members m ON m.id = gm.member_id JOIN organisations o ON o.id = m.organisation_id "

constexpr Statement kInsert{
    "group_insert",
    "INSERT INTO groups (kind, name, description, meetings_per_year, active) "
    "VALUES ($1, $2, $3, $4, $5) RETURNING id::text"};

constexpr Statement kGet{"group_get", "SELECT " SN_GROUP_COLUMNS "FROM groups g WHERE g.id = $1"};
constexpr Statement kGetForUpdate{"group_get_for_update",
                                  "SELECT " SN_GROUP_COLUMNS
                                  "FROM groups g WHERE g.id = $1 FOR UPDATE OF g"};

constexpr Statement kList{
    "group_list", "SELECT " SN_GROUP_COLUMNS "FROM groups g WHERE " SN_GROUP_FILTER
                  "AND (NOT $4 OR (g.name, g.id) > ($5, $6::uuid)) ORDER BY g.name, g.id LIMIT $7"};

constexpr Statement kCount{"group_count", "SELECT count(*) FROM groups g WHERE " SN_GROUP_FILTER};

constexpr Statement kUpdate{
    "group_update",
    "UPDATE groups SET name = $3, description = $4, meetings_per_year = $5, active = $6, "
    "version = version + 1, update_time = now() WHERE id = $1 AND version = $2 "
    "RETURNING id::text"};

constexpr Statement kDelete{"group_delete", "DELETE FROM groups WHERE id = $1"};

constexpr Statement kCountEvents{"group_count_events",
                                 "SELECT count(*) FROM events WHERE group_id = $1"};

// Two statements instead of ON CONFLICT DO UPDATE, so the outcome is known without relying on
// system columns: the insert does nothing if another replica created the row first.
constexpr Statement kInsertRegional{
    "group_insert_regional",
    "INSERT INTO groups (config_id, kind, name, meetings_per_year) "
    "VALUES ($1, 'regional_group', $2, $3) ON CONFLICT (config_id) DO NOTHING RETURNING id::text"};

constexpr Statement kUpdateRegional{
    "group_update_regional",
    "UPDATE groups SET name = $2, meetings_per_year = $3, version = version + 1, "
    "update_time = now() WHERE config_id = $1 AND (name <> $2 OR meetings_per_year <> $3) "
    "RETURNING id::text"};

constexpr Statement kFindRegional{"group_find_regional",
                                  "SELECT id::text FROM groups WHERE config_id = $1"};

constexpr Statement kListMembers{
    "group_member_list", SN_GROUP_MEMBER_SELECT
    "WHERE gm.group_id = $1 AND (NOT $2 OR (m.last_name, m.first_name, gm.member_id) > "
    "($3, $4, $5::uuid)) ORDER BY m.last_name, m.first_name, gm.member_id LIMIT $6"};

constexpr Statement kCountMembers{"group_member_count",
                                  "SELECT count(*) FROM group_members WHERE group_id = $1"};

constexpr Statement kGetMember{
    "group_member_get", SN_GROUP_MEMBER_SELECT "WHERE gm.group_id = $1 AND gm.member_id = $2"};
constexpr Statement kGetMemberForUpdate{
    "group_member_get_for_update",
    SN_GROUP_MEMBER_SELECT "WHERE gm.group_id = $1 AND gm.member_id = $2 FOR UPDATE OF gm"};

constexpr Statement kAddMember{
    "group_member_add",
    "INSERT INTO group_members (group_id, member_id, role) VALUES ($1, $2, $3) "
    "ON CONFLICT (group_id, member_id) DO NOTHING RETURNING member_id::text"};

constexpr Statement kSetMemberRole{
    "group_member_set_role",
    "UPDATE group_members SET role = $3 WHERE group_id = $1 AND member_id = $2 "
    "RETURNING member_id::text"};

constexpr Statement kRemoveMember{
    "group_member_remove", "DELETE FROM group_members WHERE group_id = $1 AND member_id = $2"};

constexpr Statement kCountMeetings{
    "group_count_meetings",
    "SELECT " SN_GROUP_COLUMNS
    ", "
    "(SELECT count(*) FROM events e WHERE e.group_id = g.id AND e.state = 'held' "
    "AND e.start_time >= sn_ts($1) AND e.start_time < sn_ts($2)) AS held, "
    "(SELECT count(*) FROM events e WHERE e.group_id = g.id AND e.state = 'planned' "
    "AND e.start_time >= sn_ts($1) AND e.start_time < sn_ts($2) AND e.start_time > sn_ts($3)) "
    "AS planned_remaining "
    "FROM groups g WHERE g.active ORDER BY g.name, g.id"};

constexpr char kNilUuid[] = "00000000-0000-0000-0000-000000000000";

Group GroupFromRow(const pqxx::row& r) {
  Group g;
  g.id = GroupId(r["id"].as<std::string>());
  g.config_id = r["config_id"].as<std::string>();
  g.kind = domain::GroupKindFromSlug(r["kind"].as<std::string>())
               .value_or(domain::GroupKind::kUnspecified);
  g.name = r["name"].as<std::string>();
  g.description = r["description"].as<std::string>();
  g.meetings_per_year = r["meetings_per_year"].as<int>();
  g.active = r["active"].as<bool>();
  g.version = r["version"].as<int64_t>();
  g.create_time = absl::FromUnixMicros(r["create_us"].as<int64_t>());
  g.update_time = absl::FromUnixMicros(r["update_us"].as<int64_t>());
  g.member_count = r["member_count"].as<int>();
  g.chair_member_id = MemberId(r["chair_member_id"].as<std::string>());
  return g;
}

GroupMember MemberFromRow(const pqxx::row& r) {
  GroupMember m;
  m.group_id = GroupId(r["group_id"].as<std::string>());
  m.member_id = MemberId(r["member_id"].as<std::string>());
  m.role = domain::GroupMemberRoleFromSlug(r["role"].as<std::string>())
               .value_or(GroupMemberRole::kUnspecified);
  m.join_time = absl::FromUnixMicros(r["join_us"].as<int64_t>());
  m.first_name = r["first_name"].as<std::string>();
  m.last_name = r["last_name"].as<std::string>();
  m.organisation_name = r["organisation_name"].as<std::string>();
  m.member_state = domain::MembershipStateFromSlug(r["member_state"].as<std::string>())
                       .value_or(domain::MembershipState::kUnspecified);
  return m;
}

std::string Slug(domain::GroupKind k) {
  return k == domain::GroupKind::kUnspecified ? "" : std::string(domain::GroupKindSlug(k));
}

std::string Slug(GroupMemberRole r) { return std::string(domain::GroupMemberRoleSlug(r)); }

absl::Status NotInGroup(const GroupId& group, const MemberId& member) {
  return absl::NotFoundError(absl::StrCat("member_id: member ", member.value(), " is not in group ",
                                          group.value(),
                                          " / Mitglied gehört nicht zu dieser Gruppe"));
}

class PgGroupsRepository final : public GroupsRepository {
 public:
  absl::StatusOr<Group> Insert(Tx& tx, const Group& g) override {
    absl::StatusOr<std::string> id = Guarded("group_insert", [&]() -> absl::StatusOr<std::string> {
      return tx.Exec(kInsert, Slug(g.kind), g.name, g.description, g.meetings_per_year, g.active)
          .at(0)[0]
          .as<std::string>();
    });
    if (!id.ok()) return id.status();
    return Get(tx, GroupId(*id), false);
  }

  absl::StatusOr<Group> Get(Tx& tx, const GroupId& id, bool lock) override {
    return Guarded("group_get", [&]() -> absl::StatusOr<Group> {
      pqxx::result r = tx.Exec(lock ? kGetForUpdate : kGet, id.value());
      if (r.empty()) return NotFound("group", "Gruppe", id.value());
      return GroupFromRow(r[0]);
    });
  }

  absl::StatusOr<domain::Page<Group>> List(Tx& tx, const domain::GroupFilter& f,
                                           const domain::PageRequest& page) override {
    std::string fingerprint = FilterFingerprint(
        {"groups", Slug(f.kind), f.name_contains, f.include_inactive ? "all" : "active"});
    bool has_cursor = !page.page_token.empty();
    std::vector<std::string> cursor = {"", kNilUuid};
    if (has_cursor) {
      absl::StatusOr<std::vector<std::string>> decoded =
          DecodePageToken(page.page_token, fingerprint, 2);
      if (!decoded.ok()) return decoded.status();
      cursor = *std::move(decoded);
    }
    return Guarded("group_list", [&]() -> absl::StatusOr<domain::Page<Group>> {
      domain::Page<Group> out;
      for (const auto& row : tx.Exec(kList, Slug(f.kind), f.name_contains, f.include_inactive,
                                     has_cursor, cursor[0], cursor[1], page.page_size + 1)) {
        out.items.push_back(GroupFromRow(row));
      }
      if (static_cast<int>(out.items.size()) > page.page_size) {
        out.items.pop_back();
        const Group& last = out.items.back();
        out.next_page_token = EncodePageToken(fingerprint, {last.name, last.id.value()});
      }
      out.total_size =
          tx.Exec(kCount, Slug(f.kind), f.name_contains, f.include_inactive).at(0)[0].as<int>();
      return out;
    });
  }

  absl::StatusOr<Group> Update(Tx& tx, const Group& g) override {
    absl::Status s = Guarded("group_update", [&]() -> absl::Status {
      pqxx::result r = tx.Exec(kUpdate, g.id.value(), g.version, g.name, g.description,
                               g.meetings_per_year, g.active);
      if (r.empty()) return EtagMismatch("group", "Gruppe");
      return absl::OkStatus();
    });
    if (!s.ok()) return s;
    return Get(tx, g.id, false);
  }

  absl::Status Delete(Tx& tx, const GroupId& id) override {
    return Guarded("group_delete", [&]() -> absl::Status {
      if (tx.Exec(kDelete, id.value()).affected_rows() == 0) {
        return NotFound("group", "Gruppe", id.value());
      }
      return absl::OkStatus();
    });
  }

  absl::StatusOr<int64_t> CountEvents(Tx& tx, const GroupId& id) override {
    return Guarded("group_count_events", [&]() -> absl::StatusOr<int64_t> {
      return tx.Exec(kCountEvents, id.value()).at(0)[0].as<int64_t>();
    });
  }

  absl::StatusOr<UpsertResult> UpsertRegional(Tx& tx, const RegionalGroupSpec& spec) override {
    return Guarded("group_upsert_regional", [&]() -> absl::StatusOr<UpsertResult> {
      UpsertResult out;
      pqxx::result inserted =
          tx.Exec(kInsertRegional, spec.config_id, spec.name, spec.meetings_per_year);
      if (!inserted.empty()) {
        out.id = GroupId(inserted[0][0].as<std::string>());
        out.outcome = UpsertOutcome::kCreated;
        return out;
      }
      pqxx::result updated =
          tx.Exec(kUpdateRegional, spec.config_id, spec.name, spec.meetings_per_year);
      if (!updated.empty()) {
        out.id = GroupId(updated[0][0].as<std::string>());
        out.outcome = UpsertOutcome::kUpdated;
        return out;
      }
      out.id = GroupId(tx.Exec(kFindRegional, spec.config_id).at(0)[0].as<std::string>());
      out.outcome = UpsertOutcome::kUnchanged;
      return out;
    });
  }

  absl::StatusOr<domain::Page<GroupMember>> ListMembers(Tx& tx, const GroupId& group,
                                                        const domain::PageRequest& page) override {
    std::string fingerprint = FilterFingerprint({"group_members", group.value()});
    bool has_cursor = !page.page_token.empty();
    std::vector<std::string> cursor = {"", "", kNilUuid};
    if (has_cursor) {
      absl::StatusOr<std::vector<std::string>> decoded =
          DecodePageToken(page.page_token, fingerprint, 3);
      if (!decoded.ok()) return decoded.status();
      cursor = *std::move(decoded);
    }
    return Guarded("group_member_list", [&]() -> absl::StatusOr<domain::Page<GroupMember>> {
      domain::Page<GroupMember> out;
      for (const auto& row : tx.Exec(kListMembers, group.value(), has_cursor, cursor[0], cursor[1],
                                     cursor[2], page.page_size + 1)) {
        out.items.push_back(MemberFromRow(row));
      }
      if (static_cast<int>(out.items.size()) > page.page_size) {
        out.items.pop_back();
        const GroupMember& last = out.items.back();
        out.next_page_token =
            EncodePageToken(fingerprint, {last.last_name, last.first_name, last.member_id.value()});
      }
      out.total_size = tx.Exec(kCountMembers, group.value()).at(0)[0].as<int>();
      return out;
    });
  }

  absl::StatusOr<GroupMember> GetMember(Tx& tx, const GroupId& group, const MemberId& member,
                                        bool lock) override {
    return Guarded("group_member_get", [&]() -> absl::StatusOr<GroupMember> {
      pqxx::result r =
          tx.Exec(lock ? kGetMemberForUpdate : kGetMember, group.value(), member.value());
      if (r.empty()) return NotInGroup(group, member);
      return MemberFromRow(r[0]);
    });
  }

  absl::StatusOr<GroupMember> AddMember(Tx& tx, const GroupId& group, const MemberId& member,
                                        GroupMemberRole role) override {
    absl::Status s = Guarded("group_member_add", [&]() -> absl::Status {
      if (tx.Exec(kAddMember, group.value(), member.value(), Slug(role)).empty()) {
        return absl::AlreadyExistsError(
            absl::StrCat("member_id: member ", member.value(), " is already in group ",
                         group.value(), " / Mitglied gehört bereits zu dieser Gruppe"));
      }
      return absl::OkStatus();
    });
    if (!s.ok()) return s;
    return GetMember(tx, group, member, false);
  }

  absl::StatusOr<GroupMember> SetMemberRole(Tx& tx, const GroupId& group, const MemberId& member,
                                            GroupMemberRole role) override {
    absl::Status s = Guarded("group_member_set_role", [&]() -> absl::Status {
      if (tx.Exec(kSetMemberRole, group.value(), member.value(), Slug(role)).empty()) {
        return NotInGroup(group, member);
      }
      return absl::OkStatus();
    });
    if (!s.ok()) return s;
    return GetMember(tx, group, member, false);
  }

  absl::Status RemoveMember(Tx& tx, const GroupId& group, const MemberId& member) override {
    return Guarded("group_member_remove", [&]() -> absl::Status {
      if (tx.Exec(kRemoveMember, group.value(), member.value()).affected_rows() == 0) {
        return NotInGroup(group, member);
      }
      return absl::OkStatus();
    });
  }

  absl::StatusOr<std::vector<GroupMeetingCounts>> CountMeetings(Tx& tx, absl::Time from,
                                                                absl::Time to,
                                                                absl::Time now) override {
    return Guarded(
        "group_count_meetings", [&]() -> absl::StatusOr<std::vector<GroupMeetingCounts>> {
          std::vector<GroupMeetingCounts> out;
          for (const auto& row : tx.Exec(kCountMeetings, absl::ToUnixMicros(from),
                                         absl::ToUnixMicros(to), absl::ToUnixMicros(now))) {
            GroupMeetingCounts c;
            c.group = GroupFromRow(row);
            c.held = row["held"].as<int>();
            c.planned_remaining = row["planned_remaining"].as<int>();
            out.push_back(std::move(c));
          }
          return out;
        });
  }
};

}  // namespace

std::unique_ptr<GroupsRepository> NewGroupsRepository() {
  return std::make_unique<PgGroupsRepository>();
}

}  // namespace schutznetz::storage
