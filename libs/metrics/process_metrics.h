// The standard process metrics of Prometheus client libraries, read from /proc at scrape time:
// process_cpu_seconds_total, process_resident_memory_bytes, process_virtual_memory_bytes,
// process_start_time_seconds and process_open_fds. On a system without /proc nothing is added.
#pragma once

#include <vector>

#include "libs/metrics/exposition.h"

namespace schutznetz::metrics {

// A Registry::Collector for this process.
void CollectProcessMetrics(std::vector<FamilySnapshot>* out);

}  // namespace schutznetz::metrics
