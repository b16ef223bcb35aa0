#include "services/aggregator/aggregator_app.h"

#include "libs/api/audit_service.h"
#include "libs/runtime/runtime.h"

namespace schutznetz::aggregator {

struct AggregatorApp::Services {
  explicit Services(storage::Database& db) : audit(db) {}
  std::vector<grpc::Service*> All() { return {&audit}; }

  api::AuditService audit;
};

AggregatorApp::~AggregatorApp() {
  if (server_) server_->Shutdown();
}

absl::StatusOr<std::unique_ptr<AggregatorApp>> AggregatorApp::Create(
    const config::DistrictConfig& config) {
  std::unique_ptr<AggregatorApp> app(new AggregatorApp());
  app->config_ = config;
  absl::StatusOr<std::unique_ptr<storage::Database>> db =
      runtime::OpenDatabase(config.aggregator.database, "schutznetz-aggregator-" + config.id,
                            storage::SchemaRole::kAggregator);
  if (!db.ok()) return db.status();
  app->db_ = *std::move(db);
  app->services_ = std::make_unique<Services>(*app->db_);
  return app;
}

absl::Status AggregatorApp::Start() {
  absl::StatusOr<std::unique_ptr<rpc::RpcServer>> server =
      rpc::RpcServer::Start(runtime::ServerOptionsFrom(config_.aggregator.server),
                            services_->All());
  if (!server.ok()) return server.status();
  server_ = *std::move(server);
  return absl::OkStatus();
}

}  // namespace schutznetz::aggregator
