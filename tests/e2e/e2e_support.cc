#include "tests/e2e/e2e_support.h"

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace schutznetz::testing {

std::unique_ptr<LocalDistrict> StartKreisSoest() {
  // Logs of every process go to build/test-logs/<Suite>.<Test>/, replaced on each run.
  const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string dir = std::string(SCHUTZNETZ_BUILD_DIR) + "/test-logs/" + test->test_suite_name() +
                    "." + test->name();
  std::filesystem::remove_all(dir);
  DistrictOptions options;
  options.config_dir = std::string(SCHUTZNETZ_SOURCE_DIR) + "/tenants/kreis-soest";
  options.build_dir = SCHUTZNETZ_BUILD_DIR;
  options.log_dir = dir;
  auto district = LocalDistrict::Start(options);
  EXPECT_TRUE(district.ok()) << district.status();
  if (!district.ok()) return nullptr;
  // netzctl verifies the services against the district CA, shows the district coordination
  // certificate to the aggregator, and finds every service's token in the district's netzctl
  // configuration, as a coordinator's netzctl would.
  (*district)->ExportNetzctlEnvironment();
  return *std::move(district);
}

CommandResult Netzctl(const std::vector<std::string>& args) {
  ProcessOptions o;
  o.argv = {std::string(SCHUTZNETZ_BUILD_DIR) + "/services/cli/netzctl"};
  o.argv.insert(o.argv.end(), args.begin(), args.end());
  CommandResult result;
  absl::StatusOr<int> code = RunCommand(o, absl::Seconds(60), &result.output);
  result.exit_code = code.ok() ? *code : -1;
  return result;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace schutznetz::testing
