// The office's sync metrics, read at every scrape with SyncStatusReader (what
// `netzctl sync status` shows):
//   schutznetz_sync_outbox_pending{destination="aggregator"}  own changes not yet acknowledged
//   schutznetz_sync_last_success_timestamp_seconds            last successful push or delivery
//                                                             (0: none yet)
//   schutznetz_sync_lag_seconds                               age of the oldest unacknowledged
//                                                             change, 0 when there is none
#pragma once

#include <vector>

#include "libs/metrics/registry.h"
#include "services/tenant/sync_status.h"

namespace schutznetz::tenant {

// The families as of `state`.
void AppendSyncMetrics(const OfficeSyncState& state, std::vector<metrics::FamilySnapshot>* out);

// Adds a collector to `registry` that reads `status` (which must outlive it) at every scrape; when
// the database cannot be read, the families are left out of that scrape.
void AddSyncMetrics(metrics::Registry& registry, SyncStatusReader& status);

}  // namespace schutznetz::tenant
