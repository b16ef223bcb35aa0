// Counter, Gauge and Histogram: one time series each, updated from any thread without a lock
// (relaxed atomics: a scrape sees every update that finished before it, in no particular order).
//
//   Counter& served = *requests->With({"/schutznetz.v1.EventService/ListEvents", "OK"});
//   served.Increment();
//   latency.Observe(0.012);   // seconds
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

namespace schutznetz::metrics {

// A value that only goes up (until the process restarts).
class Counter {
 public:
  // `by` must not be negative; a negative amount is ignored.
  void Increment(double by = 1.0);
  double Value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

// A value that goes up and down.
class Gauge {
 public:
  void Set(double value) { value_.store(value, std::memory_order_relaxed); }
  void Add(double by);
  double Value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

// Observations counted into buckets by upper bound (the last bucket, +Inf, takes the rest),
// with their sum.
class Histogram {
 public:
  // `bounds`: the buckets' upper bounds, ascending (unsorted or repeated ones are sorted and
  // made unique); +Inf is implicit.
  explicit Histogram(std::vector<double> bounds);

  void Observe(double value);

  struct Counts {
    std::vector<double> bounds;        // as given, without +Inf
    std::vector<uint64_t> cumulative;  // per bound: observations <= bound; then +Inf (= count)
    uint64_t count = 0;
    double sum = 0;
  };
  // The buckets as Prometheus writes them: cumulative.
  Counts Read() const;

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<uint64_t>[]> buckets_;  // bounds_.size() + 1, not cumulative
  std::atomic<double> sum_{0};
};

// Request durations in seconds, 1 ms … 10 s.
std::vector<double> LatencyBuckets();

}  // namespace schutznetz::metrics
