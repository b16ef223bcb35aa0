// Statistics end to end: real tenant and aggregator processes, netzctl as the coordinator uses
// it. A member joins in Lippstadt, the office sends its changed snapshot, the district sees it.
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "libs/common/time.h"
#include "schutznetz/v1/district_statistics_service.pb.h"
#include "tests/e2e/e2e_support.h"

namespace schutznetz::testing {
namespace {

// The "id" of the first JSON object in netzctl --json output.
std::string IdOf(const std::string& json) {
  size_t key = json.find("\"id\": \"");
  if (key == std::string::npos) return "";
  size_t start = key + 7;
  return json.substr(start, json.find('"', start) - start);
}

TEST(StatisticsE2eTest, OfficeSendsChangedFiguresAndTheDistrictSeesThem) {
  auto district = StartKreisSoest();
  ASSERT_NE(district, nullptr);
  std::string lippstadt = district->office("lippstadt").address;
  std::string aggregator = district->aggregator().address;
  std::string year = absl::StrCat(LocalDay(absl::Now()).year());

  CommandResult org =
      Netzctl({"--target", lippstadt, "--json", "organisations", "create", "--name",
               "Grundschule Am Park", "--sector", "school", "--category", "school"});
  ASSERT_EQ(org.exit_code, 0) << org.output;
  CommandResult member =
      Netzctl({"--target", lippstadt, "members", "create", "--organisation", IdOf(org.output),
               "--first-name", "Emma", "--last-name", "Engel", "--approve"});
  ASSERT_EQ(member.exit_code, 0) << member.output;

  CommandResult show = Netzctl({"--target", lippstadt, "statistics", "show", "--year", year});
  ASSERT_EQ(show.exit_code, 0) << show.output;
  for (const char* text : {"Statistik lippstadt – ", "aktiv zum Ende des Zeitraums  1",
                           "Aktive Mitglieder nach Handlungsfeld", "Schule", "An den Kreis: "}) {
    EXPECT_NE(show.output.find(text), std::string::npos) << text << " in " << show.output;
  }
  EXPECT_EQ(show.output.find("Engel"), std::string::npos);

  CommandResult sent = Netzctl({"--target", lippstadt, "statistics", "send"});
  ASSERT_EQ(sent.exit_code, 0) << sent.output;
  EXPECT_NE(sent.output.find("Zeiträumen zur Übermittlung eingereiht"), std::string::npos)
      << sent.output;

  // The agent pushes within a poll interval; the aggregator then holds the new figures.
  v1::GetOfficeSnapshotsResponse snapshots;
  bool arrived = false;
  absl::Time deadline = absl::Now() + absl::Seconds(30);
  while (!arrived && absl::Now() < deadline) {
    snapshots = NetzctlJson<v1::GetOfficeSnapshotsResponse>(
        {"--target", aggregator, "district", "statistics", "--year", year});
    for (const auto& o : snapshots.snapshots()) {
      arrived = arrived || (o.office_id() == "lippstadt" && o.snapshot().members().active() == 1);
    }
    if (!arrived) absl::SleepFor(absl::Milliseconds(200));
  }
  EXPECT_TRUE(arrived) << snapshots.DebugString();

  CommandResult table = Netzctl({"--target", aggregator, "district", "statistics", "--year", year});
  ASSERT_EQ(table.exit_code, 0) << table.output;
  EXPECT_NE(table.output.find("Statistik der Jugendämter – " + year), std::string::npos)
      << table.output;
  EXPECT_NE(table.output.find("lippstadt"), std::string::npos) << table.output;
  EXPECT_EQ(table.output.find("Engel"), std::string::npos);

  CommandResult bad = Netzctl({"--target", lippstadt, "statistics", "show", "--quarter", "5"});
  EXPECT_EQ(bad.exit_code, 2) << bad.output;
  EXPECT_NE(bad.output.find("--quarter: 1 to 4"), std::string::npos) << bad.output;
}

}  // namespace
}  // namespace schutznetz::testing
