// AggregatorApp: the district aggregator process, built from the district configuration.
//
// It owns the district database and serves the federation and district APIs. main() only wires;
// tests build an AggregatorApp directly.
#pragma once

#include <memory>

#include "absl/status/statusor.h"
#include "libs/auth/gate.h"
#include "libs/config/district_config.h"
#include "libs/http/server.h"
#include "libs/rpc/server.h"
#include "libs/runtime/operations.h"
#include "libs/storage/database.h"
#include "libs/sync/receiver.h"
#include "libs/web/ui_server.h"

namespace schutznetz::aggregator {

class AggregatorApp {
 public:
  // Opens and migrates the district database and builds the services.
  static absl::StatusOr<std::unique_ptr<AggregatorApp>> Create(
      const config::DistrictConfig& config);
  ~AggregatorApp();

  // Starts serving gRPC on aggregator.server.listen, every call through the district's
  // authorisation gate, and — each if set — the district's public pages on
  // aggregator.http.listen, the metrics on aggregator.metrics.listen and the health listener on
  // aggregator.health.listen.
  absl::Status Start();
  // The first step of a graceful shutdown, before the gRPC server drains: the health listener
  // reports NOT_SERVING and the public HTTP listener stops.
  void BeginShutdown();
  rpc::RpcServer& server() { return *server_; }
  // The public HTTP(S) listener; nullptr when aggregator.http is not set.
  http::HttpServer* http() { return http_.get(); }
  // The web UI's listener; nullptr when aggregator.ui is not set.
  web::UiServer* ui() { return ui_.get(); }
  // Stops the public HTTP listener (before the gRPC server it calls). Idempotent.
  void StopHttp();
  storage::Database& database() { return *db_; }
  // Metrics and health listener.
  runtime::Operations& operations() { return *ops_; }
  // The receiving end of the offices' pushes, as FederationService uses it (for the fuzz harness).
  sync::Receiver& receiver();

 private:
  AggregatorApp() = default;

  struct Services;
  config::DistrictConfig config_;
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<runtime::Operations> ops_;
  std::unique_ptr<auth::Gate> gate_;
  std::unique_ptr<Services> services_;
  std::unique_ptr<rpc::RpcServer> server_;
  std::unique_ptr<http::HttpServer> http_;
  std::unique_ptr<web::UiServer> ui_;
};

}  // namespace schutznetz::aggregator
