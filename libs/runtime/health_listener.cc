#include "libs/runtime/health_listener.h"

#include <grpcpp/ext/health_check_service_server_builder_option.h>
#include <grpcpp/impl/server_builder_option.h>

#include "absl/strings/str_cat.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace schutznetz::runtime {
namespace {

// Drops the server builder plugins every builder gets once they are registered process-wide
// (server reflection, see RpcServer::Start): this listener offers nothing but health.
class NoPluginsOption final : public grpc::ServerBuilderOption {
 public:
  void UpdateArguments(grpc::ChannelArguments*) override {}
  void UpdatePlugins(std::vector<std::unique_ptr<grpc::ServerBuilderPlugin>>* plugins) override {
    plugins->clear();
  }
};

}  // namespace

class HealthListener::Service final : public grpc::health::v1::Health::Service {
 public:
  explicit Service(std::function<bool()> serving) : serving_(std::move(serving)) {}

  grpc::Status Check(grpc::ServerContext*, const grpc::health::v1::HealthCheckRequest* req,
                     grpc::health::v1::HealthCheckResponse* resp) override {
    if (!req->service().empty()) {
      return grpc::Status(grpc::StatusCode::NOT_FOUND, "unknown service");
    }
    resp->set_status(serving_() ? grpc::health::v1::HealthCheckResponse::SERVING
                                : grpc::health::v1::HealthCheckResponse::NOT_SERVING);
    return grpc::Status::OK;
  }

 private:
  std::function<bool()> serving_;
};

absl::StatusOr<std::unique_ptr<HealthListener>> HealthListener::Start(
    const std::string& listen, std::function<bool()> serving) {
  std::unique_ptr<HealthListener> h(new HealthListener());
  h->service_ = std::make_unique<Service>(std::move(serving));
  grpc::ServerBuilder builder;
  builder.AddListeningPort(listen, grpc::InsecureServerCredentials(), &h->port_);
  builder.RegisterService(h->service_.get());
  // Our own Health service instead of gRPC's default one, and no reflection.
  builder.SetOption(std::make_unique<grpc::HealthCheckServiceServerBuilderOption>(nullptr));
  builder.SetOption(std::make_unique<NoPluginsOption>());
  grpc::ResourceQuota quota("schutznetz-health");
  quota.SetMaxThreads(4);
  builder.SetResourceQuota(quota);
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MIN_POLLERS, 1);
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MAX_POLLERS, 2);
  builder.SetMaxReceiveMessageSize(4096);
  // A port in use is an error, not shared with the other process (SO_REUSEPORT).
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  h->server_ = builder.BuildAndStart();
  if (h->server_ == nullptr || h->port_ == 0) {
    return absl::UnavailableError(
        absl::StrCat("health.listen: cannot listen on ", listen, " / Adresse nicht verfügbar"));
  }
  return h;
}

HealthListener::~HealthListener() { Stop(); }

void HealthListener::Stop() {
  if (stopped_ || server_ == nullptr) return;
  stopped_ = true;
  server_->Shutdown(std::chrono::system_clock::now());
  server_->Wait();
}

}  // namespace schutznetz::runtime
