#include "libs/storage/events_repository.h"

#include <map>
#include <optional>

#include "absl/strings/numbers.h"
#include "libs/common/errors.h"
#include "libs/common/page_token.h"
#include "libs/storage/pg_array.h"
#include "libs/storage/pg_error.h"
#include "libs/storage/tx.h"

namespace schutznetz::storage {
namespace {

using domain::Event;
using domain::EventId;

// The calendar of an office: its own events (with registration counts) and the district events of
// other offices mirrored in `district_events` (counts as their organiser reported them). Both
// yield the same raw columns, so one output list and one FromRow serve both.
#define SN_OWN_EVENTS                                                                           \
  "SELECT e.id, e.kind, e.title, e.topic, e.description, e.start_time, e.end_time, e.place, "  \
  "e.online_link, e.group_id, e.organiser_office, e.audience_sectors, e.audience_categories, " \
  "e.capacity, e.scope, e.state, e.cancel_reason, e.minutes, e.minutes_approved, e.series_id, " \
  "e.version, e.create_time, e.update_time, e.sync_version, false AS mirrored, "              \
  "c.registered, c.waitlisted, c.attended "                                                  \
  "FROM events e CROSS JOIN LATERAL (SELECT "                                                \
  "count(*) FILTER (WHERE r.state = 'registered') AS registered, "                           \
  "count(*) FILTER (WHERE r.state = 'waitlisted') AS waitlisted, "                           \
  "count(*) FILTER (WHERE r.attended) AS attended "                                          \
  "FROM registrations r WHERE r.event_id = e.id) c "

#define SN_MIRRORED_EVENTS                                                                      \
  "SELECT d.id, d.kind, d.title, d.topic, d.description, d.start_time, d.end_time, d.place, "  \
  "d.online_link, NULL::uuid AS group_id, d.organiser_office, d.audience_sectors, "           \
  "d.audience_categories, d.capacity, d.scope, d.state, d.cancel_reason, '' AS minutes, "     \
  "false AS minutes_approved, NULL::uuid AS series_id, d.version, "                          \
  "d.received_time AS create_time, d.received_time AS update_time, d.version AS sync_version, " \
  "true AS mirrored, d.registered_count::bigint AS registered, "                             \
  "d.waitlisted_count::bigint AS waitlisted, 0::bigint AS attended FROM district_events d "

#define SN_EVENT_OUTPUT                                                                        \
  "SELECT e.id::text AS id, e.kind, e.title, e.topic, e.description, "                       \
  "sn_us(e.start_time) AS start_us, sn_us(e.end_time) AS end_us, e.place, e.online_link, "   \
  "coalesce(e.group_id::text, '') AS group_id, e.organiser_office, "                         \
  "e.audience_sectors AS sectors, e.audience_categories AS categories, "                     \
  "e.capacity, e.scope, e.state, "                                                           \
  "e.cancel_reason, e.minutes, e.minutes_approved, coalesce(e.series_id::text, '') AS series, "\
  "e.version, sn_us(e.create_time) AS create_us, sn_us(e.update_time) AS update_us, "        \
  "e.sync_version, e.mirrored, e.registered, e.waitlisted, e.attended "

// Withdrawn district events (tombstones) are not part of the calendar.
#define SN_EVENT_FILTER                                                                        \
  "e.state <> 'withdrawn' "                                                                  \
  "AND e.start_time >= coalesce(sn_ts($1), '-infinity') "                                   \
  "AND e.start_time < coalesce(sn_ts($2), 'infinity') AND ($3 = '' OR e.kind = $3) "          \
  "AND ($4 = '' OR e.scope = $4) AND ($5 = '' OR e.state = $5) "                             \
  "AND ($6::uuid IS NULL OR e.group_id = $6::uuid) AND ($7 = '' OR e.organiser_office = $7) "

constexpr Statement kInsert{
    "event_insert",
    "INSERT INTO events (kind, title, topic, description, start_time, end_time, place, "
    "online_link, group_id, organiser_office, audience_sectors, audience_categories, capacity, "
    "scope, state, series_id) VALUES ($1, $2, $3, $4, sn_ts($5), sn_ts($6), $7, $8, $9::uuid, "
    "$10, $11::text[], $12::text[], $13, $14, $15, $16::uuid) RETURNING id::text AS id, kind, "
    "title, topic, description, sn_us(start_time) AS start_us, sn_us(end_time) AS end_us, place, "
    "online_link, coalesce(group_id::text, '') AS group_id, organiser_office, "
    "audience_sectors AS sectors, audience_categories AS categories, capacity, scope, state, "
    "cancel_reason, minutes, minutes_approved, coalesce(series_id::text, '') AS series, version, "
    "sn_us(create_time) AS create_us, sn_us(update_time) AS update_us, sync_version, "
    "false AS mirrored, 0 AS registered, 0 AS waitlisted, 0 AS attended"};

constexpr Statement kGet{"event_get",
                         SN_EVENT_OUTPUT "FROM (" SN_OWN_EVENTS "WHERE e.id = $1) e"};
constexpr Statement kGetForUpdate{
    "event_get_for_update",
    SN_EVENT_OUTPUT "FROM (" SN_OWN_EVENTS "WHERE e.id = $1 FOR UPDATE OF e) e"};
constexpr Statement kGetMirrored{"event_get_mirrored",
                                 SN_EVENT_OUTPUT "FROM (" SN_MIRRORED_EVENTS "WHERE d.id = $1) e"};
constexpr Statement kGetMirroredForUpdate{
    "event_get_mirrored_for_update",
    SN_EVENT_OUTPUT "FROM (" SN_MIRRORED_EVENTS "WHERE d.id = $1 FOR UPDATE OF d) e"};

// The sort key and filter columns of the calendar, own and mirrored: cheap to scan, so the page
// is chosen on these before any registration count or output column is computed.
#define SN_EVENT_KEYS                                                                           \
  "SELECT id, kind, start_time, scope, state, group_id, organiser_office, false AS mirrored "  \
  "FROM events UNION ALL SELECT id, kind, start_time, scope, state, NULL::uuid, "            \
  "organiser_office, true FROM district_events"

// One page of the calendar: the keys of the page first (both tables in start order by their
// (start_time, id) indexes, merged), then the full rows and counts of those events only.
constexpr Statement kList{
    "event_list",
    "WITH page AS MATERIALIZED (SELECT e.id, e.mirrored FROM (" SN_EVENT_KEYS ") e WHERE "
    SN_EVENT_FILTER "AND (e.start_time, e.id) > (coalesce(sn_ts($8), '-infinity'), $9::uuid) "
    "ORDER BY e.start_time, e.id LIMIT $10) "
    SN_EVENT_OUTPUT "FROM (" SN_OWN_EVENTS "WHERE e.id IN (SELECT id FROM page WHERE NOT mirrored) "
    "UNION ALL " SN_MIRRORED_EVENTS "WHERE d.id IN (SELECT id FROM page WHERE mirrored)) e "
    "ORDER BY e.start_time, e.id"};

constexpr Statement kCount{"event_count",
                           "SELECT count(*) FROM (" SN_EVENT_KEYS ") e WHERE " SN_EVENT_FILTER};

constexpr Statement kSetSyncVersion{"event_set_sync_version",
                                    "UPDATE events SET sync_version = $2 WHERE id = $1"};

constexpr Statement kUpdate{
    "event_update",
    "UPDATE events SET kind = $3, title = $4, topic = $5, description = $6, "
    "start_time = sn_ts($7), end_time = sn_ts($8), place = $9, online_link = $10, "
    "group_id = $11::uuid, audience_sectors = $12::text[], audience_categories = $13::text[], "
    "capacity = $14, scope = $15, state = $16, cancel_reason = $17, minutes = $18, "
    "minutes_approved = $19, version = version + 1, update_time = now() "
    "WHERE id = $1 AND version = $2 RETURNING id"};

constexpr Statement kBumpVersion{
    "event_bump_version",
    "UPDATE events SET version = version + 1, update_time = now() WHERE id = $1"};

constexpr Statement kDelete{"event_delete", "DELETE FROM events WHERE id = $1"};

constexpr Statement kListSharedOwn{
    "event_list_shared_own",
    "SELECT id::text FROM events WHERE scope IN ('district', 'public') ORDER BY start_time, id"};

constexpr Statement kAgendaFor{
    "agenda_for_events",
    "SELECT event_id::text, position, title, presenter, duration_minutes FROM agenda_items "
    "WHERE event_id = ANY($1::uuid[]) ORDER BY event_id, position"};

constexpr Statement kAgendaDelete{"agenda_delete", "DELETE FROM agenda_items WHERE event_id = $1"};

constexpr Statement kAgendaInsert{
    "agenda_insert",
    "INSERT INTO agenda_items (event_id, position, title, presenter, duration_minutes) "
    "VALUES ($1, $2, $3, $4, $5)"};

constexpr char kNilUuid[] = "00000000-0000-0000-0000-000000000000";

std::optional<std::string> OptionalId(const std::string& id) {
  if (id.empty()) return std::nullopt;
  return id;
}

std::optional<int64_t> OptionalMicros(absl::Time t) {
  if (t == absl::InfinitePast() || t == absl::InfiniteFuture()) return std::nullopt;
  return absl::ToUnixMicros(t);
}

std::string Slug(domain::EventKind k) {
  return k == domain::EventKind::kUnspecified ? "" : std::string(domain::EventKindSlug(k));
}
std::string Slug(domain::EventScope s) {
  return s == domain::EventScope::kUnspecified ? "" : std::string(domain::EventScopeSlug(s));
}
std::string Slug(domain::EventState s) {
  return s == domain::EventState::kUnspecified ? "" : std::string(domain::EventStateSlug(s));
}

Event FromRow(const pqxx::row& r) {
  Event e;
  e.id = EventId(r["id"].as<std::string>());
  e.kind = domain::EventKindFromSlug(r["kind"].as<std::string>())
               .value_or(domain::EventKind::kUnspecified);
  e.title = r["title"].as<std::string>();
  e.topic = r["topic"].as<std::string>();
  e.description = r["description"].as<std::string>();
  e.start_time = absl::FromUnixMicros(r["start_us"].as<int64_t>());
  e.end_time = absl::FromUnixMicros(r["end_us"].as<int64_t>());
  e.place = r["place"].as<std::string>();
  e.online_link = r["online_link"].as<std::string>();
  e.group_id = domain::GroupId(r["group_id"].as<std::string>());
  e.organiser_office = r["organiser_office"].as<std::string>();
  e.audience_sectors = FromSlugArray<domain::Sector>(r["sectors"], &domain::SectorFromSlug);
  e.audience_categories =
      FromSlugArray<domain::ActorCategory>(r["categories"], &domain::ActorCategoryFromSlug);
  e.capacity = r["capacity"].as<int>();
  e.scope = domain::EventScopeFromSlug(r["scope"].as<std::string>())
                .value_or(domain::EventScope::kUnspecified);
  std::string state = r["state"].as<std::string>();
  e.withdrawn = state == "withdrawn";
  e.state = domain::EventStateFromSlug(state).value_or(domain::EventState::kUnspecified);
  e.cancel_reason = r["cancel_reason"].as<std::string>();
  e.minutes = r["minutes"].as<std::string>();
  e.minutes_approved = r["minutes_approved"].as<bool>();
  e.series_id = r["series"].as<std::string>();
  e.version = r["version"].as<int64_t>();
  e.create_time = absl::FromUnixMicros(r["create_us"].as<int64_t>());
  e.update_time = absl::FromUnixMicros(r["update_us"].as<int64_t>());
  e.registered_count = r["registered"].as<int>();
  e.waitlisted_count = r["waitlisted"].as<int>();
  e.attended_count = r["attended"].as<int>();
  e.sync_version = r["sync_version"].as<int64_t>();
  e.mirrored = r["mirrored"].as<bool>();
  return e;
}

// Loads the agenda of every event in `events` with one query.
void LoadAgendas(Tx& tx, std::vector<Event>& events) {
  if (events.empty()) return;
  std::vector<std::string> ids;
  std::map<std::string, Event*> by_id;
  for (Event& e : events) {
    ids.push_back(e.id.value());
    by_id[e.id.value()] = &e;
  }
  for (const auto& r : tx.Exec(kAgendaFor, ArrayLiteral(ids))) {
    domain::AgendaItem item;
    item.position = r[1].as<int>();
    item.title = r[2].as<std::string>();
    item.presenter = r[3].as<std::string>();
    item.duration_minutes = r[4].as<int>();
    by_id[r[0].as<std::string>()]->agenda.push_back(std::move(item));
  }
}

void InsertAgenda(Tx& tx, const EventId& id, const std::vector<domain::AgendaItem>& agenda) {
  int position = 1;
  for (const domain::AgendaItem& item : agenda) {
    tx.Exec(kAgendaInsert, id.value(), position++, item.title, item.presenter,
            item.duration_minutes);
  }
}

class PgEventsRepository final : public EventsRepository {
 public:
  // The new row comes back from the INSERT itself (a new event has no registrations yet), and
  // its agenda is the one just written: no second read.
  absl::StatusOr<Event> Insert(Tx& tx, const Event& e) override {
    return Guarded("event_insert", [&]() -> absl::StatusOr<Event> {
      Event created = FromRow(
          tx.Exec(kInsert, Slug(e.kind), e.title, e.topic, e.description,
                  absl::ToUnixMicros(e.start_time), absl::ToUnixMicros(e.end_time), e.place,
                  e.online_link, OptionalId(e.group_id.value()), e.organiser_office,
                  SlugArray(e.audience_sectors, &domain::SectorSlug),
                  SlugArray(e.audience_categories, &domain::ActorCategorySlug), e.capacity,
                  Slug(e.scope), Slug(e.state), OptionalId(e.series_id))
              .at(0));
      InsertAgenda(tx, created.id, e.agenda);
      int position = 1;
      for (domain::AgendaItem item : e.agenda) {
        item.position = position++;
        created.agenda.push_back(std::move(item));
      }
      return created;
    });
  }

  absl::StatusOr<Event> Get(Tx& tx, const EventId& id, bool lock) override {
    return Guarded("event_get", [&]() -> absl::StatusOr<Event> {
      pqxx::result r = tx.Exec(lock ? kGetForUpdate : kGet, id.value());
      if (r.empty()) return NotFound("event", "Veranstaltung", id.value());
      std::vector<Event> events = {FromRow(r[0])};
      LoadAgendas(tx, events);
      return std::move(events[0]);
    });
  }

  absl::StatusOr<Event> GetInCalendar(Tx& tx, const EventId& id, bool lock) override {
    return Guarded("event_get_in_calendar", [&]() -> absl::StatusOr<Event> {
      pqxx::result r = tx.Exec(lock ? kGetForUpdate : kGet, id.value());
      if (r.empty()) r = tx.Exec(lock ? kGetMirroredForUpdate : kGetMirrored, id.value());
      if (r.empty()) return NotFound("event", "Veranstaltung", id.value());
      std::vector<Event> events = {FromRow(r[0])};
      LoadAgendas(tx, events);
      return std::move(events[0]);
    });
  }

  absl::Status SetSyncVersion(Tx& tx, const EventId& id, int64_t version) override {
    return Guarded("event_set_sync_version", [&]() -> absl::Status {
      tx.Exec(kSetSyncVersion, id.value(), version);
      return absl::OkStatus();
    });
  }

  absl::StatusOr<domain::Page<Event>> List(Tx& tx, const domain::EventFilter& f,
                                           const domain::PageRequest& page) override {
    std::optional<int64_t> from = OptionalMicros(f.from);
    std::optional<int64_t> to = OptionalMicros(f.to);
    std::string fingerprint = FilterFingerprint(
        {"events", from ? std::to_string(*from) : "", to ? std::to_string(*to) : "", Slug(f.kind),
         Slug(f.scope), Slug(f.state), f.group_id.value(), f.organiser_office});
    bool has_cursor = !page.page_token.empty();
    int64_t cursor_us = 0;
    std::string cursor_id = kNilUuid;
    int total = -1;  // counted on the first page, carried in the token to the later ones
    if (has_cursor) {
      absl::StatusOr<std::vector<std::string>> key =
          DecodePageToken(page.page_token, fingerprint, 3);
      if (!key.ok()) return key.status();
      if (!absl::SimpleAtoi((*key)[0], &cursor_us) || !absl::SimpleAtoi((*key)[2], &total) ||
          total < 0) {
        return absl::InvalidArgumentError("page_token: malformed / ungültig");
      }
      cursor_id = (*key)[1];
    }
    return Guarded("event_list", [&]() -> absl::StatusOr<domain::Page<Event>> {
      domain::Page<Event> out;
      std::optional<std::string> group = OptionalId(f.group_id.value());
      for (const auto& row :
           tx.Exec(kList, from, to, Slug(f.kind), Slug(f.scope), Slug(f.state), group,
                   f.organiser_office,
                   has_cursor ? std::optional<int64_t>(cursor_us) : std::nullopt, cursor_id,
                   page.page_size + 1)) {
        out.items.push_back(FromRow(row));
      }
      const bool more = static_cast<int>(out.items.size()) > page.page_size;
      if (more) out.items.pop_back();
      if (total < 0) {
        total = more ? tx.Exec(kCount, from, to, Slug(f.kind), Slug(f.scope), Slug(f.state),
                               group, f.organiser_office)
                           .at(0)[0]
                           .as<int>()
                     : static_cast<int>(out.items.size());
      }
      if (more) {
        const Event& last = out.items.back();
        out.next_page_token =
            EncodePageToken(fingerprint, {std::to_string(absl::ToUnixMicros(last.start_time)),
                                          last.id.value(), std::to_string(total)});
      }
      LoadAgendas(tx, out.items);
      out.total_size = total;
      return out;
    });
  }

  absl::StatusOr<Event> Update(Tx& tx, const Event& e) override {
    absl::Status s = Guarded("event_update", [&]() -> absl::Status {
      pqxx::result r = tx.Exec(
          kUpdate, e.id.value(), e.version, Slug(e.kind), e.title, e.topic, e.description,
          absl::ToUnixMicros(e.start_time), absl::ToUnixMicros(e.end_time), e.place,
          e.online_link, OptionalId(e.group_id.value()),
          SlugArray(e.audience_sectors, &domain::SectorSlug),
          SlugArray(e.audience_categories, &domain::ActorCategorySlug), e.capacity, Slug(e.scope),
          Slug(e.state), e.cancel_reason, e.minutes, e.minutes_approved);
      if (r.empty()) return EtagMismatch("event", "Veranstaltung");
      return absl::OkStatus();
    });
    if (!s.ok()) return s;
    return Get(tx, e.id, false);
  }

  absl::Status ReplaceAgenda(Tx& tx, const EventId& id,
                             const std::vector<domain::AgendaItem>& agenda) override {
    return Guarded("agenda_replace", [&]() -> absl::Status {
      tx.Exec(kAgendaDelete, id.value());
      InsertAgenda(tx, id, agenda);
      tx.Exec(kBumpVersion, id.value());
      return absl::OkStatus();
    });
  }

  absl::StatusOr<std::vector<EventId>> ListSharedOwn(Tx& tx) override {
    return Guarded("event_list_shared_own", [&]() -> absl::StatusOr<std::vector<EventId>> {
      std::vector<EventId> out;
      for (const auto& row : tx.Exec(kListSharedOwn)) out.emplace_back(row[0].as<std::string>());
      return out;
    });
  }

  absl::Status Delete(Tx& tx, const EventId& id) override {
    return Guarded("event_delete", [&]() -> absl::Status {
      if (tx.Exec(kDelete, id.value()).affected_rows() == 0) {
        return NotFound("event", "Veranstaltung", id.value());
      }
      return absl::OkStatus();
    });
  }
};

}  // namespace

std::unique_ptr<EventsRepository> NewEventsRepository() {
  return std::make_unique<PgEventsRepository>();
}

}  // namespace schutznetz::storage
