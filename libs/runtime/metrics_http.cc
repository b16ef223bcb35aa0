#include "libs/runtime/metrics_http.h"

#include "libs/metrics/exposition.h"

namespace schutznetz::runtime {

absl::StatusOr<std::unique_ptr<http::HttpServer>> StartMetricsHttp(
    const config::MetricsConfig& metrics, const metrics::Registry& registry) {
  if (!metrics.enabled()) return std::unique_ptr<http::HttpServer>();
  http::HttpServerOptions options;
  options.listen = metrics.listen;
  options.threads = 2;
  options.log_name = "metrics";
  options.config_key = "metrics.listen";
  options.log_requests = false;
  const metrics::Registry* r = &registry;
  return http::HttpServer::Start(options, {{"/metrics", [r](const http::HttpRequest&) {
                                              http::HttpResponse response;
                                              response.content_type = metrics::kTextContentType;
                                              response.body = r->Scrape();
                                              return response;
                                            }}});
}

}  // namespace schutznetz::runtime
