// The metrics every Schutznetz service exposes besides its requests:
//   schutznetz_build_info{version,service,office} 1
//   schutznetz_db_pool_connections{state="in_use"|"idle"}, schutznetz_db_pool_size,
//   schutznetz_db_pool_waits_total      the connection pool, read at scrape time
//   process_*                           memory, CPU, start time, open files (/proc)
#pragma once

#include <string>

#include "absl/status/status.h"
#include "libs/metrics/registry.h"
#include "libs/storage/pool.h"

namespace schutznetz::runtime {

struct BuildInfo {
  std::string service;  // "tenant" or "aggregator"
  std::string office;   // the office id; at the aggregator the district id
};

// This build's version (the CMake project version).
const char* BuildVersion();

// Adds the families above to `registry`; `pool` must outlive it.
absl::Status AddServiceMetrics(metrics::Registry& registry, const BuildInfo& build,
                               const storage::ConnectionPool& pool);

// The pool's families as of `stats` (for the collector and its tests).
void AppendPoolMetrics(const storage::PoolStats& stats, std::vector<metrics::FamilySnapshot>* out);

}  // namespace schutznetz::runtime
