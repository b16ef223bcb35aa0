#include "libs/runtime/service_metrics.h"

#include "libs/metrics/process_metrics.h"

#ifndef SCHUTZNETZ_VERSION
#define SCHUTZNETZ_VERSION "unknown"
#endif

namespace schutznetz::runtime {

const char* BuildVersion() { return SCHUTZNETZ_VERSION; }

void AppendPoolMetrics(const storage::PoolStats& stats, std::vector<metrics::FamilySnapshot>* out) {
  using metrics::MetricType;
  out->push_back({"schutznetz_db_pool_connections",
                  "Open PostgreSQL connections of the pool, leased (in_use) or free (idle).",
                  MetricType::kGauge,
                  {{"", {{"state", "in_use"}}, static_cast<double>(stats.in_use)},
                   {"", {{"state", "idle"}}, static_cast<double>(stats.open - stats.in_use)}}});
  out->push_back({"schutznetz_db_pool_size",
                  "Maximum number of PostgreSQL connections of the pool (database.pool_size).",
                  MetricType::kGauge,
                  {{"", {}, static_cast<double>(stats.size)}}});
  out->push_back({"schutznetz_db_pool_waits_total",
                  "Requests for a connection that found none free and had to wait.",
                  MetricType::kCounter,
                  {{"", {}, static_cast<double>(stats.waits)}}});
}

absl::Status AddServiceMetrics(metrics::Registry& registry, const BuildInfo& build,
                               const storage::ConnectionPool& pool) {
  auto info = registry.AddGauge("schutznetz_build_info",
                                "Always 1; the labels name the version, the service and the "
                                "office (the district at the aggregator).",
                                {"version", "service", "office"});
  if (!info.ok()) return info.status();
  (*info)->With({BuildVersion(), build.service, build.office}).Set(1);
  registry.AddCollector(
      [&pool](std::vector<metrics::FamilySnapshot>* out) { AppendPoolMetrics(pool.Stats(), out); });
  registry.AddCollector(&metrics::CollectProcessMetrics);
  return absl::OkStatus();
}

}  // namespace schutznetz::runtime
