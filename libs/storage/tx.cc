#include "libs/storage/tx.h"

#include "libs/storage/pg_error.h"

namespace schutznetz::storage {

absl::Status Tx::Savepoint(const std::function<absl::Status(Tx&)>& fn) {
  auto* parent = dynamic_cast<pqxx::dbtransaction*>(&txn_);
  if (parent == nullptr) return absl::InternalError("savepoint outside a database transaction");
  try {
    pqxx::subtransaction sub(*parent, "sn_savepoint");
    Tx inner(sub, conn_);
    absl::Status s = fn(inner);
    if (!s.ok()) {
      sub.abort();
      return s;
    }
    sub.commit();
    for (auto& fn : inner.on_commit()) on_commit_.push_back(std::move(fn));
    return absl::OkStatus();
  } catch (...) {
    return StatusFromCurrentException("savepoint");
  }
}

}  // namespace schutznetz::storage
