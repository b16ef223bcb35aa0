// A FederationService that stands between the offices' agents and the aggregator and misbehaves
// on purpose, like a bad network or a crashing aggregator would: it refuses calls, loses the
// answer to a batch the aggregator has already applied (the office must resend), sends a batch
// twice, and cuts or repeats subscription batches. Decisions come from a seeded generator, so a
// failing seed can be replayed.
#pragma once

#include <memory>
#include <random>

#include <grpcpp/grpcpp.h>

#include "absl/synchronization/mutex.h"
#include "schutznetz/v1/federation_service.grpc.pb.h"

namespace schutznetz::testing {

struct ChaosOptions {
  double refuse = 0.1;          // a call fails before reaching the aggregator
  double lose_answer = 0.1;     // the batch is applied but the answer is lost
  double duplicate = 0.1;       // the batch is sent to the aggregator twice
  double cut_stream = 0.1;      // a subscription ends after a batch
  double repeat_batch = 0.1;    // a subscription batch is delivered twice
};

class ChaosProxy final : public v1::FederationService::Service {
 public:
  ChaosProxy(std::shared_ptr<grpc::Channel> aggregator, uint64_t seed, ChaosOptions options);

  // Stops misbehaving (the faults have healed).
  void Heal();

  grpc::Status PushChanges(grpc::ServerContext* ctx, const v1::PushChangesRequest* req,
                           v1::PushChangesResponse* resp) override;
  grpc::Status SubscribeDistrictLog(grpc::ServerContext* ctx,
                                    const v1::SubscribeDistrictLogRequest* req,
                                    grpc::ServerWriter<v1::DistrictLogBatch>* writer) override;

 private:
  bool Roll(double probability);

  std::unique_ptr<v1::FederationService::Stub> aggregator_;
  absl::Mutex mu_;
  std::mt19937_64 rng_ ABSL_GUARDED_BY(mu_);
  ChaosOptions options_ ABSL_GUARDED_BY(mu_);
  bool healed_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace schutznetz::testing
