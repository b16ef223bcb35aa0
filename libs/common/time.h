// Dates and times as coordinators see them: Europe/Berlin, German notation.
//
// The services store and transmit absolute instants (UTC). People type and read local time in
// Europe/Berlin: "03.04.2025 09:00" or "2025-04-03 09:00". A local time that does not exist
// (the hour skipped when clocks go forward) is an error; a local time that occurs twice (the
// hour repeated when clocks go back) means its first occurrence (summer time).
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace schutznetz {

// The Europe/Berlin zone from the system's tzdata; aborts with a clear message if missing.
const absl::TimeZone& BerlinZone();

// Parses a local Europe/Berlin date-time: "DD.MM.YYYY HH:MM[:SS]", "YYYY-MM-DD HH:MM[:SS]",
// "YYYY-MM-DDTHH:MM[:SS]", or RFC 3339 with offset/Z (then the offset is used). Errors are
// INVALID_ARGUMENT naming `field`.
absl::StatusOr<absl::Time> ParseLocalDateTime(std::string_view text, std::string_view field);

// Parses a date "DD.MM.YYYY" or "YYYY-MM-DD".
absl::StatusOr<absl::CivilDay> ParseDate(std::string_view text, std::string_view field);

// "03.04.2025 09:00" in Europe/Berlin.
std::string FormatLocalDateTime(absl::Time t);
// "03.04.2025" in Europe/Berlin.
std::string FormatLocalDate(absl::Time t);
// "03.04.2025".
std::string FormatDate(absl::CivilDay day);
// "2025-04-03", as PostgreSQL's date type and the API's date fields write a day.
std::string FormatIsoDate(absl::CivilDay day);
// The day of a "2025-04-03" read from the database; 1970-01-01 for anything else.
absl::CivilDay IsoDateOf(const std::string& text);
// "2025-04-03T09:00:00+02:00" in Europe/Berlin.
std::string FormatRfc3339Local(absl::Time t);

// The civil day of `t` in Europe/Berlin.
absl::CivilDay LocalDay(absl::Time t);
// Midnight at the start of `day` in Europe/Berlin.
absl::Time StartOfLocalDay(absl::CivilDay day);

}  // namespace schutznetz
