// An injectable clock: services ask it for "now" so tests can set the time.
#pragma once

#include <functional>

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace schutznetz {

using Clock = std::function<absl::Time()>;

// The real clock.
inline Clock SystemClock() { return [] { return absl::Now(); }; }

}  // namespace schutznetz
