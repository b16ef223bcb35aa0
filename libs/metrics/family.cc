#include "libs/metrics/family.h"

namespace schutznetz::metrics {

void AppendSamples(const Counter& c, const Labels& labels, std::vector<Sample>* out) {
  out->push_back({"", labels, c.Value()});
}

void AppendSamples(const Gauge& g, const Labels& labels, std::vector<Sample>* out) {
  out->push_back({"", labels, g.Value()});
}

void AppendSamples(const Histogram& h, const Labels& labels, std::vector<Sample>* out) {
  Histogram::Counts counts = h.Read();
  for (size_t i = 0; i < counts.cumulative.size(); ++i) {
    Labels with_le = labels;
    with_le.emplace_back("le", i < counts.bounds.size() ? FormatValue(counts.bounds[i]) : "+Inf");
    out->push_back({"_bucket", std::move(with_le), static_cast<double>(counts.cumulative[i])});
  }
  out->push_back({"_sum", labels, counts.sum});
  out->push_back({"_count", labels, static_cast<double>(counts.count)});
}

}  // namespace schutznetz::metrics
