// Exponential backoff with full jitter for retrying calls to a peer.
//
// The n-th consecutive failure waits a random time in [cap_n / 2, cap_n] with
// cap_n = min(max, base × 2^n): retries spread out instead of arriving in lockstep, and an office
// offline for days retries about every `max` without flooding the aggregator when it returns.
#pragma once

#include <random>

#include "absl/time/time.h"

namespace schutznetz::sync {

class Backoff {
 public:
  Backoff(absl::Duration base, absl::Duration max);
  // The wait after the `failures`-th consecutive failure (1-based).
  absl::Duration Delay(int failures);

 private:
  absl::Duration base_;
  absl::Duration max_;
  std::mt19937_64 rng_;
};

}  // namespace schutznetz::sync
