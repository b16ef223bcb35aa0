// Validation of iCalendar output with a real parser: tests/support/ics_summary.py run by Debian's
// /usr/bin/python3 with python3-icalendar (scripts/install-deps), which also checks CRLF line
// endings, 75-octet lines and unsplit UTF-8.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace schutznetz::testing {

// One VEVENT as the parser read it; times in UTC, "2026-03-29T00:30:00Z".
struct ParsedEvent {
  std::string uid, status, start_utc, end_utc, sequence, summary, location, url, description;
};

struct ParsedCalendar {
  std::string version, prodid, calscale, method, name, time_zones;
  std::vector<ParsedEvent> events;
  // The event with `uid`, or nullptr.
  const ParsedEvent* Find(const std::string& uid) const;
};

// Parses `ics`; an error carries the parser's complaint.
absl::StatusOr<ParsedCalendar> ParseWithPythonIcalendar(const std::string& ics);

}  // namespace schutznetz::testing
