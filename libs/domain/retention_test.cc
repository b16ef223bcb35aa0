#include "libs/domain/retention.h"

#include <gtest/gtest.h>

#include "libs/common/time.h"

namespace schutznetz::domain {
namespace {

absl::Time Local(const std::string& text) { return ParseLocalDateTime(text, "t").value(); }

TEST(RetentionTest, DaysAreCalendarDaysInBerlinAcrossSummerTime) {
  // 15.01.2025 is winter time, 17.10.2024 summer time: 90 days back is 12:00 local either way,
  // one hour more than 90 × 24 h.
  absl::Time now = Local("15.01.2025 12:00");
  EXPECT_EQ(DaysBefore(now, 90), Local("17.10.2024 12:00"));
  EXPECT_EQ(now - DaysBefore(now, 90), absl::Hours(90 * 24 + 1));
  EXPECT_EQ(DaysBefore(now + absl::Milliseconds(250), 1),
            Local("14.01.2025 12:00") + absl::Milliseconds(250));
}

TEST(RetentionTest, MonthsClampTheDayToTheEarlierMonth) {
  EXPECT_EQ(MonthsBefore(Local("15.01.2025 12:00"), 24), Local("15.01.2023 12:00"));
  EXPECT_EQ(MonthsBefore(Local("31.03.2025 08:30"), 1), Local("28.02.2025 08:30"));
  EXPECT_EQ(MonthsBefore(Local("31.03.2024 08:30"), 1), Local("29.02.2024 08:30"));
  EXPECT_EQ(MonthsBefore(Local("31.05.2025 23:59"), 3), Local("28.02.2025 23:59"));
  EXPECT_EQ(MonthsBefore(Local("10.02.2025 09:00"), 14), Local("10.12.2023 09:00"));
}

TEST(RetentionTest, ZeroDisablesARule) {
  absl::Time now = Local("15.01.2025 12:00");
  RetentionPolicy policy{.external_registrations_days = 0, .left_members_months = 6};
  EXPECT_FALSE(CutoffOf(RetentionRule::kExternalRegistrations, policy, now).has_value());
  EXPECT_EQ(CutoffOf(RetentionRule::kLeftMembers, policy, now), Local("15.07.2024 12:00"));
  EXPECT_EQ(SettingOf(RetentionRule::kLeftMembers, policy), 6);
}

TEST(RetentionTest, AnonymisationIsDueMonthsAfterLeavingUnlessActiveOrDisabled) {
  RetentionPolicy policy{.external_registrations_days = 90, .left_members_months = 24};
  Member m;
  m.state = MembershipState::kLeft;
  m.leave_time = Local("31.03.2023 10:00");
  EXPECT_EQ(AnonymisationDue(m, policy), Local("31.03.2025 10:00"));
  m.state = MembershipState::kDeclined;
  EXPECT_EQ(AnonymisationDue(m, policy), Local("31.03.2025 10:00"));
  EXPECT_EQ(MonthsAfter(Local("31.01.2025 10:00"), 1), Local("28.02.2025 10:00"));
  m.anonymised = true;
  EXPECT_FALSE(AnonymisationDue(m, policy).has_value());
  m.anonymised = false;
  m.state = MembershipState::kActive;
  EXPECT_FALSE(AnonymisationDue(m, policy).has_value());
  m.state = MembershipState::kLeft;
  policy.left_members_months = 0;
  EXPECT_FALSE(AnonymisationDue(m, policy).has_value());
}

TEST(RetentionTest, RulesHaveSlugsAndGermanLabels) {
  for (RetentionRule r : kRetentionRules) {
    EXPECT_EQ(RetentionRuleFromSlug(RetentionRuleSlug(r)), r);
    EXPECT_NE(RetentionRuleLabel(r), "nicht angegeben");
  }
  EXPECT_EQ(RetentionRuleSlug(RetentionRule::kLeftMembers), "left_members");
  EXPECT_FALSE(RetentionRuleFromSlug("members").has_value());
}

}  // namespace
}  // namespace schutznetz::domain
