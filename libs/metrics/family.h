// Family: a metric with labels — one time series (Counter, Gauge or Histogram) per combination of
// label values, created when first used.
//
//   Family<Counter>* requests = *registry.AddCounter("schutznetz_grpc_requests_total", "…",
//                                                    {"method", "code"});
//   requests->With({"/schutznetz.v1.EventService/ListEvents", "OK"}).Increment();
//
// With() takes a shared lock to find an existing series and an exclusive one only to add a new
// series; the returned reference stays valid as long as the family. Label values must never
// carry personal data, and their number of combinations must stay small (method names, status
// codes, office ids — not request data).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "libs/metrics/exposition.h"
#include "libs/metrics/metric.h"

namespace schutznetz::metrics {

// What the registry needs of every family: its current samples.
class FamilyBase {
 public:
  virtual ~FamilyBase() = default;
  virtual FamilySnapshot Snapshot() const = 0;
};

// The samples of one series with `labels`.
void AppendSamples(const Counter& c, const Labels& labels, std::vector<Sample>* out);
void AppendSamples(const Gauge& g, const Labels& labels, std::vector<Sample>* out);
void AppendSamples(const Histogram& h, const Labels& labels, std::vector<Sample>* out);

template <typename M>
class Family final : public FamilyBase {
 public:
  Family(std::string name, std::string help, MetricType type, std::vector<std::string> label_names,
         std::function<std::unique_ptr<M>()> make)
      : name_(std::move(name)),
        help_(std::move(help)),
        type_(type),
        label_names_(std::move(label_names)),
        make_(std::move(make)) {}

  // The series for `values`, one per label name in order (missing ones are empty, extra ones
  // dropped).
  M& With(std::vector<std::string> values) {
    values.resize(label_names_.size());
    {
      absl::ReaderMutexLock lock(&mu_);
      auto it = series_.find(values);
      if (it != series_.end()) return *it->second;
    }
    absl::MutexLock lock(&mu_);
    std::unique_ptr<M>& slot = series_[std::move(values)];
    if (slot == nullptr) slot = make_();
    return *slot;
  }

  // Series in the order of their label values.
  FamilySnapshot Snapshot() const override {
    FamilySnapshot out{name_, help_, type_, {}};
    absl::ReaderMutexLock lock(&mu_);
    for (const auto& [values, series] : series_) {
      Labels labels;
      for (size_t i = 0; i < label_names_.size(); ++i)
        labels.emplace_back(label_names_[i], values[i]);
      AppendSamples(*series, labels, &out.samples);
    }
    return out;
  }

 private:
  const std::string name_;
  const std::string help_;
  const MetricType type_;
  const std::vector<std::string> label_names_;
  const std::function<std::unique_ptr<M>()> make_;
  mutable absl::Mutex mu_;
  std::map<std::vector<std::string>, std::unique_ptr<M>> series_ ABSL_GUARDED_BY(mu_);
};

}  // namespace schutznetz::metrics
