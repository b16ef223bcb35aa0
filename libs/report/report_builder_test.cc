#include "libs/report/report_builder.h"

#include <gtest/gtest.h>

#include "absl/time/civil_time.h"
#include "libs/common/time.h"

namespace schutznetz::report {
namespace {

// Hand-made snapshots of the four Kreis Soest offices for 2025 and 2024. Warstein sent nothing
// for 2025. Figures (2025 | 2024):
//   active members   kreis-soest 40 | 36   lippstadt 30 | 30   soest 25 | 20   warstein – | 12
//   by sector (2025) kreis-soest: youth welfare 20, health 10, school 8, justice 2
//                    lippstadt:   youth welfare 15, health 9, school 6
//                    soest:       youth welfare 12, health 8, school 5
v1::StatisticsSnapshot Snapshot(const std::string& office, int year, int64_t active,
                                std::vector<std::pair<v1::Sector, int64_t>> sectors = {}) {
  v1::StatisticsSnapshot s;
  s.set_office_id(office);
  s.mutable_period()->set_year(year);
  s.mutable_members()->set_active(active);
  s.mutable_members()->set_joined(active / 8);
  for (auto [sector, n] : sectors) {
    v1::SectorCount* c = s.mutable_members()->add_active_by_sector();
    c->set_sector(sector);
    c->set_count(n);
  }
  return s;
}

class ReportBuilderTest : public ::testing::Test {
 protected:
  ReportSpec District(bool exact) {
    ReportSpec spec;
    spec.title = "Netzwerk Kinderschutz Kreis Soest – Bericht 2025";
    spec.period = {2025, 0};
    spec.exact = exact;
    spec.total_label = "Kreis gesamt";
    spec.generated_at = StartOfLocalDay(absl::CivilDay(2026, 2, 10));
    ReportColumn ks{"kreis-soest", "Kreisjugendamt Soest"};
    ks.current = Snapshot("kreis-soest", 2025, 40,
                          {{v1::SECTOR_CHILD_YOUTH_WELFARE, 20}, {v1::SECTOR_HEALTH, 10},
                           {v1::SECTOR_SCHOOL, 8}, {v1::SECTOR_JUSTICE, 2}});
    ks.previous = Snapshot("kreis-soest", 2024, 36);
    v1::MunicipalityCount* erwitte = ks.current->mutable_case_conferences()->add_by_municipality();
    erwitte->set_municipality("Erwitte");
    erwitte->set_count(4);
    v1::GroupMeetingCount* insofa = ks.current->add_group_meetings();
    insofa->set_name("AK InsoFa");
    insofa->set_meetings_per_year(4);
    insofa->set_held(2);
    ReportColumn lippstadt{"lippstadt", "Lippstadt"};
    lippstadt.current = Snapshot("lippstadt", 2025, 30,
                                 {{v1::SECTOR_CHILD_YOUTH_WELFARE, 15}, {v1::SECTOR_HEALTH, 9},
                                  {v1::SECTOR_SCHOOL, 6}});
    lippstadt.previous = Snapshot("lippstadt", 2024, 30);
    v1::MunicipalityCount* lp = lippstadt.current->mutable_case_conferences()->add_by_municipality();
    lp->set_municipality("Lippstadt");
    lp->set_count(1);
    ReportColumn soest{"soest", "Soest"};
    soest.current = Snapshot("soest", 2025, 25,
                             {{v1::SECTOR_CHILD_YOUTH_WELFARE, 12}, {v1::SECTOR_HEALTH, 8},
                              {v1::SECTOR_SCHOOL, 5}});
    soest.previous = Snapshot("soest", 2024, 20);
    ReportColumn warstein{"warstein", "Warstein"};
    warstein.previous = Snapshot("warstein", 2024, 12);
    spec.columns = {ks, lippstadt, soest, warstein};
    return spec;
  }

  static const v1::ReportTable& TableOf(const v1::Report& r, const std::string& id) {
    for (const v1::ReportTable& t : r.tables()) {
      if (t.id() == id) return t;
    }
    ADD_FAILURE() << "no table " << id;
    static v1::ReportTable none;
    return none;
  }
  static const v1::ReportRow& RowOf(const v1::ReportTable& t, const std::string& label) {
    for (const v1::ReportRow& r : t.rows()) {
      if (r.label() == label) return r;
    }
    ADD_FAILURE() << "no row " << label << " in " << t.id();
    static v1::ReportRow none;
    return none;
  }
  static std::vector<std::string> Displays(const v1::ReportRow& r) {
    std::vector<std::string> out;
    for (const v1::ReportCell& c : r.cells()) out.push_back(c.display());
    return out;
  }
};

TEST_F(ReportBuilderTest, ExactDistrictFiguresPerOfficeAndTotalWithTheYearBefore) {
  v1::Report r = BuildReport(District(true));
  EXPECT_EQ(r.disclosure(), v1::DISCLOSURE_EXACT);
  EXPECT_EQ(r.period_label(), "2025");
  const v1::ReportTable& members = TableOf(r, "members");
  ASSERT_EQ(members.columns_size(), 5);
  EXPECT_EQ(members.columns(4), "Kreis gesamt");
  const v1::ReportRow& active = RowOf(members, "aktiv");
  EXPECT_EQ(Displays(active), (std::vector<std::string>{"40", "30", "25", "–", "95"}));
  // The year before over the same offices: 36 + 30 + 20 = 86 (Warstein's 12 is not compared).
  EXPECT_EQ(active.previous().display(), "86");
  EXPECT_EQ(active.change(), "+10 %");  // 95 / 86 = +10.5 %
  const v1::ReportRow& justice = RowOf(TableOf(r, "members_by_sector"), "Justiz");
  EXPECT_EQ(Displays(justice), (std::vector<std::string>{"2", "0", "0", "–", "2"}));
  EXPECT_EQ(justice.change(), "neu");
  const v1::ReportRow& sum = RowOf(TableOf(r, "members_by_sector"), "Summe");
  EXPECT_TRUE(sum.sum());
  EXPECT_EQ(Displays(sum), (std::vector<std::string>{"40", "30", "25", "–", "95"}));
}

TEST_F(ReportBuilderTest, MissingOfficesAreNamedAndLeftOutOfTheTotals) {
  v1::Report r = BuildReport(District(true));
  ASSERT_EQ(r.offices_size(), 4);
  EXPECT_EQ(r.offices(3).office_id(), "warstein");
  EXPECT_EQ(r.offices(3).status(), v1::ReportOffice::STATUS_MISSING);
  EXPECT_EQ(r.offices(0).status(), v1::ReportOffice::STATUS_OK);
  bool named = false;
  for (const std::string& n : r.notes()) {
    named = named || (n.find("Ohne Zahlen") != std::string::npos &&
                      n.find("Warstein") != std::string::npos);
  }
  EXPECT_TRUE(named);
}

TEST_F(ReportBuilderTest, WithoutAnyFiguresOfTheYearBeforeThereIsNoComparison) {
  ReportSpec spec = District(true);
  for (ReportColumn& c : spec.columns) c.previous.reset();
  v1::Report r = BuildReport(spec);
  const v1::ReportRow& active = RowOf(TableOf(r, "members"), "aktiv");
  EXPECT_EQ(active.previous().display(), "–");
  EXPECT_TRUE(active.previous().no_data());
  EXPECT_EQ(active.change(), "–");
  EXPECT_EQ(RowOf(TableOf(r, "members_by_sector"), "Summe").previous().display(), "–");
}

TEST_F(ReportBuilderTest, StaleOfficesAreNamedWithTheReason) {
  ReportSpec spec = District(true);
  spec.columns[1].stale = true;
  spec.columns[1].note = "letzter Kontakt am 03.11.2025";
  v1::Report r = BuildReport(spec);
  EXPECT_EQ(r.offices(1).status(), v1::ReportOffice::STATUS_STALE);
  bool named = false;
  for (const std::string& n : r.notes()) {
    named = named || n == "Möglicherweise nicht aktuell: Lippstadt – letzter Kontakt am 03.11.2025";
  }
  EXPECT_TRUE(named);
}

TEST_F(ReportBuilderTest, PublishedReportShowsSmallCountsAsLessThanThreeAndHidesTheirValue) {
  v1::Report r = BuildReport(District(false));
  EXPECT_EQ(r.disclosure(), v1::DISCLOSURE_PUBLISHED);
  const v1::ReportRow& justice = RowOf(TableOf(r, "members_by_sector"), "Justiz");
  EXPECT_EQ(justice.cells(0).display(), "< 3");
  EXPECT_TRUE(justice.cells(0).withheld());
  EXPECT_EQ(justice.cells(0).value(), 0) << "a withheld count must not travel";
  EXPECT_EQ(justice.cells(4).display(), "< 3");
  EXPECT_EQ(justice.change(), "–");
  // Lippstadt's single case conference, and Erwitte's 4 that would give it away from the sum.
  const v1::ReportTable& cc = TableOf(r, "case_conferences");
  ASSERT_EQ(cc.columns_size(), 1);
  EXPECT_EQ(RowOf(cc, "Lippstadt (Lippstadt)").cells(0).display(), "< 3");
  EXPECT_EQ(RowOf(cc, "Erwitte (Kreisjugendamt Soest)").cells(0).display(), "x");
  EXPECT_EQ(RowOf(cc, "Summe").cells(0).display(), "5");
}

TEST_F(ReportBuilderTest, PublishedReportLeavesNoSumWithExactlyOneWithheldCell) {
  v1::Report r = BuildReport(District(false));
  for (const char* id : {"members_by_sector", "members_by_category",
                         "training_participants_by_sector"}) {
    const v1::ReportTable& t = TableOf(r, id);
    const int columns = t.columns_size();
    // Rows: the offices add up to the total column (Warstein has no figures).
    for (const v1::ReportRow& row : t.rows()) {
      int withheld = 0;
      for (const v1::ReportCell& c : row.cells()) withheld += c.withheld() ? 1 : 0;
      EXPECT_NE(withheld, 1) << id << " row " << row.label();
    }
    // Columns: the rows add up to the sum row.
    for (int col = 0; col < columns; ++col) {
      int withheld = 0;
      for (const v1::ReportRow& row : t.rows()) withheld += row.cells(col).withheld() ? 1 : 0;
      EXPECT_NE(withheld, 1) << id << " column " << t.columns(col);
    }
  }
  // The sector sum equals the active members of the first table: both are shown or both hidden.
  const v1::ReportRow& sum = RowOf(TableOf(r, "members_by_sector"), "Summe");
  const v1::ReportRow& active = RowOf(TableOf(r, "members"), "aktiv");
  for (int col = 0; col < 5; ++col) {
    EXPECT_EQ(sum.cells(col).withheld(), active.cells(col).withheld()) << col;
  }
}

TEST_F(ReportBuilderTest, GroupMeetingsAreComparedWithTheirCadence) {
  v1::Report r = BuildReport(District(false));
  const v1::ReportTable& t = TableOf(r, "group_meetings");
  const v1::ReportRow& insofa = RowOf(t, "Kreisjugendamt Soest: AK InsoFa");
  EXPECT_EQ(Displays(insofa), (std::vector<std::string>{"4", "2", "0", "nicht erfüllt"}));
}

TEST_F(ReportBuilderTest, AnOfficeReportHasOneColumnAndComparesWithItsOwnYearBefore) {
  ReportSpec spec = District(true);
  spec.total_label.clear();
  spec.columns = {spec.columns[2]};  // Soest
  v1::Report r = BuildReport(spec);
  const v1::ReportRow& active = RowOf(TableOf(r, "members"), "aktiv");
  EXPECT_EQ(Displays(active), std::vector<std::string>{"25"});
  EXPECT_EQ(active.previous().display(), "20");
  EXPECT_EQ(active.change(), "+25 %");
  for (const v1::ReportRow& row : TableOf(r, "group_meetings").rows()) {
    EXPECT_EQ(row.label().find("InsoFa"), std::string::npos) << "Kreis Soest's group";
  }
}

TEST(FormatTest, CountsUseGermanDigitGroupingAndChangesASign) {
  EXPECT_EQ(FormatCount(0), "0");
  EXPECT_EQ(FormatCount(999), "999");
  EXPECT_EQ(FormatCount(1234), "1.234");
  EXPECT_EQ(FormatCount(1234567), "1.234.567");
  EXPECT_EQ(FormatChange(110, 100), "+10 %");
  EXPECT_EQ(FormatChange(97, 100), "-3 %");
  EXPECT_EQ(FormatChange(5, 5), "±0 %");
  EXPECT_EQ(FormatChange(3, 0), "neu");
  EXPECT_EQ(FormatChange(0, 0), "±0 %");
}

// Hand-computed duties of 2025: Kreis Soest 3 interdisciplinary trainings (met), Lippstadt 2
// (not met), Soest none; Warstein sent nothing.
TEST_F(ReportBuilderTest, TheDutiesOverviewAssessesEveryOfficeAndTheDistrict) {
  ReportSpec spec = District(true);
  spec.columns[0].current->mutable_trainings()->set_interdisciplinary_held(3);
  spec.columns[0].current->mutable_duties()->set_min_trainings_per_year(3);
  spec.columns[1].current->mutable_trainings()->set_interdisciplinary_held(2);
  spec.columns[1].current->mutable_duties()->set_min_trainings_per_year(3);
  v1::GroupMeetingCount* rg = spec.columns[1].current->add_group_meetings();
  rg->set_kind(v1::GROUP_KIND_REGIONAL_GROUP);
  rg->set_meetings_per_year(4);
  rg->set_held(4);
  v1::ActorCategoryCount* court = spec.columns[1].current->mutable_members()
                                      ->add_active_by_actor_category();
  court->set_actor_category(v1::ACTOR_CATEGORY_FAMILY_COURT);
  court->set_count(1);
  v1::Report r = BuildReport(spec);

  auto line = [&](const std::string& office, v1::NetworkDuty duty) {
    for (const v1::DutyAssessment& a : r.duties()) {
      if (a.office_id() == office && a.duty() == duty) return a;
    }
    ADD_FAILURE() << "no duty " << duty << " of " << office;
    return v1::DutyAssessment();
  };
  EXPECT_EQ(line("kreis-soest", v1::NETWORK_DUTY_TRAININGS).status(), v1::DUTY_STATUS_MET);
  EXPECT_EQ(line("lippstadt", v1::NETWORK_DUTY_TRAININGS).status(), v1::DUTY_STATUS_NOT_MET);
  EXPECT_EQ(line("lippstadt", v1::NETWORK_DUTY_TRAININGS).figures(),
            "2 durchgeführt; Soll: mindestens 3");
  EXPECT_EQ(line("lippstadt", v1::NETWORK_DUTY_NETWORK_MEETINGS).status(), v1::DUTY_STATUS_MET);
  EXPECT_EQ(line("soest", v1::NETWORK_DUTY_NETWORK_MEETINGS).status(), v1::DUTY_STATUS_NOT_MET);
  v1::DutyAssessment categories = line("lippstadt", v1::NETWORK_DUTY_ACTOR_CATEGORIES);
  EXPECT_EQ(categories.status_label(), "nicht erfüllt");
  EXPECT_EQ(categories.missing_categories_size(), 11);
  // The district: 1 of 3 reporting offices met the trainings duty; Warstein is left out.
  EXPECT_EQ(line("", v1::NETWORK_DUTY_TRAININGS).figures(),
            "1 von 3 Jugendämtern erfüllt; zusammen 5 interdisziplinäre Fortbildungen");
  for (const v1::DutyAssessment& a : r.duties()) EXPECT_NE(a.office_id(), "warstein");

  const v1::ReportTable& t = TableOf(r, "duties");
  ASSERT_EQ(t.columns_size(), 5);
  ASSERT_EQ(t.rows_size(), 5);
  EXPECT_EQ(t.rows(0).cells(1).display(), "nicht erfüllt (2 durchgeführt; Soll: mindestens 3)");
  EXPECT_EQ(t.rows(0).cells(3).display(), "–");  // Warstein
  EXPECT_TRUE(t.rows(0).cells(3).no_data());

  // The same year while it runs: Lippstadt's two trainings are not yet due.
  spec.generated_at = StartOfLocalDay(absl::CivilDay(2025, 11, 1));
  r = BuildReport(spec);
  EXPECT_EQ(line("lippstadt", v1::NETWORK_DUTY_TRAININGS).status(), v1::DUTY_STATUS_NOT_YET_DUE);
  // A quarter has no duties overview.
  spec.period = {2025, 2};
  r = BuildReport(spec);
  EXPECT_EQ(r.duties_size(), 0);
}

TEST_F(ReportBuilderTest, InsofaConsultationsAreSummedOverTheOfficesThatReported) {
  ReportSpec spec = District(false);
  spec.columns[0].current->mutable_duties()->set_insofa_consultations(29);
  spec.columns[1].current->mutable_duties()->set_insofa_consultations(1);
  v1::Report r = BuildReport(spec);
  const v1::ReportTable& t = TableOf(r, "insofa_consultations");
  ASSERT_EQ(t.rows_size(), 1);
  ASSERT_EQ(t.rows(0).cells_size(), 5);
  EXPECT_EQ(t.rows(0).cells(0).display(), "29");
  // A count of consultations, not of persons: shown even in the published version.
  EXPECT_EQ(t.rows(0).cells(1).display(), "1");
  EXPECT_EQ(t.rows(0).cells(2).display(), "0");
  EXPECT_TRUE(t.rows(0).cells(3).no_data());  // Warstein
  EXPECT_EQ(t.rows(0).cells(4).display(), "30");
}

}  // namespace
}  // namespace schutznetz::report
