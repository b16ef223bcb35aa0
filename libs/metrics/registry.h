// Registry: the metrics of one process, and the text GET /metrics answers.
//
// Families with series kept in memory (request counters, latency histograms) are added once at
// start-up and updated by the code they measure. Values that are cheaper to read when asked —
// the connection pool, the sync backlog, the process's memory — come from collectors, which run
// at every scrape and append whole families.
//
//   metrics::Registry registry;
//   auto* requests = *registry.AddCounter("schutznetz_grpc_requests_total",
//                                         "gRPC calls handled.", {"method", "code"});
//   registry.AddCollector([&](std::vector<metrics::FamilySnapshot>* out) { … });
//   std::string body = registry.Scrape();
//
// Thread-safe. Adding a family with an invalid or already used name, or invalid label names, is
// INVALID_ARGUMENT (names follow Prometheus: [a-zA-Z_:][a-zA-Z0-9_:]*).
#pragma once

#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "libs/metrics/exposition.h"
#include "libs/metrics/family.h"

namespace schutznetz::metrics {

class Registry {
 public:
  // Appends families computed now. Runs on the scraping thread; may block briefly (a cheap
  // database query) but must not fail the scrape: on an error it appends nothing.
  using Collector = std::function<void(std::vector<FamilySnapshot>* out)>;

  absl::StatusOr<Family<Counter>*> AddCounter(const std::string& name, const std::string& help,
                                              std::vector<std::string> label_names = {});
  absl::StatusOr<Family<Gauge>*> AddGauge(const std::string& name, const std::string& help,
                                          std::vector<std::string> label_names = {});
  // `bounds`: the buckets' upper bounds (+Inf is added); "le" is not allowed as a label name.
  absl::StatusOr<Family<Histogram>*> AddHistogram(const std::string& name, const std::string& help,
                                                  std::vector<std::string> label_names,
                                                  std::vector<double> bounds);
  void AddCollector(Collector collect);

  // The added families in the order added, then those of the collectors.
  std::vector<FamilySnapshot> Collect() const;
  // Collect() in the text exposition format (kTextContentType).
  std::string Scrape() const;

 private:
  absl::Status Check(const std::string& name, const std::vector<std::string>& label_names)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  mutable absl::Mutex mu_;
  std::set<std::string> names_ ABSL_GUARDED_BY(mu_);
  std::vector<std::unique_ptr<FamilyBase>> families_ ABSL_GUARDED_BY(mu_);
  std::vector<Collector> collectors_ ABSL_GUARDED_BY(mu_);
};

}  // namespace schutznetz::metrics
