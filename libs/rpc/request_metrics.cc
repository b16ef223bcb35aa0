#include "libs/rpc/request_metrics.h"

#include <google/protobuf/descriptor.h>

#include "libs/rpc/status.h"

namespace schutznetz::rpc {
namespace {

constexpr char kUnknownMethod[] = "unknown";

// Whether "/package.Service/Method" is a method of a service in the binary's generated
// descriptors (every service it can serve: ours, health, reflection).
bool IsCompiledInMethod(const std::string& method) {
  if (method.size() < 4 || method[0] != '/') return false;
  size_t slash = method.find('/', 1);
  if (slash == std::string::npos || slash + 1 >= method.size()) return false;
  std::string full = method.substr(1, slash - 1) + "." + method.substr(slash + 1);
  return google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(full) != nullptr;
}

}  // namespace

absl::StatusOr<std::unique_ptr<RequestMetrics>> RequestMetrics::Create(
    metrics::Registry& registry) {
  auto requests = registry.AddCounter("schutznetz_grpc_requests_total",
                                      "gRPC calls handled, by full method name and status code.",
                                      {"method", "code"});
  if (!requests.ok()) return requests.status();
  auto durations =
      registry.AddHistogram("schutznetz_grpc_request_duration_seconds",
                            "Time from receiving a gRPC call to sending its status, in seconds.",
                            {"method"}, metrics::LatencyBuckets());
  if (!durations.ok()) return durations.status();
  return std::unique_ptr<RequestMetrics>(new RequestMetrics(*requests, *durations));
}

std::string RequestMetrics::MethodLabel(const std::string& method) {
  {
    absl::ReaderMutexLock lock(&mu_);
    if (known_.count(method) > 0) return method;
  }
  if (!IsCompiledInMethod(method)) return kUnknownMethod;
  absl::MutexLock lock(&mu_);
  known_.insert(method);
  return method;
}

void RequestMetrics::Record(const std::string& method, grpc::StatusCode code,
                            absl::Duration duration) {
  std::string label = MethodLabel(method);
  requests_->With({label, GrpcCodeName(code)}).Increment();
  durations_->With({label}).Observe(absl::ToDoubleSeconds(duration));
}

}  // namespace schutznetz::rpc
