#include "libs/runtime/runtime.h"

#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"
#include "libs/common/log.h"
#include "libs/rpc/grpc_log.h"
#include "libs/rpc/tls.h"

namespace schutznetz::runtime {

void InitServiceProcess(const std::string& service) {
  rpc::BlockShutdownSignals();
  log::Configure(service, "", log::Level::kInfo);
  rpc::RouteGrpcLogsToJsonLog();
}

absl::StatusOr<ServiceArgs> ParseServiceArgs(int argc, char** argv, const std::string& usage) {
  ServiceArgs args;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--help" || a == "-h") {
      std::printf("%s\n", usage.c_str());
      std::exit(0);
    } else if (a == "--config" && i + 1 < argc) {
      args.config_path = argv[++i];
    } else if (a.rfind("--config=", 0) == 0) {
      args.config_path = std::string(a.substr(9));
    } else if (a == "--insecure-dev") {
      args.insecure_dev = true;
    } else {
      return absl::InvalidArgumentError(absl::StrCat("unknown argument '", std::string(a), "'\n", usage));
    }
  }
  if (args.config_path.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("--config FILE is required\n", usage));
  }
  return args;
}

storage::PoolOptions PoolOptionsFrom(const config::DatabaseConfig& c, const std::string& app_name) {
  storage::PoolOptions pool;
  pool.dsn = c.dsn;
  pool.size = c.pool_size;
  pool.statement_timeout_ms = c.statement_timeout_ms;
  pool.application_name = app_name;
  return pool;
}

absl::StatusOr<std::unique_ptr<storage::Database>> OpenDatabase(const config::DatabaseConfig& c,
                                                                const std::string& app_name,
                                                                storage::SchemaRole role) {
  storage::PoolOptions pool = PoolOptionsFrom(c, app_name);
  absl::StatusOr<std::unique_ptr<storage::Database>> db =
      storage::Database::OpenWithRetry(pool, absl::Minutes(1));
  if (!db.ok()) return db.status();
  absl::StatusOr<storage::MigrationReport> report = storage::ApplyMigrations(**db, role);
  if (!report.ok()) return report.status();
  log::Info("database ready", {{"schema_version", report->current_version},
                               {"migrations_applied", static_cast<int>(report->applied.size())}});
  return db;
}

rpc::ServerOptions ServerOptionsFrom(const config::ServerConfig& server) {
  rpc::ServerOptions options;
  options.listen = server.listen;
  options.threads = server.threads;
  options.shutdown_grace = absl::Milliseconds(server.shutdown_grace_ms);
  return options;
}

namespace {

rpc::TlsFiles FilesOf(const config::TlsConfig& tls) {
  return {tls.cert_file, tls.key_file, tls.ca_file};
}

absl::Status TlsMissing() {
  return Bilingual(absl::StatusCode::kFailedPrecondition,
                   "tls.cert_file, tls.key_file and tls.ca_file are required (plaintext only with "
                   "--insecure-dev, for local development)",
                   "TLS-Zertifikat, Schlüssel und Kreis-CA fehlen (unverschlüsselt nur mit "
                   "--insecure-dev zur Entwicklung)");
}

}  // namespace

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentialsFor(
    const config::TlsConfig& tls, bool insecure_dev, bool require_client_certificate) {
  if (insecure_dev) {
    log::Warning("--insecure-dev: gRPC without TLS; tokens and data travel in plaintext");
    return grpc::InsecureServerCredentials();
  }
  if (!tls.enabled()) return TlsMissing();
  return rpc::TlsServerCredentials(FilesOf(tls), require_client_certificate);
}

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> ChannelCredentialsFor(
    const config::TlsConfig& tls, bool insecure_dev) {
  if (insecure_dev) return grpc::InsecureChannelCredentials();
  if (!tls.enabled()) return TlsMissing();
  return rpc::TlsChannelCredentials(FilesOf(tls));
}

void ServeUntilSignal(rpc::RpcServer& server, const std::string& listen,
                      const std::function<void()>& stop_first) {
  log::Info("serving", {{"listen", listen}, {"port", server.port()}});
  int sig = rpc::WaitForShutdownSignal();
  log::Info("shutting down", {{"signal", sig == SIGTERM ? "SIGTERM" : "SIGINT"}});
  if (stop_first) stop_first();
  server.Shutdown();
  log::Info("stopped");
}

int StartupFailure(const std::string& what, const absl::Status& status) {
  log::Error(absl::StrCat(what, " failed"), {{"error", std::string(status.message())}});
  return status.code() == absl::StatusCode::kInvalidArgument ? 2 : 1;
}

}  // namespace schutznetz::runtime
