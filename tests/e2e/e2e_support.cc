#include "tests/e2e/e2e_support.h"

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "absl/time/clock.h"

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

std::string DumpDatabase(const std::string& dsn) {
  pqxx::connection c(dsn);
  pqxx::work tx(c);
  std::string dump;
  for (const pqxx::row& t : tx.exec(
           "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
    std::string table = tx.quote_name(t[0].as<std::string>());
    for (const pqxx::row& r : tx.exec("SELECT t::text FROM " + table + " t")) {
      dump += r[0].as<std::string>() + "\n";
    }
  }
  for (const pqxx::row& col : tx.exec(
           "SELECT table_name, column_name FROM information_schema.columns "
           "WHERE table_schema = 'public' AND data_type = 'bytea'")) {
    std::string query = "SELECT " + tx.quote_name(col[1].as<std::string>()) + " FROM " +
                        tx.quote_name(col[0].as<std::string>()) + " WHERE " +
                        tx.quote_name(col[1].as<std::string>()) + " IS NOT NULL";
    for (const pqxx::row& r : tx.exec(query)) dump += pqxx::binarystring(r[0]).str() + "\n";
  }
  return dump;
}

bool Eventually(const std::function<bool()>& done, absl::Duration timeout,
                absl::Duration interval) {
  absl::Time deadline = absl::Now() + timeout;
  while (!done()) {
    if (absl::Now() > deadline) return false;
    absl::SleepFor(interval);
  }
  return true;
}

}  // namespace schutznetz::testing
