#include "services/aggregator/district_sync_service.h"

#include <algorithm>
#include <map>

#include "absl/time/clock.h"
#include "libs/api/call.h"
#include "libs/common/status_macros.h"
#include "libs/rpc/proto_util.h"
#include "libs/rpc/status.h"

namespace schutznetz::aggregator {

DistrictSyncService::DistrictSyncService(storage::Database& db, sync::LogReader& district_log,
                                         const FederationService& federation,
                                         std::vector<std::string> offices)
    : db_(db),
      district_log_(district_log),
      federation_(federation),
      offices_(std::move(offices)),
      state_(storage::NewSyncStateRepository()) {}

grpc::Status DistrictSyncService::ListOfficeSyncStatus(grpc::ServerContext* ctx,
                                                       const v1::ListOfficeSyncStatusRequest*,
                                                       v1::ListOfficeSyncStatusResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    std::map<std::string, storage::PeerState> peers;
    int64_t held = 0;
    SN_RETURN_IF_ERROR(db_.Transact([&](storage::Tx& tx) -> absl::Status {
      peers.clear();
      SN_ASSIGN_OR_RETURN(std::vector<storage::PeerState> all, state_->ListPeers(tx));
      for (storage::PeerState& p : all) peers[p.peer] = std::move(p);
      SN_ASSIGN_OR_RETURN(held, state_->CountHeld(tx));
      return absl::OkStatus();
    }));
    resp->set_held_items(held);
    resp->set_epoch(district_log_.epoch());
    absl::Time now = absl::Now();
    for (const std::string& office : offices_) {
      storage::PeerState peer;
      if (auto it = peers.find(office); it != peers.end()) peer = it->second;
      v1::OfficeSyncStatus* out = resp->add_offices();
      out->set_office_id(office);
      out->set_push_cursor(peer.push_cursor);
      out->set_delivery_cursor(peer.subscribe_cursor);
      out->set_subscribed(federation_.OpenSubscriptions(office) > 0);
      if (peer.last_push_success != absl::InfinitePast()) {
        rpc::ToProto(peer.last_push_success, out->mutable_last_push_time());
      }
      if (peer.last_subscribe_success != absl::InfinitePast()) {
        rpc::ToProto(peer.last_subscribe_success, out->mutable_last_delivery_time());
      }
      absl::Time contact = std::max(peer.last_push_success, peer.last_subscribe_success);
      out->set_seconds_since_contact(
          contact == absl::InfinitePast() ? -1 : absl::ToInt64Seconds(now - contact));
      // What the office's subscription would deliver next: its own items and those for other
      // offices only are not for it.
      storage::LogFilter filter;
      filter.exclude_origin = office;
      filter.destination = office;
      absl::StatusOr<sync::LogBatch> next = district_log_.Next(peer.subscribe_cursor, filter, 1);
      if (next.ok()) {
        out->set_pending_delivery(static_cast<int64_t>(next->items.size()) + next->remaining);
      } else if (!absl::IsOutOfRange(next.status())) {
        return next.status();
      }
    }
    return absl::OkStatus();
  }());
}

}  // namespace schutznetz::aggregator
