#include "libs/storage/registrations_repository.h"

#include "absl/strings/numbers.h"
#include "libs/common/errors.h"
#include "libs/common/page_token.h"
#include "libs/storage/pg_error.h"
#include "libs/storage/tx.h"

namespace schutznetz::storage {
namespace {

using domain::Registration;
using domain::RegistrationId;
using domain::RegistrationState;

#define SN_REGISTRATION_SELECT                                                                  \
  "SELECT r.id::text AS id, coalesce(r.event_id, r.district_event_id)::text AS event_id, "    \
  "coalesce(r.member_id::text, '') AS member_id, r.state, r.seq, r.attended, "               \
  "sn_us(r.register_time) AS register_us, sn_us(r.cancel_time) AS cancel_us, r.version, "    \
  "coalesce(m.anonymised, false) AS anonymised, coalesce(m.first_name, '') AS first_name, "  \
  "coalesce(m.last_name, '') AS last_name, coalesce(o.name, '') AS organisation_name, "      \
  "coalesce(r.origin_office, '') AS origin_office, "                                          \
  "coalesce(r.remote_registration_id::text, '') AS remote_id, "                              \
  "coalesce(r.person_name, '') AS person_name, "                                              \
  "coalesce(r.person_organisation, '') AS person_organisation, "                              \
  "coalesce(r.person_sector, '') AS person_sector, sn_us(r.erased_at) AS erased_us, "       \
  "coalesce(d.organiser_office, '') AS organiser_office, r.reason, r.sync_version, "          \
  "r.remote_version, coalesce(r.notified_state, '') AS notified_state, r.notified_position, " \
  "CASE WHEN r.district_event_id IS NOT NULL THEN r.remote_waitlist_position "               \
  "WHEN r.state = 'waitlisted' THEN (SELECT count(*) FROM registrations w "                  \
  "WHERE w.event_id = r.event_id AND w.state = 'waitlisted' AND w.seq <= r.seq) "            \
  "ELSE 0 END AS waitlist_position, "                                                        \
  "CASE r.state WHEN 'registered' THEN 0 WHEN 'waitlisted' THEN 1 WHEN 'pending' THEN 2 "    \
  "ELSE 3 END AS state_order "                                                               \
  "FROM registrations r LEFT JOIN members m ON m.id = r.member_id "                          \
  "LEFT JOIN organisations o ON o.id = m.organisation_id "                                   \
  "LEFT JOIN district_events d ON d.id = r.district_event_id "

// Registrations of an event: of an own event (local and incoming) or of a mirrored one (outgoing).
#define SN_OF_EVENT "(r.event_id = $1 OR r.district_event_id = $1) "

constexpr Statement kInsert{
    "registration_insert",
    "INSERT INTO registrations (event_id, district_event_id, member_id, state, origin_office, "
    "remote_registration_id, person_name, person_organisation, person_sector) VALUES "
    "($1::uuid, $2::uuid, $3::uuid, $4, $5, $6::uuid, $7, $8, $9) RETURNING id::text"};

constexpr Statement kGet{"registration_get", SN_REGISTRATION_SELECT "WHERE r.id = $1"};
constexpr Statement kGetForUpdate{"registration_get_for_update",
                                  SN_REGISTRATION_SELECT "WHERE r.id = $1 FOR UPDATE OF r"};

constexpr Statement kFindLive{
    "registration_find_live",
    SN_REGISTRATION_SELECT "WHERE " SN_OF_EVENT "AND r.member_id = $2 "
                           "AND r.state NOT IN ('cancelled', 'rejected')"};

constexpr Statement kFindIncoming{
    "registration_find_incoming",
    SN_REGISTRATION_SELECT "WHERE r.origin_office = $1 AND r.remote_registration_id = $2::uuid"};

constexpr Statement kListIncoming{
    "registration_list_incoming",
    SN_REGISTRATION_SELECT "WHERE r.event_id = $1 AND r.origin_office IS NOT NULL ORDER BY r.seq"};

constexpr Statement kListOutgoingOfMember{
    "registration_list_outgoing_of_member",
    SN_REGISTRATION_SELECT "WHERE r.member_id = $1 AND r.district_event_id IS NOT NULL "
                           "ORDER BY r.seq"};

constexpr Statement kListLiveOutgoingTo{
    "registration_list_live_outgoing_to",
    SN_REGISTRATION_SELECT "WHERE d.organiser_office = $1 AND r.district_event_id IS NOT NULL "
                           "AND r.state NOT IN ('cancelled', 'rejected') ORDER BY r.seq"};

// Keeps state, attendance and sector (counts and statistics), drops name and organisation.
constexpr Statement kEraseIncoming{
    "registration_erase_incoming",
    "UPDATE registrations SET person_name = '', person_organisation = '', erased_at = now(), "
    "version = version + 1 WHERE origin_office = $1 AND remote_registration_id = $2::uuid "
    "AND erased_at IS NULL RETURNING id::text"};

constexpr Statement kList{
    "registration_list",
    "SELECT * FROM (" SN_REGISTRATION_SELECT "WHERE " SN_OF_EVENT "AND ($2 = '' OR r.state = $2)"
    ") x WHERE (NOT $3 OR (x.state_order, x.seq) > ($4, $5)) ORDER BY x.state_order, x.seq "
    "LIMIT $6"};

constexpr Statement kCount{
    "registration_count",
    "SELECT count(*) FROM registrations r WHERE " SN_OF_EVENT "AND ($2 = '' OR r.state = $2)"};

constexpr Statement kCounts{
    "registration_counts",
    "SELECT count(*) FILTER (WHERE state = 'registered'), "
    "count(*) FILTER (WHERE state = 'waitlisted') FROM registrations WHERE event_id = $1"};

constexpr Statement kFirstWaitlisted{
    "registration_first_waitlisted",
    SN_REGISTRATION_SELECT "WHERE r.event_id = $1 AND r.state = 'waitlisted' "
                           "ORDER BY r.seq LIMIT $2 FOR UPDATE OF r"};

constexpr Statement kUpdate{
    "registration_update",
    "UPDATE registrations SET state = $3, attended = $4, cancel_time = sn_ts($5), reason = $6, "
    "sync_version = $7, remote_version = $8, remote_waitlist_position = $9, "
    "notified_state = $10, notified_position = $11, version = version + 1 "
    "WHERE id = $1 AND version = $2 RETURNING id"};

std::optional<std::string> Optional(const std::string& s) {
  if (s.empty()) return std::nullopt;
  return s;
}

std::string Slug(RegistrationState s) {
  return s == RegistrationState::kUnspecified ? "" : std::string(domain::RegistrationStateSlug(s));
}

Registration FromRow(const pqxx::row& r) {
  Registration g;
  g.id = RegistrationId(r["id"].as<std::string>());
  g.event_id = domain::EventId(r["event_id"].as<std::string>());
  g.member_id = domain::MemberId(r["member_id"].as<std::string>());
  g.state = domain::RegistrationStateFromSlug(r["state"].as<std::string>())
                .value_or(RegistrationState::kUnspecified);
  g.seq = r["seq"].as<int64_t>();
  if (!r["attended"].is_null()) g.attended = r["attended"].as<bool>();
  g.register_time = absl::FromUnixMicros(r["register_us"].as<int64_t>());
  if (!r["cancel_us"].is_null()) g.cancel_time = absl::FromUnixMicros(r["cancel_us"].as<int64_t>());
  g.version = r["version"].as<int64_t>();
  g.waitlist_position = r["waitlist_position"].as<int>();
  g.participant.origin_office = r["origin_office"].as<std::string>();
  if (domain::IsIncoming(g)) {
    g.participant.remote_registration_id = r["remote_id"].as<std::string>();
    g.participant.name = r["person_name"].as<std::string>();
    g.participant.organisation = r["person_organisation"].as<std::string>();
    g.participant.sector = domain::SectorFromSlug(r["person_sector"].as<std::string>())
                               .value_or(domain::Sector::kUnspecified);
    if (!r["erased_us"].is_null()) {
      g.erase_time = absl::FromUnixMicros(r["erased_us"].as<int64_t>());
    }
    g.member_name = domain::IsErased(g) ? "(gelöscht)" : g.participant.name;
    g.organisation_name = g.participant.organisation;
  } else {
    g.member_name = r["anonymised"].as<bool>() ? "(anonymisiert)"
                                               : r["last_name"].as<std::string>() + ", " +
                                                     r["first_name"].as<std::string>();
    g.organisation_name = r["organisation_name"].as<std::string>();
  }
  g.organiser_office = r["organiser_office"].as<std::string>();
  g.reason = r["reason"].as<std::string>();
  g.sync_version = r["sync_version"].as<int64_t>();
  g.remote_version = r["remote_version"].as<int64_t>();
  g.notified_state = domain::RegistrationStateFromSlug(r["notified_state"].as<std::string>())
                         .value_or(RegistrationState::kUnspecified);
  g.notified_position = r["notified_position"].as<int>();
  return g;
}

int StateOrder(RegistrationState s) {
  switch (s) {
    case RegistrationState::kRegistered: return 0;
    case RegistrationState::kWaitlisted: return 1;
    case RegistrationState::kPending: return 2;
    default: return 3;
  }
}

class PgRegistrationsRepository final : public RegistrationsRepository {
 public:
  absl::StatusOr<Registration> Insert(Tx& tx, const Registration& d) override {
    absl::StatusOr<std::string> id = Guarded(
        "registration_insert", [&]() -> absl::StatusOr<std::string> {
          bool outgoing = domain::IsOutgoing(d);
          bool incoming = domain::IsIncoming(d);
          std::optional<std::string> sector;
          if (incoming) sector = std::string(domain::SectorSlug(d.participant.sector));
          return tx.Exec(kInsert, outgoing ? std::nullopt : Optional(d.event_id.value()),
                         outgoing ? Optional(d.event_id.value()) : std::nullopt,
                         Optional(d.member_id.value()), Slug(d.state),
                         Optional(d.participant.origin_office),
                         Optional(d.participant.remote_registration_id),
                         incoming ? std::optional<std::string>(d.participant.name) : std::nullopt,
                         incoming ? std::optional<std::string>(d.participant.organisation)
                                  : std::nullopt,
                         sector)
              .at(0)[0]
              .as<std::string>();
        });
    if (!id.ok()) return id.status();
    return Get(tx, RegistrationId(*id), false);
  }

  absl::StatusOr<Registration> Get(Tx& tx, const RegistrationId& id, bool lock) override {
    return Guarded("registration_get", [&]() -> absl::StatusOr<Registration> {
      pqxx::result r = tx.Exec(lock ? kGetForUpdate : kGet, id.value());
      if (r.empty()) return NotFound("registration", "Anmeldung", id.value());
      return FromRow(r[0]);
    });
  }

  absl::StatusOr<std::optional<Registration>> FindLive(Tx& tx, const domain::EventId& event,
                                                       const domain::MemberId& member) override {
    return Guarded("registration_find_live",
                   [&]() -> absl::StatusOr<std::optional<Registration>> {
                     pqxx::result r = tx.Exec(kFindLive, event.value(), member.value());
                     if (r.empty()) return std::optional<Registration>();
                     return std::optional<Registration>(FromRow(r[0]));
                   });
  }

  absl::StatusOr<std::optional<Registration>> FindIncoming(Tx& tx, const std::string& origin,
                                                           const std::string& remote_id) override {
    return Guarded("registration_find_incoming",
                   [&]() -> absl::StatusOr<std::optional<Registration>> {
                     pqxx::result r = tx.Exec(kFindIncoming, origin, remote_id);
                     if (r.empty()) return std::optional<Registration>();
                     return std::optional<Registration>(FromRow(r[0]));
                   });
  }

  absl::StatusOr<std::vector<Registration>> ListIncoming(Tx& tx,
                                                         const domain::EventId& event) override {
    return Guarded("registration_list_incoming", [&]() -> absl::StatusOr<std::vector<Registration>> {
      std::vector<Registration> out;
      for (const auto& row : tx.Exec(kListIncoming, event.value())) out.push_back(FromRow(row));
      return out;
    });
  }

  absl::StatusOr<std::vector<Registration>> ListOutgoingOfMember(
      Tx& tx, const domain::MemberId& member) override {
    return Guarded("registration_list_outgoing_of_member",
                   [&]() -> absl::StatusOr<std::vector<Registration>> {
                     std::vector<Registration> out;
                     for (const auto& row : tx.Exec(kListOutgoingOfMember, member.value())) {
                       out.push_back(FromRow(row));
                     }
                     return out;
                   });
  }

  absl::StatusOr<std::vector<Registration>> ListLiveOutgoingTo(
      Tx& tx, const std::string& organiser) override {
    return Guarded("registration_list_live_outgoing_to",
                   [&]() -> absl::StatusOr<std::vector<Registration>> {
                     std::vector<Registration> out;
                     for (const auto& row : tx.Exec(kListLiveOutgoingTo, organiser)) {
                       out.push_back(FromRow(row));
                     }
                     return out;
                   });
  }

  absl::StatusOr<bool> EraseIncoming(Tx& tx, const std::string& origin,
                                     const std::string& remote_id) override {
    return Guarded("registration_erase_incoming", [&]() -> absl::StatusOr<bool> {
      return !tx.Exec(kEraseIncoming, origin, remote_id).empty();
    });
  }

  absl::StatusOr<domain::Page<Registration>> ListForEvent(
      Tx& tx, const domain::EventId& event, RegistrationState state,
      const domain::PageRequest& page) override {
    std::string fingerprint = FilterFingerprint({"registrations", event.value(), Slug(state)});
    bool has_cursor = !page.page_token.empty();
    int cursor_order = 0;
    int64_t cursor_seq = 0;
    if (has_cursor) {
      absl::StatusOr<std::vector<std::string>> key =
          DecodePageToken(page.page_token, fingerprint, 2);
      if (!key.ok()) return key.status();
      if (!absl::SimpleAtoi((*key)[0], &cursor_order) ||
          !absl::SimpleAtoi((*key)[1], &cursor_seq)) {
        return absl::InvalidArgumentError("page_token: malformed / ungültig");
      }
    }
    return Guarded("registration_list", [&]() -> absl::StatusOr<domain::Page<Registration>> {
      domain::Page<Registration> out;
      for (const auto& row : tx.Exec(kList, event.value(), Slug(state), has_cursor, cursor_order,
                                     cursor_seq, page.page_size + 1)) {
        out.items.push_back(FromRow(row));
      }
      if (static_cast<int>(out.items.size()) > page.page_size) {
        out.items.pop_back();
        const Registration& last = out.items.back();
        out.next_page_token = EncodePageToken(
            fingerprint, {std::to_string(StateOrder(last.state)), std::to_string(last.seq)});
      }
      out.total_size = tx.Exec(kCount, event.value(), Slug(state)).at(0)[0].as<int>();
      return out;
    });
  }

  absl::StatusOr<RegistrationCounts> Counts(Tx& tx, const domain::EventId& event) override {
    return Guarded("registration_counts", [&]() -> absl::StatusOr<RegistrationCounts> {
      pqxx::row r = tx.Exec(kCounts, event.value()).at(0);
      return RegistrationCounts{r[0].as<int>(), r[1].as<int>()};
    });
  }

  absl::StatusOr<std::vector<Registration>> FirstWaitlisted(Tx& tx, const domain::EventId& event,
                                                            int n) override {
    return Guarded("registration_first_waitlisted",
                   [&]() -> absl::StatusOr<std::vector<Registration>> {
                     std::vector<Registration> out;
                     if (n <= 0) return out;
                     for (const auto& row : tx.Exec(kFirstWaitlisted, event.value(), n)) {
                       out.push_back(FromRow(row));
                     }
                     return out;
                   });
  }

  absl::StatusOr<Registration> Update(Tx& tx, const Registration& g) override {
    absl::Status s = Guarded("registration_update", [&]() -> absl::Status {
      std::optional<int64_t> cancel;
      if (g.cancel_time != absl::InfinitePast()) cancel = absl::ToUnixMicros(g.cancel_time);
      std::optional<std::string> notified;
      if (g.notified_state != RegistrationState::kUnspecified) notified = Slug(g.notified_state);
      pqxx::result r = tx.Exec(kUpdate, g.id.value(), g.version, Slug(g.state), g.attended, cancel,
                               g.reason, g.sync_version, g.remote_version,
                               domain::IsOutgoing(g) ? g.waitlist_position : 0, notified,
                               g.notified_position);
      if (r.empty()) return EtagMismatch("registration", "Anmeldung");
      return absl::OkStatus();
    });
    if (!s.ok()) return s;
    return Get(tx, g.id, false);
  }
};

}  // namespace

std::unique_ptr<RegistrationsRepository> NewRegistrationsRepository() {
  return std::make_unique<PgRegistrationsRepository>();
}

}  // namespace schutznetz::storage
