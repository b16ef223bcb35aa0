// OfficeSyncStatusReader: the district's view of every office's sync, as it stands now — what
// `netzctl district sync status` (DistrictSyncService.ListOfficeSyncStatus) shows and the
// aggregator's per-office metrics report.
//
// One read costs a transaction for the peer rows and one statement for the backlogs of all
// offices together (LogReader::Backlogs), however many offices the district has.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/storage/database.h"
#include "libs/storage/sync_state_repository.h"
#include "libs/sync/log_reader.h"
#include "services/aggregator/federation_service.h"

namespace schutznetz::aggregator {

struct OfficeSyncState {
  std::string office_id;
  storage::PeerState peer;  // empty for an office that never made contact
  bool subscribed = false;  // a subscription of the office is open now
  // What the office's subscription would deliver next (its own items and those for other offices
  // only are not for it), and the age of the oldest of it; unknown while its cursor belongs to an
  // earlier instance of the district database (it then reads from the start).
  bool pending_known = false;
  int64_t pending_delivery = 0;
  absl::Duration pending_age = absl::ZeroDuration();

  // The most recent push received or batch delivered (InfinitePast: none yet).
  absl::Time last_contact() const;
};

struct DistrictSyncState {
  std::string epoch;                     // of the district database
  int64_t held_items = 0;                // received items waiting for something they depend on
  std::vector<OfficeSyncState> offices;  // in the order of the district configuration
};

class OfficeSyncStatusReader {
 public:
  // `offices`: the office ids of the district configuration, in its order.
  OfficeSyncStatusReader(storage::Database& db, sync::LogReader& district_log,
                         const FederationService& federation, std::vector<std::string> offices);

  absl::StatusOr<DistrictSyncState> Read();

 private:
  storage::Database& db_;
  sync::LogReader& district_log_;
  const FederationService& federation_;
  std::vector<std::string> offices_;
  std::unique_ptr<storage::SyncStateRepository> state_;
};

}  // namespace schutznetz::aggregator
