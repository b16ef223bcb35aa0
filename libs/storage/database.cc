#include "libs/storage/database.h"

#include <algorithm>
#include <pqxx/pqxx>

#include "absl/time/clock.h"
#include "libs/common/log.h"
#include "libs/storage/pg_error.h"
#include "libs/storage/tx.h"

namespace schutznetz::storage {
namespace {

// Runs fn in a libpqxx transaction of the requested isolation. pqxx encodes isolation and
// read/write mode in the transaction type.
template <pqxx::isolation_level Level, pqxx::readwrite_policy Mode>
absl::Status RunIn(PooledConnection& conn, const std::function<absl::Status(Tx&)>& fn) {
  pqxx::transaction<Level, Mode> txn(conn.raw());
  Tx tx(txn, conn);
  absl::Status s = fn(tx);
  if (!s.ok()) {
    txn.abort();
    return s;
  }
  txn.commit();
  for (auto& hook : tx.on_commit()) hook();
  return absl::OkStatus();
}

// Reads at READ COMMITTED take a new snapshot for every statement, inside BEGIN … COMMIT or not:
// run them without the transaction and save its two round trips (half of a GetEvent's).
absl::Status RunAutocommit(PooledConnection& conn, const std::function<absl::Status(Tx&)>& fn) {
  pqxx::nontransaction txn(conn.raw());
  Tx tx(txn, conn);
  absl::Status s = fn(tx);
  if (!s.ok()) return s;
  for (auto& hook : tx.on_commit()) hook();
  return absl::OkStatus();
}

absl::Status RunOnce(PooledConnection& conn, const std::function<absl::Status(Tx&)>& fn,
                     const TxOptions& o) {
  using pqxx::isolation_level;
  using pqxx::readwrite_policy;
  if (o.read_only && o.isolation == Isolation::kReadCommitted) return RunAutocommit(conn, fn);
  if (o.read_only) {
    switch (o.isolation) {
      case Isolation::kReadCommitted:
        return RunIn<isolation_level::read_committed, readwrite_policy::read_only>(conn, fn);
      case Isolation::kRepeatableRead:
        return RunIn<isolation_level::repeatable_read, readwrite_policy::read_only>(conn, fn);
      case Isolation::kSerializable:
        return RunIn<isolation_level::serializable, readwrite_policy::read_only>(conn, fn);
    }
  }
  switch (o.isolation) {
    case Isolation::kReadCommitted:
      return RunIn<isolation_level::read_committed, readwrite_policy::read_write>(conn, fn);
    case Isolation::kRepeatableRead:
      return RunIn<isolation_level::repeatable_read, readwrite_policy::read_write>(conn, fn);
    case Isolation::kSerializable:
      return RunIn<isolation_level::serializable, readwrite_policy::read_write>(conn, fn);
  }
  return absl::InternalError("unknown isolation level");
}

}  // namespace

void RunAfterCommit(Tx& tx, std::function<void()> fn) { tx.OnCommit(std::move(fn)); }

absl::StatusOr<std::unique_ptr<Database>> Database::Open(PoolOptions options) {
  absl::StatusOr<std::unique_ptr<ConnectionPool>> pool = ConnectionPool::Create(std::move(options));
  if (!pool.ok()) return pool.status();
  return std::unique_ptr<Database>(new Database(*std::move(pool)));
}

absl::StatusOr<std::unique_ptr<Database>> Database::OpenWithRetry(PoolOptions options,
                                                                 absl::Duration max_wait) {
  absl::Time deadline = absl::Now() + max_wait;
  absl::Duration pause = absl::Milliseconds(250);
  while (true) {
    absl::StatusOr<std::unique_ptr<Database>> db = Open(options);
    if (db.ok() || db.status().code() != absl::StatusCode::kUnavailable ||
        absl::Now() + pause > deadline) {
      return db;
    }
    log::Warning("database not reachable yet; retrying", {{"retry_in_ms", absl::ToInt64Milliseconds(pause)}});
    absl::SleepFor(pause);
    pause = std::min(pause * 2, absl::Seconds(5));
  }
}

absl::Status Database::Transact(const std::function<absl::Status(Tx&)>& fn, TxOptions options) {
  absl::Status last;
  for (int attempt = 0; attempt <= options.retries_on_conflict; ++attempt) {
    absl::StatusOr<ConnectionPool::Lease> lease = pool_->Acquire();
    if (!lease.ok()) return lease.status();
    try {
      last = RunOnce(**lease, fn, options);
    } catch (const pqxx::broken_connection&) {
      lease->MarkBroken();
      last = StatusFromCurrentException("transaction");
    } catch (const pqxx::in_doubt_error&) {
      lease->MarkBroken();
      last = StatusFromCurrentException("transaction");
    } catch (...) {
      last = StatusFromCurrentException("transaction");
    }
    // Only conflicts detected by PostgreSQL are retried; an ABORTED from the function itself
    // (a stale etag) is final.
    if (!IsRetryableConflict(last)) return last;
  }
  return last;
}

}  // namespace schutznetz::storage
