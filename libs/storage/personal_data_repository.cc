#include "libs/storage/personal_data_repository.h"

#include "libs/storage/pg_array.h"
#include "libs/storage/pg_error.h"
#include "libs/storage/tx.h"

namespace schutznetz::storage {
namespace {

constexpr Statement kGroupMemberships{
    "personal_data_groups",
    "SELECT g.id::text AS id, g.name, g.kind, gm.role, sn_us(gm.join_time) AS join_us "
    "FROM group_members gm JOIN groups g ON g.id = gm.group_id "
    "WHERE gm.member_id = $1 ORDER BY g.name, g.id"};

constexpr Statement kRegistrationEvents{
    "personal_data_registration_events",
    "SELECT r.id::text AS id, coalesce(e.id, d.id)::text AS event_id, "
    "coalesce(e.title, d.title) AS title, coalesce(e.kind, d.kind) AS kind, "
    "sn_us(coalesce(e.start_time, d.start_time)) AS start_us, "
    "sn_us(coalesce(e.end_time, d.end_time)) AS end_us, "
    "coalesce(d.organiser_office, '') AS organiser_office "
    "FROM registrations r LEFT JOIN events e ON e.id = r.event_id "
    "LEFT JOIN district_events d ON d.id = r.district_event_id "
    "WHERE r.member_id = $1 ORDER BY 5, r.seq"};

// The tenant's change_log is its outbox: only items this office sent.
constexpr Statement kSentItems{
    "personal_data_sent_items",
    "SELECT item_type, item_id, destination, version, sn_us(change_time) AS change_us "
    "FROM change_log WHERE item_type IN ('registration_request', 'registration_cancel') "
    "AND item_id = ANY($1::text[]) ORDER BY id"};

constexpr Statement kAudit{
    "personal_data_audit",
    "SELECT id, sn_us(time) AS time_us, actor, method, resource_type, resource_id, action, "
    "outcome, detail FROM audit_log "
    "WHERE (resource_type = 'member' AND resource_id = $1) "
    "OR (resource_type = 'registration' AND resource_id = ANY($2::text[])) "
    "OR (resource_type = 'group' AND strpos(detail, 'member ' || $1) > 0) "
    "ORDER BY id"};

std::vector<std::string> Ids(const std::vector<domain::RegistrationId>& ids) {
  std::vector<std::string> out;
  out.reserve(ids.size());
  for (const auto& id : ids) out.push_back(id.value());
  return out;
}

class PgPersonalDataRepository final : public PersonalDataRepository {
 public:
  absl::StatusOr<std::vector<GroupMembershipRecord>> GroupMemberships(
      Tx& tx, const domain::MemberId& member) override {
    return Guarded("personal_data_groups",
                   [&]() -> absl::StatusOr<std::vector<GroupMembershipRecord>> {
                     std::vector<GroupMembershipRecord> out;
                     for (const auto& r : tx.Exec(kGroupMemberships, member.value())) {
                       GroupMembershipRecord g;
                       g.group_id = domain::GroupId(r["id"].as<std::string>());
                       g.group_name = r["name"].as<std::string>();
                       g.group_kind = domain::GroupKindFromSlug(r["kind"].as<std::string>())
                                          .value_or(domain::GroupKind::kUnspecified);
                       g.role = domain::GroupMemberRoleFromSlug(r["role"].as<std::string>())
                                    .value_or(domain::GroupMemberRole::kUnspecified);
                       g.join_time = absl::FromUnixMicros(r["join_us"].as<int64_t>());
                       out.push_back(std::move(g));
                     }
                     return out;
                   });
  }

  absl::StatusOr<std::vector<RegistrationEventRecord>> RegistrationEvents(
      Tx& tx, const domain::MemberId& member) override {
    return Guarded("personal_data_registration_events",
                   [&]() -> absl::StatusOr<std::vector<RegistrationEventRecord>> {
                     std::vector<RegistrationEventRecord> out;
                     for (const auto& r : tx.Exec(kRegistrationEvents, member.value())) {
                       RegistrationEventRecord e;
                       e.registration_id = domain::RegistrationId(r["id"].as<std::string>());
                       e.event_id = domain::EventId(r["event_id"].as<std::string>());
                       e.title = r["title"].as<std::string>();
                       e.kind = domain::EventKindFromSlug(r["kind"].as<std::string>())
                                    .value_or(domain::EventKind::kUnspecified);
                       e.start_time = absl::FromUnixMicros(r["start_us"].as<int64_t>());
                       e.end_time = absl::FromUnixMicros(r["end_us"].as<int64_t>());
                       e.organiser_office = r["organiser_office"].as<std::string>();
                       out.push_back(std::move(e));
                     }
                     return out;
                   });
  }

  absl::StatusOr<std::vector<SentRegistrationItem>> SentItems(
      Tx& tx, const std::vector<domain::RegistrationId>& registrations) override {
    return Guarded(
        "personal_data_sent_items", [&]() -> absl::StatusOr<std::vector<SentRegistrationItem>> {
          std::vector<SentRegistrationItem> out;
          if (registrations.empty()) return out;
          for (const auto& r : tx.Exec(kSentItems, ArrayLiteral(Ids(registrations)))) {
            SentRegistrationItem item;
            item.item_type = r["item_type"].as<std::string>();
            item.registration_id = domain::RegistrationId(r["item_id"].as<std::string>());
            item.destination = r["destination"].as<std::string>();
            item.version = r["version"].as<int64_t>();
            item.queue_time = absl::FromUnixMicros(r["change_us"].as<int64_t>());
            out.push_back(std::move(item));
          }
          return out;
        });
  }

  absl::StatusOr<std::vector<domain::AuditEntry>> AuditEntries(
      Tx& tx, const domain::MemberId& member,
      const std::vector<domain::RegistrationId>& registrations) override {
    return Guarded("personal_data_audit", [&]() -> absl::StatusOr<std::vector<domain::AuditEntry>> {
      std::vector<domain::AuditEntry> out;
      for (const auto& r : tx.Exec(kAudit, member.value(), ArrayLiteral(Ids(registrations)))) {
        domain::AuditEntry e;
        e.id = r["id"].as<int64_t>();
        e.time = absl::FromUnixMicros(r["time_us"].as<int64_t>());
        e.actor = r["actor"].as<std::string>();
        e.method = r["method"].as<std::string>();
        e.resource_type = r["resource_type"].as<std::string>();
        e.resource_id = r["resource_id"].as<std::string>();
        e.action = r["action"].as<std::string>();
        e.outcome = r["outcome"].as<std::string>();
        e.detail = r["detail"].as<std::string>();
        out.push_back(std::move(e));
      }
      return out;
    });
  }
};

}  // namespace

std::unique_ptr<PersonalDataRepository> NewPersonalDataRepository() {
  return std::make_unique<PgPersonalDataRepository>();
}

}  // namespace schutznetz::storage
