// The sync agent inside a tenant service: keeps the office and the district aggregator in step.
//
// Push: forms batches from the office's change log, stores a batch's txn id and range before the
// first send (so a retry — also after a restart — sends the identical batch), and advances its
// cursor only on the aggregator's answer. Subscribe: streams the district log from the stored
// cursor and applies each batch together with the new cursor in one transaction. Both retry with
// exponential backoff and jitter; every call has a deadline; the stream's channel keeps alive.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include <grpcpp/grpcpp.h>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "libs/storage/database.h"
#include "libs/storage/sync_state_repository.h"
#include "libs/sync/applier.h"
#include "libs/sync/backoff.h"
#include "libs/sync/log_reader.h"
#include "libs/sync/signal.h"

namespace schutznetz::sync {

// The peer name under which an office records its exchange with the aggregator.
inline constexpr char kAggregatorPeer[] = "aggregator";

struct AgentOptions {
  std::string office_id;
  int batch_items = 200;
  absl::Duration call_deadline = absl::Seconds(15);
  // A subscription is renewed after this long (every call has a deadline).
  absl::Duration stream_deadline = absl::Minutes(10);
  // Pushes also happen without a wake-up, at least this often.
  absl::Duration poll_interval = absl::Seconds(1);
  absl::Duration backoff_base = absl::Milliseconds(200);
  absl::Duration backoff_max = absl::Seconds(30);
};

// Channel arguments for the agent's connection: keepalive pings the aggregator permits.
grpc::ChannelArguments AgentChannelArguments();

class Agent {
 public:
  Agent(storage::Database& db, Applier& applier, LogReader& own_log, Signal* outbox_changed,
        std::shared_ptr<grpc::Channel> channel, AgentOptions options);
  ~Agent();

  // Starts the push and subscribe threads.
  void Start();
  // Stops both threads (an open subscription is cancelled).
  void Stop();

  // One push round: resends the pending batch or forms a new one and pushes it. Returns the
  // number of items the aggregator confirmed (0: nothing to push).
  absl::StatusOr<int> PushOnce();
  // One subscription: applies batches until the stream ends, `max_batches` were applied (0: no
  // limit) or Stop(). OUT_OF_RANGE from the aggregator resets the cursor to the start.
  absl::Status SubscribeOnce(int max_batches = 0);

 private:
  void PushLoop();
  void SubscribeLoop();
  absl::Status RecordPush(const absl::Status& outcome);
  absl::Status RecordSubscribe(const absl::Status& outcome);
  absl::Status ApplyBatch(const std::vector<domain::SyncItem>& items, const std::string& cursor,
                          int64_t remaining);
  bool stopping() const { return stopping_.load(); }

  storage::Database& db_;
  Applier& applier_;
  LogReader& own_log_;
  Signal* outbox_changed_;
  std::shared_ptr<grpc::Channel> channel_;
  AgentOptions options_;
  std::unique_ptr<storage::SyncStateRepository> state_;
  int batch_items_;

  std::atomic<bool> stopping_{false};
  Signal stop_signal_;
  absl::Mutex mu_;
  // Calls in flight, cancelled by Stop() so that shutdown does not wait for their deadlines.
  grpc::ClientContext* open_stream_ ABSL_GUARDED_BY(mu_) = nullptr;
  grpc::ClientContext* open_push_ ABSL_GUARDED_BY(mu_) = nullptr;
  std::thread push_thread_;
  std::thread subscribe_thread_;
};

}  // namespace schutznetz::sync
