#include "libs/domain/recurrence.h"

#include <gtest/gtest.h>

#include "libs/common/time.h"

namespace schutznetz::domain {
namespace {

absl::Time Local(const char* text) { return ParseLocalDateTime(text, "t").value(); }

std::vector<std::string> Starts(const std::vector<Occurrence>& occurrences) {
  std::vector<std::string> out;
  for (const auto& o : occurrences) out.push_back(FormatLocalDateTime(o.start));
  return out;
}

TEST(RecurrenceTest, EveryFourMonthsKeepsTheWallClockTimeAcrossDst) {
  Recurrence r;
  r.interval_months = 4;
  r.count = 3;
  auto o = ExpandRecurrence(Local("03.04.2025 09:00"), Local("03.04.2025 12:00"), r);
  ASSERT_TRUE(o.ok()) << o.status();
  EXPECT_EQ(Starts(*o), (std::vector<std::string>{"03.04.2025 09:00", "03.08.2025 09:00",
                                                  "03.12.2025 09:00"}));
  // December is winter time: the UTC offset changed, the local time did not.
  EXPECT_EQ(FormatLocalDateTime((*o)[2].end), "03.12.2025 12:00");
  EXPECT_EQ((*o)[2].end - (*o)[2].start, absl::Hours(3));
}

// 26.10.2025: clocks go back from 03:00 CEST (01:00 UTC) to 02:00 CET.
absl::Time Utc(int day, int hour, int minute) {
  return absl::FromCivil(absl::CivilSecond(2025, 10, day, hour, minute, 0), absl::UTCTimeZone());
}

TEST(RecurrenceTest, TheFirstEventAtTheRepeatedHourStaysAsGiven) {
  Recurrence r;
  r.interval_weeks = 1;
  r.count = 2;
  // 02:30 CET, the second 02:30 of that night, until 03:30.
  auto o = ExpandRecurrence(Utc(26, 1, 30), Utc(26, 2, 30), r);
  ASSERT_TRUE(o.ok()) << o.status();
  ASSERT_EQ(o->size(), 2u);
  EXPECT_EQ((*o)[0].start, Utc(26, 1, 30));
  EXPECT_EQ((*o)[0].end, Utc(26, 2, 30));
  EXPECT_EQ(Starts(*o)[1], "02.11.2025 02:30");
  EXPECT_EQ((*o)[1].end - (*o)[1].start, absl::Hours(1));
}

TEST(RecurrenceTest, AnEventAcrossTheClockChangeKeepsItsLengthWhereTheWallClockEndsEarlier) {
  Recurrence r;
  r.interval_weeks = 1;
  r.count = 3;
  // 02:50 CEST to 02:10 CET: 20 minutes, though the wall clock shows the end before the start.
  auto o = ExpandRecurrence(Utc(26, 0, 50), Utc(26, 1, 10), r);
  ASSERT_TRUE(o.ok()) << o.status();
  ASSERT_EQ(o->size(), 3u);
  EXPECT_EQ(Starts(*o), (std::vector<std::string>{"26.10.2025 02:50", "02.11.2025 02:50",
                                                  "09.11.2025 02:50"}));
  for (const Occurrence& e : *o) EXPECT_EQ(e.end - e.start, absl::Minutes(20));
}

TEST(RecurrenceTest, MissingDayFallsBackToTheLastDayOfTheMonth) {
  Recurrence r;
  r.interval_months = 1;
  r.count = 3;
  auto o = ExpandRecurrence(Local("31.01.2024 10:00"), Local("31.01.2024 11:00"), r);
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(Starts(*o), (std::vector<std::string>{"31.01.2024 10:00", "29.02.2024 10:00",
                                                  "31.03.2024 10:00"}));
}

TEST(RecurrenceTest, WeeklyUntilADateIncludesThatDay) {
  Recurrence r;
  r.interval_weeks = 2;
  r.has_until = true;
  r.until = absl::CivilDay(2025, 3, 26);
  auto o = ExpandRecurrence(Local("26.02.2025 14:00"), Local("26.02.2025 15:30"), r);
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(Starts(*o), (std::vector<std::string>{"26.02.2025 14:00", "12.03.2025 14:00",
                                                  "26.03.2025 14:00"}));
}

TEST(RecurrenceTest, ExplicitDatesAreSortedAndKeepTheLength) {
  Recurrence r;
  r.start_times = {Local("21.05.2025 13:30"), Local("10.09.2025 13:30")};
  auto o = ExpandRecurrence(Local("21.05.2025 13:30"), Local("21.05.2025 15:30"), r);
  ASSERT_TRUE(o.ok());
  ASSERT_EQ(o->size(), 2u);
  EXPECT_EQ(FormatLocalDateTime((*o)[1].end), "10.09.2025 15:30");
}

TEST(RecurrenceTest, RuleErrorsNameTheField) {
  absl::Time s = Local("01.01.2025 10:00");
  Recurrence none;
  EXPECT_NE(ExpandRecurrence(s, s + absl::Hours(1), none).status().message().find("recurrence"),
            absl::string_view::npos);
  Recurrence both;
  both.interval_months = 1;
  both.count = 3;
  both.has_until = true;
  both.until = absl::CivilDay(2025, 6, 1);
  EXPECT_NE(ExpandRecurrence(s, s + absl::Hours(1), both).status().message().find(
                "recurrence.count"),
            absl::string_view::npos);
  Recurrence too_many;
  too_many.interval_weeks = 1;
  too_many.count = 53;
  EXPECT_FALSE(ExpandRecurrence(s, s + absl::Hours(1), too_many).ok());
  Recurrence past;
  past.interval_months = 1;
  past.has_until = true;
  past.until = absl::CivilDay(2024, 12, 1);
  EXPECT_FALSE(ExpandRecurrence(s, s + absl::Hours(1), past).ok());
}

}  // namespace
}  // namespace schutznetz::domain
