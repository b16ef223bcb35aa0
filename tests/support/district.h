// A whole district running locally: a throwaway PostgreSQL cluster, the aggregator and one tenant
// service per office, each a real process with its own database.
//
// Used by the end-to-end tests (free ports, logs in a temp dir) and by the local run
// (scripts/run-district: the ports of the configuration files).
//
// Once the services serve, the district bootstraps API tokens the way an operator does, with
// each binary's admin command: a coordinator token per office ("Netzwerkkoordination") and a
// district-coordinator token at the aggregator ("Kreiskoordination"). Their secrets are in
// DistrictService::token, and netzctl_config() names a netzctl configuration file (in the log
// directory) that maps every service address to its token.
//
//   auto district = LocalDistrict::Start({.config_dir = ".../tenants/kreis-soest", ...});
//   std::string lippstadt = (*district)->office("lippstadt").address;
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/config/district_config.h"
#include "tests/support/pg_cluster.h"
#include "tests/support/process.h"

namespace schutznetz::testing {

struct DistrictOptions {
  std::string config_dir;   // contains district.yaml and <office-id>.yaml
  std::string build_dir;    // the CMake build directory with services/{tenant,aggregator}/
  std::string log_dir;      // one log file per process; created if missing
  bool config_ports = false;  // listen on the configured ports instead of free ones
  // Added to every tenant service's environment, e.g. {"SCHUTZNETZ_SYNC_BACKOFF_MAX_MS", "1000"}.
  std::vector<std::pair<std::string, std::string>> office_env;
  PgClusterOptions pg;
  absl::Duration start_timeout = absl::Seconds(60);
  // TLS (default): a district PKI made by scripts/dev-ca in <log_dir>/pki; the aggregator requires
  // client certificates. `insecure` starts every service with --insecure-dev instead.
  bool insecure = false;
  std::string dev_ca;  // path of scripts/dev-ca; empty: <config_dir>/../../scripts/dev-ca
};

// The district PKI of a LocalDistrict (empty paths when it runs without TLS).
struct DistrictPki {
  std::string dir;
  std::string ca_file;
  std::string crl_file;
  // The client certificate of district coordination (netzctl against the aggregator).
  std::string client_cert_file;
  std::string client_key_file;
  std::string OfficeCert(const std::string& office) const { return dir + "/office-" + office + ".pem"; }
  std::string OfficeKey(const std::string& office) const { return dir + "/office-" + office + ".key"; }
};

// One service process of the district.
struct DistrictService {
  std::string id;           // "aggregator" or the office id
  std::string address;      // host:port to dial
  // host:port of the public pages (calendar.ics, contacts); empty if the configuration has none.
  std::string http_address;
  // host:port of the web UI; empty if the configuration has none.
  std::string ui_address;
  // host:port of the Prometheus metrics (plain HTTP GET /metrics) and of the plaintext gRPC health
  // listener; empty if the configuration has none.
  std::string metrics_address;
  std::string health_address;
  std::string config_file;
  std::string database;     // database name on the cluster
  std::string log_file;
  std::vector<std::pair<std::string, std::string>> env;
  std::vector<std::string> argv;
  std::unique_ptr<Process> process;
  // Secret of the coordinator (office) or district-coordinator (aggregator) token.
  std::string token;
};

class LocalDistrict {
 public:
  static absl::StatusOr<std::unique_ptr<LocalDistrict>> Start(DistrictOptions options);
  // Stops every service with SIGTERM, then the database cluster.
  ~LocalDistrict();

  DistrictService& aggregator() { return aggregator_; }
  DistrictService& office(const std::string& id);
  std::vector<std::string> office_ids() const;
  PgCluster& cluster() { return *cluster_; }
  const DistrictPki& pki() const { return pki_; }
  // "https://localhost:7202" (http:// when insecure) for `service`'s public pages; empty if none.
  std::string HttpBase(const DistrictService& service) const;
  // "https://localhost:7502" (http:// when insecure) for `service`'s web UI; empty if none.
  std::string UiBase(const DistrictService& service) const;
  // "http://localhost:7302/metrics" for `service`; empty if it has no metrics listener.
  static std::string MetricsUrl(const DistrictService& service);
  // Credentials for a client of the district's services: TLS with the district CA and the
  // district coordination client certificate, or plaintext when the district runs insecure.
  std::shared_ptr<grpc::ChannelCredentials> ClientCredentials() const;
  // A channel to `service` with ClientCredentials() that sends the service's bootstrap token
  // (DistrictService::token) with every call: what a coordinator's client does.
  std::shared_ptr<grpc::Channel> ChannelTo(const DistrictService& service) const;
  // The same with another token ("": none, e.g. for public methods).
  std::shared_ptr<grpc::Channel> ChannelTo(const DistrictService& service,
                                           const std::string& token) const;
  // The environment netzctl needs for this district: SCHUTZNETZ_CA_FILE, SCHUTZNETZ_CERT_FILE,
  // SCHUTZNETZ_KEY_FILE (empty values: unset them, the district runs without TLS) and
  // SCHUTZNETZ_NETZCTL_CONFIG (the file with every service's token).
  std::vector<std::pair<std::string, std::string>> NetzctlEnvironment() const;
  // Sets (or clears) NetzctlEnvironment() in this process's environment, for the netzctl
  // processes it starts.
  void ExportNetzctlEnvironment() const;
  // The netzctl configuration file with every service's token (SCHUTZNETZ_NETZCTL_CONFIG).
  const std::string& netzctl_config() const { return netzctl_config_; }
  // Runs "<binary> admin create-token" for `service` and returns the secret it printed.
  absl::StatusOr<std::string> CreateToken(const DistrictService& service, const std::string& role,
                                          const std::string& label);

  // Sends `signal` to the service and waits for it to exit; returns its exit code.
  absl::StatusOr<int> StopService(DistrictService& service, int signal,
                                  absl::Duration timeout = absl::Seconds(30));
  // Starts a stopped service again with the same configuration and waits until it is SERVING.
  absl::Status StartService(DistrictService& service);

 private:
  LocalDistrict() = default;
  absl::Status Launch(DistrictService& service);
  absl::Status BootstrapTokens();
  absl::Status MakePki(const config::DistrictConfig& district);

  DistrictOptions options_;
  DistrictPki pki_;
  std::unique_ptr<PgCluster> cluster_;
  DistrictService aggregator_;
  std::map<std::string, DistrictService> offices_;
  std::vector<std::string> office_order_;
  std::string netzctl_config_;
};

// Polls grpc.health.v1.Health/Check on `address` until SERVING or the timeout passes.
absl::Status WaitUntilServing(const std::string& address, absl::Duration timeout,
                              std::shared_ptr<grpc::ChannelCredentials> credentials = nullptr);

}  // namespace schutznetz::testing
