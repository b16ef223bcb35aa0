// Database: the entry point to one service's PostgreSQL database.
//
// Services run all their reads and writes as functions of one transaction:
//
//   absl::Status s = db.Transact([&](storage::Tx& tx) -> absl::Status {
//     SN_ASSIGN_OR_RETURN(Organisation org, repo.Insert(tx, draft));
//     return audit.Record(tx, ...);   // same transaction: both or neither
//   });
//
// The transaction commits if the function returns OK and rolls back otherwise. Exceptions from
// libpqxx never leave the storage library: they become statuses (see pg_error.h). Services only
// see the opaque Tx; the repositories know what is inside.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <utility>

#include "absl/status/statusor.h"
#include "libs/storage/pool.h"

namespace schutznetz::storage {

class Tx;

// Runs `fn` once the transaction of `tx` has committed (never if it rolls back).
void RunAfterCommit(Tx& tx, std::function<void()> fn);

enum class Isolation { kReadCommitted, kRepeatableRead, kSerializable };

struct TxOptions {
  Isolation isolation = Isolation::kReadCommitted;
  // A read-only function at READ COMMITTED runs its statements one by one without BEGIN and
  // COMMIT (each statement sees a fresh snapshot either way; two round trips fewer). Nothing then
  // stops it from writing: only set read_only for functions that only read. Reads that need one
  // snapshot for several statements ask for kRepeatableRead.
  bool read_only = false;
  // Serialization failures and deadlocks are retried this many times.
  int retries_on_conflict = 2;
};

class Database {
 public:
  static absl::StatusOr<std::unique_ptr<Database>> Open(PoolOptions options);
  // Like Open, but keeps trying for up to `max_wait` while the database is unreachable (a
  // service may start before its database, e.g. on Kubernetes).
  static absl::StatusOr<std::unique_ptr<Database>> OpenWithRetry(PoolOptions options,
                                                                 absl::Duration max_wait);

  absl::Status Transact(const std::function<absl::Status(Tx&)>& fn, TxOptions options = {});

  // Like Transact, for functions that produce a value.
  template <typename T>
  absl::StatusOr<T> TransactValue(const std::function<absl::StatusOr<T>(Tx&)>& fn,
                                  TxOptions options = {}) {
    std::optional<T> out;
    absl::Status s = Transact(
        [&](Tx& tx) -> absl::Status {
          absl::StatusOr<T> v = fn(tx);
          if (!v.ok()) return v.status();
          out.emplace(*std::move(v));
          return absl::OkStatus();
        },
        options);
    if (!s.ok()) return s;
    return *std::move(out);
  }

  ConnectionPool& pool() { return *pool_; }

 private:
  explicit Database(std::unique_ptr<ConnectionPool> pool) : pool_(std::move(pool)) {}
  std::unique_ptr<ConnectionPool> pool_;
};

}  // namespace schutznetz::storage
