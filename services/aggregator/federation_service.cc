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
constexpr char kPush[] = "FederationService/PushChanges";
constexpr char kSubscribe[] = "FederationService/SubscribeDistrictLog";

// Counts of a batch's item outcomes for its audit entry.
std::string OutcomeCounts(const v1::PushChangesResponse& resp) {
  int counts[5] = {0, 0, 0, 0, 0};
  for (const v1::ItemResult& r : resp.results()) {
    int o = static_cast<int>(r.outcome());
    if (o >= 0 && o < 5) ++counts[o];
  }
  return absl::StrCat("items=", resp.results_size(), " applied=", counts[1],
                      " duplicate=", counts[2], " held=", counts[3], " rejected=", counts[4]);
}

// A refusal's reason for the audit log: the English half of the bilingual message, cut short.
// The messages name fields and office ids, never request contents.
std::string Reason(const absl::Status& s) {
  std::string m(s.message());
  size_t slash = m.find(" / ");
  if (slash != std::string::npos) m.resize(slash);
  if (m.size() > 300) m.resize(300);
  return m;
}

}  // namespace

FederationService::FederationService(storage::Database& db, sync::Receiver& receiver,
                                     sync::LogReader& district_log, sync::Signal& log_changed,
                                     OfficeIdentity& identity)
    : db_(db),
      receiver_(receiver),
      district_log_(district_log),
      log_changed_(log_changed),
      identity_(identity),
      state_(storage::NewSyncStateRepository()),
      audit_(storage::NewAuditRepository()) {}

void FederationService::Audit(domain::AuditEntry entry) {
  absl::Status s = db_.Transact(
      [&](storage::Tx& tx) -> absl::Status { return audit_->Record(tx, entry); });
  if (!s.ok()) {
    log::Warning("cannot write the audit entry of a federation call",
                 {{"method", entry.method}, {"outcome", entry.outcome}});
  }
}

absl::StatusOr<std::string> FederationService::Identify(const grpc::ServerContext& ctx,
                                                        const std::string& claimed,
                                                        const std::string& method) {
  absl::StatusOr<std::string> office = identity_.OfficeOf(ctx, claimed);
  if (!office.ok() && office.status().code() != absl::StatusCode::kUnavailable) {
    domain::AuditEntry e;
    e.actor = identity_.ActorOf(ctx, claimed);
    e.method = method;
    e.resource_type = "office";
    e.action = "identify";
    e.outcome = "denied";
    e.detail = Reason(office.status());
    log::Warning("federation call refused", {{"actor", e.actor}, {"method", method},
                                             {"reason", e.detail}});
    Audit(std::move(e));
  }
  return office;
}

grpc::Status FederationService::PushChanges(grpc::ServerContext* ctx,
                                            const v1::PushChangesRequest* req,
                                            v1::PushChangesResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    SN_ASSIGN_OR_RETURN(std::string office, Identify(*ctx, req->office_id(), kPush));
    absl::StatusOr<v1::PushChangesResponse> pushed = receiver_.Push(office, *req);
    domain::AuditEntry e;
    e.actor = absl::StrCat("office:", office);
    e.method = kPush;
    e.resource_type = "sync_batch";
    e.resource_id = req->txn_id().substr(0, 100);
    e.action = "push";
    if (pushed.ok()) {
      *resp = *std::move(pushed);
      e.detail = OutcomeCounts(*resp);
    } else if (pushed.status().code() == absl::StatusCode::kUnavailable ||
               pushed.status().code() == absl::StatusCode::kInternal) {
      return pushed.status();  // nothing decided; the office retries the same batch
    } else {
      e.outcome = pushed.status().code() == absl::StatusCode::kPermissionDenied ? "denied"
                                                                                 : "invalid";
      e.detail = absl::StrCat("items=", req->items_size(), ": ", Reason(pushed.status()));
    }
    Audit(std::move(e));
    return pushed.status();
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
  absl::StatusOr<std::string> identified = Identify(*ctx, req->office_id(), kSubscribe);
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
