#include "libs/metrics/registry.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace schutznetz::metrics {

absl::Status Registry::Check(const std::string& name, const std::vector<std::string>& labels) {
  if (!IsValidMetricName(name)) {
    return absl::InvalidArgumentError(absl::StrCat("metrics: invalid metric name '", name, "'"));
  }
  if (names_.count(name) > 0) {
    return absl::InvalidArgumentError(absl::StrCat("metrics: '", name, "' added twice"));
  }
  std::set<std::string> seen;
  for (const std::string& label : labels) {
    if (!IsValidLabelName(label) || !seen.insert(label).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("metrics: invalid or repeated label name '", label, "' of ", name));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<Family<Counter>*> Registry::AddCounter(const std::string& name,
                                                      const std::string& help,
                                                      std::vector<std::string> label_names) {
  absl::MutexLock lock(&mu_);
  if (absl::Status s = Check(name, label_names); !s.ok()) return s;
  auto family =
      std::make_unique<Family<Counter>>(name, help, MetricType::kCounter, std::move(label_names),
                                        [] { return std::make_unique<Counter>(); });
  Family<Counter>* out = family.get();
  names_.insert(name);
  families_.push_back(std::move(family));
  return out;
}

absl::StatusOr<Family<Gauge>*> Registry::AddGauge(const std::string& name, const std::string& help,
                                                  std::vector<std::string> label_names) {
  absl::MutexLock lock(&mu_);
  if (absl::Status s = Check(name, label_names); !s.ok()) return s;
  auto family =
      std::make_unique<Family<Gauge>>(name, help, MetricType::kGauge, std::move(label_names),
                                      [] { return std::make_unique<Gauge>(); });
  Family<Gauge>* out = family.get();
  names_.insert(name);
  families_.push_back(std::move(family));
  return out;
}

absl::StatusOr<Family<Histogram>*> Registry::AddHistogram(const std::string& name,
                                                          const std::string& help,
                                                          std::vector<std::string> label_names,
                                                          std::vector<double> bounds) {
  absl::MutexLock lock(&mu_);
  if (absl::Status s = Check(name, label_names); !s.ok()) return s;
  if (std::find(label_names.begin(), label_names.end(), "le") != label_names.end()) {
    return absl::InvalidArgumentError(
        absl::StrCat("metrics: histogram ", name, " must not have a label 'le'"));
  }
  auto family = std::make_unique<Family<Histogram>>(
      name, help, MetricType::kHistogram, std::move(label_names),
      [bounds] { return std::make_unique<Histogram>(bounds); });
  Family<Histogram>* out = family.get();
  names_.insert(name);
  families_.push_back(std::move(family));
  return out;
}

void Registry::AddCollector(Collector collect) {
  absl::MutexLock lock(&mu_);
  collectors_.push_back(std::move(collect));
}

std::vector<FamilySnapshot> Registry::Collect() const {
  std::vector<FamilySnapshot> out;
  std::vector<Collector> collectors;
  {
    absl::MutexLock lock(&mu_);
    for (const auto& family : families_) out.push_back(family->Snapshot());
    collectors = collectors_;
  }
  // Outside the lock: a collector may wait for the database.
  for (const Collector& collect : collectors) collect(&out);
  return out;
}

std::string Registry::Scrape() const { return WriteText(Collect()); }

}  // namespace schutznetz::metrics
