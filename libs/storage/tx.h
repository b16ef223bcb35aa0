// Tx: one database transaction as the repositories see it. Included only by storage code.
//
// Statements are named constants prepared lazily on each pooled connection:
//
//   constexpr Statement kGetOrganisation{"organisation_get",
//                                        "SELECT ... FROM organisations WHERE id = $1"};
//   pqxx::result r = tx.Exec(kGetOrganisation, id.value());
//
// Every parameter is bound; SQL text is never assembled from request data.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <pqxx/pqxx>

#include "absl/status/status.h"
#include "libs/storage/pool.h"

namespace schutznetz::storage {

struct Statement {
  const char* name;
  const char* sql;
};

class Tx {
 public:
  Tx(pqxx::transaction_base& txn, PooledConnection& conn) : txn_(txn), conn_(conn) {}
  Tx(const Tx&) = delete;
  Tx& operator=(const Tx&) = delete;

  template <typename... Args>
  pqxx::result Exec(const Statement& statement, Args&&... args) {
    conn_.Prepare(statement.name, statement.sql);
    return txn_.exec_prepared(statement.name, std::forward<Args>(args)...);
  }

  // Runs fixed SQL without parameters (schema migrations, SET LOCAL of constants).
  pqxx::result ExecFixed(const std::string& sql) { return txn_.exec(sql); }

  pqxx::transaction_base& raw() { return txn_; }

  // Runs `fn` after the transaction committed (not at all if it rolls back): wake-ups of other
  // threads about data they can now read.
  void OnCommit(std::function<void()> fn) { on_commit_.push_back(std::move(fn)); }
  std::vector<std::function<void()>>& on_commit() { return on_commit_; }

  // Runs `fn` inside a savepoint: if it fails (a status or an SQL error), only its own changes are
  // rolled back and this transaction stays usable. Used where one bad item must not spoil a batch.
  absl::Status Savepoint(const std::function<absl::Status(Tx&)>& fn);

 private:
  pqxx::transaction_base& txn_;
  PooledConnection& conn_;
  std::vector<std::function<void()>> on_commit_;
};

}  // namespace schutznetz::storage
