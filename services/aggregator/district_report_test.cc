// DistrictService.GetDistrictReport on a real aggregator database: the offices' stored snapshots
// of 2025 and 2024 become one report; an office without a snapshot and one out of contact since
// before the period ended are named; exact figures only for the district coordination.
#include "services/aggregator/district_report.h"

#include <gtest/gtest.h>

#include "libs/common/time.h"
#include "libs/rpc/proto_util.h"
#include "libs/storage/tx.h"
#include "services/aggregator/district_fixture.h"
#include "tests/support/test_tokens.h"

namespace schutznetz::aggregator {
namespace {

class DistrictReportTest : public DistrictServiceTest {
 protected:
  void SetUp() override {
    DistrictServiceTest::SetUp();
    now_ = ParseLocalDateTime("10.02.2026 09:00", "now").value();
    // 2025: kreis-soest 40 active (2 of them in justice), lippstadt 30, soest 25; warstein none.
    // 2024: kreis-soest 36, lippstadt 30, soest 20, warstein 12.
    Store("kreis-soest", 2025, 40, 2, "05.01.2026 03:00");
    Store("lippstadt", 2025, 30, 0, "05.01.2026 03:00");
    Store("soest", 2025, 25, 0, "20.12.2025 03:00");
    Store("kreis-soest", 2024, 36, 0, "05.01.2025 03:00");
    Store("lippstadt", 2024, 30, 0, "05.01.2025 03:00");
    Store("soest", 2024, 20, 0, "05.01.2025 03:00");
    Store("warstein", 2024, 12, 0, "05.01.2025 03:00");
    Contact("kreis-soest", "09.02.2026 12:00");
    Contact("lippstadt", "09.02.2026 12:00");
    Contact("soest", "28.12.2025 18:00");  // offline since before the year ended
  }

  void Store(const std::string& office, int year, int64_t active, int64_t justice,
             const std::string& computed) {
    v1::StatisticsSnapshot s;
    s.set_office_id(office);
    s.mutable_period()->set_year(year);
    rpc::ToProto(ParseLocalDateTime(computed, "computed").value(), s.mutable_computed_at());
    s.mutable_members()->set_active(active);
    v1::SectorCount* welfare = s.mutable_members()->add_active_by_sector();
    welfare->set_sector(v1::SECTOR_CHILD_YOUTH_WELFARE);
    welfare->set_count(active - justice);
    if (justice > 0) {
      v1::SectorCount* j = s.mutable_members()->add_active_by_sector();
      j->set_sector(v1::SECTOR_JUSTICE);
      j->set_count(justice);
    }
    storage::OfficeSnapshotRecord r;
    r.office_id = office;
    r.period = {year, 0};
    r.version = 1;
    r.payload = s.SerializeAsString();
    r.computed_at = ParseLocalDateTime(computed, "computed").value();
    auto repo = storage::NewOfficeStatisticsRepository();
    ASSERT_TRUE(db().Transact([&](storage::Tx& tx) { return repo->Put(tx, r).status(); }).ok());
  }

  void Contact(const std::string& office, const std::string& when) {
    auto repo = storage::NewSyncStateRepository();
    ASSERT_TRUE(db().Transact([&](storage::Tx& tx) -> absl::Status {
                      absl::StatusOr<storage::PeerState> p = repo->GetPeer(tx, office, true);
                      if (!p.ok()) return p.status();
                      p->last_push_success = ParseLocalDateTime(when, "when").value();
                      return repo->PutPeer(tx, *p);
                    })
                    .ok());
  }

  grpc::Status Report(v1::Disclosure d, v1::Report* out, const std::string& secret = "") {
    v1::GetDistrictReportRequest req;
    req.mutable_period()->set_year(2025);
    req.set_disclosure(d);
    v1::GetDistrictReportResponse resp;
    grpc::ClientContext ctx;
    auto stub = secret.empty() ? nullptr
                               : v1::DistrictService::NewStub(server_->InProcessChannel(secret));
    grpc::Status s = (stub ? *stub : *stub_).GetDistrictReport(&ctx, req, &resp);
    *out = resp.report();
    return s;
  }

  static const v1::ReportRow& Row(const v1::Report& r, const std::string& table,
                                  const std::string& label) {
    for (const v1::ReportTable& t : r.tables()) {
      if (t.id() != table) continue;
      for (const v1::ReportRow& row : t.rows()) {
        if (row.label() == label) return row;
      }
    }
    ADD_FAILURE() << table << "/" << label;
    static v1::ReportRow none;
    return none;
  }

  static std::vector<std::string> Displays(const v1::ReportRow& r) {
    std::vector<std::string> out;
    for (const v1::ReportCell& c : r.cells()) out.push_back(c.display());
    return out;
  }
};

TEST_F(DistrictReportTest, OfficesFiguresAndTheDistrictTotalWithTheYearBefore) {
  v1::Report r;
  ASSERT_TRUE(Report(v1::DISCLOSURE_EXACT, &r).ok());
  EXPECT_EQ(r.title(), "Netzwerk Kinderschutz Kreis Soest – Bericht 2025");
  const v1::ReportRow& active = Row(r, "members", "aktiv");
  EXPECT_EQ(Displays(active), (std::vector<std::string>{"40", "30", "25", "–", "95"}));
  EXPECT_EQ(active.previous().display(), "86");  // 36 + 30 + 20: the same three offices
  EXPECT_EQ(active.change(), "+10 %");
  EXPECT_EQ(Displays(Row(r, "members_by_sector", "Justiz")),
            (std::vector<std::string>{"2", "0", "0", "–", "2"}));
}

TEST_F(DistrictReportTest, MissingAndStaleOfficesAreNamed) {
  v1::Report r;
  ASSERT_TRUE(Report(v1::DISCLOSURE_PUBLISHED, &r).ok());
  ASSERT_EQ(r.offices_size(), 4);
  EXPECT_EQ(r.offices(0).status(), v1::ReportOffice::STATUS_OK);
  EXPECT_EQ(r.offices(1).status(), v1::ReportOffice::STATUS_OK);
  EXPECT_EQ(r.offices(2).status(), v1::ReportOffice::STATUS_STALE);
  EXPECT_EQ(r.offices(2).note(),
            "Zahlen vom 20.12.2025 03:00, vor dem Ende des Zeitraums; letzter Kontakt am "
            "28.12.2025 18:00");
  EXPECT_EQ(r.offices(3).status(), v1::ReportOffice::STATUS_MISSING);
  std::string notes;
  for (const std::string& n : r.notes()) notes += n + "\n";
  EXPECT_NE(notes.find("Ohne Zahlen (keine Statistik übermittelt; nicht in den Summen): "
                       "Jugendamt der Stadt Warstein"),
            std::string::npos)
      << notes;
  EXPECT_NE(notes.find("Möglicherweise nicht aktuell: Jugendamt der Stadt Soest"),
            std::string::npos)
      << notes;
}

TEST_F(DistrictReportTest, ThePublishedReportHidesSmallCountsAndTheirComplements) {
  v1::Report r;
  ASSERT_TRUE(Report(v1::DISCLOSURE_UNSPECIFIED, &r).ok());
  EXPECT_EQ(r.disclosure(), v1::DISCLOSURE_PUBLISHED);
  const v1::ReportRow& justice = Row(r, "members_by_sector", "Justiz");
  EXPECT_EQ(Displays(justice), (std::vector<std::string>{"< 3", "0", "0", "–", "< 3"}));
  // Kreis Soest's column: 38 + "< 3" = 40 would give the 2 away, so 38 is withheld too.
  const v1::ReportRow& welfare = Row(r, "members_by_sector", "Kinder- und Jugendhilfe");
  EXPECT_EQ(welfare.cells(0).display(), "x");
  EXPECT_EQ(welfare.cells(0).value(), 0);
}

TEST_F(DistrictReportTest, ExactFiguresNeedTheDistrictCoordinator) {
  schutznetz::testing::TestToken viewer =
      schutznetz::testing::IssueTestToken(db(), domain::Role::kViewer);
  v1::Report r;
  EXPECT_TRUE(Report(v1::DISCLOSURE_PUBLISHED, &r, viewer.secret).ok());
  grpc::Status exact = Report(v1::DISCLOSURE_EXACT, &r, viewer.secret);
  EXPECT_EQ(exact.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_NE(exact.error_message().find("district-coordinator"), std::string::npos)
      << exact.error_message();
}

TEST_F(DistrictReportTest, AnInvalidPeriodOrDisclosureIsNamed) {
  v1::GetDistrictReportRequest req;
  req.mutable_period()->set_year(2025);
  req.mutable_period()->set_quarter(5);
  v1::GetDistrictReportResponse resp;
  grpc::ClientContext c1;
  grpc::Status s = stub_->GetDistrictReport(&c1, req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("period.quarter"), std::string::npos) << s.error_message();
  req.mutable_period()->set_quarter(0);
  req.set_disclosure(static_cast<v1::Disclosure>(7));
  grpc::ClientContext c2;
  s = stub_->GetDistrictReport(&c2, req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("disclosure"), std::string::npos) << s.error_message();
}

}  // namespace
}  // namespace schutznetz::aggregator
