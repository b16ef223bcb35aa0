// Statistics periods: bounds in Europe/Berlin (quarters start at local midnight, also across the
// change to summer time), validation, item ids and the periods an office keeps sending.
#include "libs/domain/statistics.h"

#include <gtest/gtest.h>

#include "libs/common/time.h"

namespace schutznetz::domain {
namespace {

absl::Time Utc(int y, int m, int d, int hh, int mm) {
  return absl::FromCivil(absl::CivilMinute(y, m, d, hh, mm), absl::UTCTimeZone());
}

TEST(StatisticsPeriodTest, SecondQuarterStartsAtLocalMidnightInSummerTime) {
  PeriodBounds q2 = BoundsOf({2025, 2});
  // 01.04.2025 00:00 CEST is 31.03.2025 22:00 UTC; 01.07.2025 00:00 CEST is 30.06. 22:00 UTC.
  EXPECT_EQ(q2.start, Utc(2025, 3, 31, 22, 0));
  EXPECT_EQ(q2.end, Utc(2025, 6, 30, 22, 0));
  EXPECT_EQ(q2.first_day, absl::CivilDay(2025, 4, 1));
  EXPECT_EQ(q2.end_day, absl::CivilDay(2025, 7, 1));
}

TEST(StatisticsPeriodTest, FirstQuarterAndYearStartAtLocalMidnightInWinterTime) {
  PeriodBounds q1 = BoundsOf({2025, 1});
  EXPECT_EQ(q1.start, Utc(2024, 12, 31, 23, 0));
  EXPECT_EQ(q1.end, BoundsOf({2025, 2}).start);
  PeriodBounds year = BoundsOf({2025, 0});
  EXPECT_EQ(year.start, q1.start);
  EXPECT_EQ(year.end, Utc(2025, 12, 31, 23, 0));
  EXPECT_EQ(year.end_day, absl::CivilDay(2026, 1, 1));
}

TEST(StatisticsPeriodTest, FourthQuarterEndsAtTheNextYear) {
  PeriodBounds q4 = BoundsOf({2025, 4});
  EXPECT_EQ(q4.first_day, absl::CivilDay(2025, 10, 1));
  EXPECT_EQ(q4.end_day, absl::CivilDay(2026, 1, 1));
  EXPECT_EQ(q4.end, BoundsOf({2026, 1}).start);
}

TEST(StatisticsPeriodTest, BoundaryEventsFallIntoTheirLocalQuarter) {
  absl::Time late_march = ParseLocalDateTime("31.03.2025 23:30", "t").value();
  absl::Time early_april = ParseLocalDateTime("01.04.2025 00:30", "t").value();
  PeriodBounds q1 = BoundsOf({2025, 1});
  PeriodBounds q2 = BoundsOf({2025, 2});
  EXPECT_TRUE(late_march >= q1.start && late_march < q1.end);
  EXPECT_TRUE(early_april >= q2.start && early_april < q2.end);
}

TEST(StatisticsPeriodTest, ValidationNamesTheField) {
  EXPECT_TRUE(ValidatePeriod({2025, 0}, "period.").ok());
  EXPECT_TRUE(ValidatePeriod({2025, 4}, "period.").ok());
  absl::Status bad = ValidatePeriod({1999, 5}, "period.");
  EXPECT_EQ(bad.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(bad.message().find("period.year: must be between 2000 and 2099"), std::string::npos)
      << bad;
  EXPECT_NE(bad.message().find("period.quarter: must be 0 (whole year) or 1–4"), std::string::npos)
      << bad;
}

TEST(StatisticsPeriodTest, ItemIdsAndLabels) {
  EXPECT_EQ(SnapshotItemId("lippstadt", {2025, 2}), "lippstadt:2025:2");
  EXPECT_EQ(SnapshotItemId("kreis-soest", {2024, 0}), "kreis-soest:2024:0");
  EXPECT_EQ(PeriodLabel({2025, 0}), "2025");
  EXPECT_EQ(PeriodLabel({2025, 3}), "3. Quartal 2025");
}

TEST(StatisticsPeriodTest, PublishedPeriodsAreThisAndLastYearInBerlin) {
  // 31.12.2025 23:30 UTC is already 2026 in Berlin.
  std::vector<StatisticsPeriod> periods = PublishedPeriods(Utc(2025, 12, 31, 23, 30));
  ASSERT_EQ(periods.size(), 10u);
  EXPECT_EQ(periods.front(), (StatisticsPeriod{2025, 0}));
  EXPECT_EQ(periods[4], (StatisticsPeriod{2025, 4}));
  EXPECT_EQ(periods.back(), (StatisticsPeriod{2026, 4}));
}

TEST(StatisticsPeriodTest, PublishedPeriodsReachBackToTheFirstActivity) {
  absl::Time now = Utc(2026, 11, 24, 10, 0);
  // A first activity in the previous year or later changes nothing.
  EXPECT_EQ(PublishedPeriods(now, 2026).size(), 10u);
  EXPECT_EQ(PublishedPeriods(now, 2025).size(), 10u);
  // Earlier data: every year since, the oldest first.
  std::vector<StatisticsPeriod> since_2023 = PublishedPeriods(now, 2023);
  ASSERT_EQ(since_2023.size(), 20u);
  EXPECT_EQ(since_2023.front(), (StatisticsPeriod{2023, 0}));
  EXPECT_EQ(since_2023.back(), (StatisticsPeriod{2026, 4}));
  // At most kPublishedYearsBack years back.
  std::vector<StatisticsPeriod> old = PublishedPeriods(now, 1990);
  ASSERT_EQ(old.size(), static_cast<size_t>(5 * (kPublishedYearsBack + 1)));
  EXPECT_EQ(old.front(), (StatisticsPeriod{2026 - kPublishedYearsBack, 0}));
}

TEST(EventStateCountsTest, AddsByState) {
  EventStateCounts c;
  c.Add(EventState::kHeld, 2);
  c.Add(EventState::kCancelled, 1);
  c.Add(EventState::kPlanned, 4);
  EXPECT_EQ(c.held, 2);
  EXPECT_EQ(c.cancelled, 1);
  EXPECT_EQ(c.planned, 4);
  EXPECT_EQ(c.total(), 7);
}

}  // namespace
}  // namespace schutznetz::domain
