#include "libs/storage/district_events_repository.h"

#include "absl/strings/numbers.h"
#include "libs/common/page_token.h"
#include "libs/storage/pg_array.h"
#include "libs/storage/pg_error.h"
#include "libs/storage/tx.h"

namespace schutznetz::storage {
namespace {

constexpr Statement kUpsert{
    "district_event_upsert",
    "INSERT INTO district_events (id, organiser_office, version, kind, title, topic, description, "
    "start_time, end_time, place, online_link, audience_sectors, audience_categories, capacity, "
    "registered_count, waitlisted_count, scope, state, cancel_reason) VALUES ($1, $2, $3, $4, $5, "
    "$6, $7, sn_ts($8), sn_ts($9), $10, $11, $12::text[], $13::text[], $14, $15, $16, $17, $18, "
    "$19) ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, kind = EXCLUDED.kind, "
    "title = EXCLUDED.title, topic = EXCLUDED.topic, description = EXCLUDED.description, "
    "start_time = EXCLUDED.start_time, end_time = EXCLUDED.end_time, place = EXCLUDED.place, "
    "online_link = EXCLUDED.online_link, audience_sectors = EXCLUDED.audience_sectors, "
    "audience_categories = EXCLUDED.audience_categories, capacity = EXCLUDED.capacity, "
    "registered_count = EXCLUDED.registered_count, waitlisted_count = EXCLUDED.waitlisted_count, "
    "scope = EXCLUDED.scope, state = EXCLUDED.state, cancel_reason = EXCLUDED.cancel_reason, "
    "received_time = now() WHERE district_events.version < EXCLUDED.version "
    "AND district_events.organiser_office = EXCLUDED.organiser_office RETURNING id"};

constexpr Statement kWithdraw{
    "district_event_withdraw",
    "UPDATE district_events SET state = 'withdrawn', version = $3, received_time = now() "
    "WHERE id = $1 AND organiser_office = $2 AND version < $3 RETURNING id"};

constexpr Statement kFindOrganiser{"district_event_find_organiser",
                                   "SELECT organiser_office FROM district_events WHERE id = $1"};

// Only the columns a poster shows.
constexpr Statement kListPublic{
    "district_event_list_public",
    "SELECT id::text, organiser_office, version, kind, title, topic, description, "
    "sn_us(start_time) AS start_us, sn_us(end_time) AS end_us, place, online_link, state "
    "FROM district_events WHERE scope = 'public' AND state <> 'withdrawn' "
    "AND ($1::bigint IS NULL OR start_time >= sn_ts($1)) "
    "AND ($2::bigint IS NULL OR start_time < sn_ts($2)) "
    "AND (NOT $3 OR (start_time, id) > (sn_ts($4), $5::uuid)) "
    "ORDER BY start_time, id LIMIT $6"};

std::optional<int64_t> OptionalMicros(absl::Time t) {
  if (t == absl::InfinitePast() || t == absl::InfiniteFuture()) return std::nullopt;
  return absl::ToUnixMicros(t);
}

domain::Event PublicFromRow(const pqxx::row& r) {
  domain::Event e;
  e.id = domain::EventId(r["id"].as<std::string>());
  e.organiser_office = r["organiser_office"].as<std::string>();
  e.sync_version = r["version"].as<int64_t>();
  e.kind = domain::EventKindFromSlug(r["kind"].as<std::string>())
               .value_or(domain::EventKind::kUnspecified);
  e.title = r["title"].as<std::string>();
  e.topic = r["topic"].as<std::string>();
  e.description = r["description"].as<std::string>();
  e.start_time = absl::FromUnixMicros(r["start_us"].as<int64_t>());
  e.end_time = absl::FromUnixMicros(r["end_us"].as<int64_t>());
  e.place = r["place"].as<std::string>();
  e.online_link = r["online_link"].as<std::string>();
  e.scope = domain::EventScope::kPublic;
  e.state = domain::EventStateFromSlug(r["state"].as<std::string>())
                .value_or(domain::EventState::kUnspecified);
  e.mirrored = true;
  return e;
}

class PgDistrictEventsRepository final : public DistrictEventsRepository {
 public:
  absl::StatusOr<bool> Upsert(Tx& tx, const domain::Event& e) override {
    return Guarded("district_event_upsert", [&]() -> absl::StatusOr<bool> {
      if (e.withdrawn) {
        return !tx.Exec(kWithdraw, e.id.value(), e.organiser_office, e.sync_version).empty();
      }
      pqxx::result r = tx.Exec(
          kUpsert, e.id.value(), e.organiser_office, e.sync_version,
          std::string(domain::EventKindSlug(e.kind)), e.title, e.topic, e.description,
          absl::ToUnixMicros(e.start_time), absl::ToUnixMicros(e.end_time), e.place,
          e.online_link, SlugArray(e.audience_sectors, &domain::SectorSlug),
          SlugArray(e.audience_categories, &domain::ActorCategorySlug), e.capacity,
          e.registered_count, e.waitlisted_count, std::string(domain::EventScopeSlug(e.scope)),
          std::string(domain::EventStateSlug(e.state)), e.cancel_reason);
      return !r.empty();
    });
  }

  absl::StatusOr<std::optional<std::string>> FindOrganiser(Tx& tx,
                                                           const domain::EventId& id) override {
    return Guarded("district_event_find_organiser",
                   [&]() -> absl::StatusOr<std::optional<std::string>> {
                     pqxx::result r = tx.Exec(kFindOrganiser, id.value());
                     if (r.empty()) return std::optional<std::string>();
                     return std::optional<std::string>(r[0][0].as<std::string>());
                   });
  }

  absl::StatusOr<domain::Page<domain::Event>> ListPublic(Tx& tx, absl::Time from, absl::Time to,
                                                         const domain::PageRequest& page) override {
    std::optional<int64_t> from_us = OptionalMicros(from);
    std::optional<int64_t> to_us = OptionalMicros(to);
    std::string fingerprint =
        FilterFingerprint({"public_district_events", from_us ? std::to_string(*from_us) : "",
                           to_us ? std::to_string(*to_us) : ""});
    bool has_cursor = !page.page_token.empty();
    int64_t cursor_us = 0;
    std::string cursor_id = "00000000-0000-0000-0000-000000000000";
    if (has_cursor) {
      absl::StatusOr<std::vector<std::string>> key =
          DecodePageToken(page.page_token, fingerprint, 2);
      if (!key.ok()) return key.status();
      if (!absl::SimpleAtoi((*key)[0], &cursor_us)) {
        return absl::InvalidArgumentError("page_token: malformed / ungültig");
      }
      cursor_id = (*key)[1];
    }
    return Guarded("district_event_list_public",
                   [&]() -> absl::StatusOr<domain::Page<domain::Event>> {
                     domain::Page<domain::Event> out;
                     for (const auto& row : tx.Exec(kListPublic, from_us, to_us, has_cursor,
                                                    cursor_us, cursor_id, page.page_size + 1)) {
                       out.items.push_back(PublicFromRow(row));
                     }
                     if (static_cast<int>(out.items.size()) > page.page_size) {
                       out.items.pop_back();
                       const domain::Event& last = out.items.back();
                       out.next_page_token = EncodePageToken(
                           fingerprint,
                           {std::to_string(absl::ToUnixMicros(last.start_time)), last.id.value()});
                     }
                     return out;
                   });
  }
};

}  // namespace

std::unique_ptr<DistrictEventsRepository> NewDistrictEventsRepository() {
  return std::make_unique<PgDistrictEventsRepository>();
}

}  // namespace schutznetz::storage
