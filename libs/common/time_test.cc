#include "libs/common/time.h"

#include <gtest/gtest.h>

namespace schutznetz {
namespace {

absl::Time Utc(int y, int mo, int d, int h, int mi) {
  return absl::FromCivil(absl::CivilMinute(y, mo, d, h, mi), absl::UTCTimeZone());
}

TEST(TimeTest, ParsesGermanAndIsoLocalTimes) {
  // 03.04.2025 is summer time (UTC+2).
  EXPECT_EQ(ParseLocalDateTime("03.04.2025 09:00", "start").value(), Utc(2025, 4, 3, 7, 0));
  EXPECT_EQ(ParseLocalDateTime("2025-04-03 09:00", "start").value(), Utc(2025, 4, 3, 7, 0));
  EXPECT_EQ(ParseLocalDateTime("2025-04-03T09:00:00", "start").value(), Utc(2025, 4, 3, 7, 0));
  // 27.11.2025 is winter time (UTC+1).
  EXPECT_EQ(ParseLocalDateTime("27.11.2025 18:00", "start").value(), Utc(2025, 11, 27, 17, 0));
}

TEST(TimeTest, AbsoluteTimesKeepTheirOffset) {
  EXPECT_EQ(ParseLocalDateTime("2025-04-03T07:00:00Z", "start").value(), Utc(2025, 4, 3, 7, 0));
  EXPECT_EQ(ParseLocalDateTime("2025-04-03T09:00:00+02:00", "start").value(),
            Utc(2025, 4, 3, 7, 0));
}

TEST(TimeTest, SkippedHourIsAnErrorNamingTheField) {
  auto t = ParseLocalDateTime("30.03.2025 02:30", "event.start");
  EXPECT_EQ(t.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(t.status().message().substr(0, 12), "event.start:");
}

TEST(TimeTest, RepeatedHourMeansSummerTime) {
  EXPECT_EQ(ParseLocalDateTime("26.10.2025 02:30", "start").value(), Utc(2025, 10, 26, 0, 30));
}

TEST(TimeTest, RoundTripAcrossDstChange) {
  for (const char* local : {"29.03.2025 10:00", "30.03.2025 10:00", "25.10.2025 10:00",
                            "26.10.2025 10:00", "26.10.2025 03:00"}) {
    auto t = ParseLocalDateTime(local, "start");
    ASSERT_TRUE(t.ok()) << local;
    EXPECT_EQ(FormatLocalDateTime(*t), local);
  }
}

TEST(TimeTest, RejectsGarbage) {
  for (const char* bad : {"", "morgen", "32.01.2025 10:00", "2025-13-01 10:00"}) {
    EXPECT_EQ(ParseLocalDateTime(bad, "start").status().code(), absl::StatusCode::kInvalidArgument)
        << bad;
  }
}

TEST(TimeTest, FormatsRfc3339WithBerlinOffset) {
  EXPECT_EQ(FormatRfc3339Local(Utc(2025, 11, 27, 17, 0)), "2025-11-27T18:00:00+01:00");
  EXPECT_EQ(FormatRfc3339Local(Utc(2025, 4, 3, 7, 0)), "2025-04-03T09:00:00+02:00");
}

TEST(TimeTest, ParsesDates) {
  EXPECT_EQ(ParseDate("06.10.2025", "date").value(), absl::CivilDay(2025, 10, 6));
  EXPECT_EQ(ParseDate("2025-10-06", "date").value(), absl::CivilDay(2025, 10, 6));
  EXPECT_FALSE(ParseDate("6/10/2025", "date").ok());
  EXPECT_EQ(FormatDate(absl::CivilDay(2025, 10, 6)), "06.10.2025");
}

TEST(TimeTest, IsoDatesAsTheDatabaseWritesThem) {
  EXPECT_EQ(FormatIsoDate(absl::CivilDay(2025, 3, 6)), "2025-03-06");
  EXPECT_EQ(IsoDateOf("2025-03-06"), absl::CivilDay(2025, 3, 6));
  EXPECT_EQ(IsoDateOf("06.03.2025"), absl::CivilDay(1970, 1, 1));
  EXPECT_EQ(IsoDateOf(""), absl::CivilDay(1970, 1, 1));
}

}  // namespace
}  // namespace schutznetz
