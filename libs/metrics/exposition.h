// The Prometheus text exposition format, version 0.0.4: the body of GET /metrics.
//
// A scrape is a list of metric families. Each is written as its HELP and TYPE lines followed by
// one line per sample:
//
//   # HELP schutznetz_grpc_requests_total gRPC calls handled, by method and status code.
//   # TYPE schutznetz_grpc_requests_total counter
//   schutznetz_grpc_requests_total{method="/schutznetz.v1.EventService/ListEvents",code="OK"} 3
//
// Label values escape backslash, double quote and line feed (\\, \", \n); help texts escape
// backslash and line feed. Families and samples are written in the order given. Names are not
// checked here: the registry checks them when a family is added.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace schutznetz::metrics {

// The Content-Type of a scrape in this format.
inline constexpr char kTextContentType[] = "text/plain; version=0.0.4; charset=utf-8";

enum class MetricType { kCounter, kGauge, kHistogram };

// Label name/value pairs in the order they are written.
using Labels = std::vector<std::pair<std::string, std::string>>;

// One sample line: the family's name plus `suffix` ("_bucket", "_sum", "_count" for histograms,
// otherwise empty), its labels and its value.
struct Sample {
  std::string suffix;
  Labels labels;
  double value = 0;
};

// One metric family as of the scrape.
struct FamilySnapshot {
  std::string name;
  std::string help;
  MetricType type = MetricType::kGauge;
  std::vector<Sample> samples;
};

// The exposition text of `families`; every line, the last one too, ends with "\n".
std::string WriteText(const std::vector<FamilySnapshot>& families);

std::string EscapeLabelValue(std::string_view value);
std::string EscapeHelp(std::string_view help);
// The shortest text that reads back as `value`: "3", "0.25", "1e+21", "+Inf", "-Inf", "NaN".
std::string FormatValue(double value);

// [a-zA-Z_:][a-zA-Z0-9_:]*
bool IsValidMetricName(std::string_view name);
// [a-zA-Z_][a-zA-Z0-9_]*, not starting with "__" (reserved for Prometheus).
bool IsValidLabelName(std::string_view name);

}  // namespace schutznetz::metrics
