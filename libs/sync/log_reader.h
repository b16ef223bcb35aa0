// Reading this server's change log in batches, with opaque cursors.
//
// Used by the aggregator to stream its district log to an office, and by an office's agent to
// form the batches it pushes. Each read runs in one REPEATABLE READ snapshot.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/domain/sync_item.h"
#include "libs/storage/change_log_repository.h"
#include "libs/storage/database.h"

namespace schutznetz::sync {

struct LogBatch {
  std::vector<domain::SyncItem> items;
  std::string cursor;              // resume after this batch
  int64_t remaining = 0;           // matching items already readable after the batch
  int64_t waiting_for_open_transactions = 0;
};

// A reader's cursor and filter, for LogReader::Backlogs().
struct BacklogRequest {
  std::string cursor;
  storage::LogFilter filter;
};

class LogReader {
 public:
  // `epoch` is this database's epoch (SyncStateRepository::EnsureEpoch).
  LogReader(storage::Database& db, std::string epoch);

  // The next batch after `cursor`; OUT_OF_RANGE for a cursor of another database instance.
  absl::StatusOr<LogBatch> Next(const std::string& cursor, const storage::LogFilter& filter,
                                int max_items);
  // The items in (from, to] exactly as first read (for resending a pending batch).
  absl::StatusOr<std::vector<domain::SyncItem>> Range(const std::string& from,
                                                      const std::string& to);
  // Age of the oldest item after `cursor` that is readable (zero if none).
  absl::StatusOr<absl::Duration> LagAfter(const std::string& cursor);
  // What each reader has yet to read (items and the age of the oldest), in the order of
  // `readers`, in one statement. Empty for a cursor of another database instance: that reader
  // starts again from the beginning, so its backlog is not known.
  absl::StatusOr<std::vector<std::optional<storage::LogBacklog>>> Backlogs(
      const std::vector<BacklogRequest>& readers);

  const std::string& epoch() const { return epoch_; }

 private:
  storage::Database& db_;
  std::string epoch_;
  std::unique_ptr<storage::ChangeLogRepository> log_;
};

}  // namespace schutznetz::sync
