// A throwaway PostgreSQL cluster in a temporary directory, for tests and the local run.
//
// Start() runs initdb (once per machine and PostgreSQL version, then copies that template) and
// pg_ctl, listening only on a unix socket in the cluster's own directory with a free port number.
// As root, the server runs as the unprivileged user "postgres". The destructor stops the server and
// removes the directory; a watchdog process does the same if the owning process dies first.
//
//   auto cluster = PgCluster::Start();
//   std::string dsn = (*cluster)->CreateDatabase("schutznetz_lippstadt").value();
#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "tests/support/process.h"

namespace schutznetz::testing {

struct PgClusterOptions {
  // fsync and synchronous_commit off: fine for throwaway data, several times faster.
  bool fast = true;
  // Where the cluster directory is created; default $TMPDIR or /tmp.
  std::string parent_dir;
  // No watchdog and no stop on destruction: the cluster outlives this process (the test suite's
  // shared cluster, stopped by a later `Attach(...)->Destroy()`).
  bool detached = false;
  // initdb for this cluster alone instead of copying the machine's template: a system identifier
  // of its own, as a newly set up server has (restore tests).
  bool own_initdb = false;
};

class PgCluster {
 public:
  static absl::StatusOr<std::unique_ptr<PgCluster>> Start(PgClusterOptions options = {});
  // A running cluster started elsewhere, described by the file WriteState() wrote. The returned
  // object does not stop the cluster when destroyed.
  static absl::StatusOr<std::unique_ptr<PgCluster>> Attach(const std::string& state_file);
  ~PgCluster();

  // Records directory, port and binaries for Attach().
  absl::Status WriteState(const std::string& state_file) const;
  // Stops the server and removes its directory (also for an attached cluster).
  absl::Status Destroy();

  // Creates a database (name: [a-z0-9_]+) and returns its libpq DSN; with `template_db`, as a
  // copy of that database (much faster than migrating a new one).
  absl::StatusOr<std::string> CreateDatabase(const std::string& name,
                                             const std::string& template_db = "");
  // Whether a database of that name exists.
  bool HasDatabase(const std::string& name) const;
  absl::Status DropDatabase(const std::string& name);
  // The libpq connection string of `database`.
  std::string Dsn(const std::string& database) const;

  // Stops / starts the server, keeping the data (for restart tests).
  absl::Status StopServer();
  absl::Status StartServer();

  const std::string& dir() const { return dir_; }
  int port() const { return port_; }
  // Directory of the PostgreSQL server binaries (pg_ctl, pg_dump, …).
  const std::string& bin_dir() const { return bin_dir_; }

 private:
  PgCluster() = default;
  absl::StatusOr<int> PgCtl(const std::string& action, std::string* output = nullptr);

  PgClusterOptions options_;
  std::string bin_dir_;
  std::string dir_;
  std::string user_;  // OS user running the server ("" = current user)
  int port_ = 0;
  bool running_ = false;
  bool owned_ = true;  // stop and remove on destruction
  int watchdog_pipe_ = -1;
  std::unique_ptr<Process> watchdog_;
};

// The PostgreSQL server binary directory: $PG_BINDIR or the newest /usr/lib/postgresql/*/bin.
absl::StatusOr<std::string> FindPgBinDir();

}  // namespace schutznetz::testing
