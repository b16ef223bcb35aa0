// The Prometheus endpoint of a service binary: plain HTTP GET /metrics (text format 0.0.4) on the
// address of the `metrics` section, nothing else. Plaintext and without authentication, like
// every Prometheus target: the metrics carry no personal data (method names, status codes,
// office ids, counts), and the address belongs on an internal network.
#pragma once

#include <memory>

#include "absl/status/statusor.h"
#include "libs/config/sections.h"
#include "libs/http/server.h"
#include "libs/metrics/registry.h"

namespace schutznetz::runtime {

// Starts serving `registry` (which must outlive the server); nullptr when `metrics` is not
// enabled. Scrapes are not logged.
absl::StatusOr<std::unique_ptr<http::HttpServer>> StartMetricsHttp(
    const config::MetricsConfig& metrics, const metrics::Registry& registry);

}  // namespace schutznetz::runtime
