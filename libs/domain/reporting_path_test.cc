#include "libs/domain/reporting_path.h"

#include <gtest/gtest.h>

#include "absl/strings/match.h"

namespace schutznetz::domain {
namespace {

const std::vector<std::string> kLippstadt = {"Lippstadt"};

ReportingPathEntry Asd() {
  ReportingPathEntry e;
  e.kind = ReportingPathKind::kAsdChildProtection;
  e.title = "Kinderschutzfachdienst";
  e.municipality = "Lippstadt";
  e.contact = {"ASD Kinderschutz", "02941 980-3300", "kinderschutz@lippstadt.example", "", ""};
  return e;
}

std::string Message(const absl::Status& s) { return std::string(s.message()); }

TEST(ReportingPathTest, KindsRoundTripTheirSlugs) {
  for (int n = 1; n <= 5; ++n) {
    std::optional<ReportingPathKind> k = ReportingPathKindFromNumber(n);
    ASSERT_TRUE(k.has_value());
    EXPECT_EQ(ReportingPathKindFromSlug(ReportingPathKindSlug(*k)), k);
  }
  EXPECT_EQ(ReportingPathKindFromNumber(0), std::nullopt);
  EXPECT_EQ(ReportingPathKindFromNumber(6), std::nullopt);
  EXPECT_EQ(ReportingPathKindFromSlug("police"), std::nullopt);
}

TEST(ReportingPathTest, AValidEntryPasses) {
  EXPECT_TRUE(ValidateReportingPathEntry(Asd(), kLippstadt, "entries[0].").ok());
}

TEST(ReportingPathTest, EveryViolationNamesItsField) {
  ReportingPathEntry e;
  e.municipality = "Soest";
  e.contact.phone = "ruf an";
  e.contact.email = "kein-at";
  e.agreement_id = "x";
  absl::Status s = ValidateReportingPathEntry(e, kLippstadt, "entries[1].");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  for (const char* field :
       {"entries[1].kind", "entries[1].title", "entries[1].municipality", "entries[1].contact.unit",
        "entries[1].contact.phone", "entries[1].contact.email", "entries[1].agreement_id"}) {
    EXPECT_TRUE(absl::StrContains(Message(s), field)) << field << " in " << Message(s);
  }
  EXPECT_TRUE(absl::StrContains(Message(s), "Zuständigkeitsbereich"));
}

TEST(ReportingPathTest, AContactNeedsPhoneOrEmail) {
  ReportingPathEntry e = Asd();
  e.contact.phone.clear();
  EXPECT_TRUE(ValidateReportingPathEntry(e, kLippstadt, "").ok());
  e.contact.email.clear();
  absl::Status s = ValidateReportingPathEntry(e, kLippstadt, "");
  EXPECT_TRUE(absl::StrContains(Message(s), "contact.phone: phone or e-mail is required"));
}

TEST(ReportingPathTest, AnotherOfficesMunicipalityIsCheckedAsTextOnly) {
  ReportingPathEntry e = Asd();
  e.municipality = "Warstein";
  EXPECT_FALSE(ValidateReportingPathEntry(e, kLippstadt, "").ok());
  EXPECT_TRUE(ValidateReportingPathEntry(e, std::nullopt, "").ok());
}

TEST(ReportingPathTest, AnAgreementBelongsToTheAgreedProcedure) {
  ReportingPathEntry e = Asd();
  e.agreement_id = "6f1c2b9e-3d4a-4c5b-8e7f-0123456789ab";
  EXPECT_FALSE(ValidateReportingPathEntry(e, kLippstadt, "").ok());
  e.kind = ReportingPathKind::kAgreedProcedure;
  EXPECT_TRUE(ValidateReportingPathEntry(e, kLippstadt, "").ok());
}

TEST(ReportingPathTest, TooManyEntriesAreRefused) {
  std::vector<ReportingPathEntry> entries(kMaxReportingPathEntries + 1, Asd());
  absl::Status s = ValidateReportingPathEntries(entries, kLippstadt, "entries");
  EXPECT_TRUE(absl::StrContains(Message(s), "entries: must hold at most 200"));
}

TEST(ReportingPathTest, OnlyAChangedDraftWithEntriesIsPublishable) {
  ReportingPathDraft draft;
  EXPECT_EQ(CheckPublishable(draft, 0).code(), absl::StatusCode::kFailedPrecondition);
  draft.entries.push_back(Asd());
  draft.changed = true;
  EXPECT_TRUE(CheckPublishable(draft, 0).ok());
  draft.changed = false;
  EXPECT_EQ(CheckPublishable(draft, 3).code(), absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace schutznetz::domain
