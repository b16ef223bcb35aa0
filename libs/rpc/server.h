// RpcServer: the gRPC server set-up every Schutznetz service shares.
//
// Threading: the synchronous gRPC API with a bounded thread pool (ResourceQuota max threads).
// Request handlers block on PostgreSQL, which the synchronous API handles naturally; the pool
// bound keeps memory predictable under load. Every server gets the standard health service,
// server reflection, one structured log line per request (counted for Prometheus when
// ServerOptions::request_metrics is set), message-size limits and keepalive settings that the
// sync agents' clients agree with.
//
//   auto server = RpcServer::Start(options, {&organisations, &events});
//   WaitForShutdownSignal();
//   (*server)->Shutdown();
#pragma once

#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/rpc/request_metrics.h"

namespace schutznetz::rpc {

struct ServerOptions {
  std::string listen;  // host:port; port 0 picks a free port
  int threads = 16;
  absl::Duration shutdown_grace = absl::Seconds(5);
  int max_receive_message_bytes = 4 * 1024 * 1024;
  std::shared_ptr<grpc::ServerCredentials> credentials;  // default: insecure
  // Interceptors that run before the request log's, e.g. the authorisation gate (libs/auth).
  std::vector<std::shared_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
  // Who made a call, for the request log ("token:…", "anonymous"); empty: not logged.
  std::function<std::string(const grpc::ServerContextBase*)> caller_of;
  // Counts every call the request log sees (Prometheus); null: not counted. Must outlive the
  // server.
  RequestMetrics* request_metrics = nullptr;
};

class RpcServer {
 public:
  static absl::StatusOr<std::unique_ptr<RpcServer>> Start(
      const ServerOptions& options, const std::vector<grpc::Service*>& services);
  ~RpcServer();

  // The port actually bound.
  int port() const { return port_; }
  std::shared_ptr<grpc::Channel> InProcessChannel();
  // An in-process channel that sends `bearer_token` ("snz_…") with every call.
  std::shared_ptr<grpc::Channel> InProcessChannel(const std::string& bearer_token);
  // Reports NOT_SERVING, stops accepting calls, lets running calls finish within the grace period
  // and cancels the rest. Idempotent.
  void Shutdown();

 private:
  RpcServer() = default;
  std::unique_ptr<grpc::Server> server_;
  absl::Duration grace_;
  int port_ = 0;
  bool shut_down_ = false;
};

// Blocks SIGTERM and SIGINT in the calling thread and every thread created after it. Call first
// thing in main(); WaitForShutdownSignal() then receives them synchronously.
void BlockShutdownSignals();
// Waits for SIGTERM or SIGINT and returns the signal number.
int WaitForShutdownSignal();

}  // namespace schutznetz::rpc
