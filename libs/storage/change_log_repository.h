// The outbound change log (table `change_log`): what a server tells its sync peers.
//
// Rows are appended in the same transaction as the change they record. Readers page through
// the log by (transaction id, row id) and see only rows of transactions older than every
// transaction still running, so a reader that has read up to a position never later misses a
// row before it — even when an earlier transaction commits after a later one. Read in a
// REPEATABLE READ transaction so that rows and watermark come from one snapshot.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/domain/sync_item.h"

namespace schutznetz::storage {

class Tx;

// A position in the log: (xid, id) of a row; the start is ("0", 0).
struct LogPosition {
  std::string xid = "0";  // decimal xid8
  int64_t id = 0;
  bool operator==(const LogPosition& o) const { return xid == o.xid && id == o.id; }
};

// Whether `a` comes before `b` in log order.
bool Before(const LogPosition& a, const LogPosition& b);

struct LogRow {
  LogPosition position;
  domain::SyncItem item;
};

// Which rows a reader wants.
struct LogFilter {
  // Skip rows of this origin (an office does not need its own items back).
  std::string exclude_origin;
  // Only rows for every office ("") or for this destination; "*" means all rows.
  std::string destination = "*";
};

struct LogRead {
  std::vector<LogRow> rows;
  // Where the next read starts: after the last row returned, or — when the filter left fewer
  // rows than the limit — after every row visible now, so filtered-out rows are not re-read.
  LogPosition end;
  // Matching rows after `end` already readable (lag).
  int64_t remaining = 0;
  // Rows behind a transaction that is still open: not readable yet.
  int64_t waiting_for_open_transactions = 0;
};

// One reader's position and filter, for Backlogs().
struct BacklogQuery {
  LogPosition after;
  LogFilter filter;
};

// How far one reader is behind: the readable rows after its position that match its filter.
struct LogBacklog {
  int64_t items = 0;
  absl::Duration age = absl::ZeroDuration();  // of the oldest such row; zero if there is none
};

class ChangeLogRepository {
 public:
  virtual ~ChangeLogRepository() = default;
  virtual absl::Status Append(Tx& tx, const domain::SyncItem& item) = 0;
  // Up to `limit` readable rows after `after` that match `filter`, in log order.
  virtual absl::StatusOr<LogRead> Read(Tx& tx, const LogPosition& after, int limit,
                                       const LogFilter& filter) = 0;
  // The rows in (from, to], for resending a batch exactly as first sent.
  virtual absl::StatusOr<std::vector<LogRow>> ReadRange(Tx& tx, const LogPosition& from,
                                                        const LogPosition& to) = 0;
  // Age of the oldest readable row after `after` (zero if none): the sender's lag.
  virtual absl::StatusOr<absl::Duration> OldestAfter(Tx& tx, const LogPosition& after) = 0;
  // The backlog of every reader in `queries`, in their order, with one statement (the district's
  // view of all its offices at once).
  virtual absl::StatusOr<std::vector<LogBacklog>> Backlogs(
      Tx& tx, const std::vector<BacklogQuery>& queries) = 0;
  // Drops the payloads of the items of `type` and `origin` with these ids wherever this server
  // keeps them — its change log (the rows stay, readers skip them) and items held for a missing
  // dependency — so personal data in them is gone once delivered or no longer wanted. Returns the
  // number of payloads dropped.
  virtual absl::StatusOr<int> PurgePayloads(Tx& tx, const std::string& type,
                                            const std::string& origin,
                                            const std::vector<std::string>& ids) = 0;
  // Drops the payloads of the versions of item (`type`, `origin`, `id`) older than `version`, in
  // the change log and among held items: when a tombstone (version `version`) passes, the
  // personal data of the versions it replaces need not wait for anybody, while the tombstone
  // itself stays to be delivered to offices that are offline. Returns the number dropped.
  virtual absl::StatusOr<int> PurgePayloadsBelow(Tx& tx, const std::string& type,
                                                 const std::string& origin, const std::string& id,
                                                 int64_t version) = 0;
};

std::unique_ptr<ChangeLogRepository> NewChangeLogRepository();

}  // namespace schutznetz::storage
