// No personal data where it does not belong: after the demo district has run — every office's
// members, meetings, trainings and case conferences loaded, statistics sent, agreements ratified —
// and one member with consent has registered for another office's conference day, the
// aggregator's database holds no member's name (the registration's data was dropped from its log
// once the organiser's decision showed it delivered), the organiser holds that one person's, and
// no service's log holds any member's name, e-mail address or phone number.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "schutznetz/v1/event_service.grpc.pb.h"
#include "schutznetz/v1/member_service.grpc.pb.h"
#include "schutznetz/v1/registration_service.grpc.pb.h"
#include "tests/e2e/e2e_support.h"
#include "tests/support/demo.h"
#include "yaml-cpp/yaml.h"

namespace schutznetz::testing {
namespace {

struct Person {
  std::string office;
  std::string last_name;
  std::vector<std::string> traces;  // how the person could appear: names, e-mail, phone
};

// Every member of every office's demo file.
std::vector<Person> DemoPeople() {
  std::vector<Person> people;
  for (const auto& entry :
       std::filesystem::directory_iterator(SCHUTZNETZ_SOURCE_DIR "/tenants/kreis-soest/demo")) {
    std::string office = entry.path().stem().string();
    if (office == "district") continue;
    YAML::Node file = YAML::LoadFile(entry.path().string());
    for (const YAML::Node& m : file["members"]) {
      std::string first = m["first_name"].as<std::string>();
      std::string last = m["last_name"].as<std::string>();
      Person p{office, last, {first + " " + last, last + ", " + first}};
      if (m["email"]) p.traces.push_back(m["email"].as<std::string>());
      if (m["phone"]) p.traces.push_back(m["phone"].as<std::string>());
      people.push_back(std::move(p));
    }
  }
  return people;
}

TEST(PiiScanTest, AggregatorKeepsNoDeliveredPersonalDataAndNoLogHoldsAny) {
  auto district = StartKreisSoest();
  ASSERT_NE(district, nullptr);
  ASSERT_TRUE(LoadDemo(*district, SCHUTZNETZ_SOURCE_DIR "/tenants/kreis-soest").ok());

  // Paula Peters of Lippstadt (consent to share recorded) registers for the Kreisjugendamt's
  // conference day of 22.04.2027, which Lippstadt mirrors.
  auto lippstadt = district->ChannelTo(district->office("lippstadt"));
  auto members = v1::MemberService::NewStub(lippstadt);
  auto events = v1::EventService::NewStub(lippstadt);
  auto registrations = v1::RegistrationService::NewStub(lippstadt);
  v1::ListMembersRequest find_member;
  find_member.set_name_contains("Peters");
  auto found = CallOk<v1::ListMembersResponse>([&](auto* ctx, auto* resp) {
    return members->ListMembers(ctx, find_member, resp);
  });
  ASSERT_EQ(found.members_size(), 1);
  v1::ListEventsRequest find_event;
  find_event.set_organiser_office("kreis-soest");
  find_event.set_kind(v1::EVENT_KIND_CONFERENCE_DAY);
  find_event.set_page_size(500);
  std::string fachtag;
  for (absl::Time deadline = absl::Now() + absl::Seconds(60);
       fachtag.empty() && absl::Now() < deadline; absl::SleepFor(absl::Milliseconds(200))) {
    auto listed = CallOk<v1::ListEventsResponse>([&](auto* ctx, auto* resp) {
      return events->ListEvents(ctx, find_event, resp);
    });
    for (const v1::Event& e : listed.events()) {
      if (e.title() == "Fachtag Kinderschutz im Kreis Soest 2027") fachtag = e.id();
    }
  }
  ASSERT_FALSE(fachtag.empty()) << "the conference day never reached Lippstadt";
  v1::RegisterMemberRequest reg;
  reg.set_event_id(fachtag);
  reg.set_member_id(found.members(0).id());
  auto registered = CallOk<v1::RegisterMemberResponse>([&](auto* ctx, auto* resp) {
    return registrations->RegisterMember(ctx, reg, resp);
  });
  // Wait until the organiser decided: the registration crossed the aggregator both ways.
  v1::ListRegistrationsRequest list;
  list.set_event_id(fachtag);
  bool decided = false;
  for (absl::Time deadline = absl::Now() + absl::Seconds(60);
       !decided && absl::Now() < deadline; absl::SleepFor(absl::Milliseconds(200))) {
    auto listed = CallOk<v1::ListRegistrationsResponse>([&](auto* ctx, auto* resp) {
      return registrations->ListRegistrations(ctx, list, resp);
    });
    for (const v1::Registration& r : listed.registrations()) {
      decided |= r.id() == registered.registration().id() &&
                 r.state() == v1::REGISTRATION_STATE_REGISTERED;
    }
  }
  ASSERT_TRUE(decided) << "the organiser's decision never came back";

  std::string aggregator_db = DumpDatabase(district->cluster().Dsn(district->aggregator().database));
  std::string organiser_db =
      DumpDatabase(district->cluster().Dsn(district->office("kreis-soest").database));
  std::vector<std::string> logs = {ReadFile(district->aggregator().log_file)};
  for (const std::string& id : district->office_ids()) {
    logs.push_back(ReadFile(district->office(id).log_file));
  }
  std::vector<Person> people = DemoPeople();
  ASSERT_GT(people.size(), 30u);
  for (const Person& p : people) {
    bool consented = p.office == "lippstadt" && p.last_name == "Peters";
    for (const std::string& trace : p.traces) {
      EXPECT_EQ(aggregator_db.find(trace), std::string::npos)
          << p.office << ": \"" << trace << "\" in the aggregator's database";
      if (consented && trace == "Peters, Paula") {
        // The scan finds what is there: the registration shared with consent, at the organiser.
        EXPECT_NE(organiser_db.find(trace), std::string::npos);
      }
      for (size_t i = 0; i < logs.size(); ++i) {
        EXPECT_EQ(logs[i].find(trace), std::string::npos)
            << p.office << ": \"" << trace << "\" in log " << i;
      }
    }
  }
}

}  // namespace
}  // namespace schutznetz::testing
