// The aggregator's per-office sync metrics, read at every scrape with OfficeSyncStatusReader
// (what `netzctl district sync status` shows), one series per office of the district:
//   schutznetz_district_office_last_contact_timestamp_seconds{office}  last push or delivery
//                                                                      (0: none yet)
//   schutznetz_district_office_pending_items{office}   district items it has yet to receive
//   schutznetz_district_office_lag_seconds{office}     age of the oldest of them, 0 when none
//   schutznetz_district_office_connected{office}       1 while its subscription is open
#pragma once

#include <vector>

#include "libs/metrics/registry.h"
#include "services/aggregator/office_sync_status.h"

namespace schutznetz::aggregator {

// The families as of `state`; pending items and lag are left out for an office whose backlog is
// not known.
void AppendOfficeSyncMetrics(const DistrictSyncState& state,
                             std::vector<metrics::FamilySnapshot>* out);

// Adds a collector to `registry` that reads `status` (which must outlive it) at every scrape; when
// the database cannot be read, the families are left out of that scrape.
void AddOfficeSyncMetrics(metrics::Registry& registry, OfficeSyncStatusReader& status);

}  // namespace schutznetz::aggregator
