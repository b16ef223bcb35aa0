// The VCALENDAR a feed consists of: its frame, the Europe/Berlin time zone, local times across the
// clock changes, and the properties of an event.
#include "libs/ical/calendar.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "libs/common/time.h"

namespace schutznetz::ical {
namespace {

absl::Time Utc(int y, int mo, int d, int h, int mi) {
  return absl::FromCivil(absl::CivilMinute(y, mo, d, h, mi), absl::UTCTimeZone());
}

// The unfolded content lines of `text`.
std::vector<std::string> ContentLines(const std::string& text) {
  std::vector<std::string> out;
  std::vector<std::string> lines = absl::StrSplit(text, "\r\n", absl::SkipEmpty());
  for (const std::string& line : lines) {
    if (line[0] == ' ' && !out.empty()) {
      out.back() += line.substr(1);
    } else {
      out.push_back(line);
    }
  }
  return out;
}

bool HasLine(const std::string& text, const std::string& line) {
  for (const std::string& l : ContentLines(text)) {
    if (l == line) return true;
  }
  return false;
}

VEvent Talk() {
  VEvent e;
  e.uid = "0f8fad5b-d9cb-469f-a165-70867728950e@lippstadt.schutznetz";
  e.sequence = 7;
  e.start = Utc(2025, 11, 27, 17, 0);
  e.end = Utc(2025, 11, 27, 19, 0);
  e.summary = "Digitale Kindeswohlgefährdung";
  e.description = "Vortrag mit Diskussion.\nFür Eltern, Schulen, Kitas; offen für alle.";
  e.location = "Stadthaus Lippstadt, Raum 1";
  e.url = "https://example.org/vortrag";
  e.categories = {"Vortrag"};
  return e;
}

std::string RenderOne(const VEvent& e) {
  VCalendar cal;
  cal.prodid = "-//Schutznetz//Schutznetz 0.1//DE";
  cal.name = "Öffentliche Termine – Netzwerk Kinderschutz Lippstadt";
  cal.events = {e};
  return Render(cal, Utc(2025, 10, 1, 8, 0));
}

TEST(CalendarTest, FrameHasVersionProdidScaleMethodNameAndTimeZone) {
  std::string text = RenderOne(Talk());
  std::vector<std::string> lines = ContentLines(text);
  ASSERT_GE(lines.size(), 8u);
  EXPECT_EQ(lines[0], "BEGIN:VCALENDAR");
  EXPECT_EQ(lines[1], "VERSION:2.0");
  EXPECT_EQ(lines[2], "PRODID:-//Schutznetz//Schutznetz 0.1//DE");
  EXPECT_EQ(lines[3], "CALSCALE:GREGORIAN");
  EXPECT_EQ(lines[4], "METHOD:PUBLISH");
  EXPECT_EQ(lines[5], "X-WR-CALNAME:Öffentliche Termine – Netzwerk Kinderschutz Lippstadt");
  EXPECT_EQ(lines.back(), "END:VCALENDAR");
  EXPECT_TRUE(absl::StrContains(text, BerlinVTimeZone()));
}

TEST(CalendarTest, EveryLineEndsWithCrlfAndHasAtMost75Octets) {
  VEvent e = Talk();
  e.description = std::string(300, 'x') + " Grüße über Straßen ÄÖÜ äöü ß " + std::string(100, 'y');
  std::string text = RenderOne(e);
  ASSERT_TRUE(absl::EndsWith(text, "\r\n"));
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    std::string line = text.substr(start, end - start);
    EXPECT_LE(line.size(), 75u) << line;
    EXPECT_EQ(line.find('\n'), std::string::npos);
    EXPECT_EQ(line.find('\r'), std::string::npos);
    start = end + 2;
  }
  EXPECT_TRUE(HasLine(text, "DESCRIPTION:" + e.description));
}

TEST(CalendarTest, EventCarriesUidStampTimesSequenceTextsAndStatus) {
  std::string text = RenderOne(Talk());
  EXPECT_TRUE(HasLine(text, "UID:0f8fad5b-d9cb-469f-a165-70867728950e@lippstadt.schutznetz"));
  EXPECT_TRUE(HasLine(text, "DTSTAMP:20251001T080000Z"));
  EXPECT_TRUE(HasLine(text, "DTSTART;TZID=Europe/Berlin:20251127T180000"));
  EXPECT_TRUE(HasLine(text, "DTEND;TZID=Europe/Berlin:20251127T200000"));
  EXPECT_TRUE(HasLine(text, "SEQUENCE:7"));
  EXPECT_TRUE(HasLine(text, "SUMMARY:Digitale Kindeswohlgefährdung"));
  EXPECT_TRUE(HasLine(text,
                      "DESCRIPTION:Vortrag mit Diskussion.\\nFür Eltern\\, Schulen\\, Kitas\\; "
                      "offen für alle."));
  EXPECT_TRUE(HasLine(text, "LOCATION:Stadthaus Lippstadt\\, Raum 1"));
  EXPECT_TRUE(HasLine(text, "URL:https://example.org/vortrag"));
  EXPECT_TRUE(HasLine(text, "CATEGORIES:Vortrag"));
  EXPECT_TRUE(HasLine(text, "STATUS:CONFIRMED"));
}

TEST(CalendarTest, CancelledEventHasStatusCancelled) {
  VEvent e = Talk();
  e.status = EventStatus::kCancelled;
  std::string text = RenderOne(e);
  EXPECT_TRUE(HasLine(text, "STATUS:CANCELLED"));
  EXPECT_FALSE(HasLine(text, "STATUS:CONFIRMED"));
}

TEST(CalendarTest, EmptyOptionalFieldsAreLeftOut) {
  VEvent e = Talk();
  e.description.clear();
  e.location.clear();
  e.url.clear();
  e.categories.clear();
  std::string text = RenderOne(e);
  for (const char* name : {"DESCRIPTION", "LOCATION", "URL", "CATEGORIES"}) {
    EXPECT_FALSE(absl::StrContains(text, std::string("\r\n") + name)) << name;
  }
}

TEST(CalendarTest, UrlCannotBreakTheContentLine) {
  VEvent e = Talk();
  e.url = "https://example.org/a\r\nATTENDEE:x";
  EXPECT_TRUE(HasLine(RenderOne(e), "URL:https://example.org/aATTENDEE:x"));
}

TEST(CalendarTest, LocalTimesAcrossTheSpringClockChange) {
  // 29.03.2026: 02:00 CET becomes 03:00 CEST.
  EXPECT_EQ(DateTimeProperty("DTSTART", Utc(2026, 3, 29, 0, 30)),
            "DTSTART;TZID=Europe/Berlin:20260329T013000");
  EXPECT_EQ(DateTimeProperty("DTEND", Utc(2026, 3, 29, 1, 30)),
            "DTEND;TZID=Europe/Berlin:20260329T033000");
}

TEST(CalendarTest, AmbiguousLocalTimesInTheAutumnAreWrittenInUtc) {
  // 25.10.2026: 03:00 CEST becomes 02:00 CET; 02:00–02:59 happen twice.
  EXPECT_EQ(DateTimeProperty("DTSTART", Utc(2026, 10, 24, 23, 30)),
            "DTSTART;TZID=Europe/Berlin:20261025T013000");
  EXPECT_EQ(DateTimeProperty("DTSTART", Utc(2026, 10, 25, 0, 30)), "DTSTART:20261025T003000Z");
  EXPECT_EQ(DateTimeProperty("DTSTART", Utc(2026, 10, 25, 1, 30)), "DTSTART:20261025T013000Z");
  EXPECT_EQ(DateTimeProperty("DTEND", Utc(2026, 10, 25, 2, 30)),
            "DTEND;TZID=Europe/Berlin:20261025T033000");
}

// The last Sunday of `month` in `year`.
absl::CivilDay LastSunday(int year, int month) {
  absl::CivilDay day = absl::CivilDay(absl::CivilMonth(year, month) + 1) - 1;
  while (absl::GetWeekday(day) != absl::Weekday::sunday) --day;
  return day;
}

TEST(CalendarTest, TimeZoneRulesAgreeWithTzdata) {
  // The VTIMEZONE says: summer time from the last Sunday of March 02:00 local (01:00 UTC) to the
  // last Sunday of October 03:00 local (01:00 UTC). The system's tzdata must say the same.
  ASSERT_TRUE(absl::StrContains(BerlinVTimeZone(), "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"));
  ASSERT_TRUE(absl::StrContains(BerlinVTimeZone(), "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"));
  const absl::TimeZone& zone = BerlinZone();
  for (int year = 1996; year <= 2040; ++year) {
    absl::Time spring =
        absl::FromCivil(absl::CivilSecond(LastSunday(year, 3)) + 3600, absl::UTCTimeZone());
    absl::Time autumn =
        absl::FromCivil(absl::CivilSecond(LastSunday(year, 10)) + 3600, absl::UTCTimeZone());
    EXPECT_EQ(zone.At(spring - absl::Seconds(1)).offset, 3600) << year;
    EXPECT_EQ(zone.At(spring).offset, 7200) << year;
    EXPECT_EQ(zone.At(autumn - absl::Seconds(1)).offset, 7200) << year;
    EXPECT_EQ(zone.At(autumn).offset, 3600) << year;
  }
}

TEST(CalendarTest, EventsAppearInTheGivenOrder) {
  VCalendar cal;
  cal.prodid = "-//Schutznetz//Test//DE";
  cal.name = "Test";
  for (const char* uid : {"b@x.schutznetz", "a@x.schutznetz"}) {
    VEvent e = Talk();
    e.uid = uid;
    cal.events.push_back(e);
  }
  std::string text = Render(cal, Utc(2025, 1, 1, 0, 0));
  EXPECT_LT(text.find("UID:b@x"), text.find("UID:a@x"));
  EXPECT_EQ(ContentLines(text).size(), ContentLines(RenderOne(Talk())).size() + 15);
}

}  // namespace
}  // namespace schutznetz::ical
