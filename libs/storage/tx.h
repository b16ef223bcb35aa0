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

#include <string>
#include <utility>

#include <pqxx/pqxx>

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

 private:
  pqxx::transaction_base& txn_;
  PooledConnection& conn_;
};

}  // namespace schutznetz::storage
