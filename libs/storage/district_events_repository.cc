#include "libs/storage/district_events_repository.h"

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
};

}  // namespace

std::unique_ptr<DistrictEventsRepository> NewDistrictEventsRepository() {
  return std::make_unique<PgDistrictEventsRepository>();
}

}  // namespace schutznetz::storage
