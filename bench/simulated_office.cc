#include "bench/simulated_office.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "libs/domain/event.h"
#include "libs/domain/sync_item.h"
#include "libs/federation/items.h"
#include "libs/rpc/proto_util.h"
#include "libs/rpc/status.h"
#include "libs/sync/agent.h"

namespace schutznetz::bench {
namespace {

constexpr absl::Duration kCallDeadline = absl::Seconds(30);
constexpr absl::Duration kStreamDeadline = absl::Minutes(10);
constexpr absl::Duration kResubscribeDelay = absl::Milliseconds(200);
constexpr int kMaxBatchItems = 200;
constexpr int kPushAttempts = 8;
constexpr absl::Duration kRetryPause = absl::Milliseconds(200);
constexpr absl::Duration kMaxRetryPause = absl::Seconds(5);

std::chrono::system_clock::time_point DeadlineIn(absl::Duration d) {
  return absl::ToChronoTime(absl::Now() + d);
}

}  // namespace

SimulatedOffice::SimulatedOffice(std::string office_id, const std::string& target,
                                 DeliveryTracker* tracker)
    : id_(std::move(office_id)), tracker_(tracker), seen_(tracker->items(), false) {
  // The agent's keepalive settings, and a connection of its own (no shared subchannel).
  grpc::ChannelArguments args = sync::AgentChannelArguments();
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  channel_ = grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), args);
  stub_ = v1::FederationService::NewStub(channel_);
}

SimulatedOffice::~SimulatedOffice() { Stop(); }

void SimulatedOffice::StartSubscription() {
  thread_ = std::thread([this] { SubscribeLoop(); });
}

void SimulatedOffice::Stop() {
  stopping_ = true;
  {
    absl::MutexLock lock(&mu_);
    if (open_stream_ != nullptr) open_stream_->TryCancel();
  }
  if (thread_.joinable()) thread_.join();
}

std::string SimulatedOffice::last_error() const {
  absl::MutexLock lock(&mu_);
  return last_error_;
}

void SimulatedOffice::RecordError(const std::string& call, const grpc::Status& status) {
  absl::MutexLock lock(&mu_);
  last_error_ = absl::StrCat(call, " at ",
                             absl::FormatTime("%H:%M:%E3S: ", absl::Now(), absl::LocalTimeZone()),
                             rpc::GrpcCodeName(status.error_code()), ": ", status.error_message());
}

void SimulatedOffice::SubscribeLoop() {
  while (!stopping_) {
    grpc::ClientContext ctx;
    ctx.set_deadline(DeadlineIn(kStreamDeadline));
    {
      absl::MutexLock lock(&mu_);
      if (stopping_) break;
      open_stream_ = &ctx;
    }
    v1::SubscribeDistrictLogRequest request;
    request.set_office_id(id_);
    request.set_cursor(cursor_);
    request.set_max_batch_items(kMaxBatchItems);
    std::unique_ptr<grpc::ClientReader<v1::DistrictLogBatch>> reader =
        stub_->SubscribeDistrictLog(&ctx, request);
    v1::DistrictLogBatch batch;
    while (reader->Read(&batch)) {
      absl::Time now = absl::Now();
      for (const v1::SyncItem& item : batch.items()) {
        std::optional<int> index = IndexOfItemId(item.item_id());
        if (!index || *index >= static_cast<int>(seen_.size()) || seen_[*index]) continue;
        seen_[*index] = true;
        tracker_->Received(*index, now);
      }
      items_received_ += batch.items_size();
      cursor_ = batch.cursor();
      subscribed_ = true;
    }
    grpc::Status status = reader->Finish();
    {
      absl::MutexLock lock(&mu_);
      open_stream_ = nullptr;
    }
    if (!stopping_) RecordError("subscription", status);
    if (stopping_) break;
    ++reconnects_;
    absl::SleepFor(kResubscribeDelay);
  }
}

v1::SyncItem SimulatedOffice::ItemFor(int index) const {
  // A district training of this office, as a tenant's DistrictLink publishes it: only
  // non-personal fields.
  domain::Event e;
  e.id = domain::EventId(ItemIdFor(index));
  e.organiser_office = id_;
  e.kind = domain::EventKind::kTraining;
  e.title = absl::StrCat("Fortbildung Kinderschutz ", index);
  e.topic = "Gewichtige Anhaltspunkte erkennen";
  e.start_time = absl::FromCivil(absl::CivilMinute(2030, 3, 4, 9, 0), absl::UTCTimeZone());
  e.end_time = e.start_time + absl::Hours(7);
  e.place = "Kreishaus, Sitzungssaal";
  e.capacity = 30;
  e.scope = domain::EventScope::kDistrict;
  e.state = domain::EventState::kPlanned;

  absl::Time now = absl::Now();
  v1::SyncItem item;
  item.set_item_type(federation::kDistrictEventItem);
  item.set_item_id(e.id.value());
  item.set_origin(id_);
  item.set_version(domain::NextSyncVersion(0, now));
  item.set_destination(domain::kToEveryOffice);
  item.set_payload(federation::DistrictEventPayload(e));
  rpc::ToProto(now, item.mutable_change_time());
  return item;
}

absl::Status SimulatedOffice::Push(const std::vector<int>& indexes) {
  ++pushes_;
  v1::PushChangesRequest request;
  request.set_office_id(id_);
  request.set_txn_id(absl::StrCat(id_, "-", pushes_));
  request.set_to_cursor(absl::StrCat("bench:", pushes_));
  for (int index : indexes) *request.add_items() = ItemFor(index);

  // Like the agent: a failed call is retried with the same txn_id (the aggregator answers a
  // retry identically and applies nothing twice), with a growing pause.
  v1::PushChangesResponse response;
  grpc::Status status;
  absl::Duration pause = kRetryPause;
  for (int attempt = 0;; ++attempt) {
    grpc::ClientContext ctx;
    ctx.set_deadline(DeadlineIn(kCallDeadline));
    status = stub_->PushChanges(&ctx, request, &response);
    bool transient = status.error_code() == grpc::StatusCode::UNAVAILABLE ||
                     status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED;
    if (status.ok() || !transient || attempt >= kPushAttempts) break;
    ++push_retries_;
    RecordError("push", status);
    absl::SleepFor(pause);
    pause = std::min(pause * 2, kMaxRetryPause);
  }
  absl::Time answered = absl::Now();
  if (!status.ok()) return rpc::FromGrpcStatus(status);
  int applied = 0;
  for (const v1::ItemResult& r : response.results()) {
    if (r.outcome() == v1::ItemResult::OUTCOME_APPLIED) ++applied;
  }
  for (int index : indexes) tracker_->Answered(index, answered);
  if (applied != static_cast<int>(indexes.size())) {
    return absl::InternalError(absl::StrCat(id_, ": ", applied, " of ", indexes.size(),
                                            " items applied"));
  }
  return absl::OkStatus();
}

}  // namespace schutznetz::bench
