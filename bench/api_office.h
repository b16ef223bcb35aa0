// ApiOffice: one tenant service as a real process on a throwaway PostgreSQL cluster, filled with
// a realistic office for the API benchmark (bench/api_bench.cc).
//
// The office is loaded with bulk SQL straight into the tenant's database (after the service has
// migrated it): organisations, active members, the office's own events over three years (local,
// district and public, with registrations) and district events of other offices in the mirror.
// Going through the gRPC API would take minutes for the 100,000-row EXPLAIN part and would only
// add audit rows nobody reads here. The service runs with --insecure-dev (plaintext gRPC, so
// h2load can speak to it without certificates), sync off (no aggregator), metrics on.
//
//   auto office = ApiOffice::Start({.build_dir = ..., .log_dir = ...});
//   (*office)->Seed(2000, 500);
//   std::string token = (*office)->token();
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "tests/support/pg_cluster.h"
#include "tests/support/process.h"

namespace schutznetz::bench {

struct ApiOfficeOptions {
  std::string build_dir;
  std::string log_dir;
  int server_threads = 16;  // server.threads (the default)
  int pool_size = 8;        // database.pool_size (the default)
};

// What the office holds, counted after each Seed().
struct OfficeCounts {
  int64_t members = 0;
  int64_t events = 0;
  int64_t district_events = 0;
  int64_t registrations = 0;
};

class ApiOffice {
 public:
  static constexpr char kOfficeId[] = "bench-office";

  static absl::StatusOr<std::unique_ptr<ApiOffice>> Start(const ApiOfficeOptions& options);
  ~ApiOffice();

  // Grows the office to `members` members and `events` own events (never shrinks it). Events
  // get on average `registrations_per_event` registrations of members, in the order of their
  // number, until the registrations table holds `max_registrations` rows (0: no limit). Runs
  // ANALYZE afterwards.
  absl::StatusOr<OfficeCounts> Seed(int members, int events, int registrations_per_event,
                                    int64_t max_registrations = 0);

  // `count` planned district events in the future without registrations, unlimited capacity:
  // targets for RegisterMember. Returns their ids.
  absl::StatusOr<std::vector<std::string>> AddOpenEvents(int count, const std::string& title);
  // Ids of the active members, in the order of their number.
  absl::StatusOr<std::vector<std::string>> MemberIds(int limit);
  // Id of the own event with the most registrations (the GetEvent/ListRegistrations target).
  absl::StatusOr<std::string> BusiestEventId();

  // Runs SQL without parameters in the tenant's database (autocommit).
  absl::Status ExecSql(const std::string& sql);
  // The same, returning the first column of every row.
  absl::StatusOr<std::vector<std::string>> QueryColumn(const std::string& sql);

  // Stops the service (SIGTERM) and starts it again with the same configuration.
  absl::Status Restart();

  const std::string& address() const { return address_; }       // 127.0.0.1:port (plaintext)
  const std::string& metrics_url() const { return metrics_url_; }  // http://…/metrics
  const std::string& token() const { return token_; }            // coordinator token secret
  pid_t pid() const { return process_->pid(); }
  const std::string& dsn() const { return dsn_; }
  testing::PgCluster& cluster() { return *cluster_; }
  const std::string& log_file() const { return log_file_; }

 private:
  ApiOffice() = default;
  absl::Status Launch();
  absl::StatusOr<std::string> CreateToken();

  ApiOfficeOptions options_;
  std::unique_ptr<testing::PgCluster> cluster_;
  std::unique_ptr<testing::Process> process_;
  std::string dsn_;
  std::string config_file_;
  std::string address_;
  std::string metrics_url_;
  std::string log_file_;
  std::string token_;
  std::vector<std::pair<std::string, std::string>> env_;
};

}  // namespace schutznetz::bench
