#include "services/aggregator/office_sync_status.h"

#include <algorithm>
#include <map>

#include "libs/common/status_macros.h"

namespace schutznetz::aggregator {

absl::Time OfficeSyncState::last_contact() const {
  return std::max(peer.last_push_success, peer.last_subscribe_success);
}

OfficeSyncStatusReader::OfficeSyncStatusReader(storage::Database& db, sync::LogReader& district_log,
                                               const FederationService& federation,
                                               std::vector<std::string> offices)
    : db_(db),
      district_log_(district_log),
      federation_(federation),
      offices_(std::move(offices)),
      state_(storage::NewSyncStateRepository()) {}

absl::StatusOr<DistrictSyncState> OfficeSyncStatusReader::Read() {
  DistrictSyncState out;
  std::map<std::string, storage::PeerState> peers;
  SN_RETURN_IF_ERROR(db_.Transact([&](storage::Tx& tx) -> absl::Status {
    peers.clear();
    SN_ASSIGN_OR_RETURN(std::vector<storage::PeerState> all, state_->ListPeers(tx));
    for (storage::PeerState& p : all) peers[p.peer] = std::move(p);
    SN_ASSIGN_OR_RETURN(out.held_items, state_->CountHeld(tx));
    return absl::OkStatus();
  }));
  out.epoch = district_log_.epoch();
  std::vector<sync::BacklogRequest> readers;
  for (const std::string& office : offices_) {
    OfficeSyncState s;
    s.office_id = office;
    if (auto it = peers.find(office); it != peers.end()) s.peer = it->second;
    s.subscribed = federation_.OpenSubscriptions(office) > 0;
    storage::LogFilter filter;
    filter.exclude_origin = office;
    filter.destination = office;
    readers.push_back({s.peer.subscribe_cursor, filter});
    out.offices.push_back(std::move(s));
  }
  SN_ASSIGN_OR_RETURN(std::vector<std::optional<storage::LogBacklog>> backlogs,
                      district_log_.Backlogs(readers));
  for (size_t i = 0; i < out.offices.size() && i < backlogs.size(); ++i) {
    if (!backlogs[i].has_value()) continue;
    out.offices[i].pending_known = true;
    out.offices[i].pending_delivery = backlogs[i]->items;
    out.offices[i].pending_age = backlogs[i]->age;
  }
  return out;
}

}  // namespace schutznetz::aggregator
