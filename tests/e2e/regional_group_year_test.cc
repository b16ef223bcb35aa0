// A year of the Soest regional group, run by a coordinator with netzctl alone against the real
// tenant service: members join, meetings with agenda and minutes take place, a training fills up
// with a waitlist, and every change is in the audit log.
#include <gtest/gtest.h>

#include "schutznetz/v1/event_service.pb.h"
#include "schutznetz/v1/member_service.pb.h"
#include "schutznetz/v1/organisation_service.pb.h"
#include "schutznetz/v1/registration_service.pb.h"
#include "tests/e2e/e2e_support.h"

namespace schutznetz::testing {
namespace {

class RegionalGroupYearTest : public ::testing::Test {
 protected:
  void SetUp() override {
    district_ = StartKreisSoest();
    ASSERT_NE(district_, nullptr);
    target_ = district_->office("soest").address;
  }
  // netzctl against the Soest office.
  CommandResult Run(std::vector<std::string> args) {
    args.insert(args.begin(), {"--target", target_});
    return Netzctl(args);
  }
  template <typename M>
  M Json(std::vector<std::string> args) {
    args.insert(args.begin(), {"--target", target_});
    return NetzctlJson<M>(args);
  }
  std::string Organisation(const std::string& name, const std::string& sector,
                           const std::string& category) {
    return Json<v1::Organisation>({"organisations", "create", "--name", name, "--sector", sector,
                                   "--category", category, "--municipality", "Soest"})
        .id();
  }
  std::string Member(const std::string& org, const std::string& first, const std::string& last,
                     bool approve) {
    std::vector<std::string> args = {"members", "create", "--organisation", org, "--first-name",
                                     first, "--last-name", last, "--role", "Fachkraft"};
    if (approve) args.push_back("--approve");
    return Json<v1::Member>(args).id();
  }

  std::unique_ptr<LocalDistrict> district_;
  std::string target_;
};

TEST_F(RegionalGroupYearTest, CoordinatorRunsTheYearWithNetzctl) {
  // Organisations and members: two join directly, one asks and is approved, one is declined.
  std::string kita = Organisation("Städtische Kita Regenbogen", "child_youth_welfare", "provider_8a");
  std::string schule = Organisation("Realschule am Schloss", "school", "school");
  std::string praxis = Organisation("Kinderarztpraxis", "health", "secrecy_holder");
  std::string arndt = Member(kita, "Alina", "Arndt", true);
  std::string engel = Member(schule, "Emma", "Engel", true);
  std::string franke = Member(praxis, "Felix", "Franke", false);
  std::string spaeter = Member(schule, "Samuel", "Später", false);
  EXPECT_EQ(Run({"members", "approve", franke}).exit_code, 0);
  CommandResult declined =
      Run({"members", "decline", spaeter, "--reason", "Nicht im Einzugsgebiet"});
  EXPECT_EQ(declined.exit_code, 0) << declined.output;
  EXPECT_NE(declined.output.find("abgelehnt"), std::string::npos);
  CommandResult pending = Run({"members", "list", "--state", "requested"});
  EXPECT_NE(pending.output.find("0 von 0 Mitgliedern"), std::string::npos) << pending.output;

  // Three regional group meetings, every four months, created as one series.
  auto series = Json<v1::CreateEventSeriesResponse>(
      {"events", "create", "--kind", "network_meeting", "--title", "Regionalgruppe Soest",
       "--start", "29.01.2025 13:30", "--end", "29.01.2025 15:30", "--place", "Rathaus Soest",
       "--every-months", "4", "--count", "3"});
  ASSERT_EQ(series.events_size(), 3);
  std::string meeting = series.events(0).id();
  EXPECT_EQ(Run({"events", "agenda", meeting, "--items",
                 "Begrüßung|Koordination|10;Bericht aus der Kita|Kita Regenbogen|30;Verschiedenes"})
                .exit_code,
            0);
  EXPECT_EQ(Run({"events", "held", meeting}).exit_code, 0);
  EXPECT_EQ(Run({"registrations", "attendance", meeting, "--present",
                 arndt + "," + engel + "," + franke})
                .exit_code,
            0);
  CommandResult minutes = Run({"events", "minutes", meeting, "--text",
                               "TOP 1 Begrüßung. TOP 2 Bericht. TOP 3 Keine Wortmeldungen.",
                               "--approve"});
  EXPECT_EQ(minutes.exit_code, 0) << minutes.output;
  CommandResult shown = Run({"events", "get", meeting});
  EXPECT_NE(shown.output.find("Protokoll (genehmigt)"), std::string::npos) << shown.output;
  EXPECT_NE(shown.output.find("Bericht aus der Kita"), std::string::npos);
  EXPECT_NE(shown.output.find("Teilgenommen  3"), std::string::npos) << shown.output;

  // A training next year with two seats fills up; a cancellation moves the waitlist up.
  auto training = Json<v1::Event>({"events", "create", "--kind", "training", "--title",
                                   "Gewichtige Anhaltspunkte erkennen", "--start",
                                   "10.02.2027 09:00", "--end", "10.02.2027 16:00",
                                   "--capacity", "2"});
  auto first = Json<v1::Registration>({"registrations", "register", training.id(), arndt});
  Json<v1::Registration>({"registrations", "register", training.id(), engel});
  auto third = Json<v1::Registration>({"registrations", "register", training.id(), franke});
  EXPECT_EQ(third.state(), v1::REGISTRATION_STATE_WAITLISTED);
  EXPECT_EQ(third.waitlist_position(), 1);
  CommandResult cancelled = Run({"registrations", "cancel", first.id()});
  EXPECT_NE(cancelled.output.find("nachgerückt: Franke, Felix"), std::string::npos)
      << cancelled.output;

  // Every change is in the audit log, without names.
  CommandResult audit = Run({"audit", "list", "--page-size", "500"});
  EXPECT_NE(audit.output.find("MemberService/DeclineMembership"), std::string::npos);
  EXPECT_NE(audit.output.find("RegistrationService/CancelRegistration"), std::string::npos);
  EXPECT_EQ(audit.output.find("Franke"), std::string::npos);
  EXPECT_EQ(audit.output.find("Einzugsgebiet"), std::string::npos);
}

}  // namespace
}  // namespace schutznetz::testing
