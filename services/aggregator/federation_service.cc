#include "services/aggregator/federation_service.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "libs/api/call.h"
#include "libs/common/errors.h"
#include "libs/common/log.h"
#include "libs/common/status_macros.h"
#include "libs/rpc/status.h"
#include "libs/sync/item_convert.h"

namespace schutznetz::aggregator {
namespace {

constexpr int kDefaultBatchItems = 200;
constexpr int kMaxBatchItems = 1000;
// How long a quiet subscription waits before looking at the log again (wake-ups come sooner).
constexpr absl::Duration kQuietPoll = absl::Seconds(1);

}  // namespace

FederationService::FederationService(storage::Database& db, sync::Receiver& receiver,
                                     sync::LogReader& district_log, sync::Signal& log_changed,
                                     OfficeIdentity& identity)
    : db_(db),
      receiver_(receiver),
      district_log_(district_log),
      log_changed_(log_changed),
      identity_(identity),
      state_(storage::NewSyncStateRepository()) {}

grpc::Status FederationService::PushChanges(grpc::ServerContext* ctx,
                                            const v1::PushChangesRequest* req,
                                            v1::PushChangesResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    SN_ASSIGN_OR_RETURN(std::string office, identity_.OfficeOf(*ctx, req->office_id()));
    SN_ASSIGN_OR_RETURN(*resp, receiver_.Push(office, *req));
    return absl::OkStatus();
  }());
}

void FederationService::RecordSent(const std::string& office, const std::string& cursor,
                                   int64_t remaining) {
  absl::Status s = db_.Transact([&](storage::Tx& tx) -> absl::Status {
    SN_ASSIGN_OR_RETURN(storage::PeerState state, state_->GetPeer(tx, office, true));
    state.subscribe_cursor = cursor;
    state.subscribe_remaining = remaining;
    state.last_subscribe_success = absl::Now();
    return state_->PutPeer(tx, state);
  });
  if (!s.ok()) log::Warning("cannot record subscription progress", {{"office", office}});
}

grpc::Status FederationService::SubscribeDistrictLog(
    grpc::ServerContext* ctx, const v1::SubscribeDistrictLogRequest* req,
    grpc::ServerWriter<v1::DistrictLogBatch>* writer) {
  SN_ADMIT_CALL(call, ctx);
  absl::StatusOr<std::string> identified = identity_.OfficeOf(*ctx, req->office_id());
  if (!identified.ok()) return rpc::ToGrpcStatus(identified.status());
  const std::string office = *identified;
  int max_items = req->max_batch_items() > 0 ? std::min(req->max_batch_items(), kMaxBatchItems)
                                             : kDefaultBatchItems;
  storage::LogFilter filter;
  filter.exclude_origin = office;
  filter.destination = office;
  std::string cursor = req->cursor();
  bool first = true;
  {
    absl::MutexLock lock(&mu_);
    ++open_subscriptions_[office];
  }
  struct Closed {
    FederationService* self;
    std::string office;
    ~Closed() {
      absl::MutexLock lock(&self->mu_);
      --self->open_subscriptions_[office];
    }
  } closed{this, office};
  while (!ctx->IsCancelled() && !shutting_down_) {
    uint64_t seen = log_changed_.generation();
    absl::StatusOr<sync::LogBatch> batch = district_log_.Next(cursor, filter, max_items);
    if (!batch.ok()) return rpc::ToGrpcStatus(batch.status());
    bool moved = batch->cursor != cursor;
    if (!batch->items.empty() || first || moved) {
      v1::DistrictLogBatch out;
      for (const domain::SyncItem& item : batch->items) sync::ItemToProto(item, out.add_items());
      out.set_cursor(batch->cursor);
      out.set_remaining(batch->remaining);
      if (!writer->Write(out)) break;  // the office went away; it resumes from its cursor
      cursor = batch->cursor;
      first = false;
      RecordSent(office, cursor, batch->remaining);
    }
    if (batch->items.empty()) log_changed_.Wait(seen, kQuietPoll);
  }
  return grpc::Status::OK;
}

int FederationService::OpenSubscriptions(const std::string& office) const {
  absl::MutexLock lock(&mu_);
  auto it = open_subscriptions_.find(office);
  return it == open_subscriptions_.end() ? 0 : it->second;
}

void FederationService::Shutdown() {
  shutting_down_ = true;
  log_changed_.Notify();
}

}  // namespace schutznetz::aggregator
