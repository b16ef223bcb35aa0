// Operations: what a service process offers its operators besides its API — Prometheus metrics
// (GET /metrics on `metrics.listen`) and the plaintext health listener for Kubernetes' gRPC
// probes (`health.listen`), each only when configured.
//
// The tenant and the aggregator each own one: they pass request_metrics() to their gRPC server,
// add their own collectors (the sync state) to registry(), and on SIGTERM call BeginShutdown()
// before draining the gRPC server, so that probes see NOT_SERVING while running calls finish.
//
//   auto ops = runtime::Operations::Create({"tenant", "lippstadt", config.metrics, config.health},
//                                          config.database, db);
//   options.request_metrics = (*ops)->request_metrics();
//   (*ops)->Start();
//   …  // SIGTERM
//   (*ops)->BeginShutdown();  server.Shutdown();  (*ops)->Stop();
#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "libs/config/sections.h"
#include "libs/http/server.h"
#include "libs/metrics/registry.h"
#include "libs/rpc/request_metrics.h"
#include "libs/runtime/health_listener.h"
#include "libs/runtime/health_monitor.h"
#include "libs/storage/database.h"
#include "libs/storage/probe.h"

namespace schutznetz::runtime {

struct OperationsOptions {
  std::string service;   // "tenant" or "aggregator"
  std::string instance;  // the office id; at the aggregator the district id
  config::MetricsConfig metrics;
  config::HealthConfig health;
};

class Operations {
 public:
  // Adds the request, build, pool and process metrics. `database` is checked for the health
  // listener on a connection of its own; `db` (its pool) must outlive this object.
  static absl::StatusOr<std::unique_ptr<Operations>> Create(OperationsOptions options,
                                                            const config::DatabaseConfig& database,
                                                            storage::Database& db);
  ~Operations();

  metrics::Registry& registry() { return registry_; }
  rpc::RequestMetrics* request_metrics() { return request_metrics_.get(); }

  // Starts the metrics listener and the health listener (with its database checks), each if
  // configured.
  absl::Status Start();
  // The health listener answers NOT_SERVING from now on.
  void BeginShutdown();
  // Stops both listeners. Idempotent.
  void Stop();

  // Bound ports, 0 when not listening.
  int metrics_port() const { return metrics_http_ ? metrics_http_->port() : 0; }
  int health_port() const { return health_listener_ ? health_listener_->port() : 0; }

 private:
  Operations() = default;

  OperationsOptions options_;
  metrics::Registry registry_;
  std::unique_ptr<rpc::RequestMetrics> request_metrics_;
  std::unique_ptr<storage::DatabaseProbe> probe_;
  std::unique_ptr<HealthMonitor> monitor_;
  std::unique_ptr<http::HttpServer> metrics_http_;
  std::unique_ptr<HealthListener> health_listener_;
};

}  // namespace schutznetz::runtime
