#include "libs/domain/retention.h"

#include <algorithm>

#include "absl/time/civil_time.h"
#include "libs/common/time.h"

namespace schutznetz::domain {
namespace {

struct RuleInfo {
  RetentionRule value;
  std::string_view slug;
  std::string_view label;
};

constexpr RuleInfo kRules[] = {
    {RetentionRule::kExternalRegistrations, "external_registrations",
     "Anmeldungen anderer Jugendämter"},
    {RetentionRule::kLeftMembers, "left_members", "ausgeschiedene Mitglieder"},
};

// The local (Europe/Berlin) time of day of `now`, on `day`.
absl::Time SameLocalTimeOn(absl::Time now, absl::CivilDay day) {
  absl::CivilSecond local = absl::ToCivilSecond(now, BerlinZone());
  absl::Duration fraction = now - absl::FromUnixSeconds(absl::ToUnixSeconds(now));
  return absl::FromCivil(absl::CivilSecond(day.year(), day.month(), day.day(), local.hour(),
                                           local.minute(), local.second()),
                         BerlinZone()) +
         fraction;
}

}  // namespace

std::string_view RetentionRuleSlug(RetentionRule r) {
  for (const auto& i : kRules) {
    if (i.value == r) return i.slug;
  }
  return "unspecified";
}

std::string_view RetentionRuleLabel(RetentionRule r) {
  for (const auto& i : kRules) {
    if (i.value == r) return i.label;
  }
  return "nicht angegeben";
}

std::optional<RetentionRule> RetentionRuleFromSlug(std::string_view slug) {
  for (const auto& i : kRules) {
    if (i.slug == slug) return i.value;
  }
  return std::nullopt;
}

int SettingOf(RetentionRule rule, const RetentionPolicy& policy) {
  switch (rule) {
    case RetentionRule::kExternalRegistrations:
      return policy.external_registrations_days;
    case RetentionRule::kLeftMembers:
      return policy.left_members_months;
    default:
      return 0;
  }
}

absl::Time DaysBefore(absl::Time now, int days) {
  return SameLocalTimeOn(now, absl::CivilDay(absl::ToCivilDay(now, BerlinZone())) - days);
}

absl::Time MonthsBefore(absl::Time now, int months) {
  absl::CivilDay today = absl::ToCivilDay(now, BerlinZone());
  absl::CivilMonth month = absl::CivilMonth(today) - months;
  int last_day = (absl::CivilDay(month + 1) - 1).day();
  return SameLocalTimeOn(
      now, absl::CivilDay(month.year(), month.month(), std::min(today.day(), last_day)));
}

absl::Time MonthsAfter(absl::Time t, int months) { return MonthsBefore(t, -months); }

std::optional<absl::Time> AnonymisationDue(const Member& m, const RetentionPolicy& policy) {
  bool ended = m.state == MembershipState::kLeft || m.state == MembershipState::kDeclined;
  if (!ended || m.anonymised || policy.left_members_months <= 0 ||
      m.leave_time == absl::InfinitePast()) {
    return std::nullopt;
  }
  return MonthsAfter(m.leave_time, policy.left_members_months);
}

std::optional<absl::Time> CutoffOf(RetentionRule rule, const RetentionPolicy& policy,
                                   absl::Time now) {
  int setting = SettingOf(rule, policy);
  if (setting <= 0) return std::nullopt;
  if (rule == RetentionRule::kExternalRegistrations) return DaysBefore(now, setting);
  return MonthsBefore(now, setting);
}

}  // namespace schutznetz::domain
