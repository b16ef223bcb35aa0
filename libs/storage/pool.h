// A bounded pool of PostgreSQL connections, leased RAII-style.
//
// Connections are opened lazily up to `size`. Acquire() waits at most `acquire_timeout` for a free
// connection and then fails with UNAVAILABLE instead of queueing forever. A lease whose
// connection broke is dropped on return, never handed out again. Session settings
// (statement_timeout, application_name) are set with libpqxx's set_variable so that they survive
// libpqxx's silent reconnects.
//
//   SN_ASSIGN_OR_RETURN(ConnectionPool::Lease lease, pool.Acquire());
//   pqxx::work w(lease->raw());
#pragma once

#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace pqxx {
class connection_base;
template <typename CONNECTPOLICY> class basic_connection_base;
class connect_direct;
using connection = basic_connection_base<connect_direct>;
}  // namespace pqxx

namespace schutznetz::storage {

struct PoolOptions {
  std::string dsn;
  int size = 8;
  absl::Duration acquire_timeout = absl::Seconds(5);
  int statement_timeout_ms = 15000;
  // Transactions left idle this long are ended by PostgreSQL (keeps change-log readers moving).
  int idle_in_transaction_timeout_ms = 60000;
  std::string application_name = "schutznetz";
};

// One open connection and the names of the statements prepared on it.
class PooledConnection {
 public:
  explicit PooledConnection(std::unique_ptr<pqxx::connection> conn);
  ~PooledConnection();
  pqxx::connection& raw() { return *conn_; }
  // Declares `name` as a prepared statement on this connection once.
  void Prepare(const std::string& name, const std::string& sql);

 private:
  std::unique_ptr<pqxx::connection> conn_;
  std::unordered_set<std::string> prepared_;
};

struct PoolStats {
  int size = 0;     // configured maximum
  int open = 0;     // connections currently open
  int in_use = 0;   // leased right now
  int64_t acquire_timeouts = 0;
  // Acquire() calls that found no free connection and had to wait (whether or not one came).
  int64_t waits = 0;
};

class ConnectionPool {
 public:
  // Opens one connection right away so a wrong DSN fails at start-up.
  static absl::StatusOr<std::unique_ptr<ConnectionPool>> Create(PoolOptions options);
  ~ConnectionPool();

  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    PooledConnection* operator->() { return conn_.get(); }
    PooledConnection& operator*() { return *conn_; }
    // The connection is not returned to the pool (it broke or its state is unknown).
    void MarkBroken() { broken_ = true; }

   private:
    friend class ConnectionPool;
    Lease(ConnectionPool* pool, std::unique_ptr<PooledConnection> conn);
    ConnectionPool* pool_;
    std::unique_ptr<PooledConnection> conn_;
    bool broken_ = false;
  };

  absl::StatusOr<Lease> Acquire();
  PoolStats Stats() const;

 private:
  explicit ConnectionPool(PoolOptions options);
  absl::StatusOr<std::unique_ptr<PooledConnection>> Open();
  void Return(std::unique_ptr<PooledConnection> conn, bool broken);

  const PoolOptions options_;
  mutable absl::Mutex mu_;
  std::vector<std::unique_ptr<PooledConnection>> idle_ ABSL_GUARDED_BY(mu_);
  int open_ ABSL_GUARDED_BY(mu_) = 0;
  int in_use_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t acquire_timeouts_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t waits_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace schutznetz::storage
