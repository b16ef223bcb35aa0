#include "libs/metrics/registry.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace schutznetz::metrics {
namespace {

TEST(RegistryTest, CounterSeriesAreCreatedPerLabelValuesAndWrittenInOrder) {
  Registry registry;
  auto requests = registry.AddCounter("requests_total", "Calls.", {"method", "code"});
  ASSERT_TRUE(requests.ok()) << requests.status();
  (*requests)->With({"/b.S/M", "OK"}).Increment();
  (*requests)->With({"/a.S/M", "OK"}).Increment(2);
  (*requests)->With({"/b.S/M", "OK"}).Increment();
  EXPECT_EQ(registry.Scrape(),
            "# HELP requests_total Calls.\n"
            "# TYPE requests_total counter\n"
            "requests_total{method=\"/a.S/M\",code=\"OK\"} 2\n"
            "requests_total{method=\"/b.S/M\",code=\"OK\"} 2\n");
}

TEST(RegistryTest, CounterIgnoresNegativeIncrements) {
  Counter c;
  c.Increment(2);
  c.Increment(-1);
  EXPECT_EQ(c.Value(), 2);
}

TEST(RegistryTest, GaugeIsSetAndAdded) {
  Registry registry;
  auto* gauge = *registry.AddGauge("g", "A gauge.");
  gauge->With({}).Set(5);
  gauge->With({}).Add(-1.5);
  EXPECT_EQ(gauge->With({}).Value(), 3.5);
  EXPECT_NE(registry.Scrape().find("\ng 3.5\n"), std::string::npos);
}

TEST(RegistryTest, HistogramBucketsAreCumulativeWithInfSumAndCount) {
  Registry registry;
  auto* latency = *registry.AddHistogram("d_seconds", "Durations.", {"method"}, {0.1, 1, 0.01});
  Histogram& h = latency->With({"/a.S/M"});
  for (double v : {0.005, 0.01, 0.05, 0.5, 0.25, 3.0}) h.Observe(v);
  EXPECT_EQ(registry.Scrape(),
            "# HELP d_seconds Durations.\n"
            "# TYPE d_seconds histogram\n"
            "d_seconds_bucket{method=\"/a.S/M\",le=\"0.01\"} 2\n"
            "d_seconds_bucket{method=\"/a.S/M\",le=\"0.1\"} 3\n"
            "d_seconds_bucket{method=\"/a.S/M\",le=\"1\"} 5\n"
            "d_seconds_bucket{method=\"/a.S/M\",le=\"+Inf\"} 6\n"
            "d_seconds_sum{method=\"/a.S/M\"} 3.815\n"
            "d_seconds_count{method=\"/a.S/M\"} 6\n");
}

TEST(RegistryTest, LatencyBucketsGoFromOneMillisecondToTenSeconds) {
  std::vector<double> b = LatencyBuckets();
  ASSERT_FALSE(b.empty());
  EXPECT_EQ(b.front(), 0.001);
  EXPECT_EQ(b.back(), 10);
  for (size_t i = 1; i < b.size(); ++i) EXPECT_LT(b[i - 1], b[i]);
}

TEST(RegistryTest, InvalidOrRepeatedNamesAreRefused) {
  Registry registry;
  EXPECT_TRUE(registry.AddCounter("a_total", "A.").ok());
  EXPECT_EQ(registry.AddGauge("a_total", "Again.").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_FALSE(registry.AddGauge("bad-name", "B.").ok());
  EXPECT_FALSE(registry.AddGauge("c", "C.", {"x", "x"}).ok());
  EXPECT_FALSE(registry.AddGauge("d", "D.", {"__reserved"}).ok());
  EXPECT_FALSE(registry.AddHistogram("e", "E.", {"le"}, {1}).ok());
}

TEST(RegistryTest, MissingLabelValuesAreEmptyAndExtraOnesDropped) {
  Registry registry;
  auto* c = *registry.AddCounter("c_total", "C.", {"a", "b"});
  c->With({"x"}).Increment();
  c->With({"x", "", "extra"}).Increment();
  EXPECT_NE(registry.Scrape().find("c_total{a=\"x\",b=\"\"} 2\n"), std::string::npos);
}

TEST(RegistryTest, CollectorsAddFamiliesAtScrapeTimeAfterTheAddedOnes) {
  Registry registry;
  int scrapes = 0;
  registry.AddCollector([&](std::vector<FamilySnapshot>* out) {
    ++scrapes;
    out->push_back({"pool_size", "Pool.", MetricType::kGauge, {{"", {}, 8}}});
  });
  (void)registry.AddCounter("z_total", "Z.");
  std::vector<FamilySnapshot> families = registry.Collect();
  ASSERT_EQ(families.size(), 2u);
  EXPECT_EQ(families[0].name, "z_total");
  EXPECT_EQ(families[1].name, "pool_size");
  registry.Scrape();
  EXPECT_EQ(scrapes, 2);
}

TEST(RegistryTest, ConcurrentUpdatesAndScrapesLoseNothing) {
  Registry registry;
  auto* requests = *registry.AddCounter("r_total", "R.", {"method"});
  auto* latency = *registry.AddHistogram("l_seconds", "L.", {"method"}, LatencyBuckets());
  constexpr int kThreads = 8;
  constexpr int kPerThread = 20000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        std::string method = "/s.S/M" + std::to_string((t + i) % 4);
        requests->With({method}).Increment();
        latency->With({method}).Observe(0.002);
      }
    });
  }
  std::thread scraper([&] {
    for (int i = 0; i < 50; ++i) EXPECT_FALSE(registry.Scrape().empty());
  });
  for (auto& t : threads) t.join();
  scraper.join();
  double total = 0;
  uint64_t observed = 0;
  for (int m = 0; m < 4; ++m) {
    std::string method = "/s.S/M" + std::to_string(m);
    total += requests->With({method}).Value();
    Histogram::Counts counts = latency->With({method}).Read();
    observed += counts.count;
    EXPECT_EQ(counts.cumulative.front(), 0u);       // nothing <= 1 ms
    EXPECT_EQ(counts.cumulative[1], counts.count);  // everything <= 2.5 ms
  }
  EXPECT_EQ(total, kThreads * kPerThread);
  EXPECT_EQ(observed, static_cast<uint64_t>(kThreads * kPerThread));
}

}  // namespace
}  // namespace schutznetz::metrics
