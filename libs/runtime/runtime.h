// Start-up plumbing shared by the service binaries (schutznetz-tenant, schutznetz-aggregator):
// command-line arguments, logging set-up, opening and migrating the database, and serving until
// SIGTERM. Keeps each main() to wiring.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "libs/config/sections.h"
#include "libs/rpc/server.h"
#include "libs/storage/database.h"
#include "libs/storage/migrations.h"

namespace schutznetz::runtime {

// First thing in main(): blocks SIGTERM/SIGINT for WaitForShutdownSignal(), and makes every line
// the process writes to stderr a JSON object naming `service` (the office or district is added by
// log::Configure once the configuration is read): our log, and gRPC's own diagnostics.
void InitServiceProcess(const std::string& service);

struct ServiceArgs {
  std::string config_path;
  bool insecure_dev = false;  // plaintext gRPC for local development only
};

// Parses "--config FILE" and "--insecure-dev"; "--help" prints `usage` and exits 0. Errors are
// INVALID_ARGUMENT with a message for the operator.
absl::StatusOr<ServiceArgs> ParseServiceArgs(int argc, char** argv, const std::string& usage);

// Pool options from the `database` section; `app_name` is PostgreSQL's application_name.
storage::PoolOptions PoolOptionsFrom(const config::DatabaseConfig& db, const std::string& app_name);

// Opens the service's database (waiting up to a minute for it) and applies pending migrations.
absl::StatusOr<std::unique_ptr<storage::Database>> OpenDatabase(const config::DatabaseConfig& db,
                                                                const std::string& app_name,
                                                                storage::SchemaRole role);

// gRPC server options from the `server` section of a configuration file.
rpc::ServerOptions ServerOptionsFrom(const config::ServerConfig& server);

// Server credentials: TLS from `tls` (every client must present a certificate of the district CA
// if `require_client_certificate`), or plaintext when `insecure_dev` (logged as a warning).
// Neither: FAILED_PRECONDITION naming tls.cert_file.
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentialsFor(
    const config::TlsConfig& tls, bool insecure_dev, bool require_client_certificate);
// Channel credentials towards another Schutznetz service: TLS verifying it against tls.ca_file and
// presenting tls.cert_file as the client certificate, or plaintext when `insecure_dev`.
absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> ChannelCredentialsFor(
    const config::TlsConfig& tls, bool insecure_dev);

// Logs "serving", waits for SIGTERM/SIGINT, runs `stop_first` (if any: the app's BeginShutdown —
// health NOT_SERVING, the public HTTP listener, which calls the gRPC server, stopped), shuts the
// server down gracefully and logs "stopped".
void ServeUntilSignal(rpc::RpcServer& server, const std::string& listen,
                      const std::function<void()>& stop_first = nullptr);

// Logs `status` (one JSON line, "<what> failed") and returns the process exit code for start-up
// failures: 2 for invalid arguments or configuration, 1 otherwise.
int StartupFailure(const std::string& what, const absl::Status& status);

}  // namespace schutznetz::runtime
