// Helpers for end-to-end tests: the Kreis Soest district on free ports and netzctl as a process.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

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
