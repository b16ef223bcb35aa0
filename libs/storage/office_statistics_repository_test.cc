// OfficeStatisticsRepository on a real aggregator database: the latest snapshot per office and
// period wins, whatever order the versions arrive in.
#include "libs/storage/office_statistics_repository.h"

#include <gtest/gtest.h>

#include "libs/storage/tx.h"
#include "tests/support/test_database.h"

namespace schutznetz::storage {
namespace {

class OfficeStatisticsRepositoryTest : public schutznetz::testing::DbTest {
 protected:
  OfficeStatisticsRepositoryTest() : DbTest(SchemaRole::kAggregator) {}

  bool Put(const std::string& office, int year, int quarter, int64_t version,
           const std::string& payload) {
    OfficeSnapshotRecord r;
    r.office_id = office;
    r.period = {year, quarter};
    r.version = version;
    r.payload = payload;
    r.computed_at = absl::FromUnixSeconds(1750000000);
    auto stored = db().TransactValue<bool>([&](Tx& tx) { return repo_->Put(tx, r); });
    EXPECT_TRUE(stored.ok()) << stored.status();
    return stored.value_or(false);
  }

  std::vector<OfficeSnapshotRecord> List(int year, int quarter) {
    auto r = db().TransactValue<std::vector<OfficeSnapshotRecord>>([&](Tx& tx) {
      return repo_->ListForPeriod(tx, {year, quarter});
    });
    EXPECT_TRUE(r.ok()) << r.status();
    return r.value_or(std::vector<OfficeSnapshotRecord>{});
  }

  std::unique_ptr<OfficeStatisticsRepository> repo_ = NewOfficeStatisticsRepository();
};

TEST_F(OfficeStatisticsRepositoryTest, NewerVersionReplacesOlderAndOlderArrivingLateDoesNot) {
  EXPECT_TRUE(Put("lippstadt", 2025, 2, 10, "v10"));
  EXPECT_TRUE(Put("lippstadt", 2025, 2, 20, std::string("v20\0bytes", 9)));
  EXPECT_FALSE(Put("lippstadt", 2025, 2, 15, "v15"));
  EXPECT_FALSE(Put("lippstadt", 2025, 2, 20, "again"));
  std::vector<OfficeSnapshotRecord> q2 = List(2025, 2);
  ASSERT_EQ(q2.size(), 1u);
  EXPECT_EQ(q2[0].version, 20);
  EXPECT_EQ(q2[0].payload, std::string("v20\0bytes", 9));  // bytes kept exactly
  EXPECT_EQ(q2[0].computed_at, absl::FromUnixSeconds(1750000000));
  EXPECT_GT(q2[0].received_at, absl::FromUnixSeconds(1700000000));
}

TEST_F(OfficeStatisticsRepositoryTest, ListsEveryOfficeOfOnePeriodByOfficeId) {
  Put("warstein", 2025, 0, 1, "w");
  Put("lippstadt", 2025, 0, 1, "l");
  Put("lippstadt", 2025, 1, 1, "l-q1");
  Put("soest", 2024, 0, 1, "s-2024");
  std::vector<OfficeSnapshotRecord> year = List(2025, 0);
  ASSERT_EQ(year.size(), 2u);
  EXPECT_EQ(year[0].office_id, "lippstadt");
  EXPECT_EQ(year[0].payload, "l");
  EXPECT_EQ(year[1].office_id, "warstein");
  EXPECT_TRUE(List(2025, 3).empty());
}

}  // namespace
}  // namespace schutznetz::storage
