#include "libs/domain/case_conference.h"

#include <gtest/gtest.h>

namespace schutznetz::domain {
namespace {

const std::vector<std::string> kMunicipalities = {"Lippstadt", "Möhnesee", "Bad Sassendorf"};

CaseConference Valid() {
  CaseConference c;
  c.municipality = "Lippstadt";
  c.conference_date = absl::CivilDay(2025, 4, 3);
  c.participating_sectors = {Sector::kChildYouthWelfare, Sector::kSchool};
  c.summary =
      "Kind A (7) fiel in der Schule durch Verletzungen auf.\nDie Lehrerin informierte "
      "die Schulsozialarbeit.";
  c.findings = "Meldeweg Schule → Jugendamt war unklar.";
  FollowUp f;
  f.action = "Meldeweg im Arbeitskreis Schule klären";
  f.owner_organisation_id = OrganisationId("6f1c2b9e-3d4a-4c5b-8e7f-0123456789ab");
  c.follow_ups.push_back(f);
  return c;
}

std::string Message(const absl::Status& s) { return std::string(s.message()); }

TEST(CaseConferenceTest, ValidConferencePasses) {
  EXPECT_TRUE(ValidateCaseConference(Valid(), "case_conference.").ok());
}

TEST(CaseConferenceTest, NeedsAtLeastTwoDistinctSectors) {
  CaseConference c = Valid();
  c.participating_sectors = {Sector::kSchool};
  EXPECT_NE(Message(ValidateCaseConference(c, "case_conference."))
                .find("case_conference.participating_sectors: a case conference is "
                      "interdisciplinary"),
            std::string::npos);
  c.participating_sectors = {Sector::kSchool, Sector::kSchool, Sector::kUnspecified};
  std::string m = Message(ValidateCaseConference(c, "case_conference."));
  EXPECT_NE(m.find("participating_sectors[1]: is listed twice"), std::string::npos) << m;
  EXPECT_NE(m.find("participating_sectors[2]: must name a sector"), std::string::npos) << m;
}

TEST(CaseConferenceTest, TextViolationsAreNamedTogether) {
  CaseConference c = Valid();
  c.summary = "";
  c.findings = std::string(5001, 'x');
  c.follow_ups[0].action = "";
  c.follow_ups[0].owner_organisation_id = OrganisationId();
  c.conference_date = absl::CivilDay(1985, 1, 1);
  std::string m = Message(ValidateCaseConference(c, "case_conference."));
  for (const char* field :
       {"case_conference.summary", "case_conference.findings", "case_conference.conference_date",
        "case_conference.follow_ups[0].action",
        "case_conference.follow_ups[0].owner_organisation_id"}) {
    EXPECT_NE(m.find(field), std::string::npos) << field << " in " << m;
  }
}

TEST(CaseConferenceTest, MunicipalityMustBeConfiguredAndIsCanonicalised) {
  auto ok = CanonicalMunicipality(" möhnesee ", kMunicipalities, "case_conference.municipality");
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ(*ok, "Möhnesee");
  EXPECT_EQ(*CanonicalMunicipality("ÖLDE", {"Ölde"}, "m"), "Ölde");
  auto bad = CanonicalMunicipality("Soest", kMunicipalities, "case_conference.municipality");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(Message(bad.status()).find("case_conference.municipality"), std::string::npos);
  EXPECT_NE(Message(bad.status()).find("Lippstadt, Möhnesee, Bad Sassendorf"), std::string::npos);
  auto empty = CanonicalMunicipality("", kMunicipalities, "m");
  EXPECT_NE(Message(empty.status()).find("m: is required"), std::string::npos);
}

TEST(CaseConferenceTest, AnonymisedTextsPassTheGuard) {
  CaseConference c = Valid();
  c.summary =
      "Am 03.04.2025 beriet die Fallkonferenz über das Kind A (7), das die 2. Klasse besucht. "
      "Die Mutter M. sagte ab; die Familie X lebt seit 2023 im Stadtgebiet.";
  EXPECT_TRUE(CheckCaseConferenceTexts(c, PiiGuardOptions(), "case_conference.").ok());
}

TEST(CaseConferenceTest, GuardNamesEveryFieldWithPersonalData) {
  CaseConference c = Valid();
  c.summary = "Kevin Müller wohnt in der Hauptstraße 12.";
  c.findings = "Rückruf unter 0171 1234567.";
  c.follow_ups[0].action = "Termin am 10.04.2025 mit Frau Schmidt";
  absl::Status s = CheckCaseConferenceTexts(c, PiiGuardOptions(), "case_conference.");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  std::string m = Message(s);
  for (const char* part :
       {"case_conference.summary: contains personal data", "„Kevin Müller“", "„Hauptstraße 12“",
        "case_conference.findings: contains personal data", "„0171 1234567“",
        "case_conference.follow_ups[0].action: contains personal data", "„10.04.2025“",
        "„Schmidt“"}) {
    EXPECT_NE(m.find(part), std::string::npos) << part << " in " << m;
  }
}

TEST(CaseConferenceTest, OnlyTheConferenceDateIsAllowed) {
  CaseConference c = Valid();
  c.summary = "Konferenz am 03.04.2025.";
  EXPECT_TRUE(CheckCaseConferenceTexts(c, PiiGuardOptions(), "").ok());
  c.conference_date = absl::CivilDay(2025, 4, 4);
  EXPECT_FALSE(CheckCaseConferenceTexts(c, PiiGuardOptions(), "").ok());
  EXPECT_FALSE(CheckFollowUpText("bis 03.05.2025", absl::CivilDay(2025, 4, 3), {}, "a").ok());
  EXPECT_TRUE(CheckFollowUpText("Rückmeldung im Mai", absl::CivilDay(2025, 4, 3), {}, "a").ok());
}

TEST(CaseConferenceTest, ExtraNamesOfTheOfficeAreRefused) {
  CaseConference c = Valid();
  c.summary = "Familie Brzęczyszczykiewicz zog zu.";
  EXPECT_TRUE(CheckCaseConferenceTexts(c, PiiGuardOptions(), "").ok());
  PiiGuardOptions office;
  office.extra_names = {"Brzęczyszczykiewicz"};
  EXPECT_FALSE(CheckCaseConferenceTexts(c, office, "").ok());
}

TEST(CaseConferenceTest, FindFollowUpById) {
  CaseConference c = Valid();
  c.follow_ups[0].id = FollowUpId("a");
  EXPECT_EQ(FindFollowUp(c, FollowUpId("a")), &c.follow_ups[0]);
  EXPECT_EQ(FindFollowUp(c, FollowUpId("b")), nullptr);
}

}  // namespace
}  // namespace schutznetz::domain
