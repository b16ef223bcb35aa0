#include "services/tenant/sync_status.h"

#include <algorithm>

#include "libs/common/status_macros.h"
#include "libs/sync/agent.h"

namespace schutznetz::tenant {

absl::Time OfficeSyncState::last_success() const {
  return std::max(peer.last_push_success, peer.last_subscribe_success);
}

SyncStatusReader::SyncStatusReader(storage::Database& db, sync::LogReader& own_log)
    : db_(db), own_log_(own_log), state_(storage::NewSyncStateRepository()) {}

absl::StatusOr<OfficeSyncState> SyncStatusReader::Read() {
  OfficeSyncState s;
  SN_RETURN_IF_ERROR(db_.Transact([&](storage::Tx& tx) -> absl::Status {
    SN_ASSIGN_OR_RETURN(s.peer, state_->GetPeer(tx, sync::kAggregatorPeer, false));
    SN_ASSIGN_OR_RETURN(s.held_items, state_->CountHeld(tx));
    return absl::OkStatus();
  }));
  absl::StatusOr<sync::LogBatch> next = own_log_.Next(s.peer.push_cursor, {}, 1);
  if (next.ok()) {
    s.push_known = true;
    s.push_pending = static_cast<int64_t>(next->items.size()) + next->remaining;
    s.stalled_by_open_transactions = next->waiting_for_open_transactions;
    absl::StatusOr<absl::Duration> lag = own_log_.LagAfter(s.peer.push_cursor);
    if (lag.ok()) {
      s.push_lag_known = true;
      s.push_lag = *lag;
    }
  }
  return s;
}

}  // namespace schutznetz::tenant
