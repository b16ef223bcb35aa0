// The district's view of the sync, end to end: the aggregator reports every office as connected;
// an office that is down shows as not connected with the district events it has yet to receive,
// and catches up when it is back.
#include <gtest/gtest.h>

#include <csignal>
#include <functional>

#include "absl/time/clock.h"
#include "schutznetz/v1/district_sync_service.pb.h"
#include "tests/e2e/e2e_support.h"

namespace schutznetz::testing {
namespace {

v1::OfficeSyncStatus StatusOf(const std::string& aggregator, const std::string& office) {
  auto resp = NetzctlJson<v1::ListOfficeSyncStatusResponse>(
      {"--target", aggregator, "district", "sync", "status"});
  for (const v1::OfficeSyncStatus& o : resp.offices()) {
    if (o.office_id() == office) return o;
  }
  ADD_FAILURE() << office << " missing in " << resp.DebugString();
  return {};
}

// Polls until `done` holds for the office's status; returns the last status.
v1::OfficeSyncStatus WaitFor(const std::string& aggregator, const std::string& office,
                             const std::function<bool(const v1::OfficeSyncStatus&)>& done) {
  v1::OfficeSyncStatus status;
  absl::Time deadline = absl::Now() + absl::Seconds(30);
  while (absl::Now() < deadline) {
    status = StatusOf(aggregator, office);
    if (done(status)) return status;
    absl::SleepFor(absl::Milliseconds(200));
  }
  ADD_FAILURE() << "timed out: " << status.DebugString();
  return status;
}

TEST(DistrictSyncStatusTest, OfflineOfficeShowsWhatItHasYetToReceiveAndCatchesUp) {
  auto district = StartKreisSoest();
  ASSERT_NE(district, nullptr);
  std::string aggregator = district->aggregator().address;

  for (const std::string& office : district->office_ids()) {
    v1::OfficeSyncStatus s = WaitFor(aggregator, office, [](const v1::OfficeSyncStatus& o) {
      return o.subscribed() && o.has_last_delivery_time();
    });
    EXPECT_GE(s.seconds_since_contact(), 0);
    EXPECT_EQ(s.pending_delivery(), 0);
  }

  DistrictService& warstein = district->office("warstein");
  ASSERT_TRUE(district->StopService(warstein, SIGKILL).ok());
  WaitFor(aggregator, "warstein", [](const v1::OfficeSyncStatus& o) { return !o.subscribed(); });

  for (const char* title : {"Fachtag Kinderschutz", "Fachvortrag Frühe Hilfen"}) {
    CommandResult created =
        Netzctl({"--target", district->office("kreis-soest").address, "events", "create",
                 "--kind", "conference_day", "--title", title, "--start", "03.06.2030 09:00",
                 "--end", "03.06.2030 16:00", "--scope", "district", "--capacity", "80"});
    ASSERT_EQ(created.exit_code, 0) << created.output;
  }
  WaitFor(aggregator, "warstein",
          [](const v1::OfficeSyncStatus& o) { return o.pending_delivery() == 2; });
  CommandResult table = Netzctl({"--target", aggregator, "district", "sync", "status"});
  ASSERT_EQ(table.exit_code, 0) << table.output;
  EXPECT_NE(table.output.find("noch zuzustellen"), std::string::npos) << table.output;

  ASSERT_TRUE(district->StartService(warstein).ok());
  WaitFor(aggregator, "warstein", [](const v1::OfficeSyncStatus& o) {
    return o.subscribed() && o.pending_delivery() == 0;
  });
  CommandResult calendar = Netzctl({"--target", warstein.address, "events", "list",
                                    "--organiser", "kreis-soest", "--from", "01.06.2030"});
  EXPECT_NE(calendar.output.find("Fachtag Kinderschutz"), std::string::npos) << calendar.output;
  EXPECT_NE(calendar.output.find("Fachvortrag Frühe Hilfen"), std::string::npos);
}

}  // namespace
}  // namespace schutznetz::testing
