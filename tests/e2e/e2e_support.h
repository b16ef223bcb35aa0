// Helpers for end-to-end tests: the Kreis Soest district on free ports and netzctl as a process.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <google/protobuf/util/json_util.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include "absl/time/time.h"

#include "tests/support/district.h"

namespace schutznetz::testing {

// Starts tenants/kreis-soest with logs under a fresh temporary directory and points
// SCHUTZNETZ_NETZCTL_CONFIG at its netzctl configuration, so Netzctl() calls carry the
// coordinator's (district-coordinator's) token of the service they target.
std::unique_ptr<LocalDistrict> StartKreisSoest();

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

// Runs build/services/cli/netzctl with `args`.
CommandResult Netzctl(const std::vector<std::string>& args);

// Runs netzctl with --json and parses its output into `M`; fails the test on error.
template <typename M>
M NetzctlJson(std::vector<std::string> args);

// The whole content of a file.
std::string ReadFile(const std::string& path);

// Every row of every table of the database at `dsn` as text, and every bytea value as its raw
// bytes (sync payloads are serialised protobuf: their strings are plain UTF-8) — what a scan for
// personal data searches.
std::string DumpDatabase(const std::string& dsn);

// Polls `done` every `interval` until true or `timeout`; false on timeout.
bool Eventually(const std::function<bool()>& done, absl::Duration timeout = absl::Seconds(60),
                absl::Duration interval = absl::Milliseconds(100));

// Makes the call `call(&ctx, &response)` and fails the test unless it is OK.
template <typename Response, typename Call>
Response CallOk(Call call) {
  Response response;
  grpc::ClientContext ctx;
  grpc::Status s = call(&ctx, &response);
  EXPECT_TRUE(s.ok()) << s.error_message();
  return response;
}

template <typename M>
M NetzctlJson(std::vector<std::string> args) {
  args.insert(args.begin(), "--json");
  CommandResult r = Netzctl(args);
  M message;
  EXPECT_EQ(r.exit_code, 0) << r.output;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(r.output, &message, options).ok())
      << r.output;
  return message;
}

}  // namespace schutznetz::testing
