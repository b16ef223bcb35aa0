// RequestMetrics: what the request log of RpcServer counts for Prometheus —
//   schutznetz_grpc_requests_total{method,code}           calls by method and status code
//   schutznetz_grpc_request_duration_seconds{method}      their duration, 1 ms … 10 s buckets
//
// `method` is the full gRPC method name ("/schutznetz.v1.EventService/ListEvents") when the
// binary knows the method, and "unknown" otherwise, so that a client sending made-up method names
// cannot create new series. `code` is the status code's name ("OK", "INVALID_ARGUMENT", …).
//
//   auto request_metrics = rpc::RequestMetrics::Create(registry);
//   options.request_metrics = request_metrics->get();   // rpc::ServerOptions
#pragma once

#include <grpcpp/support/status.h>

#include <memory>
#include <set>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "libs/metrics/registry.h"

namespace schutznetz::rpc {

class RequestMetrics {
 public:
  // Adds both families to `registry`, which must outlive this object.
  static absl::StatusOr<std::unique_ptr<RequestMetrics>> Create(metrics::Registry& registry);

  // Counts one finished call. Thread-safe.
  void Record(const std::string& method, grpc::StatusCode code, absl::Duration duration);

  // `method` if it names a method of a service compiled into this binary, otherwise "unknown".
  std::string MethodLabel(const std::string& method);

 private:
  RequestMetrics(metrics::Family<metrics::Counter>* requests,
                 metrics::Family<metrics::Histogram>* durations)
      : requests_(requests), durations_(durations) {}

  metrics::Family<metrics::Counter>* requests_;
  metrics::Family<metrics::Histogram>* durations_;
  absl::Mutex mu_;
  std::set<std::string> known_ ABSL_GUARDED_BY(mu_);  // methods found before
};

}  // namespace schutznetz::rpc
