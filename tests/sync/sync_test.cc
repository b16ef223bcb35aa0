// The sync protocol between offices and the aggregator, in one process with real databases and a
// real gRPC connection (DESIGN.md §4.1, §4.2).
#include <gtest/gtest.h>

#include <thread>

#include "absl/time/clock.h"
#include "libs/common/uuid.h"
#include "libs/storage/tx.h"
#include "libs/sync/item_convert.h"
#include "tests/sync/sync_fixture.h"

namespace schutznetz::testing {
namespace {

v1::PushChangesRequest Batch(const std::string& office, const std::string& txn,
                             std::vector<domain::SyncItem> items) {
  v1::PushChangesRequest req;
  req.set_office_id(office);
  req.set_txn_id(txn);
  req.set_to_cursor("e:1:" + std::to_string(items.size()));
  for (const auto& item : items) sync::ItemToProto(item, req.add_items());
  return req;
}

domain::SyncItem Note(const std::string& origin, const std::string& id, int64_t version,
                      const std::string& text = "x") {
  return {"note", id, origin, version, "", text, absl::Now()};
}

class ReceiverTest : public SyncTest {
 protected:
  void SetUp() override { StartAggregator(); }
  storage::Database& agg() { return *aggregator_->database.db; }
};

TEST_F(ReceiverTest, SameBatchTenTimesHasOneEffectAndTheIdenticalAnswer) {
  v1::PushChangesRequest req = Batch("lippstadt", NewUuid(),
                                     {Note("lippstadt", "n1", 1), Note("lippstadt", "n2", 1)});
  std::string first;
  for (int i = 0; i < 10; ++i) {
    auto resp = aggregator_->receiver->Push("lippstadt", req);
    ASSERT_TRUE(resp.ok()) << resp.status();
    if (i == 0) first = resp->SerializeAsString();
    EXPECT_EQ(resp->SerializeAsString(), first);
    EXPECT_EQ(resp->results(0).outcome(), v1::ItemResult::OUTCOME_APPLIED);
  }
  EXPECT_EQ(Scalar(agg(), "SELECT count(*) FROM test_notes"), "2");
  EXPECT_EQ(Scalar(agg(), "SELECT count(*) FROM change_log"), "2");  // relayed once
  EXPECT_EQ(Scalar(agg(), "SELECT count(*) FROM sync_txns"), "1");
}

TEST_F(ReceiverTest, SameItemTenTimesInOneBatchAppliesOnce) {
  std::vector<domain::SyncItem> items(10, Note("lippstadt", "n1", 7));
  auto resp = aggregator_->receiver->Push("lippstadt", Batch("lippstadt", NewUuid(), items));
  ASSERT_TRUE(resp.ok());
  int applied = 0, duplicates = 0;
  for (const auto& r : resp->results()) {
    applied += r.outcome() == v1::ItemResult::OUTCOME_APPLIED;
    duplicates += r.outcome() == v1::ItemResult::OUTCOME_DUPLICATE;
  }
  EXPECT_EQ(applied, 1);
  EXPECT_EQ(duplicates, 9);
  EXPECT_EQ(Scalar(agg(), "SELECT count(*) FROM change_log"), "1");
}

TEST_F(ReceiverTest, ReplayDaysLaterUnderANewTxnIdIsHarmless) {
  ASSERT_TRUE(aggregator_->receiver
                  ->Push("lippstadt", Batch("lippstadt", NewUuid(), {Note("lippstadt", "n1", 3, "neu")}))
                  .ok());
  auto old = aggregator_->receiver->Push(
      "lippstadt", Batch("lippstadt", NewUuid(), {Note("lippstadt", "n1", 2, "alt"),
                                                  Note("lippstadt", "n1", 3, "neu")}));
  ASSERT_TRUE(old.ok());
  EXPECT_EQ(old->results(1).outcome(), v1::ItemResult::OUTCOME_DUPLICATE);
  EXPECT_EQ(Notes(agg()), (std::set<std::string>{"n1@3=neu"}));
}

TEST_F(ReceiverTest, OversizeBatchIsResourceExhaustedAndAppliesNothing) {
  std::vector<domain::SyncItem> many;
  for (int i = 0; i < 21; ++i) many.push_back(Note("lippstadt", "n" + std::to_string(i), 1));
  auto too_many = aggregator_->receiver->Push("lippstadt", Batch("lippstadt", NewUuid(), many));
  EXPECT_EQ(too_many.status().code(), absl::StatusCode::kResourceExhausted);
  auto too_big = aggregator_->receiver->Push(
      "lippstadt", Batch("lippstadt", NewUuid(), {Note("lippstadt", "big", 1, std::string(70000, 'x'))}));
  EXPECT_EQ(too_big.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(Scalar(agg(), "SELECT count(*) FROM test_notes"), "0");
  EXPECT_EQ(Scalar(agg(), "SELECT count(*) FROM sync_txns"), "0");
}

TEST_F(ReceiverTest, ItemsOfAnotherOriginArePermissionDeniedAndNothingIsStored) {
  auto resp = aggregator_->receiver->Push(
      "lippstadt", Batch("lippstadt", NewUuid(), {Note("lippstadt", "n1", 1), Note("soest", "n2", 1)}));
  EXPECT_EQ(resp.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_NE(resp.status().message().find("items[1].origin"), absl::string_view::npos);
  EXPECT_EQ(Scalar(agg(), "SELECT count(*) FROM test_notes"), "0");
}

TEST_F(ReceiverTest, ItemWaitingForItsDependencyIsHeldThenApplied) {
  domain::SyncItem comment{"comment", "c1", "lippstadt", 1, "", "n1", absl::Now()};
  auto held = aggregator_->receiver->Push("lippstadt", Batch("lippstadt", NewUuid(), {comment}));
  ASSERT_TRUE(held.ok());
  EXPECT_EQ(held->results(0).outcome(), v1::ItemResult::OUTCOME_HELD);
  EXPECT_EQ(Scalar(agg(), "SELECT count(*) FROM sync_held"), "1");
  auto note = aggregator_->receiver->Push("soest", Batch("soest", NewUuid(), {Note("soest", "n1", 1)}));
  ASSERT_TRUE(note.ok());
  EXPECT_EQ(Scalar(agg(), "SELECT count(*) FROM sync_held"), "0");
  EXPECT_EQ(Scalar(agg(), "SELECT text FROM test_notes WHERE id = 'c1'"), "comment on n1");
  // Both were relayed for the offices, the comment after the note it depends on.
  EXPECT_EQ(Scalar(agg(), "SELECT string_agg(item_id, ',' ORDER BY id) FROM change_log"), "n1,c1");
}

TEST_F(ReceiverTest, UnknownItemTypeIsRejectedWithoutFailingTheBatch) {
  domain::SyncItem odd{"mystery", "m1", "lippstadt", 1, "", "?", absl::Now()};
  auto resp = aggregator_->receiver->Push(
      "lippstadt", Batch("lippstadt", NewUuid(), {odd, Note("lippstadt", "n1", 1)}));
  ASSERT_TRUE(resp.ok());
  EXPECT_EQ(resp->results(0).outcome(), v1::ItemResult::OUTCOME_REJECTED);
  EXPECT_EQ(resp->results(1).outcome(), v1::ItemResult::OUTCOME_APPLIED);
}

class AgentTest : public SyncTest {
 protected:
  void SetUp() override { StartAggregator(); }
};

TEST_F(AgentTest, ChangesOfEveryOfficeReachEveryOtherOffice) {
  std::vector<TestOffice*> offices;
  for (const char* id : {"lippstadt", "soest", "warstein"}) offices.push_back(&AddOffice(id));
  for (TestOffice* o : offices) o->agent->Start();
  for (int i = 0; i < 30; ++i) {
    TestOffice& o = *offices[i % 3];
    WriteNote(o, o.id + "-" + std::to_string(i), 1, "v1");
  }
  WriteNote(*offices[0], "lippstadt-0", 2, "v2");  // a later version wins everywhere
  std::set<std::string> expected = Notes(*aggregator_->database.db);
  absl::Time deadline = absl::Now() + absl::Seconds(30);
  bool converged = false;
  while (!converged && absl::Now() < deadline) {
    expected = Notes(*aggregator_->database.db);
    converged = expected.size() == 30;
    for (TestOffice* o : offices) converged = converged && Notes(*o->database.db) == expected;
    if (!converged) absl::SleepFor(absl::Milliseconds(50));
  }
  EXPECT_TRUE(converged);
  EXPECT_EQ(expected.count("lippstadt-0@2=v2"), 1u);
  for (TestOffice* o : offices) o->agent->Stop();
}

TEST_F(AgentTest, RequestsGoOnlyToTheirDestination) {
  TestOffice& lippstadt = AddOffice("lippstadt");
  TestOffice& soest = AddOffice("soest");
  TestOffice& warstein = AddOffice("warstein");
  WriteNote(lippstadt, "for-soest", 1, "nur für Soest", "soest");
  WriteNote(lippstadt, "for-aggregator", 1, "nur für den Kreis", "aggregator");
  Drain(lippstadt);
  SubscribeUntil(soest, {"for-soest@1=nur für Soest"});
  // Warstein reads the whole district log and finds nothing for itself.
  SubscribeUntil(warstein, {});
  ASSERT_TRUE(warstein.agent->SubscribeOnce(1).ok());
  EXPECT_TRUE(Notes(*warstein.database.db).empty());
  EXPECT_EQ(Notes(*aggregator_->database.db).size(), 2u);
}

TEST_F(AgentTest, PushAdvancesOnlyOnTheAnswerAndResendsTheIdenticalBatch) {
  TestOffice& lippstadt = AddOffice("lippstadt");
  WriteNote(lippstadt, "n1", 1, "a");
  StopAggregator();
  absl::StatusOr<int> failed = 0;
  absl::Time deadline = absl::Now() + absl::Seconds(20);
  while (failed.ok() && absl::Now() < deadline) failed = lippstadt.agent->PushOnce();
  EXPECT_FALSE(failed.ok());
  std::string txn = Scalar(*lippstadt.database.db, "SELECT pending_txn_id FROM sync_peers");
  ASSERT_FALSE(txn.empty());
  EXPECT_EQ(Scalar(*lippstadt.database.db, "SELECT push_cursor FROM sync_peers"), "");
  // More changes meanwhile do not enter the batch in flight.
  WriteNote(lippstadt, "n2", 1, "b");
  StartAggregator(aggregator_->port, true);
  // A restarted office (new agent, same database) resends the same batch under the same txn.
  TestOffice& again = lippstadt;
  again.agent.reset();
  auto channel = grpc::CreateCustomChannel("127.0.0.1:" + std::to_string(aggregator_->port),
                                           grpc::InsecureChannelCredentials(),
                                           sync::AgentChannelArguments());
  again.agent = std::make_unique<sync::Agent>(*again.database.db, again.applier, *again.log,
                                              &again.outbox_changed, channel,
                                              sync::AgentOptions{.office_id = "lippstadt"});
  auto pushed = again.agent->PushOnce();
  ASSERT_TRUE(pushed.ok()) << pushed.status();
  EXPECT_EQ(*pushed, 1);
  EXPECT_EQ(Scalar(*aggregator_->database.db, "SELECT txn_id FROM sync_txns"), txn);
  EXPECT_EQ(Scalar(*aggregator_->database.db, "SELECT string_agg(id, ',') FROM test_notes"), "n1");
  Drain(again);
  EXPECT_EQ(Notes(*aggregator_->database.db).size(), 2u);
  EXPECT_EQ(Scalar(*lippstadt.database.db, "SELECT coalesce(pending_txn_id, '') FROM sync_peers"),
            "");
}

TEST_F(AgentTest, StatusRecordsTheLastErrorAndClearsItOnSuccess) {
  TestOffice& lippstadt = AddOffice("lippstadt");
  WriteNote(lippstadt, "n1", 1, "a");
  StopAggregator();
  lippstadt.agent->Start();
  absl::SleepFor(absl::Milliseconds(400));
  EXPECT_NE(Scalar(*lippstadt.database.db, "SELECT push_error FROM sync_peers"), "");
  EXPECT_NE(Scalar(*lippstadt.database.db, "SELECT push_failures FROM sync_peers"), "0");
  StartAggregator(aggregator_->port, true);
  absl::Time deadline = absl::Now() + absl::Seconds(20);
  while (Scalar(*aggregator_->database.db, "SELECT count(*) FROM test_notes") != "1" &&
         absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(50));
  }
  lippstadt.agent->Stop();
  EXPECT_EQ(Scalar(*aggregator_->database.db, "SELECT count(*) FROM test_notes"), "1");
  EXPECT_EQ(Scalar(*lippstadt.database.db, "SELECT push_error FROM sync_peers"), "");
  EXPECT_EQ(Scalar(*lippstadt.database.db, "SELECT push_failures FROM sync_peers"), "0");
}

TEST_F(AgentTest, AggregatorWithANewEpochIsReadAgainFromTheStart) {
  TestOffice& lippstadt = AddOffice("lippstadt");
  TestOffice& soest = AddOffice("soest");
  WriteNote(lippstadt, "n1", 1, "a");
  Drain(lippstadt);
  SubscribeUntil(soest, {"n1@1=a"});
  std::string old_cursor = Scalar(*soest.database.db, "SELECT subscribe_cursor FROM sync_peers");
  ASSERT_FALSE(old_cursor.empty());
  // The aggregator database is restored elsewhere: new epoch.
  StopAggregator();
  ASSERT_TRUE(aggregator_->database.db
                  ->Transact([](storage::Tx& tx) -> absl::Status {
                    tx.ExecFixed("UPDATE sync_instance SET database_oid = 1");
                    return absl::OkStatus();
                  })
                  .ok());
  StartAggregator(aggregator_->port, true);
  // The stale cursor is refused; the office starts over and ends with the same state.
  EXPECT_TRUE(soest.agent->SubscribeOnce(1).ok());
  EXPECT_EQ(Scalar(*soest.database.db, "SELECT subscribe_cursor FROM sync_peers"), "");
  ASSERT_TRUE(soest.agent->SubscribeOnce(1).ok());
  EXPECT_NE(Scalar(*soest.database.db, "SELECT subscribe_cursor FROM sync_peers"), "");
  EXPECT_EQ(Notes(*soest.database.db), (std::set<std::string>{"n1@1=a"}));
}

}  // namespace
}  // namespace schutznetz::testing
