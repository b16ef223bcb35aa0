// Representations in other networks and their reports on a real database, and what the
// statistics count of them and of interdisciplinary trainings for the duties overview.
#include "services/tenant/representation_service.h"

#include <gtest/gtest.h>

#include "libs/storage/statistics_repository.h"
#include "libs/storage/tx.h"
#include "services/tenant/tenant_fixture.h"

namespace schutznetz::tenant {
namespace {

class RepresentationServiceTest : public TenantServicesTest {
 protected:
  void SetUp() override {
    TenantServicesTest::SetUp();
    service_ = std::make_unique<RepresentationService>(db());
    rpc::ServerOptions options;
    options.listen = "127.0.0.1:0";
    gate_->InstallOn(options);
    auto server = rpc::RpcServer::Start(options, {service_.get()});
    ASSERT_TRUE(server.ok()) << server.status();
    rep_server_ = *std::move(server);
    stub_ = v1::RepresentationService::NewStub(rep_server_->InProcessChannel(gate_->secret()));
  }

  grpc::Status Create(const std::string& member, const std::string& network,
                      v1::RepresentedNetworkKind kind, const std::string& since,
                      const std::string& until, v1::Representation* out = nullptr) {
    v1::CreateRepresentationRequest req;
    v1::Representation* r = req.mutable_representation();
    r->set_member_id(member);
    r->set_network(network);
    r->set_kind(kind);
    r->set_since(since);
    r->set_until(until);
    v1::CreateRepresentationResponse resp;
    grpc::ClientContext ctx;
    grpc::Status s = stub_->CreateRepresentation(&ctx, req, &resp);
    if (out) *out = resp.representation();
    return s;
  }

  grpc::Status Report(const std::string& representation, const std::string& day,
                      const std::string& summary) {
    v1::AddRepresentationReportRequest req;
    req.mutable_report()->set_representation_id(representation);
    req.mutable_report()->set_meeting_date(day);
    req.mutable_report()->set_summary(summary);
    v1::AddRepresentationReportResponse resp;
    grpc::ClientContext ctx;
    return stub_->AddRepresentationReport(&ctx, req, &resp);
  }

  std::vector<v1::Representation> List(int year) {
    v1::ListRepresentationsRequest req;
    req.set_year(year);
    v1::ListRepresentationsResponse resp;
    grpc::ClientContext ctx;
    EXPECT_TRUE(stub_->ListRepresentations(&ctx, req, &resp).ok());
    return {resp.representations().begin(), resp.representations().end()};
  }

  domain::StatisticsFigures Figures(int year) {
    auto repo = storage::NewStatisticsRepository();
    domain::StatisticsFigures f;
    EXPECT_TRUE(db().Transact([&](storage::Tx& tx) -> absl::Status {
                      absl::StatusOr<domain::StatisticsFigures> got =
                          repo->Compute(tx, "lippstadt", {year, 0});
                      if (!got.ok()) return got.status();
                      f = *got;
                      return absl::OkStatus();
                    }).ok());
    return f;
  }

  std::unique_ptr<RepresentationService> service_;
  std::unique_ptr<rpc::RpcServer> rep_server_;
  std::unique_ptr<v1::RepresentationService::Stub> stub_;
};

TEST_F(RepresentationServiceTest, BadInputNamesTheFieldsAndStoresNothing) {
  const std::string member = CreateActiveMember("Paula", "Peters");
  grpc::Status s = Create(member, "  ", v1::REPRESENTED_NETWORK_KIND_UNSPECIFIED, "31.02.2025", "");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  for (const char* field : {"representation.network", "representation.kind",
                            "representation.since"}) {
    EXPECT_NE(s.error_message().find(field), std::string::npos) << s.error_message();
  }
  s = Create(member, "Netzwerk Frühe Hilfen", v1::REPRESENTED_NETWORK_KIND_EARLY_HELP,
             "01.03.2025", "28.02.2025");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("representation.until"), std::string::npos);
  s = Create("5d1c6a2e-0f4b-4e0a-9d3b-7c2f1e8a9b00", "Netzwerk Frühe Hilfen",
             v1::REPRESENTED_NETWORK_KIND_EARLY_HELP, "01.03.2025", "");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_NE(s.error_message().find("representation.member_id"), std::string::npos);
  EXPECT_TRUE(List(0).empty());
}

TEST_F(RepresentationServiceTest, ReportsLieWithinTheRepresentationAndCountInTheirYear) {
  const std::string member = CreateActiveMember("Paula", "Peters");
  v1::Representation early;
  ASSERT_TRUE(Create(member, "Netzwerk Frühe Hilfen Kreis Soest",
                     v1::REPRESENTED_NETWORK_KIND_EARLY_HELP, "01.03.2024", "", &early)
                  .ok());
  EXPECT_EQ(early.member_name(), "Peters, Paula");
  EXPECT_EQ(early.since(), "2024-03-01");
  v1::Representation sports;
  ASSERT_TRUE(Create(member, "Kreissportbund Soest – AG Kinderschutz im Sport",
                     v1::REPRESENTED_NETWORK_KIND_SPORTS, "2024-01-10", "2024-12-31", &sports)
                  .ok());
  ASSERT_TRUE(Report(early.id(), "12.03.2025", "Abstimmung der Lotsendienste.").ok());
  ASSERT_TRUE(Report(early.id(), "10.09.2025", "Planung Fachtag Frühe Hilfen.").ok());
  ASSERT_TRUE(Report(sports.id(), "05.06.2024", "Schutzkonzepte in Vereinen.").ok());
  grpc::Status late = Report(sports.id(), "15.01.2025", "Nach dem Ende.");
  EXPECT_EQ(late.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(late.error_message().find("report.meeting_date"), std::string::npos);
  grpc::Status empty = Report(early.id(), "01.04.2025", " ");
  EXPECT_EQ(empty.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(empty.error_message().find("report.summary"), std::string::npos);

  // 2025: only the open-ended representation; 2024: both.
  std::vector<v1::Representation> in2025 = List(2025);
  ASSERT_EQ(in2025.size(), 1u);
  EXPECT_EQ(in2025[0].id(), early.id());
  EXPECT_EQ(in2025[0].report_count(), 2);
  EXPECT_EQ(List(2024).size(), 2u);
  domain::StatisticsFigures y2025 = Figures(2025);
  EXPECT_EQ(y2025.representations_active, 1);
  EXPECT_EQ(y2025.representation_reports, 2);
  domain::StatisticsFigures y2024 = Figures(2024);
  EXPECT_EQ(y2024.representations_active, 2);
  EXPECT_EQ(y2024.representation_reports, 1);

  v1::EndRepresentationRequest end;
  end.set_id(early.id());
  end.set_until("01.01.2024");
  v1::EndRepresentationResponse ended;
  grpc::ClientContext ctx;
  grpc::Status s = stub_->EndRepresentation(&ctx, end, &ended);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("until"), std::string::npos);
}

TEST_F(RepresentationServiceTest, PagesFollowOneAnother) {
  const std::string member = CreateActiveMember("Paula", "Peters");
  for (const char* since : {"01.01.2025", "01.02.2025", "01.03.2025"}) {
    ASSERT_TRUE(Create(member, std::string("Arbeitskreis ") + since,
                       v1::REPRESENTED_NETWORK_KIND_OTHER, since, "")
                    .ok());
  }
  std::vector<std::string> seen;
  std::string token;
  do {
    v1::ListRepresentationsRequest req;
    req.set_page_size(2);
    req.set_page_token(token);
    v1::ListRepresentationsResponse resp;
    grpc::ClientContext ctx;
    ASSERT_TRUE(stub_->ListRepresentations(&ctx, req, &resp).ok());
    for (const v1::Representation& r : resp.representations()) seen.push_back(r.since());
    token = resp.next_page_token();
  } while (!token.empty());
  EXPECT_EQ(seen, (std::vector<std::string>{"2025-03-01", "2025-02-01", "2025-01-01"}));
  v1::ListRepresentationsRequest bad;
  bad.set_page_token("nonsense");
  v1::ListRepresentationsResponse resp;
  grpc::ClientContext ctx;
  EXPECT_EQ(stub_->ListRepresentations(&ctx, bad, &resp).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(RepresentationServiceTest, TrainingsOpenToSeveralSectorsCountAsInterdisciplinary) {
  auto create = [&](std::vector<v1::Sector> sectors) {
    v1::Event e = EventAt("10.03.2025 09:00", 20);
    for (v1::Sector s : sectors) e.add_audience_sectors(s);
    v1::CreateEventRequest req;
    *req.mutable_event() = e;
    v1::CreateEventResponse resp;
    grpc::ClientContext ctx;
    grpc::Status s = events_->CreateEvent(&ctx, req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
  };
  create({});                                     // open to all sectors
  create({v1::SECTOR_HEALTH, v1::SECTOR_SCHOOL});  // two sectors
  create({v1::SECTOR_SCHOOL});                    // one sector only
  domain::StatisticsFigures f = Figures(2025);
  EXPECT_EQ(f.interdisciplinary_trainings_planned, 2);
  EXPECT_EQ(f.interdisciplinary_trainings_held, 0);
}

}  // namespace
}  // namespace schutznetz::tenant
