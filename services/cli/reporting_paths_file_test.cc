#include "services/cli/reporting_paths_file.h"

#include <gtest/gtest.h>

#include "absl/strings/match.h"

namespace schutznetz::cli {
namespace {

TEST(ReportingPathsFileTest, ReadsEntriesWithSlugsAndContacts) {
  absl::StatusOr<std::vector<v1::ReportingPathEntry>> entries = ParseReportingPathsFile(R"(
entries:
  - kind: asd_child_protection
    title: Kinderschutz im ASD
    municipality: Lippstadt
    contact:
      unit: ASD Kinderschutz
      phone: 02941 980-3300
      hours: Mo–Fr 8–16 Uhr
    public: true
  - kind: REPORTING_PATH_KIND_EMERGENCY
    title: Bereitschaftsdienst
    contact: {unit: Rufbereitschaft, phone: "02941 980-0"}
)");
  ASSERT_TRUE(entries.ok()) << entries.status();
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].kind(), v1::REPORTING_PATH_KIND_ASD_CHILD_PROTECTION);
  EXPECT_EQ((*entries)[0].contact().phone(), "02941 980-3300");
  EXPECT_TRUE((*entries)[0].public_());
  EXPECT_EQ((*entries)[1].kind(), v1::REPORTING_PATH_KIND_EMERGENCY);
  EXPECT_FALSE((*entries)[1].public_());
}

TEST(ReportingPathsFileTest, RefusesUnknownKeysAndKindsNamingTheEntry) {
  absl::StatusOr<std::vector<v1::ReportingPathEntry>> typo =
      ParseReportingPathsFile("entries:\n  - {kind: other, titel: X}\n");
  ASSERT_FALSE(typo.ok());
  EXPECT_TRUE(absl::StrContains(typo.status().message(), "entries[0].titel"));
  absl::StatusOr<std::vector<v1::ReportingPathEntry>> kind =
      ParseReportingPathsFile("entries:\n  - {kind: other}\n  - {kind: polizei}\n");
  ASSERT_FALSE(kind.ok());
  EXPECT_TRUE(absl::StrContains(kind.status().message(), "entries[1].kind"));
  EXPECT_FALSE(ParseReportingPathsFile("- a\n- b\n").ok());
}

}  // namespace
}  // namespace schutznetz::cli
