// The office's statistics in SQL: the figures of a period computed from the tenant tables
// (members, organisations, events, registrations, case_conferences, groups), and per period the
// hash of the snapshot last queued for the aggregator (table `statistics_sent`).
//
// Every figure is a count (one parameterised query per figure family); names never leave these
// queries. Periods are given as Europe/Berlin bounds (domain::BoundsOf); events count by their
// start, case conferences by their date. Only events this office organises count, so district
// events of other offices held here as copies are never counted twice in the district.
//
//   SN_ASSIGN_OR_RETURN(domain::StatisticsFigures f, repo->Compute(tx, "lippstadt", {2025, 2}));
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/domain/statistics.h"

namespace schutznetz::storage {

class Tx;

// What the office last queued for the aggregator for one period.
struct SentSnapshot {
  std::string content_hash;  // hex SHA-256 of the figures
  int64_t version = 0;       // sync item version
  absl::Time sent_time;
};

class StatisticsRepository {
 public:
  virtual ~StatisticsRepository() = default;

  // The figures of `office_id` for `period`.
  virtual absl::StatusOr<domain::StatisticsFigures> Compute(
      Tx& tx, const std::string& office_id, const domain::StatisticsPeriod& period) = 0;

  // The Europe/Berlin year of the office's earliest activity: the first member joining, the first
  // event it organises, the first case conference; nullopt for an office without any.
  virtual absl::StatusOr<std::optional<int>> FirstActivityYear(Tx& tx,
                                                              const std::string& office_id) = 0;

  // Serialises the publishers of this database (several replicas) until the transaction ends.
  virtual absl::Status LockPublishing(Tx& tx) = 0;
  // The snapshot last queued for `period`; nullopt if none was.
  virtual absl::StatusOr<std::optional<SentSnapshot>> GetSent(
      Tx& tx, const domain::StatisticsPeriod& period) = 0;
  // Records the snapshot just queued for `period` (sent_time: now).
  virtual absl::Status PutSent(Tx& tx, const domain::StatisticsPeriod& period,
                               const std::string& content_hash, int64_t version) = 0;
};

std::unique_ptr<StatisticsRepository> NewStatisticsRepository();

}  // namespace schutznetz::storage
