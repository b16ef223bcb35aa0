// Persistence of the tamper-evident trail (tables `trail`, `trail_head`; libs/domain/trail.h).
//
// Append computes an entry's position and hashes inside the caller's transaction: it locks the
// single row of `trail_head` FOR UPDATE, so concurrent appenders queue behind each other until
// the holder commits or rolls back, the chain never forks and a rolled-back append leaves no gap.
// The lock is held to the end of the caller's transaction: append as the last step of a
// transaction (after the other row locks it takes), so appends stay short and lock order is
// always "the event's rows, then the trail".
//
//   SN_ASSIGN_OR_RETURN(domain::TrailEntry e, repo->Append(tx, record, clock()));
#pragma once

#include <functional>
#include <memory>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/domain/page.h"
#include "libs/domain/trail.h"

namespace schutznetz::storage {

class Tx;

class TrailRepository {
 public:
  virtual ~TrailRepository() = default;

  // Appends `record` as the next entry, recorded at `recorded_at` (whole microseconds), and
  // returns it. INVALID_ARGUMENT naming the field for an invalid record (ValidateTrailRecord).
  virtual absl::StatusOr<domain::TrailEntry> Append(Tx& tx, const domain::TrailRecord& record,
                                                    absl::Time recorded_at) = 0;

  // Entries newest first (highest seq first), with keyset paging; total_size counts all.
  virtual absl::StatusOr<domain::Page<domain::TrailEntry>> List(
      Tx& tx, const domain::PageRequest& page) = 0;

  // The head as the last append left it.
  virtual absl::StatusOr<domain::TrailHead> Head(Tx& tx) = 0;

  // Every entry in seq order, read in pages (never the whole table in memory), each passed to
  // `fn`. For a consistent view of entries and head, call Head and ReadAll in one REPEATABLE READ
  // transaction.
  virtual absl::Status ReadAll(Tx& tx,
                               const std::function<void(const domain::TrailEntry&)>& fn) = 0;
};

std::unique_ptr<TrailRepository> NewTrailRepository();

}  // namespace schutznetz::storage
