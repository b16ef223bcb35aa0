#include "libs/rpc/server.h"

#include <signal.h>

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/support/server_interceptor.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "libs/common/log.h"
#include "libs/rpc/bearer_token.h"
#include "libs/rpc/status.h"

namespace schutznetz::rpc {
namespace {

// Logs one line per call: method, status code and duration. Never request or response contents.
// The same call is counted in the request metrics, if any.
class RequestLogInterceptor final : public grpc::experimental::Interceptor {
 public:
  RequestLogInterceptor(grpc::experimental::ServerRpcInfo* info,
                        const std::function<std::string(const grpc::ServerContextBase*)>& caller_of,
                        RequestMetrics* metrics)
      : method_(info->method()),
        ctx_(info->server_context()),
        caller_of_(caller_of),
        metrics_(metrics),
        start_(absl::Now()) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    using grpc::experimental::InterceptionHookPoints;
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      grpc::Status status = methods->GetSendStatus();
      absl::Duration took = absl::Now() - start_;
      if (metrics_ != nullptr) metrics_->Record(method_, status.error_code(), took);
      double ms = absl::ToDoubleMilliseconds(took);
      log::Level level = status.ok() ? log::Level::kInfo : log::Level::kWarning;
      if (status.error_code() == grpc::StatusCode::INTERNAL ||
          status.error_code() == grpc::StatusCode::UNKNOWN) {
        level = log::Level::kError;
      }
      if (caller_of_) {
        log::Write(level, "request",
                   {{"method", method_},
                    {"code", GrpcCodeName(status.error_code())},
                    {"ms", ms},
                    {"caller", caller_of_(ctx_)}});
      } else {
        log::Write(level, "request",
                   {{"method", method_}, {"code", GrpcCodeName(status.error_code())}, {"ms", ms}});
      }
    }
    methods->Proceed();
  }

 private:
  std::string method_;
  grpc::ServerContextBase* ctx_;
  const std::function<std::string(const grpc::ServerContextBase*)>& caller_of_;
  RequestMetrics* metrics_;
  absl::Time start_;
};

class RequestLogFactory final : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  RequestLogFactory(std::function<std::string(const grpc::ServerContextBase*)> caller_of,
                    RequestMetrics* metrics)
      : caller_of_(std::move(caller_of)), metrics_(metrics) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    return new RequestLogInterceptor(info, caller_of_, metrics_);
  }

 private:
  std::function<std::string(const grpc::ServerContextBase*)> caller_of_;
  RequestMetrics* metrics_;
};

// Lets the server builder own a factory the caller shares.
class SharedFactory final : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit SharedFactory(
      std::shared_ptr<grpc::experimental::ServerInterceptorFactoryInterface> factory)
      : factory_(std::move(factory)) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    return factory_->CreateServerInterceptor(info);
  }

 private:
  std::shared_ptr<grpc::experimental::ServerInterceptorFactoryInterface> factory_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<RpcServer>> RpcServer::Start(
    const ServerOptions& options, const std::vector<grpc::Service*>& services) {
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();

  std::unique_ptr<RpcServer> s(new RpcServer());
  s->grace_ = options.shutdown_grace;
  grpc::ServerBuilder builder;
  auto creds = options.credentials ? options.credentials : grpc::InsecureServerCredentials();
  builder.AddListeningPort(options.listen, creds, &s->port_);
  for (grpc::Service* service : services) builder.RegisterService(service);

  grpc::ResourceQuota quota("schutznetz");
  quota.SetMaxThreads(options.threads);
  builder.SetResourceQuota(quota);
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MAX_POLLERS,
                              std::max(2, options.threads / 4));
  builder.SetMaxReceiveMessageSize(options.max_receive_message_bytes);
  builder.SetMaxSendMessageSize(16 * 1024 * 1024);
  // Keepalive: pings from clients every 20 s are allowed, also on idle streams.
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS, 30000);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 10000);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS, 10000);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MAX_PING_STRIKES, 0);

  // Server interceptors see received metadata last-to-first and sent statuses first-to-last: the
  // given interceptors (the gate) decide after the request log saw the call start, and the
  // request log sees the status they may have set.
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> creators;
  for (const auto& factory : options.interceptors) {
    creators.push_back(std::make_unique<SharedFactory>(factory));
  }
  creators.push_back(
      std::make_unique<RequestLogFactory>(options.caller_of, options.request_metrics));
  builder.experimental().SetInterceptorCreators(std::move(creators));

  s->server_ = builder.BuildAndStart();
  if (s->server_ == nullptr || s->port_ == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", options.listen, " (address in use or not allowed?)"));
  }
  s->server_->GetHealthCheckService()->SetServingStatus(true);
  return s;
}

RpcServer::~RpcServer() { Shutdown(); }

std::shared_ptr<grpc::Channel> RpcServer::InProcessChannel() {
  return server_->InProcessChannel(grpc::ChannelArguments());
}

std::shared_ptr<grpc::Channel> RpcServer::InProcessChannel(const std::string& bearer_token) {
  return server_->experimental().InProcessChannelWithInterceptors(
      grpc::ChannelArguments(), BearerTokenInterceptors(bearer_token));
}

void RpcServer::Shutdown() {
  if (shut_down_ || server_ == nullptr) return;
  shut_down_ = true;
  server_->GetHealthCheckService()->SetServingStatus(false);
  server_->Shutdown(std::chrono::system_clock::now() +
                    std::chrono::milliseconds(absl::ToInt64Milliseconds(grace_)));
  server_->Wait();
}

void BlockShutdownSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  signal(SIGPIPE, SIG_IGN);
}

int WaitForShutdownSignal() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  int sig = 0;
  while (sigwait(&set, &sig) != 0) {
  }
  return sig;
}

}  // namespace schutznetz::rpc
