// SyncStateRepository::EnsureEpoch on a real PostgreSQL database: the epoch stays while the
// database is the same instance, and is renewed when its server (system identifier), database
// (oid) or timeline (point-in-time recovery, promoted standby) differs from the one recorded.
#include "libs/storage/sync_state_repository.h"

#include <gtest/gtest.h>

#include "libs/storage/tx.h"
#include "tests/support/test_database.h"

namespace schutznetz::storage {
namespace {

class EpochTest : public schutznetz::testing::DbTest {
 protected:
  EpochInfo Ensure() {
    auto r = db().TransactValue<EpochInfo>([&](Tx& tx) { return repo_->EnsureEpoch(tx); });
    EXPECT_TRUE(r.ok()) << r.status();
    return r.value_or(EpochInfo{});
  }
  // Fixture SQL only: constants of this file.
  void Sql(const std::string& sql) {
    absl::Status s = db().Transact([&](Tx& tx) -> absl::Status {
      tx.ExecFixed(sql);
      return absl::OkStatus();
    });
    ASSERT_TRUE(s.ok()) << s;
  }

  std::unique_ptr<SyncStateRepository> repo_ = NewSyncStateRepository();
};

TEST_F(EpochTest, StaysForTheSameInstance) {
  EpochInfo first = Ensure();
  EXPECT_TRUE(first.renewed);
  EpochInfo again = Ensure();
  EXPECT_FALSE(again.renewed);
  EXPECT_EQ(again.epoch, first.epoch);
}

TEST_F(EpochTest, IsRenewedForAnotherServerDatabaseOrTimeline) {
  std::string epoch = Ensure().epoch;
  for (const char* change : {"UPDATE sync_instance SET system_identifier = '1'",
                             "UPDATE sync_instance SET database_oid = 1",
                             "UPDATE sync_instance SET timeline_id = timeline_id + 1"}) {
    Sql(change);
    EpochInfo now = Ensure();
    EXPECT_TRUE(now.renewed) << change;
    EXPECT_NE(now.epoch, epoch) << change;
    epoch = now.epoch;
  }
}

TEST_F(EpochTest, ARecordWithoutTimelineAdoptsTheCurrentOneWithoutANewEpoch) {
  std::string epoch = Ensure().epoch;
  Sql("UPDATE sync_instance SET timeline_id = NULL");
  EpochInfo now = Ensure();
  EXPECT_FALSE(now.renewed);
  EXPECT_EQ(now.epoch, epoch);
  EXPECT_EQ(QueryScalar("SELECT timeline_id IS NOT NULL FROM sync_instance"), "t");
}

}  // namespace
}  // namespace schutznetz::storage
