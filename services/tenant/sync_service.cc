#include "services/tenant/sync_service.h"

#include "libs/api/call.h"
#include "libs/common/status_macros.h"
#include "libs/rpc/proto_util.h"
#include "libs/rpc/status.h"
#include "libs/sync/agent.h"

namespace schutznetz::tenant {
namespace {

// Sets the timestamp `field` of `msg` unless `t` is unknown (InfinitePast).
template <typename Msg>
void SetTime(absl::Time t, Msg* msg, google::protobuf::Timestamp* (Msg::*field)()) {
  if (t != absl::InfinitePast()) rpc::ToProto(t, (msg->*field)());
}

}  // namespace

SyncService::SyncService(storage::Database& db, sync::LogReader& own_log, std::string office_id,
                         std::string aggregator_address, bool enabled)
    : db_(db),
      own_log_(own_log),
      office_id_(std::move(office_id)),
      aggregator_address_(std::move(aggregator_address)),
      enabled_(enabled),
      state_(storage::NewSyncStateRepository()) {}

grpc::Status SyncService::GetSyncStatus(grpc::ServerContext* ctx, const v1::GetSyncStatusRequest*,
                                        v1::GetSyncStatusResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    storage::PeerState peer;
    int64_t held = 0;
    SN_RETURN_IF_ERROR(db_.Transact(
        [&](storage::Tx& tx) -> absl::Status {
          SN_ASSIGN_OR_RETURN(peer, state_->GetPeer(tx, sync::kAggregatorPeer, false));
          SN_ASSIGN_OR_RETURN(held, state_->CountHeld(tx));
          return absl::OkStatus();
        }));
    resp->set_office_id(office_id_);
    resp->set_aggregator_address(aggregator_address_);
    resp->set_enabled(enabled_);
    resp->set_held_items(held);

    v1::SyncDirectionStatus* push = resp->mutable_push();
    push->set_cursor(peer.push_cursor);
    SetTime(peer.last_push_success, push, &v1::SyncDirectionStatus::mutable_last_success_time);
    push->set_last_error(peer.push_error);
    SetTime(peer.push_error_time, push, &v1::SyncDirectionStatus::mutable_last_error_time);
    push->set_failures(peer.push_failures);
    // What is not yet durable at the aggregator: the pending batch and everything after it.
    absl::StatusOr<sync::LogBatch> next = own_log_.Next(peer.push_cursor, {}, 1);
    if (next.ok()) {
      push->set_pending(static_cast<int64_t>(next->items.size()) + next->remaining);
      resp->set_stalled_by_open_transactions(next->waiting_for_open_transactions);
      absl::StatusOr<absl::Duration> lag = own_log_.LagAfter(peer.push_cursor);
      if (lag.ok()) push->set_lag_seconds(absl::ToInt64Seconds(*lag));
    }

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
