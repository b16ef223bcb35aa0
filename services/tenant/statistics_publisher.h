// StatisticsPublisher: the tenant's background job that sends the office's statistics snapshots
// (counts only) to the district aggregator whenever they change.
//
// Every run computes the snapshots of the current and the previous year and their quarters
// (Europe/Berlin), and of earlier years back to the office's first activity (at most
// domain::kPublishedYearsBack years), so a history entered later still reaches the district. For each period, in one transaction: compute the figures, compare their hash
// with the one last queued (table statistics_sent), and if it differs append a
// "statistics_snapshot" item (id "<office>:<year>:<quarter>", destination "aggregator", version
// NextSyncVersion(previous)) to the outbox and record the new hash. The sync agent delivers it.
// An advisory lock serialises runs, so replicas of one office never queue a period twice.
//
//   StatisticsPublisher publisher(db, sync.outbox(), "lippstadt", absl::Minutes(5));
//   publisher.Start();   // a run now, then one every interval, until Stop()
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "libs/common/clock.h"
#include "libs/domain/statistics.h"
#include "libs/storage/audit_repository.h"
#include "libs/storage/database.h"
#include "libs/storage/statistics_repository.h"
#include "libs/sync/outbox.h"
#include "schutznetz/v1/statistics.pb.h"

namespace schutznetz::tenant {

// What a run did with one period.
struct PublishResult {
  domain::StatisticsPeriod period;
  bool sent = false;  // queued now; false: the figures were unchanged
  int64_t version = 0;
  std::string content_hash;
};

// Who started a run, for the audit entry of every period it queues.
struct PublishTrigger {
  std::string actor = "system";
  std::string method = "StatisticsPublisher/Run";
};

// The figures of a period as of now, and what was last queued for it.
struct CurrentSnapshot {
  v1::StatisticsSnapshot snapshot;
  std::string content_hash;
  std::optional<storage::SentSnapshot> last_sent;
};

class StatisticsPublisher {
 public:
  StatisticsPublisher(storage::Database& db, sync::Outbox& outbox, std::string office_id,
                      absl::Duration interval, Clock clock = SystemClock());
  ~StatisticsPublisher();

  // One run over every published period; returns the outcome per period, oldest first. Each
  // period queued is audited as action "send" of `by`.
  absl::StatusOr<std::vector<PublishResult>> PublishOnce(const PublishTrigger& by = {});
  // The figures of `period` computed now; nothing is sent.
  absl::StatusOr<CurrentSnapshot> Compute(const domain::StatisticsPeriod& period);
  // The office's minimum of interdisciplinary trainings per year, sent with the figures for the
  // duties overview (default 3). Set before Start().
  void set_min_trainings_per_year(int n) { min_trainings_per_year_ = n; }
  // The office whose figures this publisher computes.
  const std::string& office_id() const { return office_id_; }

  // Runs PublishOnce now and then every interval on a thread of its own; failures are logged and
  // retried at the next run.
  void Start();
  void Stop();

 private:
  void Loop();
  absl::StatusOr<PublishResult> PublishPeriod(const domain::StatisticsPeriod& period,
                                              absl::Time now, const PublishTrigger& by);

  storage::Database& db_;
  sync::Outbox& outbox_;
  std::string office_id_;
  absl::Duration interval_;
  Clock clock_;
  int min_trainings_per_year_ = 3;
  std::unique_ptr<storage::StatisticsRepository> repo_;
  std::unique_ptr<storage::AuditRepository> audit_;

  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace schutznetz::tenant
