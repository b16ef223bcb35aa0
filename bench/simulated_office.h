// SimulatedOffice: an office reduced to its sync connection, for the many-offices benchmark.
//
// It talks to a real aggregator process with the FederationService stubs, as a tenant's sync
// agent does (libs/sync/agent.cc), but without a database of its own:
//  - Subscribe: streams the district log from its cursor on a thread of its own, and after an
//    interrupted stream resumes from the last cursor it received (counted as a reconnect).
//    Every benchmark item it receives is reported to the DeliveryTracker once.
//  - Push: sends one batch of district_event items of its own origin (so the aggregator relays
//    them to every other office) and reports the answer time of each item.
//
// Each simulated office has its own channel and TCP connection, like a real office.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "bench/delivery_tracker.h"
#include "schutznetz/v1/federation_service.grpc.pb.h"

namespace schutznetz::bench {

class SimulatedOffice {
 public:
  SimulatedOffice(std::string office_id, const std::string& target, DeliveryTracker* tracker);
  ~SimulatedOffice();

  const std::string& id() const { return id_; }

  // Starts the subscription thread.
  void StartSubscription();
  // Whether the first batch of the district log has arrived (the stream is open).
  bool subscribed() const { return subscribed_.load(); }
  // Cancels the subscription and joins its thread.
  void Stop();

  // Pushes one batch with the benchmark items `indexes`, retrying UNAVAILABLE and
  // DEADLINE_EXCEEDED with the same txn_id; an error unless every item applied.
  absl::Status Push(const std::vector<int>& indexes);

  int64_t reconnects() const { return reconnects_.load(); }
  int64_t push_retries() const { return push_retries_.load(); }
  int64_t items_received() const { return items_received_.load(); }
  // The last failed call (subscription or push) with its time of day ("" if none).
  std::string last_error() const;

 private:
  void SubscribeLoop();
  void RecordError(const std::string& call, const grpc::Status& status);
  v1::SyncItem ItemFor(int index) const;

  std::string id_;
  DeliveryTracker* tracker_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::FederationService::Stub> stub_;
  std::vector<bool> seen_;  // subscription thread only
  std::string cursor_;      // subscription thread only
  int pushes_ = 0;          // pushing thread only

  std::atomic<bool> stopping_{false};
  std::atomic<bool> subscribed_{false};
  std::atomic<int64_t> reconnects_{0};
  std::atomic<int64_t> push_retries_{0};
  std::atomic<int64_t> items_received_{0};
  mutable absl::Mutex mu_;
  grpc::ClientContext* open_stream_ ABSL_GUARDED_BY(mu_) = nullptr;
  std::string last_error_ ABSL_GUARDED_BY(mu_);
  std::thread thread_;
};

}  // namespace schutznetz::bench
