#include "libs/ical/calendar.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libs/common/time.h"
#include "libs/ical/content_line.h"

namespace schutznetz::ical {
namespace {

std::string Line(const std::string& name, const std::string& value) {
  return FoldLine(name + ":" + value);
}

std::string TextLine(const std::string& name, const std::string& text) {
  return Line(name, EscapeText(text));
}

std::string UtcStamp(absl::Time t) {
  return absl::FormatTime("%Y%m%dT%H%M%SZ", t, absl::UTCTimeZone());
}

// A URI value: no escaping in iCalendar, but nothing that could break the content line.
std::string UriValue(const std::string& uri) {
  std::string out;
  for (char c : uri) {
    if (static_cast<unsigned char>(c) > 0x20 && c != 0x7F) out.push_back(c);
  }
  return out;
}

const char* StatusValue(EventStatus s) {
  switch (s) {
    case EventStatus::kCancelled:
      return "CANCELLED";
    case EventStatus::kTentative:
      return "TENTATIVE";
    case EventStatus::kConfirmed:
      break;
  }
  return "CONFIRMED";
}

void AppendEvent(const VEvent& e, const std::string& stamp, std::string& out) {
  out += "BEGIN:VEVENT\r\n";
  out += TextLine("UID", e.uid);
  out += Line("DTSTAMP", stamp);
  out += FoldLine(DateTimeProperty("DTSTART", e.start));
  out += FoldLine(DateTimeProperty("DTEND", e.end));
  out += Line("SEQUENCE", std::to_string(e.sequence < 0 ? 0 : e.sequence));
  out += TextLine("SUMMARY", e.summary);
  if (!e.description.empty()) out += TextLine("DESCRIPTION", e.description);
  if (!e.location.empty()) out += TextLine("LOCATION", e.location);
  if (std::string url = UriValue(e.url); !url.empty()) out += Line("URL", url);
  if (!e.categories.empty()) {
    std::vector<std::string> escaped;
    for (const std::string& c : e.categories) escaped.push_back(EscapeText(c));
    out += Line("CATEGORIES", absl::StrJoin(escaped, ","));
  }
  out += Line("STATUS", StatusValue(e.status));
  out += "CLASS:PUBLIC\r\n";
  out += "TRANSP:OPAQUE\r\n";
  out += "END:VEVENT\r\n";
}

}  // namespace

const std::string& BerlinVTimeZone() {
  // The EU rules since 1996; 1970 as the customary first onset (both dates were last Sundays).
  static const std::string* text = new std::string(
      "BEGIN:VTIMEZONE\r\n"
      "TZID:Europe/Berlin\r\n"
      "X-LIC-LOCATION:Europe/Berlin\r\n"
      "BEGIN:DAYLIGHT\r\n"
      "TZOFFSETFROM:+0100\r\n"
      "TZOFFSETTO:+0200\r\n"
      "TZNAME:CEST\r\n"
      "DTSTART:19700329T020000\r\n"
      "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
      "END:DAYLIGHT\r\n"
      "BEGIN:STANDARD\r\n"
      "TZOFFSETFROM:+0200\r\n"
      "TZOFFSETTO:+0100\r\n"
      "TZNAME:CET\r\n"
      "DTSTART:19701025T030000\r\n"
      "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
      "END:STANDARD\r\n"
      "END:VTIMEZONE\r\n");
  return *text;
}

std::string DateTimeProperty(const std::string& name, absl::Time t) {
  const absl::TimeZone& zone = BerlinZone();
  absl::CivilSecond local = absl::ToCivilSecond(t, zone);
  if (zone.At(local).kind == absl::TimeZone::TimeInfo::REPEATED) {
    return absl::StrCat(name, ":", UtcStamp(t));
  }
  return absl::StrCat(name, ";TZID=", kTimeZoneId, ":", absl::FormatTime("%Y%m%dT%H%M%S", t, zone));
}

std::string Render(const VCalendar& calendar, absl::Time stamp) {
  std::string out;
  std::string dtstamp = UtcStamp(stamp);
  out += "BEGIN:VCALENDAR\r\n";
  out += "VERSION:2.0\r\n";
  out += TextLine("PRODID", calendar.prodid);
  out += "CALSCALE:GREGORIAN\r\n";
  out += "METHOD:PUBLISH\r\n";
  out += TextLine("X-WR-CALNAME", calendar.name);
  if (!calendar.description.empty()) out += TextLine("X-WR-CALDESC", calendar.description);
  out += Line("X-WR-TIMEZONE", kTimeZoneId);
  out += BerlinVTimeZone();
  for (const VEvent& e : calendar.events) AppendEvent(e, dtstamp, out);
  out += "END:VCALENDAR\r\n";
  return out;
}

}  // namespace schutznetz::ical
