#include "services/aggregator/district_sync_service.h"

#include "absl/time/clock.h"
#include "libs/api/call.h"
#include "libs/common/status_macros.h"
#include "libs/rpc/proto_util.h"
#include "libs/rpc/status.h"

namespace schutznetz::aggregator {

DistrictSyncService::DistrictSyncService(OfficeSyncStatusReader& status) : status_(status) {}

grpc::Status DistrictSyncService::ListOfficeSyncStatus(grpc::ServerContext* ctx,
                                                       const v1::ListOfficeSyncStatusRequest*,
                                                       v1::ListOfficeSyncStatusResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    SN_ASSIGN_OR_RETURN(DistrictSyncState state, status_.Read());
    resp->set_held_items(state.held_items);
    resp->set_epoch(state.epoch);
    absl::Time now = absl::Now();
    for (const OfficeSyncState& s : state.offices) {
      const storage::PeerState& peer = s.peer;
      v1::OfficeSyncStatus* out = resp->add_offices();
      out->set_office_id(s.office_id);
      out->set_push_cursor(peer.push_cursor);
      out->set_delivery_cursor(peer.subscribe_cursor);
      out->set_subscribed(s.subscribed);
      if (peer.last_push_success != absl::InfinitePast()) {
        rpc::ToProto(peer.last_push_success, out->mutable_last_push_time());
      }
      if (peer.last_subscribe_success != absl::InfinitePast()) {
        rpc::ToProto(peer.last_subscribe_success, out->mutable_last_delivery_time());
      }
      absl::Time contact = s.last_contact();
      out->set_seconds_since_contact(
          contact == absl::InfinitePast() ? -1 : absl::ToInt64Seconds(now - contact));
      if (s.pending_known) out->set_pending_delivery(s.pending_delivery);
    }
    return absl::OkStatus();
  }());
}

}  // namespace schutznetz::aggregator
