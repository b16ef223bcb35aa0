#include "libs/runtime/operations.h"

#include "libs/common/log.h"
#include "libs/runtime/metrics_http.h"
#include "libs/runtime/runtime.h"
#include "libs/runtime/service_metrics.h"

namespace schutznetz::runtime {

absl::StatusOr<std::unique_ptr<Operations>> Operations::Create(
    OperationsOptions options, const config::DatabaseConfig& database, storage::Database& db) {
  std::unique_ptr<Operations> ops(new Operations());
  ops->options_ = std::move(options);
  auto request_metrics = rpc::RequestMetrics::Create(ops->registry_);
  if (!request_metrics.ok()) return request_metrics.status();
  ops->request_metrics_ = *std::move(request_metrics);
  absl::Status added =
      AddServiceMetrics(ops->registry_, {ops->options_.service, ops->options_.instance}, db.pool());
  if (!added.ok()) return added;
  if (ops->options_.health.enabled()) {
    ops->probe_ = std::make_unique<storage::DatabaseProbe>(PoolOptionsFrom(
        database, "schutznetz-" + ops->options_.service + "-" + ops->options_.instance));
    storage::DatabaseProbe* probe = ops->probe_.get();
    ops->monitor_ = std::make_unique<HealthMonitor>([probe] { return probe->Check(); });
  }
  return ops;
}

Operations::~Operations() { Stop(); }

absl::Status Operations::Start() {
  absl::StatusOr<std::unique_ptr<http::HttpServer>> metrics =
      StartMetricsHttp(options_.metrics, registry_);
  if (!metrics.ok()) return metrics.status();
  metrics_http_ = *std::move(metrics);
  if (monitor_ != nullptr) {
    monitor_->Start();
    HealthMonitor* monitor = monitor_.get();
    auto health =
        HealthListener::Start(options_.health.listen, [monitor] { return monitor->Serving(); });
    if (!health.ok()) return health.status();
    health_listener_ = *std::move(health);
    log::Info(
        "health serving",
        {{"listen", options_.health.listen}, {"port", health_listener_->port()}, {"tls", false}});
  }
  return absl::OkStatus();
}

void Operations::BeginShutdown() {
  if (monitor_ != nullptr) monitor_->BeginShutdown();
}

void Operations::Stop() {
  BeginShutdown();
  if (health_listener_ != nullptr) health_listener_->Stop();
  if (metrics_http_ != nullptr) metrics_http_->Stop();
  if (monitor_ != nullptr) monitor_->Stop();
}

}  // namespace schutznetz::runtime
