#include "libs/sync/backoff.h"

#include <gtest/gtest.h>

#include <set>

namespace schutznetz::sync {
namespace {

TEST(BackoffTest, GrowsExponentiallyWithJitterUpToTheCap) {
  Backoff b(absl::Milliseconds(100), absl::Seconds(2));
  for (int round = 0; round < 50; ++round) {
    absl::Duration first = b.Delay(1);
    EXPECT_GE(first, absl::Milliseconds(50));
    EXPECT_LE(first, absl::Milliseconds(100));
    absl::Duration fourth = b.Delay(4);
    EXPECT_GE(fourth, absl::Milliseconds(400));
    EXPECT_LE(fourth, absl::Milliseconds(800));
    absl::Duration late = b.Delay(40);
    EXPECT_GE(late, absl::Seconds(1));
    EXPECT_LE(late, absl::Seconds(2));
  }
}

TEST(BackoffTest, JitterSpreadsRetries) {
  Backoff b(absl::Milliseconds(100), absl::Seconds(30));
  std::set<int64_t> seen;
  for (int i = 0; i < 20; ++i) seen.insert(absl::ToInt64Microseconds(b.Delay(5)));
  EXPECT_GT(seen.size(), 10u);
}

}  // namespace
}  // namespace schutznetz::sync
