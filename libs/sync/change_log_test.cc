// The change log's reader never skips a row that commits late — the property a plain
// "id > last_id" cursor lacks (DESIGN.md §4.1, §4.2). Uses independent connections as concurrent
// writers on a real PostgreSQL database.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <pqxx/pqxx>
#include <set>
#include <thread>

#include "absl/time/clock.h"
#include "libs/sync/log_reader.h"
#include "libs/sync/outbox.h"
#include "libs/storage/sync_state_repository.h"
#include "libs/storage/tx.h"
#include "tests/support/test_database.h"

namespace schutznetz::sync {
namespace {

class ChangeLogTest : public schutznetz::testing::DbTest {
 protected:
  void SetUp() override {
    DbTest::SetUp();
    auto state = storage::NewSyncStateRepository();
    auto epoch = db().TransactValue<storage::EpochInfo>(
        [&](storage::Tx& tx) { return state->EnsureEpoch(tx); });
    ASSERT_TRUE(epoch.ok());
    reader_ = std::make_unique<LogReader>(db(), epoch->epoch);
  }
  // Appends one change in an open transaction of its own connection (not committed).
  static void Append(pqxx::work& w, const std::string& id) {
    w.exec_params(
        "INSERT INTO change_log (item_type, item_id, origin, version, payload) "
        "VALUES ('note', $1, 'lippstadt', 1, 'x'::bytea)",
        id);
  }
  std::vector<std::string> ReadIds(std::string* cursor) {
    auto batch = reader_->Next(*cursor, {}, 100);
    EXPECT_TRUE(batch.ok()) << batch.status();
    std::vector<std::string> ids;
    for (const auto& item : batch->items) ids.push_back(item.id);
    *cursor = batch->cursor;
    return ids;
  }
  // Reads until `n` items arrived: the test cluster is shared with other tests, whose open
  // transactions (in other databases) briefly hold back every reader of the cluster.
  std::vector<std::string> ReadAtLeast(std::string* cursor, size_t n) {
    std::vector<std::string> ids;
    absl::Time deadline = absl::Now() + absl::Seconds(20);
    while (ids.size() < n && absl::Now() < deadline) {
      for (auto& id : ReadIds(cursor)) ids.push_back(id);
      if (ids.size() < n) absl::SleepFor(absl::Milliseconds(20));
    }
    return ids;
  }
  std::unique_ptr<LogReader> reader_;
};

TEST_F(ChangeLogTest, EarlierTransactionCommittingLastIsNotSkipped) {
  pqxx::connection c1(dsn());
  pqxx::connection c2(dsn());
  pqxx::work early(c1);
  Append(early, "early");   // gets the lower row id, commits last
  pqxx::work late(c2);
  Append(late, "late");
  late.commit();

  // A naive reader that pages by row id sees "late" and moves past "early".
  std::string naive_last = QueryScalar("SELECT max(id) FROM change_log");
  std::string cursor;
  // Ours waits: "late" is not readable while an older transaction is open.
  EXPECT_TRUE(ReadIds(&cursor).empty());
  auto waiting = reader_->Next(cursor, {}, 100);
  EXPECT_GE(waiting->waiting_for_open_transactions, 1);

  early.commit();
  EXPECT_EQ(ReadAtLeast(&cursor, 2), (std::vector<std::string>{"early", "late"}));
  EXPECT_TRUE(ReadIds(&cursor).empty());
  // The naive cursor never delivers "early".
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM change_log WHERE id > " + naive_last), "0");
  EXPECT_EQ(QueryScalar("SELECT item_id FROM change_log WHERE id < " + naive_last), "early");
}

TEST_F(ChangeLogTest, ManyConcurrentWritersAreReadCompletelyAndInOrderOnce) {
  constexpr int kWriters = 8;
  constexpr int kPerWriter = 40;
  std::vector<std::thread> writers;
  std::atomic<bool> done{false};
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      pqxx::connection conn(dsn());
      for (int i = 0; i < kPerWriter; ++i) {
        pqxx::work tx(conn);
        Append(tx, std::to_string(w) + "-" + std::to_string(i));
        if (i % 3 == 0) tx.exec("SELECT pg_sleep(0.002)");  // keep some transactions open longer
        tx.commit();
      }
    });
  }
  // Read while writing.
  std::string cursor;
  std::vector<std::string> seen;
  std::thread reader([&] {
    while (!done) {
      for (auto& id : ReadIds(&cursor)) seen.push_back(id);
    }
  });
  for (auto& t : writers) t.join();
  done = true;
  reader.join();
  size_t missing = static_cast<size_t>(kWriters * kPerWriter) - std::min(seen.size(), static_cast<size_t>(kWriters * kPerWriter));
  for (auto& id : ReadAtLeast(&cursor, missing)) seen.push_back(id);
  ASSERT_EQ(seen.size(), static_cast<size_t>(kWriters * kPerWriter));
  std::set<std::string> unique(seen.begin(), seen.end());
  EXPECT_EQ(unique.size(), seen.size());
  // Each writer's rows arrive in its own commit order.
  std::map<int, int> next;
  for (const std::string& id : seen) {
    int w = std::stoi(id.substr(0, id.find('-')));
    int i = std::stoi(id.substr(id.find('-') + 1));
    EXPECT_EQ(i, next[w]++) << id;
  }
}

TEST_F(ChangeLogTest, CursorOfAnotherDatabaseIsOutOfRange) {
  auto batch = reader_->Next("someone-elses-epoch:5:1", {}, 10);
  EXPECT_EQ(batch.status().code(), absl::StatusCode::kOutOfRange);
}

TEST_F(ChangeLogTest, FilterKeepsOwnItemsAndOtherOfficesRequestsOut) {
  Outbox outbox("aggregator", nullptr);
  ASSERT_TRUE(db().Transact([&](storage::Tx& tx) -> absl::Status {
                    for (auto [origin, destination] :
                         {std::pair{"lippstadt", ""}, std::pair{"soest", ""},
                          std::pair{"soest", "lippstadt"}, std::pair{"soest", "warstein"},
                          std::pair{"soest", "aggregator"}}) {
                      domain::SyncItem item{"note", std::string(origin) + ">" + destination,
                                            origin, 1, destination, "x", absl::Now()};
                      absl::Status s = outbox.Relay(tx, item);
                      if (!s.ok()) return s;
                    }
                    return absl::OkStatus();
                  }).ok());
  storage::LogFilter for_lippstadt{"lippstadt", "lippstadt"};
  absl::StatusOr<LogBatch> batch;
  for (int i = 0; i < 500; ++i) {  // until no open transaction elsewhere hides the rows
    batch = reader_->Next("", for_lippstadt, 100);
    ASSERT_TRUE(batch.ok());
    if (batch->items.size() == 2) break;
    absl::SleepFor(absl::Milliseconds(20));
  }
  std::vector<std::string> ids;
  for (const auto& item : batch->items) ids.push_back(item.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"soest>", "soest>lippstadt"}));
  // The cursor moved past everything considered, so nothing is re-read.
  auto again = reader_->Next(batch->cursor, for_lippstadt, 100);
  EXPECT_TRUE(again->items.empty());
  EXPECT_EQ(again->cursor, batch->cursor);
}

TEST_F(ChangeLogTest, BacklogsCountWhatEachReaderHasYetToReadWithTheOldestAge) {
  Outbox outbox("aggregator", nullptr);
  ASSERT_TRUE(db().Transact([&](storage::Tx& tx) -> absl::Status {
                    for (auto [origin, destination] :
                         {std::pair{"lippstadt", ""}, std::pair{"soest", ""},
                          std::pair{"soest", "lippstadt"}, std::pair{"soest", "warstein"}}) {
                      domain::SyncItem item{"note",      std::string(origin) + ">" + destination,
                                            origin,      1,
                                            destination, "x",
                                            absl::Now()};
                      absl::Status s = outbox.Relay(tx, item);
                      if (!s.ok()) return s;
                    }
                    return absl::OkStatus();
                  })
                  .ok());
  std::string past_all;
  ReadAtLeast(&past_all, 4);  // a cursor past every row, once all four are readable
  std::vector<BacklogRequest> readers = {{"", {"lippstadt", "lippstadt"}},
                                         {"", {"warstein", "warstein"}},
                                         {"", {}},
                                         {past_all, {"lippstadt", "lippstadt"}},
                                         {"someone-elses-epoch:5:1", {}}};
  auto backlogs = reader_->Backlogs(readers);
  ASSERT_TRUE(backlogs.ok()) << backlogs.status();
  ASSERT_EQ(backlogs->size(), 5u);
  ASSERT_TRUE((*backlogs)[0].has_value());
  EXPECT_EQ((*backlogs)[0]->items, 2);  // soest> and soest>lippstadt
  EXPECT_EQ((*backlogs)[1]->items, 3);  // lippstadt>, soest> and soest>warstein
  EXPECT_EQ((*backlogs)[2]->items, 4);
  EXPECT_GT((*backlogs)[2]->age, absl::ZeroDuration());
  EXPECT_EQ((*backlogs)[3]->items, 0);
  EXPECT_EQ((*backlogs)[3]->age, absl::ZeroDuration());
  EXPECT_FALSE((*backlogs)[4].has_value());
}

TEST_F(ChangeLogTest, EpochIsRenewedWhenTheDatabaseInstanceChanges) {
  auto state = storage::NewSyncStateRepository();
  auto first = db().TransactValue<storage::EpochInfo>(
      [&](storage::Tx& tx) { return state->EnsureEpoch(tx); });
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE(first->renewed);
  // As after a restore into another database: the recorded identity no longer matches.
  pqxx::connection conn(dsn());
  pqxx::work w(conn);
  w.exec("UPDATE sync_instance SET database_oid = 1");
  w.commit();
  auto second = db().TransactValue<storage::EpochInfo>(
      [&](storage::Tx& tx) { return state->EnsureEpoch(tx); });
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(second->renewed);
  EXPECT_NE(second->epoch, first->epoch);
}

}  // namespace
}  // namespace schutznetz::sync
