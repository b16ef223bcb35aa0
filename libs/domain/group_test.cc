// Groups: validation, the rules for regional groups, and the cadence check at year boundaries.
#include "libs/domain/group.h"

#include <gtest/gtest.h>

#include "libs/common/time.h"

namespace schutznetz::domain {
namespace {

absl::Time Berlin(const std::string& local) {
  absl::StatusOr<absl::Time> t = ParseLocalDateTime(local, "now");
  EXPECT_TRUE(t.ok()) << t.status();
  return t.value_or(absl::UnixEpoch());
}

Group Working() {
  Group g;
  g.kind = GroupKind::kWorkingGroup;
  g.name = "AK Frühe Hilfen";
  g.meetings_per_year = 4;
  return g;
}

TEST(GroupTest, ValidGroupPasses) { EXPECT_TRUE(ValidateGroup(Working(), "group.").ok()); }

TEST(GroupTest, ViolationsNameEveryField) {
  Group g;
  g.meetings_per_year = 53;
  g.description = std::string(2001, 'x');
  std::string msg(ValidateGroup(g, "group.").message());
  for (const char* field : {"group.name", "group.meetings_per_year", "group.description"}) {
    EXPECT_NE(msg.find(field), std::string::npos) << field << " in " << msg;
  }
  g = Working();
  g.meetings_per_year = -1;
  EXPECT_EQ(ValidateGroup(g, "group.").code(), absl::StatusCode::kInvalidArgument);
  g.meetings_per_year = 0;  // no fixed cadence
  EXPECT_TRUE(ValidateGroup(g, "group.").ok());
}

TEST(GroupTest, OnlyWorkingAndSteeringGroupsCanBeCreated) {
  EXPECT_TRUE(CheckCreatableKind(GroupKind::kWorkingGroup, "group.kind").ok());
  EXPECT_TRUE(CheckCreatableKind(GroupKind::kSteeringGroup, "group.kind").ok());
  absl::Status regional = CheckCreatableKind(GroupKind::kRegionalGroup, "group.kind");
  EXPECT_EQ(regional.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(regional.message().substr(0, 11), "group.kind:");
  EXPECT_EQ(CheckCreatableKind(GroupKind::kUnspecified, "group.kind").code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(GroupTest, NameAndCadenceOfRegionalGroupsBelongToTheConfiguration) {
  Group rg = Working();
  rg.kind = GroupKind::kRegionalGroup;
  rg.config_id = "rg-lippstadt";
  Group renamed = rg;
  renamed.name = "Neuer Name";
  absl::Status s = CheckConfigOwnedFields(rg, renamed);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("group.name"), std::string::npos);
  EXPECT_NE(s.message().find("rg-lippstadt"), std::string::npos);
  Group faster = rg;
  faster.meetings_per_year = 6;
  EXPECT_EQ(CheckConfigOwnedFields(rg, faster).code(), absl::StatusCode::kFailedPrecondition);
  Group described = rg;
  described.description = "trifft sich im Rathaus";
  described.active = false;
  EXPECT_TRUE(CheckConfigOwnedFields(rg, described).ok());
  // A working group owns its name.
  Group wg = Working();
  Group wg_renamed = wg;
  wg_renamed.name = "AK Schule";
  EXPECT_TRUE(CheckConfigOwnedFields(wg, wg_renamed).ok());
}

TEST(GroupTest, OnlyActiveMembersCanJoin) {
  Member m;
  m.state = MembershipState::kActive;
  EXPECT_TRUE(CheckCanJoinGroup(m).ok());
  for (MembershipState s :
       {MembershipState::kRequested, MembershipState::kDeclined, MembershipState::kLeft}) {
    m.state = s;
    EXPECT_EQ(CheckCanJoinGroup(m).code(), absl::StatusCode::kFailedPrecondition);
  }
}

TEST(GroupTest, SlugsRoundTrip) {
  for (GroupKind k :
       {GroupKind::kRegionalGroup, GroupKind::kWorkingGroup, GroupKind::kSteeringGroup}) {
    EXPECT_EQ(GroupKindFromSlug(GroupKindSlug(k)), k);
  }
  for (GroupMemberRole r :
       {GroupMemberRole::kMember, GroupMemberRole::kChair, GroupMemberRole::kDeputyChair}) {
    EXPECT_EQ(GroupMemberRoleFromSlug(GroupMemberRoleSlug(r)), r);
  }
  EXPECT_EQ(GroupKindLabel(GroupKind::kWorkingGroup), "Arbeitskreis");
  EXPECT_FALSE(GroupKindFromNumber(4).has_value());
  EXPECT_FALSE(GroupMemberRoleFromNumber(-1).has_value());
}

TEST(CadenceTest, YearLengthFollowsLeapYears) {
  EXPECT_EQ(ProgressOfYear(2024, Berlin("01.06.2024 00:00")).length(), absl::Hours(366 * 24));
  EXPECT_EQ(ProgressOfYear(2025, Berlin("01.06.2025 00:00")).length(), absl::Hours(365 * 24));
  EXPECT_EQ(ProgressOfYear(2000, Berlin("01.06.2000 00:00")).length(), absl::Hours(366 * 24));
  EXPECT_EQ(ProgressOfYear(2100, Berlin("01.06.2100 00:00")).length(), absl::Hours(365 * 24));
}

TEST(CadenceTest, NothingIsDueAtNewYear) {
  EXPECT_EQ(ExpectedMeetingsByNow(4, 2025, Berlin("01.01.2025 00:00")), 0);
  EXPECT_EQ(ExpectedMeetingsByNow(52, 2025, Berlin("01.01.2025 23:59:59")), 0);
}

TEST(CadenceTest, OnNewYearsEveTheLastMeetingIsNotYetDue) {
  EXPECT_EQ(ExpectedMeetingsByNow(4, 2025, Berlin("31.12.2025 00:00")), 3);
  EXPECT_EQ(ExpectedMeetingsByNow(4, 2025, Berlin("31.12.2025 23:59:59")), 3);
  // One second later the year is over: the whole cadence is due.
  EXPECT_EQ(ExpectedMeetingsByNow(4, 2025, Berlin("01.01.2026 00:00:00")), 4);
}

TEST(CadenceTest, PastYearOwesTheWholeCadenceFutureYearNothing) {
  absl::Time now = Berlin("15.03.2026 10:00");
  EXPECT_EQ(ExpectedMeetingsByNow(4, 2025, now), 4);
  EXPECT_EQ(ExpectedMeetingsByNow(4, 2027, now), 0);
  EXPECT_EQ(ExpectedMeetingsByNow(0, 2025, now), 0);
}

TEST(CadenceTest, HalfYearPointMovesWithLeapYearsAndSummerTime) {
  // 2024 has 366 days: the middle is 183 days after 01.01. 00:00 CET, i.e. 02.07. 01:00 CEST.
  EXPECT_EQ(ExpectedMeetingsByNow(2, 2024, Berlin("02.07.2024 00:59:59")), 0);
  EXPECT_EQ(ExpectedMeetingsByNow(2, 2024, Berlin("02.07.2024 01:00")), 1);
  // 2025 has 365 days: the middle is 182.5 days in, i.e. 02.07. 13:00 CEST.
  EXPECT_EQ(ExpectedMeetingsByNow(2, 2025, Berlin("02.07.2025 12:59:59")), 0);
  EXPECT_EQ(ExpectedMeetingsByNow(2, 2025, Berlin("02.07.2025 13:00")), 1);
}

TEST(CadenceTest, LeapDayCountsAsPartOfTheYear) {
  // Monthly meetings in 2024 (366 days): the 2nd is due once 2/12 of the year, 61 days, has
  // passed, i.e. at 02.03.2024 00:00 — one day later than 2/12 of a 365-day year would be.
  EXPECT_EQ(ExpectedMeetingsByNow(12, 2024, Berlin("29.02.2024 12:00")), 1);
  EXPECT_EQ(ExpectedMeetingsByNow(12, 2024, Berlin("01.03.2024 23:59:59")), 1);
  EXPECT_EQ(ExpectedMeetingsByNow(12, 2024, Berlin("02.03.2024 00:00")), 2);
  // 2025 has no 29.02.: 2/12 of 365 days is 60.83 days, reached on 02.03.2025 at 20:00.
  EXPECT_EQ(ExpectedMeetingsByNow(12, 2025, Berlin("02.03.2025 19:59:59")), 1);
  EXPECT_EQ(ExpectedMeetingsByNow(12, 2025, Berlin("02.03.2025 20:00")), 2);
}

TEST(CadenceTest, LocalYearIsTheBerlinYear) {
  // 31.12.2025 23:30 UTC is already 01.01.2026 in Berlin.
  absl::Time t = absl::FromCivil(absl::CivilSecond(2025, 12, 31, 23, 30, 0), absl::UTCTimeZone());
  EXPECT_EQ(LocalYear(t), 2026);
  EXPECT_EQ(LocalYear(Berlin("31.12.2025 23:59:59")), 2025);
}

TEST(CadenceTest, OnTrack) {
  CadenceStatus s = EvaluateCadence(4, 2025, Berlin("01.07.2025 12:00"), 2, 2);
  EXPECT_EQ(s.expected_by_now, 1);
  EXPECT_FALSE(s.behind);
  EXPECT_FALSE(s.at_risk);
  EXPECT_EQ(s.status_text, "im Plan");
}

TEST(CadenceTest, BehindNamesTheMissingMeetings) {
  CadenceStatus s = EvaluateCadence(4, 2025, Berlin("01.08.2025 12:00"), 1, 3);
  EXPECT_EQ(s.expected_by_now, 2);
  EXPECT_TRUE(s.behind);
  EXPECT_FALSE(s.at_risk);
  EXPECT_EQ(s.status_text, "im Rückstand: 1 von 2 fälligen Sitzungen fehlt");
  CadenceStatus two = EvaluateCadence(4, 2025, Berlin("15.10.2025 12:00"), 1, 3);
  EXPECT_EQ(two.status_text, "im Rückstand: 2 von 3 fälligen Sitzungen fehlen");
  CadenceStatus one = EvaluateCadence(4, 2025, Berlin("01.05.2025 12:00"), 0, 4);
  EXPECT_EQ(one.status_text, "im Rückstand: 1 von 1 fälligen Sitzung fehlt");
}

TEST(CadenceTest, TooFewPlannedIsAtRisk) {
  CadenceStatus s = EvaluateCadence(4, 2025, Berlin("01.03.2025 12:00"), 0, 3);
  EXPECT_FALSE(s.behind);
  EXPECT_TRUE(s.at_risk);
  EXPECT_EQ(s.status_text, "zu wenige Termine geplant");
  CadenceStatus both = EvaluateCadence(4, 2025, Berlin("01.08.2025 12:00"), 1, 1);
  EXPECT_TRUE(both.behind && both.at_risk);
  EXPECT_EQ(both.status_text,
            "im Rückstand: 1 von 2 fälligen Sitzungen fehlt; zu wenige Termine geplant");
}

TEST(CadenceTest, PastYearWithTooFewMeetingsIsBehindAndAtRisk) {
  CadenceStatus s = EvaluateCadence(3, 2025, Berlin("10.01.2026 09:00"), 2, 0);
  EXPECT_EQ(s.expected_by_now, 3);
  EXPECT_TRUE(s.behind);
  EXPECT_TRUE(s.at_risk);
  EXPECT_EQ(EvaluateCadence(3, 2025, Berlin("10.01.2026 09:00"), 3, 0).status_text, "im Plan");
}

TEST(CadenceTest, GroupWithoutCadenceIsAlwaysOnTrack) {
  EXPECT_EQ(EvaluateCadence(0, 2025, Berlin("01.12.2025 09:00"), 0, 0).status_text, "im Plan");
}

}  // namespace
}  // namespace schutznetz::domain
