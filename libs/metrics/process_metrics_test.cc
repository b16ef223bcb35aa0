#include "libs/metrics/process_metrics.h"

#include <gtest/gtest.h>

#include <ctime>
#include <map>

namespace schutznetz::metrics {
namespace {

TEST(ProcessMetricsTest, ReportsThisProcessFromProc) {
  std::vector<FamilySnapshot> families;
  CollectProcessMetrics(&families);
  std::map<std::string, double> value;
  for (const FamilySnapshot& f : families) {
    ASSERT_EQ(f.samples.size(), 1u) << f.name;
    value[f.name] = f.samples[0].value;
  }
  EXPECT_GT(value["process_resident_memory_bytes"], 1024 * 1024);
  EXPECT_GE(value["process_virtual_memory_bytes"], value["process_resident_memory_bytes"]);
  EXPECT_GE(value["process_cpu_seconds_total"], 0);
  EXPECT_GT(value["process_open_fds"], 2);
  double now = static_cast<double>(std::time(nullptr));
  EXPECT_LE(value["process_start_time_seconds"], now + 1);
  EXPECT_GT(value["process_start_time_seconds"], now - 3600);
}

}  // namespace
}  // namespace schutznetz::metrics
