#include "libs/metrics/exposition.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace schutznetz::metrics {
namespace {

TEST(ExpositionTest, FamilyIsWrittenWithHelpTypeAndOneLinePerSample) {
  FamilySnapshot f{"schutznetz_grpc_requests_total",
                   "gRPC calls handled.",
                   MetricType::kCounter,
                   {{"", {{"method", "/a.B/C"}, {"code", "OK"}}, 3},
                    {"", {{"method", "/a.B/C"}, {"code", "NOT_FOUND"}}, 1}}};
  EXPECT_EQ(WriteText({f}),
            "# HELP schutznetz_grpc_requests_total gRPC calls handled.\n"
            "# TYPE schutznetz_grpc_requests_total counter\n"
            "schutznetz_grpc_requests_total{method=\"/a.B/C\",code=\"OK\"} 3\n"
            "schutznetz_grpc_requests_total{method=\"/a.B/C\",code=\"NOT_FOUND\"} 1\n");
}

TEST(ExpositionTest, SampleWithoutLabelsHasNoBraces) {
  FamilySnapshot f{"schutznetz_db_pool_size", "Pool size.", MetricType::kGauge, {{"", {}, 8}}};
  EXPECT_EQ(WriteText({f}),
            "# HELP schutznetz_db_pool_size Pool size.\n"
            "# TYPE schutznetz_db_pool_size gauge\n"
            "schutznetz_db_pool_size 8\n");
}

TEST(ExpositionTest, FamilyWithoutSamplesKeepsHelpAndType) {
  FamilySnapshot f{"x_total", "Nothing yet.", MetricType::kCounter, {}};
  EXPECT_EQ(WriteText({f}), "# HELP x_total Nothing yet.\n# TYPE x_total counter\n");
}

TEST(ExpositionTest, LabelValuesEscapeBackslashQuoteAndNewline) {
  EXPECT_EQ(EscapeLabelValue("a\\b\"c\nd"), "a\\\\b\\\"c\\nd");
  FamilySnapshot f{"m", "h", MetricType::kGauge, {{"", {{"office", "x\"y\\z\n"}}, 1}}};
  EXPECT_EQ(WriteText({f}), "# HELP m h\n# TYPE m gauge\nm{office=\"x\\\"y\\\\z\\n\"} 1\n");
}

TEST(ExpositionTest, LabelValuesKeepUtf8AndOtherCharactersAsTheyAre) {
  EXPECT_EQ(EscapeLabelValue("Jugendamt Lippstädt {a=b}, 'c'"), "Jugendamt Lippstädt {a=b}, 'c'");
}

TEST(ExpositionTest, HelpEscapesBackslashAndNewlineButNotQuotes) {
  EXPECT_EQ(EscapeHelp("a\\b\n\"c\""), "a\\\\b\\n\"c\"");
}

TEST(ExpositionTest, ValuesAreShortestRoundTripText) {
  EXPECT_EQ(FormatValue(0), "0");
  EXPECT_EQ(FormatValue(3), "3");
  EXPECT_EQ(FormatValue(-2), "-2");
  EXPECT_EQ(FormatValue(1234567890123.0), "1234567890123");
  EXPECT_EQ(FormatValue(0.25), "0.25");
  EXPECT_EQ(FormatValue(0.001), "0.001");
  EXPECT_EQ(FormatValue(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(FormatValue(1e21), "1e+21");
  EXPECT_EQ(FormatValue(std::numeric_limits<double>::infinity()), "+Inf");
  EXPECT_EQ(FormatValue(-std::numeric_limits<double>::infinity()), "-Inf");
  EXPECT_EQ(FormatValue(std::nan("")), "NaN");
}

TEST(ExpositionTest, MetricAndLabelNamesFollowPrometheus) {
  EXPECT_TRUE(IsValidMetricName("schutznetz_grpc_requests_total"));
  EXPECT_TRUE(IsValidMetricName("job:rate5m"));
  EXPECT_FALSE(IsValidMetricName(""));
  EXPECT_FALSE(IsValidMetricName("1abc"));
  EXPECT_FALSE(IsValidMetricName("a-b"));
  EXPECT_TRUE(IsValidLabelName("method"));
  EXPECT_TRUE(IsValidLabelName("_x1"));
  EXPECT_FALSE(IsValidLabelName("__name__"));
  EXPECT_FALSE(IsValidLabelName("a:b"));
  EXPECT_FALSE(IsValidLabelName("9a"));
  EXPECT_FALSE(IsValidLabelName(""));
}

TEST(ExpositionTest, ContentTypeIsVersion004) {
  EXPECT_STREQ(kTextContentType, "text/plain; version=0.0.4; charset=utf-8");
}

}  // namespace
}  // namespace schutznetz::metrics
