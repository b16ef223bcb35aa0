#include "libs/domain/statistics.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"
#include "libs/common/time.h"

namespace schutznetz::domain {

absl::Status ValidatePeriod(const StatisticsPeriod& p, const std::string& prefix) {
  FieldViolations v;
  if (p.year < kMinStatisticsYear || p.year > kMaxStatisticsYear) {
    v.Add(
        prefix + "year",
        absl::StrCat("must be between ", kMinStatisticsYear, " and ", kMaxStatisticsYear),
        absl::StrCat("muss zwischen ", kMinStatisticsYear, " und ", kMaxStatisticsYear, " liegen"));
  }
  if (p.quarter < 0 || p.quarter > 4) {
    v.Add(prefix + "quarter", "must be 0 (whole year) or 1–4",
          "muss 0 (ganzes Jahr) oder 1–4 sein");
  }
  return v.ToStatus();
}

PeriodBounds BoundsOf(const StatisticsPeriod& p) {
  PeriodBounds b;
  if (p.quarter == 0) {
    b.first_day = absl::CivilDay(p.year, 1, 1);
    b.end_day = absl::CivilDay(p.year + 1, 1, 1);
  } else {
    b.first_day = absl::CivilDay(p.year, 1 + 3 * (p.quarter - 1), 1);
    // CivilDay normalises month 13 to January of the next year.
    b.end_day = absl::CivilDay(p.year, 1 + 3 * p.quarter, 1);
  }
  b.start = StartOfLocalDay(b.first_day);
  b.end = StartOfLocalDay(b.end_day);
  return b;
}

std::string SnapshotItemId(const std::string& office_id, const StatisticsPeriod& p) {
  return absl::StrCat(office_id, ":", p.year, ":", p.quarter);
}

std::string PeriodLabel(const StatisticsPeriod& p) {
  if (p.quarter == 0) return absl::StrCat(p.year);
  return absl::StrCat(p.quarter, ". Quartal ", p.year);
}

std::vector<StatisticsPeriod> PublishedPeriods(absl::Time now,
                                               std::optional<int> first_activity_year) {
  int year = static_cast<int>(LocalDay(now).year());
  int first = year - 1;
  if (first_activity_year && *first_activity_year < first) {
    first = std::max(*first_activity_year, year - kPublishedYearsBack);
  }
  std::vector<StatisticsPeriod> out;
  for (int y = first; y <= year; ++y) {
    if (y < kMinStatisticsYear || y > kMaxStatisticsYear) continue;  // a clock far off
    for (int q = 0; q <= 4; ++q) out.push_back({y, q});
  }
  return out;
}

void EventStateCounts::Add(EventState state, int64_t n) {
  switch (state) {
    case EventState::kHeld:
      held += n;
      break;
    case EventState::kPlanned:
      planned += n;
      break;
    case EventState::kCancelled:
      cancelled += n;
      break;
    case EventState::kUnspecified:
      break;
  }
}

}  // namespace schutznetz::domain
