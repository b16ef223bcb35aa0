// A change of a synced item, as it travels between offices and the aggregator (DESIGN.md §4).
//
// Only the origin changes an item and raises its version; everybody else applies it as an
// idempotent upsert on (origin, type, id, version). The payload is the serialised item message,
// the exact bytes the origin signs.
#pragma once

#include <cstdint>
#include <string>

#include "absl/time/time.h"

namespace schutznetz::domain {

// The origin of items the district aggregator owns (agreement versions, …).
inline constexpr char kAggregatorOrigin[] = "aggregator";
// Destination of items only the aggregator consumes (statistics, proposals).
inline constexpr char kToAggregator[] = "aggregator";
// Destination of items for every office.
inline constexpr char kToEveryOffice[] = "";

struct SyncItem {
  std::string type;         // "district_event", "registration_request", …
  std::string id;           // global id (UUID)
  std::string origin;       // office id or kAggregatorOrigin
  int64_t version = 0;
  std::string destination;  // kToEveryOffice, kToAggregator or one office id
  std::string payload;      // serialised item message
  absl::Time change_time;
};

// The next version of an item: larger than `previous` and than any version given out before `now`
// (microseconds since the epoch). Versions keep growing after a database is restored from an older
// backup, so a new change never reuses a version the district has already seen.
int64_t NextSyncVersion(int64_t previous, absl::Time now);

}  // namespace schutznetz::domain
