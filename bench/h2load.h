// Load with h2load (Debian package nghttp2-client) against a gRPC method, and the service's own
// count of answered calls (/metrics) to check that h2load's successes are gRPC successes.
//
// h2load knows HTTP/2, not gRPC: it sends the same request body (a file holding one
// length-prefixed gRPC message, GrpcFrame) with the gRPC headers to the method's path and counts
// every HTTP 200 as a success, although a failed gRPC call also answers 200 and carries its
// status in the grpc-status trailer. The benchmark therefore compares h2load's counts with
// schutznetz_grpc_requests_total{method,code} of the service before and after each run.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace schutznetz::bench {

// The gRPC message framing: a zero compression flag, the length (4 bytes, big-endian), then the
// serialised message.
std::string GrpcFrame(const std::string& message);

struct H2loadRun {
  std::string url;           // http://127.0.0.1:port/package.Service/Method (plaintext, h2c)
  std::string body_file;     // GrpcFrame of the request
  std::string bearer_token;  // empty: no authorization header
  int clients = 4;           // -c: connections
  int streams = 2;           // -m: concurrent streams per connection
  int threads = 1;           // -t
  absl::Duration duration = absl::Seconds(10);  // -D
  absl::Duration warm_up = absl::Seconds(1);    // --warm-up-time (not counted by h2load)
  int rps_per_client = 0;    // --rps: paced load; 0: as fast as answered
  std::string log_file;      // --log-file: per request start, HTTP status, time to answer
};

struct H2loadResult {
  double requests_per_second = 0;
  int64_t done = 0;
  int64_t succeeded = 0;  // HTTP 2xx, whatever the gRPC status
  int64_t failed = 0;
  int64_t errored = 0;
  // From the log file, if one was asked for: time to answer of every request.
  std::vector<absl::Duration> latencies;
  std::string output;  // h2load's report
};

// Runs h2load; fails if it could not run or completed no request.
absl::StatusOr<H2loadResult> RunH2load(const H2loadRun& run);

// schutznetz_grpc_requests_total of one method from a service's /metrics, by status code name.
absl::StatusOr<std::map<std::string, int64_t>> GrpcCallCounts(const std::string& metrics_url,
                                                              const std::string& method);

// Calls made between two readings: OK ones and all others.
struct CallDelta {
  int64_t ok = 0;
  int64_t not_ok = 0;
  std::string not_ok_codes;  // "NOT_FOUND: 3, …"
};
CallDelta Delta(const std::map<std::string, int64_t>& before,
                const std::map<std::string, int64_t>& after);

}  // namespace schutznetz::bench
