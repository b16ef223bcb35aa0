#include "libs/runtime/service_metrics.h"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "libs/runtime/metrics_http.h"
#include "tests/support/http_client.h"

namespace schutznetz::runtime {
namespace {

TEST(ServiceMetricsTest, PoolIsReportedAsInUseIdleSizeAndWaits) {
  storage::PoolStats stats;
  stats.size = 8;
  stats.open = 3;
  stats.in_use = 2;
  stats.waits = 5;
  std::vector<metrics::FamilySnapshot> families;
  AppendPoolMetrics(stats, &families);
  std::string text = metrics::WriteText(families);
  EXPECT_NE(text.find("# TYPE schutznetz_db_pool_connections gauge\n"
                      "schutznetz_db_pool_connections{state=\"in_use\"} 2\n"
                      "schutznetz_db_pool_connections{state=\"idle\"} 1\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("\nschutznetz_db_pool_size 8\n"), std::string::npos) << text;
  EXPECT_NE(text.find("# TYPE schutznetz_db_pool_waits_total counter\n"
                      "schutznetz_db_pool_waits_total 5\n"),
            std::string::npos)
      << text;
}

TEST(ServiceMetricsTest, BuildVersionIsTheProjectVersion) {
  EXPECT_STRNE(BuildVersion(), "unknown");
  EXPECT_NE(std::string(BuildVersion()).find('.'), std::string::npos);
}

TEST(MetricsHttpTest, ServesTheRegistryAtSlashMetricsOnly) {
  metrics::Registry registry;
  (*registry.AddCounter("schutznetz_test_total", "A test counter."))->With({}).Increment(7);
  auto server = StartMetricsHttp({"127.0.0.1:0"}, registry);
  ASSERT_TRUE(server.ok()) << server.status();
  ASSERT_NE(*server, nullptr);
  EXPECT_FALSE((*server)->tls());
  std::string base = absl::StrCat("http://127.0.0.1:", (*server)->port());
  auto scrape = testing::HttpRequest("GET", base + "/metrics");
  ASSERT_TRUE(scrape.ok()) << scrape.status();
  EXPECT_EQ(scrape->status, 200);
  EXPECT_EQ(scrape->Header("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_NE(scrape->body.find("# HELP schutznetz_test_total A test counter.\n"
                              "# TYPE schutznetz_test_total counter\n"
                              "schutznetz_test_total 7\n"),
            std::string::npos)
      << scrape->body;
  EXPECT_EQ(testing::HttpRequest("GET", base + "/")->status, 404);
  EXPECT_EQ(testing::HttpRequest("POST", base + "/metrics")->status, 405);
}

TEST(MetricsHttpTest, OffWithoutAListenAddress) {
  metrics::Registry registry;
  auto server = StartMetricsHttp({}, registry);
  ASSERT_TRUE(server.ok());
  EXPECT_EQ(*server, nullptr);
}

}  // namespace
}  // namespace schutznetz::runtime
