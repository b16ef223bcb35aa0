// A wake-up signal between threads: writers Notify() after committing something readers want;
// readers Wait() for a newer notification or a timeout (they poll as well, so a missed signal
// only costs latency, never data).
#pragma once

#include <cstdint>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace schutznetz::sync {

class Signal {
 public:
  // The current generation; pass it to Wait.
  uint64_t generation() const {
    absl::MutexLock lock(&mu_);
    return generation_;
  }
  void Notify() {
    absl::MutexLock lock(&mu_);
    ++generation_;
  }
  // Waits until the generation differs from `seen` or `timeout` passes; returns the generation.
  uint64_t Wait(uint64_t seen, absl::Duration timeout) const {
    absl::MutexLock lock(&mu_);
    auto changed = [this, seen]() ABSL_SHARED_LOCKS_REQUIRED(mu_) { return generation_ != seen; };
    mu_.AwaitWithTimeout(absl::Condition(&changed), timeout);
    return generation_;
  }

 private:
  mutable absl::Mutex mu_;
  uint64_t generation_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace schutznetz::sync
