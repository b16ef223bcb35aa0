// DatabaseProbe: "does the database answer?" for health checks, on a connection of its own, so
// that a pool busy with requests never makes a healthy database look unreachable.
//
// Check() runs `SELECT 1` with a short statement timeout. The connection stays open between
// checks and is opened again after a failure. Not thread-safe: one caller (the health monitor's
// thread).
//
//   storage::DatabaseProbe probe(pool_options);
//   absl::Status up = probe.Check();   // OK, or UNAVAILABLE
#pragma once

#include <memory>

#include "absl/status/status.h"
#include "libs/storage/pool.h"

namespace schutznetz::storage {

class DatabaseProbe {
 public:
  // Uses the DSN and application name of `options`; opens nothing before the first Check().
  explicit DatabaseProbe(PoolOptions options);
  ~DatabaseProbe();

  // OK if the database answered; UNAVAILABLE (without the server's message) otherwise.
  absl::Status Check();

 private:
  PoolOptions options_;
  std::unique_ptr<pqxx::connection> conn_;
};

}  // namespace schutznetz::storage
