// SyncStatusReader: the office's sync with the district aggregator as it stands now — what
// `netzctl sync status` (SyncService.GetSyncStatus) shows and the office's sync metrics report.
#pragma once

#include <cstdint>
#include <memory>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/storage/database.h"
#include "libs/storage/sync_state_repository.h"
#include "libs/sync/log_reader.h"

namespace schutznetz::tenant {

struct OfficeSyncState {
  storage::PeerState peer;  // what was exchanged with the aggregator
  int64_t held_items = 0;   // received items waiting for something they depend on
  // The office's own changes not yet durable at the aggregator (the pending batch and everything
  // after it); unknown when the office's log could not be read.
  bool push_known = false;
  int64_t push_pending = 0;
  int64_t stalled_by_open_transactions = 0;
  // Age of the oldest of them (zero if none); unknown if it could not be read.
  bool push_lag_known = false;
  absl::Duration push_lag = absl::ZeroDuration();

  // The most recent successful push or subscription batch (InfinitePast: none yet).
  absl::Time last_success() const;
};

class SyncStatusReader {
 public:
  // `own_log`: the office's change log, as its agent pushes it.
  SyncStatusReader(storage::Database& db, sync::LogReader& own_log);

  // A few short reads: the peer row, the count of held items, the pending part of the log.
  absl::StatusOr<OfficeSyncState> Read();

 private:
  storage::Database& db_;
  sync::LogReader& own_log_;
  std::unique_ptr<storage::SyncStateRepository> state_;
};

}  // namespace schutznetz::tenant
