// Statistics snapshots through the real sync, in one process with real databases: offices queue
// their snapshots with the StatisticsPublisher, their agents push them over gRPC, the aggregator
// keeps the latest per office and period and serves them with DistrictStatisticsService.
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "libs/common/time.h"
#include "libs/common/uuid.h"
#include "libs/domain/statistics.h"
#include "libs/rpc/server.h"
#include "libs/storage/tx.h"
#include "libs/sync/item_convert.h"
#include "schutznetz/v1/district_statistics_service.grpc.pb.h"
#include "services/aggregator/district_statistics_service.h"
#include "services/aggregator/statistics_snapshot_handler.h"
#include "services/tenant/statistics_publisher.h"
#include "tests/support/test_tokens.h"
#include "tests/sync/sync_fixture.h"

namespace schutznetz::testing {
namespace {

// Every member name of the fixtures: none may ever reach the aggregator.
const char* const kNames[] = {"Hannelore", "Amsel", "Birke", "Kranich", "Dachs"};

class StatisticsSyncTest : public SyncTest {
 protected:
  void SetUp() override {
    StartAggregator();
    aggregator_->applier.Register(domain::kStatisticsSnapshotItemType, &handler_);
    service_ = std::make_unique<aggregator::DistrictStatisticsService>(*aggregator_->database.db,
                                                                       office_ids_);
    gate_ = std::make_unique<schutznetz::testing::TestGate>(*aggregator_->database.db,
                                                            domain::ServerKind::kDistrict);
    rpc::ServerOptions options{.listen = "127.0.0.1:0"};
    gate_->InstallOn(options);
    auto server = rpc::RpcServer::Start(options, {service_.get()});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    stub_ = v1::DistrictStatisticsService::NewStub(server_->InProcessChannel(gate_->secret()));
    now_ = ParseLocalDateTime("15.07.2025 12:00", "now").value();
  }

  // An office with its database, agent and statistics publisher; `members` join on the given
  // local dates.
  TestOffice& Office(const std::string& id, const std::vector<std::string>& members) {
    TestOffice& office = AddOffice(id);
    publishers_[id] = std::make_unique<tenant::StatisticsPublisher>(
        *office.database.db, *office.outbox, id, absl::Minutes(5), [this] { return now_; });
    organisations_[id] = Sql(office,
                             "INSERT INTO organisations (name, sector, actor_category) VALUES "
                             "('Kinderklinik', 'health', 'secrecy_holder') RETURNING id::text");
    for (size_t i = 0; i < members.size(); ++i) Join(office, kNames[1 + i % 4], members[i]);
    return office;
  }

  void Join(TestOffice& office, const std::string& last, const std::string& local) {
    int64_t us = absl::ToUnixMicros(ParseLocalDateTime(local, "joined").value());
    Sql(office, absl::StrCat("INSERT INTO members (organisation_id, first_name, last_name, state, "
                             "join_time) VALUES ('",
                             organisations_[office.id], "', 'Hannelore', '", last,
                             "', 'active', sn_ts(", us, "))"));
  }

  // Fixture SQL only: constants of this file.
  std::string Sql(TestOffice& office, const std::string& sql) {
    return Scalar(*office.database.db, sql);
  }

  void Publish(TestOffice& office) {
    absl::StatusOr<std::vector<tenant::PublishResult>> r = publishers_[office.id]->PublishOnce();
    ASSERT_TRUE(r.ok()) << r.status();
  }

  v1::GetOfficeSnapshotsResponse Snapshots(int year, int quarter) {
    v1::GetOfficeSnapshotsRequest req;
    req.mutable_period()->set_year(year);
    req.mutable_period()->set_quarter(quarter);
    v1::GetOfficeSnapshotsResponse resp;
    grpc::ClientContext ctx;
    grpc::Status s = stub_->GetOfficeSnapshots(&ctx, req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp;
  }

  // The office's queued snapshots of `item_id`, oldest version first.
  std::vector<domain::SyncItem> Queued(TestOffice& office, const std::string& item_id) {
    std::vector<domain::SyncItem> out;
    EXPECT_TRUE(office.database.db
                    ->Transact([&](storage::Tx& tx) -> absl::Status {
                      for (const auto& r : tx.raw().exec_params(
                               "SELECT item_type, item_id, origin, version, destination, payload "
                               "FROM change_log WHERE item_id = $1 ORDER BY version",
                               item_id)) {
                        out.push_back({r[0].as<std::string>(), r[1].as<std::string>(),
                                       r[2].as<std::string>(), r[3].as<int64_t>(),
                                       r[4].as<std::string>(), pqxx::binarystring(r[5]).str(),
                                       absl::Now()});
                      }
                      return absl::OkStatus();
                    })
                    .ok());
    return out;
  }

  absl::StatusOr<v1::PushChangesResponse> Push(const std::string& peer,
                                               const std::vector<domain::SyncItem>& items) {
    v1::PushChangesRequest req;
    req.set_office_id(peer);
    req.set_txn_id(NewUuid());
    req.set_to_cursor("test");
    for (const auto& item : items) sync::ItemToProto(item, req.add_items());
    return aggregator_->receiver->Push(peer, req);
  }

  storage::Database& agg() { return *aggregator_->database.db; }

  absl::Time now_;
  aggregator::StatisticsSnapshotHandler handler_;
  std::unique_ptr<aggregator::DistrictStatisticsService> service_;
  std::unique_ptr<schutznetz::testing::TestGate> gate_;
  std::unique_ptr<rpc::RpcServer> server_;
  std::unique_ptr<v1::DistrictStatisticsService::Stub> stub_;
  std::map<std::string, std::unique_ptr<tenant::StatisticsPublisher>> publishers_;
  std::map<std::string, std::string> organisations_;
};

TEST_F(StatisticsSyncTest, TwoOfficesSendAndTheAggregatorKeepsTheLatestPerOfficeAndPeriod) {
  TestOffice& lippstadt = Office("lippstadt", {"10.01.2025 09:00", "02.05.2025 09:00"});
  TestOffice& soest = Office("soest", {"15.11.2024 09:00"});
  Publish(lippstadt);
  Publish(soest);
  Drain(lippstadt);
  Drain(soest);

  v1::GetOfficeSnapshotsResponse year = Snapshots(2025, 0);
  ASSERT_EQ(year.snapshots_size(), 2);
  EXPECT_EQ(year.snapshots(0).office_id(), "lippstadt");
  EXPECT_EQ(year.snapshots(0).snapshot().members().active(), 2);
  EXPECT_EQ(year.snapshots(0).snapshot().members().joined(), 2);
  EXPECT_EQ(year.snapshots(1).office_id(), "soest");
  EXPECT_EQ(year.snapshots(1).snapshot().members().active(), 1);
  EXPECT_EQ(year.snapshots(1).snapshot().members().joined(), 0);
  EXPECT_TRUE(year.snapshots(0).has_received_time());
  EXPECT_EQ(std::vector<std::string>(year.offices_without_snapshot().begin(),
                                     year.offices_without_snapshot().end()),
            (std::vector<std::string>{"kreis-soest", "warstein"}));
  EXPECT_EQ(Snapshots(2025, 1).snapshots(0).snapshot().members().active(), 1);
  EXPECT_EQ(Scalar(agg(), "SELECT count(*) FROM office_statistics"), "20");
  // The figures as JSON too, for SQL queries of the district's IT.
  EXPECT_EQ(Scalar(agg(), "SELECT sum((figures->'members'->>'active')::bigint) FROM "
                          "office_statistics WHERE year = 2025 AND quarter = 0"),
            "3");
  // Meant for the aggregator only: nothing is relayed to the other offices.
  EXPECT_EQ(Scalar(agg(), "SELECT count(*) FROM change_log"), "0");

  // A third member joins in Lippstadt: the changed periods are sent again and replace the old.
  int64_t old_version = year.snapshots(0).version();
  Join(lippstadt, "Kranich", "20.06.2025 09:00");
  now_ += absl::Minutes(5);
  Publish(lippstadt);
  Publish(soest);  // unchanged: nothing new
  Drain(lippstadt);
  Drain(soest);
  v1::GetOfficeSnapshotsResponse later = Snapshots(2025, 0);
  ASSERT_EQ(later.snapshots_size(), 2);
  EXPECT_EQ(later.snapshots(0).snapshot().members().active(), 3);
  EXPECT_GT(later.snapshots(0).version(), old_version);
  EXPECT_EQ(later.snapshots(1).version(), year.snapshots(1).version());
  EXPECT_EQ(Snapshots(2025, 1).snapshots(0).snapshot().members().active(), 1);  // Q1 unchanged
  EXPECT_EQ(Scalar(agg(), "SELECT count(*) FROM office_statistics"), "20");
}

TEST_F(StatisticsSyncTest, NoMemberNameReachesTheAggregator) {
  TestOffice& lippstadt = Office("lippstadt", {"10.01.2025 09:00", "02.05.2025 09:00"});
  Publish(lippstadt);
  Drain(lippstadt);
  std::vector<std::string> payloads;
  ASSERT_TRUE(agg()
                  .Transact([&](storage::Tx& tx) -> absl::Status {
                    for (const auto& r : tx.ExecFixed("SELECT payload FROM office_statistics")) {
                      payloads.push_back(pqxx::binarystring(r[0]).str());
                    }
                    return absl::OkStatus();
                  })
                  .ok());
  ASSERT_EQ(payloads.size(), 10u);
  for (const std::string& payload : payloads) {
    for (const char* name : kNames) EXPECT_EQ(payload.find(name), std::string::npos) << name;
    EXPECT_EQ(payload.find("Kinderklinik"), std::string::npos);
  }
}

TEST_F(StatisticsSyncTest, OlderVersionArrivingLateDoesNotReplaceTheNewer) {
  TestOffice& lippstadt = Office("lippstadt", {"10.01.2025 09:00"});
  Publish(lippstadt);
  Join(lippstadt, "Kranich", "20.06.2025 09:00");
  now_ += absl::Minutes(5);
  Publish(lippstadt);
  std::vector<domain::SyncItem> versions = Queued(lippstadt, "lippstadt:2025:0");
  ASSERT_EQ(versions.size(), 2u);
  ASSERT_LT(versions[0].version, versions[1].version);

  // The newer version arrives first, the older one later in a batch of its own.
  auto newer = Push("lippstadt", {versions[1]});
  ASSERT_TRUE(newer.ok()) << newer.status();
  EXPECT_EQ(newer->results(0).outcome(), v1::ItemResult::OUTCOME_APPLIED);
  auto older = Push("lippstadt", {versions[0]});
  ASSERT_TRUE(older.ok()) << older.status();
  EXPECT_EQ(older->results(0).outcome(), v1::ItemResult::OUTCOME_APPLIED);  // harmless

  v1::GetOfficeSnapshotsResponse year = Snapshots(2025, 0);
  ASSERT_EQ(year.snapshots_size(), 1);
  EXPECT_EQ(year.snapshots(0).version(), versions[1].version);
  EXPECT_EQ(year.snapshots(0).snapshot().members().active(), 2);
}

TEST_F(StatisticsSyncTest, SnapshotClaimingAnotherOfficeIsRejectedAndNotStored) {
  TestOffice& lippstadt = Office("lippstadt", {"10.01.2025 09:00"});
  Publish(lippstadt);
  domain::SyncItem item = Queued(lippstadt, "lippstadt:2025:0").at(0);
  v1::StatisticsSnapshot claim;
  ASSERT_TRUE(claim.ParseFromString(item.payload));
  claim.set_office_id("soest");
  item.payload = claim.SerializeAsString();
  auto resp = Push("lippstadt", {item});
  ASSERT_TRUE(resp.ok()) << resp.status();
  EXPECT_EQ(resp->results(0).outcome(), v1::ItemResult::OUTCOME_REJECTED);
  EXPECT_NE(resp->results(0).message().find(
                "statistics_snapshot.office_id: 'soest' differs from the item origin 'lippstadt'"),
            std::string::npos)
      << resp->results(0).message();
  EXPECT_EQ(Scalar(agg(), "SELECT count(*) FROM office_statistics"), "0");
  EXPECT_EQ(Snapshots(2025, 0).snapshots_size(), 0);
}

TEST_F(StatisticsSyncTest, SnapshotWhoseIdDoesNotMatchItsPeriodOrIsUnreadableIsRejected) {
  TestOffice& lippstadt = Office("lippstadt", {"10.01.2025 09:00"});
  Publish(lippstadt);
  domain::SyncItem wrong_id = Queued(lippstadt, "lippstadt:2025:0").at(0);
  wrong_id.id = "lippstadt:2024:0";
  domain::SyncItem garbage = wrong_id;
  garbage.id = "lippstadt:2025:3";
  garbage.payload = "\xff\xff\xff not a snapshot";
  auto resp = Push("lippstadt", {wrong_id, garbage});
  ASSERT_TRUE(resp.ok()) << resp.status();
  EXPECT_EQ(resp->results(0).outcome(), v1::ItemResult::OUTCOME_REJECTED);
  EXPECT_NE(resp->results(0).message().find("expected 'lippstadt:2025:0'"), std::string::npos)
      << resp->results(0).message();
  EXPECT_EQ(resp->results(1).outcome(), v1::ItemResult::OUTCOME_REJECTED);
  EXPECT_EQ(Scalar(agg(), "SELECT count(*) FROM office_statistics"), "0");
}

TEST_F(StatisticsSyncTest, PeriodOutOfRangeIsInvalidArgumentNamingTheField) {
  v1::GetOfficeSnapshotsRequest req;
  req.mutable_period()->set_year(2025);
  req.mutable_period()->set_quarter(7);
  v1::GetOfficeSnapshotsResponse resp;
  grpc::ClientContext ctx;
  grpc::Status s = stub_->GetOfficeSnapshots(&ctx, req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("period.quarter"), std::string::npos) << s.error_message();
}

}  // namespace
}  // namespace schutznetz::testing
