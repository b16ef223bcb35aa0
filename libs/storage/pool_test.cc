#include "libs/storage/pool.h"

#include <gtest/gtest.h>

#include <pqxx/pqxx>
#include <thread>

#include "absl/time/clock.h"
#include "libs/storage/database.h"
#include "libs/storage/pg_error.h"
#include "libs/storage/tx.h"
#include "tests/support/test_database.h"

namespace schutznetz::storage {
namespace {

using schutznetz::testing::SharedCluster;

PoolOptions Options(int size) {
  PoolOptions o;
  o.dsn = SharedCluster().Dsn("postgres");
  o.size = size;
  o.acquire_timeout = absl::Milliseconds(200);
  return o;
}

TEST(PoolTest, WrongDsnFailsAtCreateWithUnavailable) {
  PoolOptions o = Options(2);
  o.dsn = SharedCluster().Dsn("no_such_database");
  auto pool = ConnectionPool::Create(o);
  EXPECT_EQ(pool.status().code(), absl::StatusCode::kUnavailable);
}

TEST(PoolTest, ExhaustedPoolTimesOutWithUnavailable) {
  auto pool = ConnectionPool::Create(Options(1));
  ASSERT_TRUE(pool.ok());
  auto first = (*pool)->Acquire();
  ASSERT_TRUE(first.ok());
  auto second = (*pool)->Acquire();
  EXPECT_EQ(second.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ((*pool)->Stats().acquire_timeouts, 1);
  EXPECT_EQ((*pool)->Stats().waits, 1);
}

TEST(PoolTest, OnlyAcquiresThatFoundNoFreeConnectionCountAsWaits) {
  auto pool = ConnectionPool::Create(Options(2));
  ASSERT_TRUE(pool.ok());
  {
    auto a = (*pool)->Acquire();
    auto b = (*pool)->Acquire();  // opens the second connection: no wait
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ((*pool)->Stats().in_use, 2);
    EXPECT_EQ((*pool)->Stats().waits, 0);
    std::thread release([lease = std::move(*a)]() mutable {
      absl::SleepFor(absl::Milliseconds(50));
      auto gone = std::move(lease);
    });
    auto c = (*pool)->Acquire();  // waits for the one released
    release.join();
    EXPECT_TRUE(c.ok());
  }
  PoolStats stats = (*pool)->Stats();
  EXPECT_EQ(stats.waits, 1);
  EXPECT_EQ(stats.acquire_timeouts, 0);
  EXPECT_EQ(stats.in_use, 0);
  EXPECT_EQ(stats.open, 2);
}

TEST(PoolTest, ReturnedConnectionIsReused) {
  auto pool = ConnectionPool::Create(Options(1));
  ASSERT_TRUE(pool.ok());
  { auto lease = (*pool)->Acquire(); ASSERT_TRUE(lease.ok()); }
  { auto lease = (*pool)->Acquire(); ASSERT_TRUE(lease.ok()); }
  EXPECT_EQ((*pool)->Stats().open, 1);
  EXPECT_EQ((*pool)->Stats().in_use, 0);
}

TEST(PoolTest, BrokenConnectionIsDroppedNotReused) {
  auto pool = ConnectionPool::Create(Options(2));
  ASSERT_TRUE(pool.ok());
  int backend_pid = 0;
  {
    auto lease = (*pool)->Acquire();
    ASSERT_TRUE(lease.ok());
    backend_pid = (*lease)->raw().backendpid();
    lease->MarkBroken();
  }
  EXPECT_EQ((*pool)->Stats().open, 0);
  auto lease = (*pool)->Acquire();
  ASSERT_TRUE(lease.ok());
  EXPECT_NE((*lease)->raw().backendpid(), backend_pid);
}

TEST(PoolTest, SessionSettingsAreApplied) {
  PoolOptions o = Options(1);
  o.statement_timeout_ms = 1234;
  auto db = Database::Open(o);
  ASSERT_TRUE(db.ok());
  std::string timeout;
  absl::Status s = (*db)->Transact([&](Tx& tx) -> absl::Status {
    timeout = tx.ExecFixed("SHOW statement_timeout")[0][0].as<std::string>();
    return absl::OkStatus();
  });
  ASSERT_TRUE(s.ok()) << s;
  EXPECT_EQ(timeout, "1234ms");
}

TEST(DatabaseTest, StatementTimeoutBecomesDeadlineExceeded) {
  PoolOptions o = Options(1);
  o.statement_timeout_ms = 100;
  auto db = Database::Open(o);
  ASSERT_TRUE(db.ok());
  absl::Status s = (*db)->Transact([&](Tx& tx) -> absl::Status {
    return Guarded("sleep", [&]() -> absl::Status {
      tx.ExecFixed("SELECT pg_sleep(2)");
      return absl::OkStatus();
    });
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kDeadlineExceeded);
}

class DatabaseTransactTest : public schutznetz::testing::DbTest {};

TEST_F(DatabaseTransactTest, FailedFunctionRollsBack) {
  ASSERT_TRUE(db().Transact([](Tx& tx) -> absl::Status {
                    tx.ExecFixed("CREATE TABLE rollback_probe (x int)");
                    return absl::OkStatus();
                  }).ok());
  absl::Status s = db().Transact([](Tx& tx) -> absl::Status {
    tx.ExecFixed("INSERT INTO rollback_probe VALUES (1)");
    return absl::InvalidArgumentError("no");
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM rollback_probe"), "0");
}

TEST_F(DatabaseTransactTest, ValueIsReturnedAfterCommit) {
  absl::StatusOr<int> v = db().TransactValue<int>(
      [](Tx& tx) -> absl::StatusOr<int> { return tx.ExecFixed("SELECT 41 + 1")[0][0].as<int>(); });
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(*v, 42);
}

}  // namespace
}  // namespace schutznetz::storage
