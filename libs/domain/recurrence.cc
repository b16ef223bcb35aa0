#include "libs/domain/recurrence.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"
#include "libs/common/time.h"

namespace schutznetz::domain {
namespace {

int DaysInMonth(int year, int month) {
  absl::CivilMonth m(year, month);
  return static_cast<int>(absl::CivilDay(m + 1) - absl::CivilDay(m));
}

}  // namespace

absl::StatusOr<std::vector<Occurrence>> ExpandRecurrence(absl::Time first_start,
                                                         absl::Time first_end,
                                                         const Recurrence& rule) {
  std::vector<Occurrence> out;
  absl::Duration length = first_end - first_start;
  int rules = (rule.interval_months > 0) + (rule.interval_weeks > 0) + !rule.start_times.empty();
  if (rules != 1) {
    return FieldError("recurrence",
                      "give exactly one of interval_months, interval_weeks or start_times",
                      "genau eines von interval_months, interval_weeks oder start_times angeben");
  }
  if (!rule.start_times.empty()) {
    if (rule.count != 0 || rule.has_until) {
      return FieldError("recurrence.count", "is not used with start_times",
                        "wird bei start_times nicht verwendet");
    }
    if (static_cast<int>(rule.start_times.size()) > kMaxSeriesEvents) {
      return FieldError("recurrence.start_times",
                        absl::StrCat("at most ", kMaxSeriesEvents, " dates"),
                        absl::StrCat("höchstens ", kMaxSeriesEvents, " Termine"));
    }
    std::vector<absl::Time> starts = rule.start_times;
    std::sort(starts.begin(), starts.end());
    if (std::adjacent_find(starts.begin(), starts.end()) != starts.end()) {
      return FieldError("recurrence.start_times", "lists a start time twice",
                        "enthält einen Termin doppelt");
    }
    for (absl::Time s : starts) out.push_back({s, s + length});
    return out;
  }
  if (rule.interval_months < 0 || rule.interval_months > 24 || rule.interval_weeks < 0 ||
      rule.interval_weeks > 104) {
    return FieldError("recurrence.interval", "must be 1–24 months or 1–104 weeks",
                      "muss 1–24 Monate oder 1–104 Wochen betragen");
  }
  if ((rule.count > 0) == rule.has_until) {
    return FieldError("recurrence.count", "give exactly one of count or until_date",
                      "genau eines von count oder until_date angeben");
  }
  if (rule.count < 0 || rule.count > kMaxSeriesEvents) {
    return FieldError("recurrence.count", absl::StrCat("must be from 1 to ", kMaxSeriesEvents),
                      absl::StrCat("muss zwischen 1 und ", kMaxSeriesEvents, " liegen"));
  }
  const absl::TimeZone& zone = BerlinZone();
  absl::CivilSecond first = absl::ToCivilSecond(first_start, zone);
  absl::CivilSecond end_local = absl::ToCivilSecond(first_end, zone);
  int64_t local_length = end_local - first;  // wall-clock length in seconds
  for (int n = 0;; ++n) {
    absl::CivilSecond start;
    if (rule.interval_weeks > 0) {
      absl::CivilDay day = absl::CivilDay(first) + static_cast<int64_t>(n) * 7 * rule.interval_weeks;
      start = absl::CivilSecond(day.year(), day.month(), day.day(), first.hour(), first.minute(),
                                first.second());
    } else {
      absl::CivilMonth month = absl::CivilMonth(first) + static_cast<int64_t>(n) * rule.interval_months;
      int day = std::min(first.day(), DaysInMonth(static_cast<int>(month.year()), month.month()));
      start = absl::CivilSecond(month.year(), month.month(), day, first.hour(), first.minute(),
                                first.second());
    }
    if (rule.has_until && absl::CivilDay(start) > rule.until) break;
    if (!rule.has_until && n >= rule.count) break;
    if (static_cast<int>(out.size()) >= kMaxSeriesEvents) {
      return FieldError("recurrence.until_date",
                        absl::StrCat("gives more than ", kMaxSeriesEvents, " events"),
                        absl::StrCat("ergibt mehr als ", kMaxSeriesEvents, " Termine"));
    }
    if (n == 0) {  // the first event exactly as given, also at an ambiguous local time
      out.push_back({first_start, first_end});
      continue;
    }
    // Wall-clock times: a skipped local time (clocks forward) moves to the later offset.
    absl::Time s = zone.At(start).pre;
    absl::Time e = zone.At(start + local_length).pre;
    // An event across a clock change (a night in late October, a start in the skipped hour)
    // can have a wall-clock end not after its start: then it keeps its real length.
    if (e <= s) e = s + length;
    out.push_back({s, e});
  }
  if (out.empty()) {
    return FieldError("recurrence.until_date", "is before the first event",
                      "liegt vor dem ersten Termin");
  }
  return out;
}

}  // namespace schutznetz::domain
