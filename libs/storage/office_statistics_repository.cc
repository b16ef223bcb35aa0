#include "libs/storage/office_statistics_repository.h"

#include "libs/storage/pg_error.h"
#include "libs/storage/tx.h"

namespace schutznetz::storage {
namespace {

// Inserts, or replaces a stored snapshot of a lower version; returns a row only when stored.
constexpr Statement kPut{
    "office_statistics_put",
    "INSERT INTO office_statistics (office_id, year, quarter, version, payload, computed_at, "
    "figures) VALUES ($1, $2, $3, $4, $5, sn_ts($6), $7::jsonb) "
    "ON CONFLICT (office_id, year, quarter) DO UPDATE SET version = EXCLUDED.version, "
    "payload = EXCLUDED.payload, computed_at = EXCLUDED.computed_at, "
    "figures = EXCLUDED.figures, received_at = now() "
    "WHERE office_statistics.version < EXCLUDED.version "
    "RETURNING office_id"};

constexpr Statement kListForPeriod{
    "office_statistics_list",
    "SELECT office_id, year, quarter, version, payload, sn_us(computed_at) AS computed_us, "
    "sn_us(received_at) AS received_us FROM office_statistics "
    "WHERE year = $1 AND quarter = $2 ORDER BY office_id"};

class PgOfficeStatisticsRepository final : public OfficeStatisticsRepository {
 public:
  absl::StatusOr<bool> Put(Tx& tx, const OfficeSnapshotRecord& s) override {
    return Guarded("office_statistics_put", [&]() -> absl::StatusOr<bool> {
      pqxx::result r = tx.Exec(kPut, s.office_id, s.period.year, s.period.quarter, s.version,
                               pqxx::binarystring(s.payload), absl::ToUnixMicros(s.computed_at),
                               s.figures_json.empty() ? std::optional<std::string>()
                                                      : std::optional<std::string>(s.figures_json));
      return !r.empty();
    });
  }

  absl::StatusOr<std::vector<OfficeSnapshotRecord>> ListForPeriod(
      Tx& tx, const domain::StatisticsPeriod& period) override {
    return Guarded("office_statistics_list",
                   [&]() -> absl::StatusOr<std::vector<OfficeSnapshotRecord>> {
                     std::vector<OfficeSnapshotRecord> out;
                     for (const auto& r : tx.Exec(kListForPeriod, period.year, period.quarter)) {
                       OfficeSnapshotRecord s;
                       s.office_id = r["office_id"].as<std::string>();
                       s.period = {r["year"].as<int>(), r["quarter"].as<int>()};
                       s.version = r["version"].as<int64_t>();
                       s.payload = pqxx::binarystring(r["payload"]).str();
                       s.computed_at = absl::FromUnixMicros(r["computed_us"].as<int64_t>());
                       s.received_at = absl::FromUnixMicros(r["received_us"].as<int64_t>());
                       out.push_back(std::move(s));
                     }
                     return out;
                   });
  }
};

}  // namespace

std::unique_ptr<OfficeStatisticsRepository> NewOfficeStatisticsRepository() {
  return std::make_unique<PgOfficeStatisticsRepository>();
}

}  // namespace schutznetz::storage
