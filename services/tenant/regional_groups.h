// Start-up sync of the regional groups named in the office configuration into the `groups` table.
//
// The configuration owns each regional group's existence, name and cadence: a group listed there
// is created if missing and its name and cadence are brought up to date; a group no longer listed
// is left alone (it may have meetings and members — the coordinator deactivates it). The sync is
// one transaction with one audit entry (actor "system") per created or updated group, so a failed
// start leaves nothing half-done, and it is safe when several replicas start at once.
#pragma once

#include <vector>

#include "absl/status/statusor.h"
#include "libs/config/office_config.h"
#include "libs/storage/database.h"

namespace schutznetz::tenant {

struct RegionalGroupSyncReport {
  int created = 0;
  int updated = 0;
  int unchanged = 0;
};

// Syncs `groups` and logs how many were created and updated (no names: ids and counts only).
absl::StatusOr<RegionalGroupSyncReport> SyncRegionalGroups(
    storage::Database& db, const std::vector<config::RegionalGroupConfig>& groups);

}  // namespace schutznetz::tenant
