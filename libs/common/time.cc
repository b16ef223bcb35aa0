#include "libs/common/time.h"

#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "libs/common/errors.h"
#include "libs/common/log.h"

namespace schutznetz {
namespace {

absl::Status BadDateTime(std::string_view field) {
  return FieldError(field,
                    "expected a date and time like 03.04.2025 09:00 or 2025-04-03 09:00 "
                    "(Europe/Berlin)",
                    "erwartet Datum und Uhrzeit wie 03.04.2025 09:00 oder 2025-04-03 09:00");
}

bool ParseCivil(const std::string& s, const char* format, absl::CivilSecond* out) {
  absl::Time t;
  std::string err;
  // Parsing in UTC yields the civil fields unchanged; the zone is applied afterwards.
  if (!absl::ParseTime(format, s, absl::UTCTimeZone(), &t, &err)) return false;
  *out = absl::ToCivilSecond(t, absl::UTCTimeZone());
  return true;
}

}  // namespace

const absl::TimeZone& BerlinZone() {
  static const absl::TimeZone* zone = [] {
    auto* tz = new absl::TimeZone();
    if (!absl::LoadTimeZone("Europe/Berlin", tz)) {
      log::Error("fatal: time zone Europe/Berlin not found; install the Debian package tzdata");
      std::abort();
    }
    return tz;
  }();
  return *zone;
}

absl::StatusOr<absl::Time> ParseLocalDateTime(std::string_view text, std::string_view field) {
  std::string s(text);
  if (s.empty()) return BadDateTime(field);
  // Absolute forms first: RFC 3339 with an explicit offset or Z.
  absl::Time absolute;
  std::string err;
  if (absl::ParseTime(absl::RFC3339_full, s, &absolute, &err)) {
    bool has_zone = s.back() == 'Z' || s.back() == 'z' ||
                    (s.size() > 6 && (s[s.size() - 6] == '+' || s[s.size() - 6] == '-'));
    if (has_zone) return absolute;
  }
  static const char* kFormats[] = {"%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%Y-%m-%d %H:%M:%S",
                                   "%Y-%m-%d %H:%M",    "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M"};
  absl::CivilSecond civil;
  bool parsed = false;
  for (const char* f : kFormats) {
    if (ParseCivil(s, f, &civil)) {
      parsed = true;
      break;
    }
  }
  if (!parsed) return BadDateTime(field);
  absl::TimeZone::TimeInfo info = BerlinZone().At(civil);
  if (info.kind == absl::TimeZone::TimeInfo::SKIPPED) {
    return FieldError(field,
                      absl::StrCat(s, " does not exist in Europe/Berlin (clocks go forward)"),
                      absl::StrCat(s, " gibt es in Europe/Berlin nicht (Zeitumstellung)"));
  }
  return info.pre;  // UNIQUE: pre == post; REPEATED: the first occurrence (summer time).
}

absl::StatusOr<absl::CivilDay> ParseDate(std::string_view text, std::string_view field) {
  std::string s(text);
  absl::CivilSecond civil;
  if (ParseCivil(s, "%d.%m.%Y", &civil) || ParseCivil(s, "%Y-%m-%d", &civil)) {
    return absl::CivilDay(civil);
  }
  return FieldError(field, "expected a date like 03.04.2025 or 2025-04-03",
                    "erwartet ein Datum wie 03.04.2025 oder 2025-04-03");
}

std::string FormatLocalDateTime(absl::Time t) {
  return absl::FormatTime("%d.%m.%Y %H:%M", t, BerlinZone());
}

std::string FormatLocalDate(absl::Time t) { return absl::FormatTime("%d.%m.%Y", t, BerlinZone()); }

std::string FormatDate(absl::CivilDay day) {
  return absl::StrFormat("%02d.%02d.%04d", day.day(), day.month(), day.year());
}

std::string FormatIsoDate(absl::CivilDay day) { return absl::FormatCivilTime(day); }

absl::CivilDay IsoDateOf(const std::string& text) {
  absl::CivilDay day;
  if (!absl::ParseCivilTime(text, &day)) return absl::CivilDay();
  return day;
}

std::string FormatRfc3339Local(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%S%Ez", t, BerlinZone());
}

absl::CivilDay LocalDay(absl::Time t) { return absl::ToCivilDay(t, BerlinZone()); }

absl::Time StartOfLocalDay(absl::CivilDay day) { return absl::FromCivil(day, BerlinZone()); }

}  // namespace schutznetz
