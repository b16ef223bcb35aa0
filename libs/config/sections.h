// Configuration sections shared by the office and the district files.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "libs/config/reader.h"

namespace schutznetz::config {

// Where a service keeps its data. The DSN is a libpq connection string or URI; in production it
// usually comes from the environment (a Kubernetes Secret), not from the file.
struct DatabaseConfig {
  std::string dsn;
  int pool_size = 8;                   // connections per process
  int statement_timeout_ms = 15000;    // per statement, enforced by PostgreSQL
};

// The gRPC listener of a service.
struct ServerConfig {
  std::string listen;       // host:port, e.g. "0.0.0.0:7101"
  int threads = 16;         // maximum request-handling threads
  int shutdown_grace_ms = 5000;
  // Plaintext gRPC: set by the --insecure-dev flag for local development, never from a file.
  bool insecure_dev = false;
};

// TLS of a service: its certificate and key (also its client certificate towards the aggregator),
// and the district CA that verifies the other side. Paths are given relative to the config file
// and stored resolved. crl_file (aggregator only, optional): certificates the district revoked.
struct TlsConfig {
  std::string cert_file;
  std::string key_file;
  std::string ca_file;
  std::string crl_file;
  bool enabled() const { return !cert_file.empty(); }
};

struct LoggingConfig {
  std::string level = "info";  // debug, info, warning, error
};

// An office's sync with the district aggregator.
struct SyncConfig {
  bool enabled = true;
  int batch_items = 200;            // items per pushed batch
  int poll_interval_ms = 1000;      // pushes also happen without a wake-up this often
  int call_deadline_ms = 15000;     // deadline of every call to the aggregator
  int backoff_max_ms = 30000;       // retries after failures wait at most this long
};

// The aggregator's limits for pushed batches.
struct ReceiverConfig {
  int max_batch_items = 500;
  int max_batch_bytes = 4 * 1024 * 1024;
};

// API tokens (optional section `api_tokens`): how long new tokens live, in days. A token request
// without a validity gets the default; none may live longer than the maximum.
struct ApiTokensConfig {
  int default_valid_days = 365;
  int max_valid_days = 730;
};

// The Prometheus metrics endpoint (section `metrics`, off if absent): plain HTTP GET /metrics on
// an address of its own.
struct MetricsConfig {
  std::string listen;  // host:port, e.g. "127.0.0.1:7302"
  bool enabled() const { return !listen.empty(); }
};

// The plaintext gRPC health listener for Kubernetes' gRPC probes (section `health`, off if
// absent): only grpc.health.v1.Health, on an address of its own.
struct HealthConfig {
  std::string listen;  // host:port, e.g. "127.0.0.1:7402"
  bool enabled() const { return !listen.empty(); }
};

DatabaseConfig ReadDatabase(ConfigReader reader);
// The optional sections `metrics` and `health` (key `listen`; overridable from the environment
// even when the section is absent from the file).
MetricsConfig ReadMetrics(ConfigReader reader);
HealthConfig ReadHealth(ConfigReader reader);
// Records an error at `reader` for every listen address used twice among `addresses`
// (key → address; empty addresses are not in use).
void CheckDistinctListens(ConfigReader& reader,
                          const std::vector<std::pair<std::string, std::string>>& addresses);
ApiTokensConfig ReadApiTokens(ConfigReader reader);
SyncConfig ReadSync(ConfigReader reader);
ReceiverConfig ReadReceiver(ConfigReader reader);
ServerConfig ReadServer(ConfigReader reader);
// `config_file` resolves relative paths; `allow_crl` accepts crl_file.
TlsConfig ReadTls(ConfigReader reader, const std::string& config_file, bool allow_crl);
LoggingConfig ReadLogging(ConfigReader reader);

// Checks that `value` is a slug: 1–63 characters of a–z, 0–9 and '-', starting with a letter.
bool IsSlug(const std::string& value);
// Checks "host:port" with a port from 1 to 65535 ("[::]:7101" allowed).
bool IsListenAddress(const std::string& value);

}  // namespace schutznetz::config
