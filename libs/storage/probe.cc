#include "libs/storage/probe.h"

#include <pqxx/pqxx>

#include "libs/common/errors.h"

namespace schutznetz::storage {

DatabaseProbe::DatabaseProbe(PoolOptions options) : options_(std::move(options)) {}

DatabaseProbe::~DatabaseProbe() = default;

absl::Status DatabaseProbe::Check() {
  try {
    if (conn_ == nullptr || !conn_->is_open()) {
      conn_.reset();
      auto conn = std::make_unique<pqxx::connection>(options_.dsn);
      conn->set_variable("statement_timeout", "2000");
      conn->set_variable("application_name", conn->quote(options_.application_name + "-health"));
      conn_ = std::move(conn);
    }
    pqxx::nontransaction n(*conn_);
    n.exec("SELECT 1");
    return absl::OkStatus();
  } catch (const std::exception&) {
    conn_.reset();
    return Bilingual(absl::StatusCode::kUnavailable, "database unreachable",
                     "Datenbank nicht erreichbar");
  }
}

}  // namespace schutznetz::storage
