// StatisticsPublisher and StatisticsService on a real PostgreSQL database: a snapshot is queued
// for the aggregator only when its figures changed (content hash per period), with a growing
// version, audited, in the outbox as "statistics_snapshot" for the aggregator — and the payload
// holds counts, never a member's name.
#include "services/tenant/statistics_service.h"

#include <gtest/gtest.h>

#include <thread>

#include "absl/strings/str_cat.h"
#include "libs/common/time.h"
#include "libs/rpc/server.h"
#include "libs/storage/tx.h"
#include "tests/support/test_database.h"
#include "tests/support/test_tokens.h"

namespace schutznetz::tenant {
namespace {

int64_t Us(const std::string& local) {
  return absl::ToUnixMicros(ParseLocalDateTime(local, "t").value());
}

class StatisticsServiceTest : public schutznetz::testing::DbTest {
 protected:
  void SetUp() override {
    DbTest::SetUp();
    now_ = ParseLocalDateTime("15.07.2025 12:00", "now").value();
    outbox_ = std::make_unique<sync::Outbox>("lippstadt", nullptr);
    publisher_ = std::make_unique<StatisticsPublisher>(db(), *outbox_, "lippstadt",
                                                       absl::Minutes(5), [this] { return now_; });
    service_ = std::make_unique<StatisticsService>(*publisher_, db(), "Jugendamt der Stadt Lippstadt",
                                                   [this] { return now_; });
    gate_ = std::make_unique<schutznetz::testing::TestGate>(db(), domain::ServerKind::kOffice);
    rpc::ServerOptions options{.listen = "127.0.0.1:0"};
    gate_->InstallOn(options);
    auto server = rpc::RpcServer::Start(options, {service_.get()});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    stub_ = v1::StatisticsService::NewStub(server_->InProcessChannel(gate_->secret()));

    school_ = Sql(
        "INSERT INTO organisations (name, sector, actor_category) VALUES ('Grundschule Am Park', "
        "'school', 'school') RETURNING id::text");
    Member("Amsel", "15.11.2024 10:00");
    Member("Birke", "02.02.2025 10:00");
  }

  // Fixture SQL only: constants of this file.
  std::string Sql(const std::string& sql) {
    auto r = db().TransactValue<std::string>([&](storage::Tx& tx) -> absl::StatusOr<std::string> {
      pqxx::result res = tx.ExecFixed(sql);
      return res.empty() || res[0][0].is_null() ? std::string() : res[0][0].as<std::string>();
    });
    EXPECT_TRUE(r.ok()) << r.status();
    return r.value_or("");
  }

  void Member(const std::string& last, const std::string& joined) {
    Sql(
        absl::StrCat("INSERT INTO members (organisation_id, first_name, last_name, state, "
                     "join_time) VALUES ('",
                     school_, "', 'Hannelore', '", last, "', 'active', sn_ts(", Us(joined), "))"));
  }

  v1::SendSnapshotsResponse Send() {
    v1::SendSnapshotsResponse resp;
    grpc::ClientContext ctx;
    grpc::Status s = stub_->SendSnapshots(&ctx, v1::SendSnapshotsRequest(), &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp;
  }

  // "2025:2" for every period queued by `resp`.
  static std::vector<std::string> SentPeriods(const v1::SendSnapshotsResponse& resp) {
    std::vector<std::string> out;
    for (const auto& p : resp.periods()) {
      if (p.sent()) out.push_back(absl::StrCat(p.period().year(), ":", p.period().quarter()));
    }
    return out;
  }

  grpc::Status Compute(int year, int quarter, v1::ComputeSnapshotResponse* resp) {
    v1::ComputeSnapshotRequest req;
    req.mutable_period()->set_year(year);
    req.mutable_period()->set_quarter(quarter);
    grpc::ClientContext ctx;
    return stub_->ComputeSnapshot(&ctx, req, resp);
  }

  absl::Time now_;
  std::string school_;
  std::unique_ptr<sync::Outbox> outbox_;
  std::unique_ptr<StatisticsPublisher> publisher_;
  std::unique_ptr<StatisticsService> service_;
  std::unique_ptr<schutznetz::testing::TestGate> gate_;
  std::unique_ptr<rpc::RpcServer> server_;
  std::unique_ptr<v1::StatisticsService::Stub> stub_;
};

using schutznetz::testing::IssueTestToken;
using schutznetz::testing::TestToken;

TEST_F(StatisticsServiceTest, FirstRunQueuesEveryPeriodOfThisAndLastYear) {
  v1::SendSnapshotsResponse first = Send();
  EXPECT_EQ(SentPeriods(first),
            (std::vector<std::string>{"2024:0", "2024:1", "2024:2", "2024:3", "2024:4", "2025:0",
                                      "2025:1", "2025:2", "2025:3", "2025:4"}));
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM change_log WHERE item_type = 'statistics_snapshot' "
                        "AND origin = 'lippstadt' AND destination = 'aggregator'"),
            "10");
  EXPECT_EQ(QueryScalar("SELECT string_agg(item_id, ',' ORDER BY item_id) FROM change_log "
                        "WHERE item_id LIKE 'lippstadt:2025:%'"),
            "lippstadt:2025:0,lippstadt:2025:1,lippstadt:2025:2,lippstadt:2025:3,"
            "lippstadt:2025:4");
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM statistics_sent"), "10");
  EXPECT_EQ(QueryScalar("SELECT count(*) || ' ' || string_agg(DISTINCT actor, ',') FROM "
                        "audit_log WHERE resource_type = 'statistics_snapshot' AND action = 'send' "
                        "AND method = 'StatisticsService/SendSnapshots'"),
            "10 " + gate_->actor());
}

TEST_F(StatisticsServiceTest, AnEarlierHistoryIsSentBackToItsFirstYear) {
  // A member who joined in 2022, entered now: the district gets 2022 and 2023 as well, so a
  // report on 2024 has its year before.
  Member("Zeder", "01.09.2022 09:00");
  v1::SendSnapshotsResponse first = Send();
  std::vector<std::string> sent = SentPeriods(first);
  ASSERT_EQ(sent.size(), 20u);
  EXPECT_EQ(sent.front(), "2022:0");
  EXPECT_EQ(sent.back(), "2025:4");
  v1::ComputeSnapshotResponse y2023;
  ASSERT_TRUE(Compute(2023, 0, &y2023).ok());
  EXPECT_EQ(y2023.snapshot().members().active(), 1);
}

TEST_F(StatisticsServiceTest, UnchangedFiguresAreNotSentAgain) {
  Send();
  v1::SendSnapshotsResponse again = Send();
  EXPECT_TRUE(SentPeriods(again).empty());
  ASSERT_EQ(again.periods_size(), 10);
  EXPECT_GT(again.periods(7).version(), 0);
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM change_log"), "10");
  // A later run (the clock moved on, computed_at differs) still sees the same figures.
  now_ += absl::Minutes(5);
  EXPECT_TRUE(SentPeriods(Send()).empty());
}

TEST_F(StatisticsServiceTest, ChangedFiguresAreSentForExactlyTheAffectedPeriodsWithANewVersion) {
  v1::SendSnapshotsResponse first = Send();
  int64_t q2_version = first.periods(7).version();
  // A member joins in May 2025: new in Q2, and a member at the end of Q2, Q3, Q4 and the year.
  Member("Kranich", "10.05.2025 09:00");
  now_ += absl::Minutes(5);
  v1::SendSnapshotsResponse second = Send();
  EXPECT_EQ(SentPeriods(second),
            (std::vector<std::string>{"2025:0", "2025:2", "2025:3", "2025:4"}));
  ASSERT_EQ(second.periods(7).period().quarter(), 2);
  EXPECT_GT(second.periods(7).version(), q2_version);
  EXPECT_NE(second.periods(7).content_hash(), first.periods(7).content_hash());
  EXPECT_EQ(second.periods(6).content_hash(), first.periods(6).content_hash());  // Q1 unchanged
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM change_log WHERE item_id = 'lippstadt:2025:2'"), "2");
  EXPECT_EQ(QueryScalar(absl::StrCat("SELECT version FROM statistics_sent WHERE year = 2025 AND "
                                     "quarter = 2")),
            std::to_string(second.periods(7).version()));
}

TEST_F(StatisticsServiceTest, QueuedPayloadIsTheSnapshotWithCountsAndNoNames) {
  Send();
  auto payload =
      db().TransactValue<std::string>([](storage::Tx& tx) -> absl::StatusOr<std::string> {
        pqxx::result r =
            tx.ExecFixed("SELECT payload FROM change_log WHERE item_id = 'lippstadt:2025:0'");
        return pqxx::binarystring(r.at(0)[0]).str();
      });
  ASSERT_TRUE(payload.ok()) << payload.status();
  v1::StatisticsSnapshot snapshot;
  ASSERT_TRUE(snapshot.ParseFromString(*payload));
  EXPECT_EQ(snapshot.office_id(), "lippstadt");
  EXPECT_EQ(snapshot.period().year(), 2025);
  EXPECT_EQ(snapshot.period().quarter(), 0);
  EXPECT_EQ(snapshot.members().active(), 2);
  EXPECT_EQ(snapshot.members().joined(), 1);
  for (const char* name : {"Hannelore", "Amsel", "Birke", "Grundschule Am Park"}) {
    EXPECT_EQ(payload->find(name), std::string::npos) << name;
  }
}

TEST_F(StatisticsServiceTest, ComputeSnapshotShowsTheFiguresAndWhetherTheyWereSent) {
  v1::ComputeSnapshotResponse before;
  ASSERT_TRUE(Compute(2025, 1, &before).ok());
  EXPECT_EQ(before.snapshot().office_id(), "lippstadt");
  EXPECT_EQ(before.snapshot().members().active(), 2);
  EXPECT_EQ(before.snapshot().members().joined(), 1);
  ASSERT_EQ(before.snapshot().members().active_by_sector_size(), 1);
  EXPECT_EQ(before.snapshot().members().active_by_sector(0).sector(), v1::SECTOR_SCHOOL);
  EXPECT_EQ(before.content_hash().size(), 64u);
  EXPECT_FALSE(before.has_last_sent_time());
  EXPECT_FALSE(before.sent_up_to_date());
  // Computing sends nothing.
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM change_log"), "0");

  Send();
  v1::ComputeSnapshotResponse sent;
  ASSERT_TRUE(Compute(2025, 1, &sent).ok());
  EXPECT_TRUE(sent.has_last_sent_time());
  EXPECT_TRUE(sent.sent_up_to_date());
  EXPECT_EQ(sent.content_hash(), before.content_hash());

  Member("Kranich", "03.03.2025 09:00");
  v1::ComputeSnapshotResponse changed;
  ASSERT_TRUE(Compute(2025, 1, &changed).ok());
  EXPECT_FALSE(changed.sent_up_to_date());
  EXPECT_EQ(changed.snapshot().members().active(), 3);
}

TEST_F(StatisticsServiceTest, ComputeSnapshotRefusesAPeriodOutOfRangeNamingTheField) {
  v1::ComputeSnapshotResponse resp;
  grpc::Status quarter = Compute(2025, 5, &resp);
  EXPECT_EQ(quarter.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(quarter.error_message().find("period.quarter"), std::string::npos)
      << quarter.error_message();
  grpc::Status year = Compute(0, 0, &resp);  // no period given
  EXPECT_EQ(year.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(year.error_message().find("period.year"), std::string::npos) << year.error_message();
}

TEST_F(StatisticsServiceTest, ReplicasRunningAtOnceQueueEveryPeriodOnce) {
  StatisticsPublisher replica(db(), *outbox_, "lippstadt", absl::Minutes(5),
                              [this] { return now_; });
  absl::StatusOr<std::vector<PublishResult>> a, b;
  std::thread t([&] { a = publisher_->PublishOnce(); });
  b = replica.PublishOnce();
  t.join();
  ASSERT_TRUE(a.ok()) << a.status();
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM change_log"), "10");
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM audit_log WHERE actor = 'system'"), "10");
}

TEST_F(StatisticsServiceTest, BackgroundJobRunsAtStartAndStopsPromptly) {
  StatisticsPublisher job(db(), *outbox_, "lippstadt", absl::Hours(1), [this] { return now_; });
  job.Start();
  absl::Time deadline = absl::Now() + absl::Seconds(20);
  while (QueryScalar("SELECT count(*) FROM change_log") != "10" && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(20));
  }
  absl::Time stop = absl::Now();
  job.Stop();
  EXPECT_LT(absl::Now() - stop, absl::Seconds(5));
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM change_log"), "10");
}

// The office report: Amsel joined in 2024, Birke in 2025 (fixture); a third member in 2025.
v1::GetOfficeReportResponse OfficeReport(v1::StatisticsService::Stub& stub, v1::Disclosure d,
                                         grpc::Status* status) {
  v1::GetOfficeReportRequest req;
  req.mutable_period()->set_year(2025);
  req.set_disclosure(d);
  v1::GetOfficeReportResponse resp;
  grpc::ClientContext ctx;
  *status = stub.GetOfficeReport(&ctx, req, &resp);
  return resp;
}

const v1::ReportRow* ActiveRow(const v1::Report& r) {
  for (const v1::ReportTable& t : r.tables()) {
    if (t.id() != "members") continue;
    for (const v1::ReportRow& row : t.rows()) {
      if (row.label() == "aktiv") return &row;
    }
  }
  return nullptr;
}

TEST_F(StatisticsServiceTest, OfficeReportComparesThePeriodWithTheYearBefore) {
  Member("Castell", "01.03.2025 10:00");
  grpc::Status status;
  v1::Report r = OfficeReport(*stub_, v1::DISCLOSURE_EXACT, &status).report();
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(r.title(), "Netzwerk Kinderschutz – Jugendamt der Stadt Lippstadt – Bericht 2025");
  EXPECT_EQ(r.disclosure(), v1::DISCLOSURE_EXACT);
  const v1::ReportRow* active = ActiveRow(r);
  ASSERT_NE(active, nullptr);
  ASSERT_EQ(active->cells_size(), 1);
  EXPECT_EQ(active->cells(0).display(), "3");
  EXPECT_EQ(active->previous().display(), "1");
  EXPECT_EQ(active->change(), "+200 %");
}

TEST_F(StatisticsServiceTest, PublishedOfficeReportHidesSmallCountsFromAViewer) {
  TestToken viewer = IssueTestToken(db(), domain::Role::kViewer);
  auto stub = v1::StatisticsService::NewStub(server_->InProcessChannel(viewer.secret));
  grpc::Status status;
  v1::Report r = OfficeReport(*stub, v1::DISCLOSURE_UNSPECIFIED, &status).report();
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(r.disclosure(), v1::DISCLOSURE_PUBLISHED);
  const v1::ReportRow* active = ActiveRow(r);
  ASSERT_NE(active, nullptr);
  EXPECT_EQ(active->cells(0).display(), "< 3");
  EXPECT_EQ(active->cells(0).value(), 0);
}

TEST_F(StatisticsServiceTest, ExactOfficeReportNeedsTheCoordinatorAndTheRefusalIsAudited) {
  TestToken viewer = IssueTestToken(db(), domain::Role::kViewer);
  auto stub = v1::StatisticsService::NewStub(server_->InProcessChannel(viewer.secret));
  grpc::Status status;
  OfficeReport(*stub, v1::DISCLOSURE_EXACT, &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_NE(status.error_message().find("coordinator"), std::string::npos)
      << status.error_message();
  EXPECT_EQ(QueryScalar("SELECT actor || ' ' || method FROM audit_log WHERE outcome = 'denied'"),
            viewer.actor() + " StatisticsService/GetOfficeReport");
}

TEST_F(StatisticsServiceTest, OfficeReportNeedsAValidPeriod) {
  v1::GetOfficeReportRequest req;
  req.mutable_period()->set_year(1999);
  v1::GetOfficeReportResponse resp;
  grpc::ClientContext ctx;
  grpc::Status status = stub_->GetOfficeReport(&ctx, req, &resp);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("period.year"), std::string::npos)
      << status.error_message();
}

}  // namespace
}  // namespace schutznetz::tenant
