#include "tests/sync/chaos_proxy.h"

#include <chrono>

namespace schutznetz::testing {
namespace {

void Forward(const grpc::ServerContext& in, grpc::ClientContext* out) {
  out->set_deadline(in.deadline());
}

}  // namespace

ChaosProxy::ChaosProxy(std::shared_ptr<grpc::Channel> aggregator, uint64_t seed,
                       ChaosOptions options)
    : aggregator_(v1::FederationService::NewStub(std::move(aggregator))),
      rng_(seed),
      options_(options) {}

void ChaosProxy::Heal() {
  absl::MutexLock lock(&mu_);
  healed_ = true;
}

bool ChaosProxy::Roll(double probability) {
  absl::MutexLock lock(&mu_);
  if (healed_) return false;
  return std::uniform_real_distribution<double>(0, 1)(rng_) < probability;
}

grpc::Status ChaosProxy::PushChanges(grpc::ServerContext* ctx, const v1::PushChangesRequest* req,
                                     v1::PushChangesResponse* resp) {
  ChaosOptions o;
  {
    absl::MutexLock lock(&mu_);
    o = options_;
  }
  if (Roll(o.refuse)) return grpc::Status(grpc::StatusCode::UNAVAILABLE, "chaos: refused");
  int sends = Roll(o.duplicate) ? 2 : 1;
  grpc::Status status;
  for (int i = 0; i < sends; ++i) {
    grpc::ClientContext out;
    Forward(*ctx, &out);
    status = aggregator_->PushChanges(&out, *req, resp);
  }
  if (status.ok() && Roll(o.lose_answer)) {
    return grpc::Status(grpc::StatusCode::UNAVAILABLE, "chaos: answer lost");
  }
  return status;
}

grpc::Status ChaosProxy::SubscribeDistrictLog(grpc::ServerContext* ctx,
                                              const v1::SubscribeDistrictLogRequest* req,
                                              grpc::ServerWriter<v1::DistrictLogBatch>* writer) {
  ChaosOptions o;
  {
    absl::MutexLock lock(&mu_);
    o = options_;
  }
  if (Roll(o.refuse)) return grpc::Status(grpc::StatusCode::UNAVAILABLE, "chaos: refused");
  grpc::ClientContext out;
  Forward(*ctx, &out);
  auto reader = aggregator_->SubscribeDistrictLog(&out, *req);
  v1::DistrictLogBatch batch;
  while (!ctx->IsCancelled() && reader->Read(&batch)) {
    int copies = Roll(o.repeat_batch) ? 2 : 1;
    for (int i = 0; i < copies; ++i) {
      if (!writer->Write(batch)) {
        out.TryCancel();
        (void)reader->Finish();
        return grpc::Status::OK;
      }
    }
    if (Roll(o.cut_stream)) {
      out.TryCancel();
      (void)reader->Finish();
      return grpc::Status(grpc::StatusCode::UNAVAILABLE, "chaos: stream cut");
    }
  }
  out.TryCancel();
  return reader->Finish();
}

}  // namespace schutznetz::testing
