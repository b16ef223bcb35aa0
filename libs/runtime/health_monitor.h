// HealthMonitor: whether a service should receive traffic, as its health listener reports it —
// SERVING while its database answered a cheap check recently and it is not shutting down.
//
// A thread of its own runs `check` (DatabaseProbe::Check: `SELECT 1` on a connection of its own)
// every `interval`. Serving() only reads the last result, so a probe never waits for the
// database: it is NOT_SERVING when the last check failed, when no check succeeded within
// `max_age` (a check that hangs counts as failed), and from BeginShutdown() on. Changes are
// logged once each ("database unreachable", "database reachable").
//
//   runtime::HealthMonitor monitor([&] { return probe.Check(); });
//   monitor.Start();
//   auto listener = HealthListener::Start(listen, [&] { return monitor.Serving(); });
//   …  // SIGTERM
//   monitor.BeginShutdown();   // NOT_SERVING first, then drain
#pragma once

#include <functional>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace schutznetz::runtime {

struct HealthMonitorOptions {
  absl::Duration interval = absl::Seconds(2);
  absl::Duration max_age = absl::Seconds(10);
};

class HealthMonitor {
 public:
  explicit HealthMonitor(std::function<absl::Status()> check, HealthMonitorOptions options = {});
  // Stops the thread (waits for a running check).
  ~HealthMonitor();

  // Runs the first check now, then one every interval on the monitor's thread.
  void Start();
  bool Serving() const;
  // NOT_SERVING from now on, whatever the database says.
  void BeginShutdown();
  void Stop();

 private:
  void Run();
  void CheckOnce();

  const std::function<absl::Status()> check_;
  const HealthMonitorOptions options_;
  mutable absl::Mutex mu_;
  bool last_ok_ ABSL_GUARDED_BY(mu_) = false;
  absl::Time last_success_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
  bool shutting_down_ ABSL_GUARDED_BY(mu_) = false;
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  bool reported_down_ = false;  // only the monitor's thread (and Start) touch it
  std::thread thread_;
};

}  // namespace schutznetz::runtime
