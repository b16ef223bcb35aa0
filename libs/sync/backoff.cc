#include "libs/sync/backoff.h"

#include <algorithm>

namespace schutznetz::sync {

Backoff::Backoff(absl::Duration base, absl::Duration max)
    : base_(base), max_(max), rng_(std::random_device{}()) {}

absl::Duration Backoff::Delay(int failures) {
  absl::Duration cap = base_;
  for (int i = 1; i < failures && cap < max_; ++i) cap *= 2;
  cap = std::min(cap, max_);
  int64_t hi = absl::ToInt64Microseconds(cap);
  std::uniform_int_distribution<int64_t> pick(hi / 2, std::max<int64_t>(hi / 2, hi));
  return absl::Microseconds(pick(rng_));
}

}  // namespace schutznetz::sync
