#include "libs/domain/sync_item.h"

#include <algorithm>

namespace schutznetz::domain {

int64_t NextSyncVersion(int64_t previous, absl::Time now) {
  return std::max(previous + 1, absl::ToUnixMicros(now));
}

}  // namespace schutznetz::domain
