// The aggregator's store of the offices' statistics snapshots (table `office_statistics`): the
// latest snapshot per office and period, kept as the exact bytes the office sent.
//
// Snapshots arrive through the sync in any order; Put keeps the highest version, so an older
// version that arrives late never replaces a newer one.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/domain/statistics.h"

namespace schutznetz::storage {

class Tx;

struct OfficeSnapshotRecord {
  std::string office_id;
  domain::StatisticsPeriod period;
  int64_t version = 0;
  std::string payload;  // serialised schutznetz.v1.StatisticsSnapshot
  std::string figures_json;  // the same as JSON, for SQL queries; may be empty
  absl::Time computed_at;
  absl::Time received_at;  // set by the database on Put
};

class OfficeStatisticsRepository {
 public:
  virtual ~OfficeStatisticsRepository() = default;

  // Stores `record` unless the office's snapshot for the period has the same or a higher version
  // already; returns whether it was stored.
  virtual absl::StatusOr<bool> Put(Tx& tx, const OfficeSnapshotRecord& record) = 0;
  // The latest snapshot of every office that sent one for `period`, ordered by office id.
  virtual absl::StatusOr<std::vector<OfficeSnapshotRecord>> ListForPeriod(
      Tx& tx, const domain::StatisticsPeriod& period) = 0;
};

std::unique_ptr<OfficeStatisticsRepository> NewOfficeStatisticsRepository();

}  // namespace schutznetz::storage
