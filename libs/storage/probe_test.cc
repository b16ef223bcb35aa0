#include "libs/storage/probe.h"

#include <gtest/gtest.h>

#include "tests/support/process.h"
#include "tests/support/test_database.h"

namespace schutznetz::storage {
namespace {

using schutznetz::testing::SharedCluster;

TEST(DatabaseProbeTest, ReachableDatabaseIsOkAgainAndAgain) {
  PoolOptions o;
  o.dsn = SharedCluster().Dsn("postgres");
  DatabaseProbe probe(o);
  EXPECT_TRUE(probe.Check().ok());
  EXPECT_TRUE(probe.Check().ok());
}

TEST(DatabaseProbeTest, UnreachableDatabaseIsUnavailable) {
  PoolOptions o;
  o.dsn = "host=127.0.0.1 port=" + std::to_string(schutznetz::testing::PickFreePort()) +
          " dbname=x connect_timeout=2";
  DatabaseProbe probe(o);
  EXPECT_EQ(probe.Check().code(), absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace schutznetz::storage
