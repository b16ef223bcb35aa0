// How a public event becomes a VEVENT of the public calendar, and how the calendar is named.
#include "libs/api/public_calendar.h"

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "libs/api/public_profile.h"

namespace schutznetz::api {
namespace {

domain::Event PublicTalk() {
  domain::Event e;
  e.id = domain::EventId("0f8fad5b-d9cb-469f-a165-70867728950e");
  e.kind = domain::EventKind::kTalk;
  e.title = "Digitale Kindeswohlgefährdung";
  e.topic = "Cybergrooming";
  e.description = "Vortrag mit Diskussion";
  e.start_time = absl::FromCivil(absl::CivilMinute(2025, 11, 27, 18, 0), absl::UTCTimeZone());
  e.end_time = e.start_time + absl::Hours(2);
  e.place = "Stadthaus";
  e.online_link = "https://example.org/live";
  e.organiser_office = "lippstadt";
  e.scope = domain::EventScope::kPublic;
  e.sync_version = 1764250000123456;  // 27.11.2025, in microseconds
  e.minutes = "geheimes Protokoll";
  e.agenda = {{1, "Begrüßung", "Erika Referentin", 10}};
  e.registered_count = 17;
  return e;
}

const std::map<std::string, std::string> kOffices = {
    {"lippstadt", "Jugendamt der Stadt Lippstadt"}};

TEST(PublicCalendarTest, UidNamesEventAndOrganiser) {
  EXPECT_EQ(PublicEventUid(PublicTalk()),
            "0f8fad5b-d9cb-469f-a165-70867728950e@lippstadt.schutznetz");
  domain::Event mirrored = PublicTalk();
  mirrored.mirrored = true;  // as another office or the district sees it
  EXPECT_EQ(PublicVEvent(mirrored, {}).uid, PublicVEvent(PublicTalk(), kOffices).uid);
}

TEST(PublicCalendarTest, SequenceGrowsWithTheVersionAndFitsInt32) {
  EXPECT_EQ(SequenceOfVersion(0), 0);
  EXPECT_EQ(SequenceOfVersion(1577836800000000), 0);
  EXPECT_EQ(SequenceOfVersion(1577836801000000), 1);
  EXPECT_LT(SequenceOfVersion(1764250000123456), SequenceOfVersion(1764250002000000));
  EXPECT_EQ(SequenceOfVersion(INT64_MAX), INT32_MAX);
}

TEST(PublicCalendarTest, VEventShowsWhatAPosterShows) {
  ical::VEvent v = PublicVEvent(PublicTalk(), kOffices);
  EXPECT_EQ(v.summary, "Digitale Kindeswohlgefährdung");
  EXPECT_EQ(v.location, "Stadthaus");
  EXPECT_EQ(v.url, "https://example.org/live");
  EXPECT_EQ(v.status, ical::EventStatus::kConfirmed);
  EXPECT_EQ(v.categories, std::vector<std::string>{"Fachvortrag"});
  EXPECT_EQ(v.sequence, SequenceOfVersion(1764250000123456));
  EXPECT_EQ(v.description,
            "Vortrag mit Diskussion\n\nThema: Cybergrooming\nArt: Fachvortrag\n"
            "Veranstalter: Jugendamt der Stadt Lippstadt\nOnline: https://example.org/live");
}

TEST(PublicCalendarTest, NoMinutesAgendaOrCountsInTheFeed) {
  // A fixed stamp time: the registration count 17 must not be mistaken in a DTSTAMP of now.
  const absl::Time stamp = absl::FromCivil(absl::CivilSecond(2025, 2, 3, 10, 0, 0),
                                           absl::UTCTimeZone());
  std::string text = RenderPublicCalendar("Test", {PublicTalk()}, kOffices, stamp);
  EXPECT_FALSE(absl::StrContains(text, "Protokoll"));
  EXPECT_FALSE(absl::StrContains(text, "Erika"));
  EXPECT_FALSE(absl::StrContains(text, "Begrüßung"));
  EXPECT_FALSE(absl::StrContains(text, "17"));
  EXPECT_FALSE(absl::StrContains(text, "ATTENDEE"));
}

TEST(PublicCalendarTest, CancelledEventIsMarkedInStatusTitleAndText) {
  domain::Event e = PublicTalk();
  e.state = domain::EventState::kCancelled;
  ical::VEvent v = PublicVEvent(e, kOffices);
  EXPECT_EQ(v.status, ical::EventStatus::kCancelled);
  EXPECT_EQ(v.summary, "Abgesagt: Digitale Kindeswohlgefährdung");
  EXPECT_TRUE(absl::StartsWith(v.description, "Die Veranstaltung ist abgesagt."));
}

TEST(PublicCalendarTest, HeldEventIsConfirmed) {
  domain::Event e = PublicTalk();
  e.state = domain::EventState::kHeld;
  EXPECT_EQ(PublicVEvent(e, kOffices).status, ical::EventStatus::kConfirmed);
}

TEST(PublicCalendarTest, UnknownOrganiserIsNamedByItsId) {
  EXPECT_TRUE(
      absl::StrContains(PublicVEvent(PublicTalk(), {}).description, "Veranstalter: lippstadt"));
}

TEST(PublicProfileTest, NetworkIsNamedAfterTheTownTheOfficeOrTheDistrict) {
  config::OfficeConfig office;
  office.id = "lippstadt";
  office.name = "Jugendamt der Stadt Lippstadt";
  office.kind = config::OfficeKind::kCityOffice;
  office.municipalities = {"Lippstadt"};
  EXPECT_EQ(OfficePublicProfile(office).calendar_name,
            "Öffentliche Termine – Netzwerk Kinderschutz Lippstadt");
  office.id = "kreis-soest";
  office.name = "Kreisjugendamt Soest";
  office.kind = config::OfficeKind::kDistrictOffice;
  office.municipalities = {"Anröchte", "Ense"};
  EXPECT_EQ(OfficePublicProfile(office).network_name, "Netzwerk Kinderschutz Kreisjugendamt Soest");
  config::DistrictConfig district;
  district.id = "kreis-soest";
  district.name = "Kreis Soest";
  district.offices = {{"lippstadt", "Jugendamt der Stadt Lippstadt"}};
  PublicProfile p = DistrictPublicProfile(district);
  EXPECT_EQ(p.calendar_name, "Öffentliche Termine – Netzwerk Kinderschutz Kreis Soest");
  EXPECT_EQ(p.office_names.at("lippstadt"), "Jugendamt der Stadt Lippstadt");
}

}  // namespace
}  // namespace schutznetz::api
