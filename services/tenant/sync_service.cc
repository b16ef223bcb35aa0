#include "services/tenant/sync_service.h"

#include "libs/api/call.h"
#include "libs/common/status_macros.h"
#include "libs/rpc/proto_util.h"
#include "libs/rpc/status.h"

namespace schutznetz::tenant {
namespace {

// Sets the timestamp `field` of `msg` unless `t` is unknown (InfinitePast).
template <typename Msg>
void SetTime(absl::Time t, Msg* msg, google::protobuf::Timestamp* (Msg::*field)()) {
  if (t != absl::InfinitePast()) rpc::ToProto(t, (msg->*field)());
}

}  // namespace

SyncService::SyncService(SyncStatusReader& status, std::string office_id,
                         std::string aggregator_address, bool enabled)
    : status_(status),
      office_id_(std::move(office_id)),
      aggregator_address_(std::move(aggregator_address)),
      enabled_(enabled) {}

grpc::Status SyncService::GetSyncStatus(grpc::ServerContext* ctx, const v1::GetSyncStatusRequest*,
                                        v1::GetSyncStatusResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    SN_ASSIGN_OR_RETURN(OfficeSyncState s, status_.Read());
    const storage::PeerState& peer = s.peer;
    resp->set_office_id(office_id_);
    resp->set_aggregator_address(aggregator_address_);
    resp->set_enabled(enabled_);
    resp->set_held_items(s.held_items);

    v1::SyncDirectionStatus* push = resp->mutable_push();
    push->set_cursor(peer.push_cursor);
    SetTime(peer.last_push_success, push, &v1::SyncDirectionStatus::mutable_last_success_time);
    push->set_last_error(peer.push_error);
    SetTime(peer.push_error_time, push, &v1::SyncDirectionStatus::mutable_last_error_time);
    push->set_failures(peer.push_failures);
    if (s.push_known) {
      push->set_pending(s.push_pending);
      resp->set_stalled_by_open_transactions(s.stalled_by_open_transactions);
    }
    if (s.push_lag_known) push->set_lag_seconds(absl::ToInt64Seconds(s.push_lag));

    v1::SyncDirectionStatus* subscribe = resp->mutable_subscribe();
    subscribe->set_cursor(peer.subscribe_cursor);
    subscribe->set_pending(peer.subscribe_remaining);
    SetTime(peer.last_subscribe_success, subscribe,
            &v1::SyncDirectionStatus::mutable_last_success_time);
    subscribe->set_last_error(peer.subscribe_error);
    SetTime(peer.subscribe_error_time, subscribe,
            &v1::SyncDirectionStatus::mutable_last_error_time);
    subscribe->set_failures(peer.subscribe_failures);
    return absl::OkStatus();
  }());
}

}  // namespace schutznetz::tenant
