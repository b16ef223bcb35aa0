// HealthListener: a plaintext gRPC listener that serves only grpc.health.v1.Health, for
// Kubernetes' native gRPC probes (the kubelet can neither verify a server certificate nor
// present a client certificate, so it cannot probe the service's TLS port).
//
// Check for the whole server (service "") answers SERVING while `serving()` returns true and
// NOT_SERVING otherwise; any other service name is NOT_FOUND. Watch is UNIMPLEMENTED (probes only
// call Check). Nothing else is served: no other service, no reflection, no request log — the
// answer is the only thing a client learns. `serving` runs on a gRPC thread for every Check and
// must return at once (read a cached state, never wait for the database).
//
//   auto health = HealthListener::Start("0.0.0.0:7401", [&] { return monitor.Serving(); });
//   …
//   (*health)->Stop();
#pragma once

#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"

namespace schutznetz::runtime {

class HealthListener {
 public:
  // Binds `listen` (host:port; port 0 picks a free one). UNAVAILABLE if it cannot.
  static absl::StatusOr<std::unique_ptr<HealthListener>> Start(const std::string& listen,
                                                               std::function<bool()> serving);
  ~HealthListener();

  // The port actually bound.
  int port() const { return port_; }
  // Stops listening; running checks are cancelled. Idempotent.
  void Stop();

 private:
  class Service;
  HealthListener() = default;
  std::unique_ptr<Service> service_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
  bool stopped_ = false;
};

}  // namespace schutznetz::runtime
