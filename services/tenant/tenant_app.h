// TenantApp: everything one office's tenant service runs, built from its configuration.
//
// main() only parses arguments and calls Create/Start/ServeUntilSignal; tests build a TenantApp
// directly and talk to it over InProcessChannel() or its port.
#pragma once

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/auth/gate.h"
#include "libs/config/office_config.h"
#include "libs/http/server.h"
#include "libs/rpc/server.h"
#include "libs/runtime/operations.h"
#include "libs/storage/database.h"
#include "libs/web/ui_server.h"
#include "services/tenant/consent_book.h"
#include "services/tenant/erasure_link.h"
#include "services/tenant/retention_job.h"
#include "services/tenant/statistics_publisher.h"
#include "services/tenant/tenant_sync.h"

namespace schutznetz::tenant {

class TenantApp {
 public:
  // Loads the PII guard's names file, opens and migrates the office database and builds the
  // services.
  static absl::StatusOr<std::unique_ptr<TenantApp>> Create(const config::OfficeConfig& config);
  ~TenantApp();

  // Starts serving gRPC on config.server.listen (every call through the office's authorisation
  // gate), the public pages on config.http.listen, the metrics on config.metrics.listen and the
  // health listener on config.health.listen if set, the sync with the aggregator, the
  // statistics job and the retention job.
  absl::Status Start();
  // The first step of a graceful shutdown, before the gRPC server drains: the health listener
  // reports NOT_SERVING and the public HTTP listener stops.
  void BeginShutdown();
  rpc::RpcServer& server() { return *server_; }
  // The public HTTP(S) listener; nullptr when config.http is not set.
  http::HttpServer* http() { return http_.get(); }
  // The web UI's listener; nullptr when `ui` is not set.
  web::UiServer* ui() { return ui_.get(); }
  // Stops the public HTTP listener (before the gRPC server it calls). Idempotent.
  void StopHttp();
  TenantSync& sync() { return *sync_; }
  StatisticsPublisher& statistics() { return *statistics_; }
  RetentionJob& retention() { return *retention_; }
  storage::Database& database() { return *db_; }
  // Metrics and health listener.
  runtime::Operations& operations() { return *ops_; }

 private:
  struct Services;
  TenantApp() = default;

  config::OfficeConfig config_;
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<runtime::Operations> ops_;
  std::unique_ptr<auth::Gate> gate_;
  std::unique_ptr<TenantSync> sync_;
  std::unique_ptr<StatisticsPublisher> statistics_;
  // The member's registration data at other offices: erased with the member or on withdrawal.
  std::unique_ptr<ErasureLink> erasure_;
  std::unique_ptr<ConsentBook> consents_;
  std::unique_ptr<RetentionJob> retention_;
  std::unique_ptr<Services> services_;
  std::unique_ptr<rpc::RpcServer> server_;
  std::unique_ptr<http::HttpServer> http_;
  std::unique_ptr<web::UiServer> ui_;
};

}  // namespace schutznetz::tenant
