// Many offices, one aggregator: how the district log fans out when a district (or a state level)
// has hundreds of offices.
//
// Starts a real schutznetz-aggregator process on a throwaway PostgreSQL database, with a
// generated district.yaml of `offices` offices, and drives it with SimulatedOffices instead of
// tenant processes: every office subscribes to the district log, then `push_clients` of them push
// `batches` batches of `batch_items` district_event items each. Measured: push throughput, the
// delivery latency of each item to every other office, the aggregator's memory and threads, and
// how busy the machine is while every office is subscribed and nothing happens.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "bench/bench_util.h"
#include "tests/support/pg_cluster.h"

namespace schutznetz::bench {

struct ManyOfficesOptions {
  int offices = 100;
  int push_clients = 4;
  int batches = 10;       // per push client
  int batch_items = 25;   // items per batch (the aggregator accepts at most 500)
  // The aggregator's server.threads; 0: one per office (each subscription holds a thread of the
  // synchronous gRPC server) plus 64 for pushes and pollers, at most 1024 (the config's limit).
  int server_threads = 0;
  // The aggregator's database.pool_size; 0: the default of the configuration.
  int pool_size = 0;
  absl::Duration idle_window = absl::Seconds(5);
  absl::Duration timeout = absl::Seconds(180);  // per phase
  std::string build_dir;
  std::string log_dir;  // district.yaml and aggregator.log are written here
};

// Where the CPU went during a phase of the run.
struct CpuUse {
  absl::Duration wall;
  double machine_busy_percent = 0;  // all cores
  absl::Duration postgres;          // the cluster's server and backends
  absl::Duration aggregator;
  absl::Duration clients;           // this process: the simulated offices
};

struct ManyOfficesResult {
  int offices = 0;
  int server_threads = 0;
  int items = 0;
  absl::Duration subscribe_time;   // until every office had its first batch
  CpuUse idle;                     // every office subscribed, nothing pushed
  CpuUse busy;                     // first push sent → every item delivered
  absl::Duration push_time;        // first push sent → last push answered
  int push_errors = 0;             // batches that failed even after retries
  int64_t push_retries = 0;        // calls retried after UNAVAILABLE or DEADLINE_EXCEEDED
  int delivered = 0;               // items every other office received
  absl::Duration delivery_time;    // first push sent → last item at its last receiver
  LatencySummary delivery;         // push answered → last receiver got the item
  ProcessMemory memory;            // after the run
  int64_t reconnects = 0;          // subscriptions that ended early and were resumed
  std::string first_error;         // the first push or subscription error, if any
};

// One run with a fresh aggregator database on `cluster`.
absl::StatusOr<ManyOfficesResult> RunManyOffices(testing::PgCluster& cluster,
                                                 const ManyOfficesOptions& options);

}  // namespace schutznetz::bench
