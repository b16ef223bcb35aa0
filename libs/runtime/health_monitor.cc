#include "libs/runtime/health_monitor.h"

#include "absl/time/clock.h"
#include "libs/common/log.h"

namespace schutznetz::runtime {

HealthMonitor::HealthMonitor(std::function<absl::Status()> check, HealthMonitorOptions options)
    : check_(std::move(check)), options_(options) {}

HealthMonitor::~HealthMonitor() { Stop(); }

void HealthMonitor::Start() {
  if (thread_.joinable()) return;
  CheckOnce();
  thread_ = std::thread([this] { Run(); });
}

void HealthMonitor::CheckOnce() {
  absl::Status status = check_();
  {
    absl::MutexLock lock(&mu_);
    last_ok_ = status.ok();
    if (status.ok()) last_success_ = absl::Now();
  }
  if (!status.ok() && !reported_down_) {
    log::Warning("health: database unreachable, NOT_SERVING",
                 {{"error", std::string(status.message())}});
    reported_down_ = true;
  } else if (status.ok() && reported_down_) {
    log::Info("health: database reachable, SERVING");
    reported_down_ = false;
  }
}

void HealthMonitor::Run() {
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      auto stopping = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) { return stop_; };
      mu_.AwaitWithTimeout(absl::Condition(&stopping), options_.interval);
      if (stop_) return;
    }
    CheckOnce();
  }
}

bool HealthMonitor::Serving() const {
  absl::MutexLock lock(&mu_);
  return !shutting_down_ && last_ok_ && absl::Now() - last_success_ <= options_.max_age;
}

void HealthMonitor::BeginShutdown() {
  absl::MutexLock lock(&mu_);
  shutting_down_ = true;
}

void HealthMonitor::Stop() {
  {
    absl::MutexLock lock(&mu_);
    shutting_down_ = true;
    stop_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

}  // namespace schutznetz::runtime
