#include "libs/runtime/health_monitor.h"

#include <gtest/gtest.h>

#include <atomic>

#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"

namespace schutznetz::runtime {
namespace {

// Polls `condition` for up to five seconds.
bool Eventually(const std::function<bool()>& condition) {
  absl::Time deadline = absl::Now() + absl::Seconds(5);
  while (absl::Now() < deadline) {
    if (condition()) return true;
    absl::SleepFor(absl::Milliseconds(5));
  }
  return condition();
}

constexpr HealthMonitorOptions kFast{absl::Milliseconds(10), absl::Milliseconds(500)};

TEST(HealthMonitorTest, ServingOnlyOnceTheFirstCheckSucceeded) {
  HealthMonitor monitor([] { return absl::OkStatus(); }, kFast);
  EXPECT_FALSE(monitor.Serving());
  monitor.Start();
  EXPECT_TRUE(monitor.Serving());
}

TEST(HealthMonitorTest, UnreachableDatabaseIsNotServingAndRecovers) {
  std::atomic<bool> up{true};
  HealthMonitor monitor(
      [&] { return up ? absl::OkStatus() : absl::UnavailableError("database unreachable"); },
      kFast);
  monitor.Start();
  EXPECT_TRUE(monitor.Serving());
  up = false;
  EXPECT_TRUE(Eventually([&] { return !monitor.Serving(); }));
  up = true;
  EXPECT_TRUE(Eventually([&] { return monitor.Serving(); }));
}

TEST(HealthMonitorTest, HangingCheckTurnsNotServingAfterMaxAge) {
  std::atomic<bool> hang{false};
  absl::Notification release;
  HealthMonitor monitor(
      [&] {
        if (hang) release.WaitForNotification();
        return absl::OkStatus();
      },
      kFast);
  monitor.Start();
  EXPECT_TRUE(monitor.Serving());
  hang = true;
  EXPECT_TRUE(Eventually([&] { return !monitor.Serving(); }));
  release.Notify();
}

TEST(HealthMonitorTest, ShutdownIsNotServingWhateverTheDatabaseSays) {
  HealthMonitor monitor([] { return absl::OkStatus(); }, kFast);
  monitor.Start();
  monitor.BeginShutdown();
  EXPECT_FALSE(monitor.Serving());
  absl::SleepFor(absl::Milliseconds(50));
  EXPECT_FALSE(monitor.Serving());
  monitor.Stop();
  monitor.Stop();
}

}  // namespace
}  // namespace schutznetz::runtime
