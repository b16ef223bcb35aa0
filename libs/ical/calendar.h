// An iCalendar (RFC 5545) feed of events, rendered as a VCALENDAR for publishing
// (METHOD:PUBLISH): what calendar programs subscribe to.
//
// Times are absolute instants. They are written as local time in Europe/Berlin with
// TZID=Europe/Berlin and the calendar carries the matching VTIMEZONE (EU rules: summer time from
// the last Sunday of March, 02:00, to the last Sunday of October, 03:00). A local time that occurs
// twice (the hour repeated when clocks go back) would be ambiguous; such an instant is written in
// UTC ("…Z") instead, so every reader gets the same instant.
//
// The output is UTF-8 with CRLF line endings and lines folded at 75 octets; TEXT values are
// escaped. The renderer adds nothing the caller did not put into a VEvent.
//
//   ical::VCalendar cal{.prodid = "-//Schutznetz//Schutznetz//DE",
//                       .name = "Öffentliche Termine – Netzwerk Kinderschutz Lippstadt"};
//   cal.events.push_back({.uid = "…@lippstadt.schutznetz", .start = s, .end = e, .summary = "…"});
//   std::string text = ical::Render(cal, absl::Now());
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace schutznetz::ical {

inline constexpr char kTimeZoneId[] = "Europe/Berlin";

enum class EventStatus { kConfirmed, kTentative, kCancelled };

struct VEvent {
  std::string uid;       // globally unique and stable: the same event has the same UID everywhere
  int32_t sequence = 0;  // revision; larger means newer (RFC 5545 §3.8.7.4)
  absl::Time start;
  absl::Time end;
  std::string summary;
  std::string description;              // empty: no DESCRIPTION
  std::string location;                 // empty: no LOCATION
  std::string url;                      // an absolute http(s) URI; empty: no URL
  std::vector<std::string> categories;  // CATEGORIES, e.g. {"Vortrag"}
  EventStatus status = EventStatus::kConfirmed;
};

struct VCalendar {
  std::string prodid;       // PRODID, e.g. "-//Schutznetz//Schutznetz 0.1//DE"
  std::string name;         // X-WR-CALNAME, the name calendar programs show
  std::string description;  // X-WR-CALDESC; empty: none
  std::vector<VEvent> events;
};

// The VCALENDAR text; `stamp` is the DTSTAMP of every event (when the feed was made).
std::string Render(const VCalendar& calendar, absl::Time stamp);

// The VTIMEZONE component of Europe/Berlin (CRLF line endings).
const std::string& BerlinVTimeZone();

// A DATE-TIME property for `t`: "DTSTART;TZID=Europe/Berlin:20260329T013000" in local time, or
// "DTSTART:20261025T013000Z" when the local time is ambiguous. `name` is e.g. "DTSTART".
std::string DateTimeProperty(const std::string& name, absl::Time t);

}  // namespace schutznetz::ical
