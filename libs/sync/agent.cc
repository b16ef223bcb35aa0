#include "libs/sync/agent.h"

#include <chrono>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "libs/common/log.h"
#include "libs/common/status_macros.h"
#include "libs/common/uuid.h"
#include "libs/rpc/status.h"
#include "libs/sync/item_convert.h"
#include "schutznetz/v1/federation_service.grpc.pb.h"

namespace schutznetz::sync {
namespace {

std::chrono::system_clock::time_point DeadlineIn(absl::Duration d) {
  return std::chrono::system_clock::now() +
         std::chrono::milliseconds(absl::ToInt64Milliseconds(d));
}

// Errors are recorded for the coordinator; keep them short.
std::string Short(const absl::Status& s) {
  std::string m(s.message());
  if (m.size() > 300) m.resize(300);
  return absl::StrCat(absl::StatusCodeToString(s.code()), ": ", m);
}

}  // namespace

grpc::ChannelArguments AgentChannelArguments() {
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, 20000);
  args.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 10000);
  args.SetInt(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  args.SetInt(GRPC_ARG_HTTP2_MAX_PINGS_WITHOUT_DATA, 0);
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 200);
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 10000);
  args.SetMaxReceiveMessageSize(16 * 1024 * 1024);
  return args;
}

Agent::Agent(storage::Database& db, Applier& applier, LogReader& own_log, Signal* outbox_changed,
             std::shared_ptr<grpc::Channel> channel, AgentOptions options)
    : db_(db),
      applier_(applier),
      own_log_(own_log),
      outbox_changed_(outbox_changed),
      channel_(std::move(channel)),
      options_(std::move(options)),
      state_(storage::NewSyncStateRepository()),
      batch_items_(options_.batch_items) {}

Agent::~Agent() { Stop(); }

void Agent::Start() {
  stopping_ = false;
  push_thread_ = std::thread([this] { PushLoop(); });
  subscribe_thread_ = std::thread([this] { SubscribeLoop(); });
}

void Agent::Stop() {
  stopping_ = true;
  stop_signal_.Notify();
  if (outbox_changed_ != nullptr) outbox_changed_->Notify();
  {
    absl::MutexLock lock(&mu_);
    if (open_stream_ != nullptr) open_stream_->TryCancel();
    if (open_push_ != nullptr) open_push_->TryCancel();
  }
  if (push_thread_.joinable()) push_thread_.join();
  if (subscribe_thread_.joinable()) subscribe_thread_.join();
}

absl::StatusOr<int> Agent::PushOnce() {
  SN_ASSIGN_OR_RETURN(storage::PeerState state,
                      db_.TransactValue<storage::PeerState>([&](storage::Tx& tx) {
                        return state_->GetPeer(tx, kAggregatorPeer, false);
                      }));
  std::vector<domain::SyncItem> items;
  if (!state.pending_txn_id.empty()) {
    absl::StatusOr<std::vector<domain::SyncItem>> again =
        own_log_.Range(state.pending_from_cursor, state.pending_to_cursor);
    if (again.status().code() == absl::StatusCode::kOutOfRange) {
      state.pending_txn_id.clear();  // this database was restored: its old cursors are void
      state.push_cursor.clear();
    } else if (!again.ok()) {
      return again.status();
    } else {
      items = *std::move(again);
    }
  }
  if (state.pending_txn_id.empty()) {
    absl::StatusOr<LogBatch> batch = own_log_.Next(state.push_cursor, {}, batch_items_);
    if (batch.status().code() == absl::StatusCode::kOutOfRange) {
      log::Warning("own change log has a new epoch (restored database); pushing it again");
      state.push_cursor.clear();
      batch = own_log_.Next("", {}, batch_items_);
    }
    if (!batch.ok()) return batch.status();
    if (batch->items.empty()) return 0;
    state.pending_txn_id = NewUuid();
    state.pending_from_cursor = state.push_cursor;
    state.pending_to_cursor = batch->cursor;
    items = std::move(batch->items);
    // Durable before the first send: a retry after a crash resends exactly this batch.
    SN_RETURN_IF_ERROR(db_.Transact([&](storage::Tx& tx) -> absl::Status {
      SN_ASSIGN_OR_RETURN(storage::PeerState current, state_->GetPeer(tx, kAggregatorPeer, true));
      current.push_cursor = state.push_cursor;
      current.pending_txn_id = state.pending_txn_id;
      current.pending_from_cursor = state.pending_from_cursor;
      current.pending_to_cursor = state.pending_to_cursor;
      return state_->PutPeer(tx, current);
    }));
  }

  v1::PushChangesRequest request;
  request.set_office_id(options_.office_id);
  request.set_txn_id(state.pending_txn_id);
  request.set_to_cursor(state.pending_to_cursor);
  for (const domain::SyncItem& item : items) ItemToProto(item, request.add_items());
  v1::PushChangesResponse response;
  grpc::ClientContext ctx;
  ctx.set_deadline(DeadlineIn(options_.call_deadline));
  auto stub = v1::FederationService::NewStub(channel_);
  {
    absl::MutexLock lock(&mu_);
    if (stopping()) return absl::CancelledError("stopping");
    open_push_ = &ctx;
  }
  absl::Status sent = rpc::FromGrpcStatus(stub->PushChanges(&ctx, request, &response));
  {
    absl::MutexLock lock(&mu_);
    open_push_ = nullptr;
  }
  if (sent.code() == absl::StatusCode::kResourceExhausted && batch_items_ > 1) {
    // Too large for the aggregator: form smaller batches from the same position.
    batch_items_ = std::max(1, batch_items_ / 2);
    SN_RETURN_IF_ERROR(db_.Transact([&](storage::Tx& tx) -> absl::Status {
      SN_ASSIGN_OR_RETURN(storage::PeerState current, state_->GetPeer(tx, kAggregatorPeer, true));
      current.pending_txn_id.clear();
      current.pending_from_cursor.clear();
      current.pending_to_cursor.clear();
      return state_->PutPeer(tx, current);
    }));
  }
  if (!sent.ok()) return sent;
  int held = 0;
  int rejected = 0;
  for (const v1::ItemResult& r : response.results()) {
    if (r.outcome() == v1::ItemResult::OUTCOME_HELD) ++held;
    if (r.outcome() == v1::ItemResult::OUTCOME_REJECTED) {
      ++rejected;
      log::Warning("item rejected by the aggregator",
                   {{"type", r.item_type()}, {"id", r.item_id()}, {"reason", r.message()}});
    }
  }
  SN_RETURN_IF_ERROR(db_.Transact([&](storage::Tx& tx) -> absl::Status {
    SN_ASSIGN_OR_RETURN(storage::PeerState current, state_->GetPeer(tx, kAggregatorPeer, true));
    if (current.pending_txn_id != state.pending_txn_id) return absl::OkStatus();
    current.push_cursor = response.applied_cursor();
    current.pending_txn_id.clear();
    current.pending_from_cursor.clear();
    current.pending_to_cursor.clear();
    current.last_push_success = absl::Now();
    current.push_error.clear();
    current.push_failures = 0;
    return state_->PutPeer(tx, current);
  }));
  log::Debug("pushed", {{"items", static_cast<int>(items.size())}, {"held", held},
                        {"rejected", rejected}});
  return static_cast<int>(items.size());
}

absl::Status Agent::ApplyBatch(const std::vector<domain::SyncItem>& items,
                               const std::string& cursor, int64_t remaining) {
  return db_.Transact([&](storage::Tx& tx) -> absl::Status {
    for (const domain::SyncItem& item : items) {
      SN_RETURN_IF_ERROR(applier_.Apply(tx, item).status());
    }
    if (!items.empty()) SN_RETURN_IF_ERROR(applier_.RetryHeld(tx).status());
    SN_ASSIGN_OR_RETURN(storage::PeerState state, state_->GetPeer(tx, kAggregatorPeer, true));
    state.subscribe_cursor = cursor;
    state.subscribe_remaining = remaining;
    state.last_subscribe_success = absl::Now();
    state.subscribe_error.clear();
    state.subscribe_failures = 0;
    return state_->PutPeer(tx, state);
  });
}

absl::Status Agent::SubscribeOnce(int max_batches) {
  SN_ASSIGN_OR_RETURN(storage::PeerState state,
                      db_.TransactValue<storage::PeerState>([&](storage::Tx& tx) {
                        return state_->GetPeer(tx, kAggregatorPeer, false);
                      }));
  v1::SubscribeDistrictLogRequest request;
  request.set_office_id(options_.office_id);
  request.set_cursor(state.subscribe_cursor);
  request.set_max_batch_items(options_.batch_items);
  grpc::ClientContext ctx;
  ctx.set_deadline(DeadlineIn(options_.stream_deadline));
  {
    absl::MutexLock lock(&mu_);
    if (stopping()) return absl::CancelledError("stopping");
    open_stream_ = &ctx;
  }
  auto stub = v1::FederationService::NewStub(channel_);
  auto reader = stub->SubscribeDistrictLog(&ctx, request);
  v1::DistrictLogBatch batch;
  absl::Status applied = absl::OkStatus();
  int batches = 0;
  while (reader->Read(&batch)) {
    std::vector<domain::SyncItem> items;
    for (const v1::SyncItem& wire : batch.items()) items.push_back(ItemFromProto(wire));
    applied = ApplyBatch(items, batch.cursor(), batch.remaining());
    if (!applied.ok() || (max_batches > 0 && ++batches >= max_batches)) {
      ctx.TryCancel();
      break;
    }
  }
  absl::Status finished = rpc::FromGrpcStatus(reader->Finish());
  {
    absl::MutexLock lock(&mu_);
    open_stream_ = nullptr;
  }
  if (!applied.ok()) return applied;
  if (finished.code() == absl::StatusCode::kOutOfRange) {
    log::Warning("district log has a new epoch (aggregator restored); reading it again from "
                 "the start and pushing the own log again");
    // The restored aggregator may lack what this office pushed after its backup: push the whole
    // own log again; it takes what it has as duplicates.
    return db_.Transact([&](storage::Tx& tx) -> absl::Status {
      SN_ASSIGN_OR_RETURN(storage::PeerState s, state_->GetPeer(tx, kAggregatorPeer, true));
      s.subscribe_cursor.clear();
      s.push_cursor.clear();
      s.pending_txn_id.clear();
      s.pending_from_cursor.clear();
      s.pending_to_cursor.clear();
      return state_->PutPeer(tx, s);
    });
  }
  // A subscription ends normally at its deadline, or when we cancelled it.
  if (finished.code() == absl::StatusCode::kDeadlineExceeded ||
      finished.code() == absl::StatusCode::kCancelled) {
    return absl::OkStatus();
  }
  return finished;
}

absl::Status Agent::RecordPush(const absl::Status& outcome) {
  return db_.Transact([&](storage::Tx& tx) -> absl::Status {
    SN_ASSIGN_OR_RETURN(storage::PeerState s, state_->GetPeer(tx, kAggregatorPeer, true));
    s.push_error = Short(outcome);
    s.push_error_time = absl::Now();
    ++s.push_failures;
    return state_->PutPeer(tx, s);
  });
}

absl::Status Agent::RecordSubscribe(const absl::Status& outcome) {
  return db_.Transact([&](storage::Tx& tx) -> absl::Status {
    SN_ASSIGN_OR_RETURN(storage::PeerState s, state_->GetPeer(tx, kAggregatorPeer, true));
    s.subscribe_error = Short(outcome);
    s.subscribe_error_time = absl::Now();
    ++s.subscribe_failures;
    return state_->PutPeer(tx, s);
  });
}

void Agent::PushLoop() {
  Backoff backoff(options_.backoff_base, options_.backoff_max);
  int failures = 0;
  while (!stopping()) {
    uint64_t seen = outbox_changed_ != nullptr ? outbox_changed_->generation() : 0;
    absl::StatusOr<int> pushed = PushOnce();
    if (pushed.ok()) {
      failures = 0;
      if (*pushed > 0) continue;  // there may be more
      if (outbox_changed_ != nullptr) {
        outbox_changed_->Wait(seen, options_.poll_interval);
      } else {
        stop_signal_.Wait(stop_signal_.generation(), options_.poll_interval);
      }
      continue;
    }
    ++failures;
    if (!RecordPush(pushed.status()).ok()) log::Warning("cannot record sync error");
    absl::Duration wait = backoff.Delay(failures);
    log::Info("push failed; retrying", {{"code", absl::StatusCodeToString(pushed.status().code())},
                                        {"retry_in_ms", absl::ToInt64Milliseconds(wait)}});
    stop_signal_.Wait(stop_signal_.generation(), wait);
  }
}

void Agent::SubscribeLoop() {
  Backoff backoff(options_.backoff_base, options_.backoff_max);
  int failures = 0;
  while (!stopping()) {
    absl::Status s = SubscribeOnce();
    if (stopping()) break;
    if (s.ok()) {
      failures = 0;
      continue;
    }
    ++failures;
    if (!RecordSubscribe(s).ok()) log::Warning("cannot record sync error");
    absl::Duration wait = backoff.Delay(failures);
    log::Info("subscription failed; retrying",
              {{"code", absl::StatusCodeToString(s.code())},
               {"retry_in_ms", absl::ToInt64Milliseconds(wait)}});
    stop_signal_.Wait(stop_signal_.generation(), wait);
  }
}

}  // namespace schutznetz::sync
