// TenantApp wiring: the office's PII names file reaches the guard of the case conference and
// survey services, and an unreadable names file stops the start.
#include "services/tenant/tenant_app.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "schutznetz/v1/case_conference_service.grpc.pb.h"
#include "schutznetz/v1/statistics_service.grpc.pb.h"
#include "schutznetz/v1/survey_service.grpc.pb.h"
#include "tests/support/test_database.h"
#include "tests/support/test_tokens.h"

namespace schutznetz::tenant {
namespace {

class TenantAppTest : public schutznetz::testing::DbTest {
 protected:
  config::OfficeConfig Config(const std::string& names_file) {
    config::OfficeConfig c;
    c.id = "lippstadt";
    c.name = "Jugendamt der Stadt Lippstadt";
    c.municipalities = {"Lippstadt"};
    c.server.listen = "127.0.0.1:0";
    c.server.insecure_dev = true;
    c.database.dsn = dsn();
    c.database.pool_size = 2;
    c.pii_guard.names_file = names_file;
    return c;
  }
};

TEST_F(TenantAppTest, UnreadableNamesFileStopsTheStart) {
  auto app = TenantApp::Create(Config("/nonexistent/schutznetz-names.txt"));
  ASSERT_FALSE(app.ok());
  EXPECT_EQ(app.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(app.status().message().find("pii_guard.names_file: cannot read "
                                        "/nonexistent/schutznetz-names.txt"),
            std::string::npos)
      << app.status();
}

TEST_F(TenantAppTest, OfficeNamesReachTheGuardOfCaseConferencesAndSurveys) {
  std::string file = ::testing::TempDir() + "schutznetz-names-" + std::to_string(getpid());
  std::ofstream(file) << "# Namen aus dem Stadtgebiet\nBrzęczyszczykiewicz\n";
  auto app = TenantApp::Create(Config(file));
  std::remove(file.c_str());
  ASSERT_TRUE(app.ok()) << app.status();
  ASSERT_TRUE((*app)->Start().ok());

  auto conferences = v1::CaseConferenceService::NewStub((*app)->server().InProcessChannel(
      schutznetz::testing::CreateTestToken((*app)->database(), domain::Role::kCoordinator)));
  v1::CreateCaseConferenceRequest req;
  v1::CaseConference* c = req.mutable_case_conference();
  c->set_municipality("Lippstadt");
  c->set_conference_date("2025-04-03");
  c->add_participating_sectors(v1::SECTOR_SCHOOL);
  c->add_participating_sectors(v1::SECTOR_HEALTH);
  c->set_summary("Familie Brzęczyszczykiewicz ist neu zugezogen.");
  v1::CreateCaseConferenceResponse resp;
  grpc::ClientContext c1;
  grpc::Status refused = conferences->CreateCaseConference(&c1, req, &resp);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(refused.error_message().find("„Brzęczyszczykiewicz“"), std::string::npos);
  c->set_summary("Familie B. ist neu zugezogen.");
  grpc::ClientContext c2;
  EXPECT_TRUE(conferences->CreateCaseConference(&c2, req, &resp).ok());

  auto surveys = v1::SurveyService::NewStub((*app)->server().InProcessChannel(
      schutznetz::testing::CreateTestToken((*app)->database(), domain::Role::kCoordinator)));
  v1::ListSurveysResponse list;
  grpc::ClientContext c3;
  EXPECT_TRUE(surveys->ListSurveys(&c3, v1::ListSurveysRequest(), &list).ok());
}

TEST_F(TenantAppTest, StatisticsJobQueuesSnapshotsAtStartAndTheServiceAnswers) {
  config::OfficeConfig config = Config("");
  config.sync.enabled = false;
  config.regional_groups = {{"rg-lippstadt", "Regionalgruppe Lippstadt", 4}};
  auto app = TenantApp::Create(config);
  ASSERT_TRUE(app.ok()) << app.status();
  ASSERT_TRUE((*app)->Start().ok());
  absl::Time deadline = absl::Now() + absl::Seconds(20);
  while (QueryScalar("SELECT count(*) FROM change_log WHERE item_type = 'statistics_snapshot'") !=
             "10" &&
         absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(20));
  }
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM change_log WHERE item_type = 'statistics_snapshot' "
                        "AND destination = 'aggregator' AND origin = 'lippstadt'"),
            "10");

  auto statistics = v1::StatisticsService::NewStub((*app)->server().InProcessChannel(
      schutznetz::testing::CreateTestToken((*app)->database(), domain::Role::kCoordinator)));
  v1::ComputeSnapshotRequest req;
  req.mutable_period()->set_year(2025);
  v1::ComputeSnapshotResponse resp;
  grpc::ClientContext ctx;
  ASSERT_TRUE(statistics->ComputeSnapshot(&ctx, req, &resp).ok());
  EXPECT_EQ(resp.snapshot().office_id(), "lippstadt");
  // The regional group of the configuration appears with its cadence.
  ASSERT_EQ(resp.snapshot().group_meetings_size(), 1);
  EXPECT_EQ(resp.snapshot().group_meetings(0).name(), "Regionalgruppe Lippstadt");
  EXPECT_EQ(resp.snapshot().group_meetings(0).meetings_per_year(), 4);
  EXPECT_EQ(resp.snapshot().group_meetings(0).held(), 0);
}

}  // namespace
}  // namespace schutznetz::tenant
