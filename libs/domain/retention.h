// Retention of personal data: how long the office keeps what, and what a run of the retention job
// did (Sozialdatenschutz §§ 61–65 SGB VIII; Art. 5 (1) e, 17 GDPR).
//
// Two rules, each with a period the office configures (0 disables it):
//   kExternalRegistrations  the name and organisation of a participant from another office (an
//                           incoming registration) are erased N days after the event ended;
//                           the row, its state, attendance and sector stay for the counts
//   kLeftMembers            a member who left, or whose request was declined, is anonymised M
//                           months after leave_time (the decision time for a declined request)
//
// Periods are calendar periods in Europe/Berlin: 90 days before 15.01.2025 12:00 is 17.10.2024
// 12:00 local time, across the change of summer time; a month back from 31 March is the last day
// of February.
//
//   RetentionPolicy policy{.external_registrations_days = 90, .left_members_months = 24};
//   std::optional<absl::Time> cutoff = CutoffOf(RetentionRule::kLeftMembers, policy, now);
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/time/time.h"
#include "libs/domain/member.h"

namespace schutznetz::domain {

enum class RetentionRule { kUnspecified = 0, kExternalRegistrations = 1, kLeftMembers = 2 };

// The rules in the order a run applies them.
inline constexpr RetentionRule kRetentionRules[] = {RetentionRule::kExternalRegistrations,
                                                    RetentionRule::kLeftMembers};

std::string_view RetentionRuleSlug(RetentionRule r);   // "external_registrations"
std::string_view RetentionRuleLabel(RetentionRule r);  // "Anmeldungen anderer Jugendämter"
std::optional<RetentionRule> RetentionRuleFromSlug(std::string_view slug);

// The office's periods; 0 disables a rule.
struct RetentionPolicy {
  int external_registrations_days = 90;
  int left_members_months = 24;
};

// The configured period of `rule` (days or months).
int SettingOf(RetentionRule rule, const RetentionPolicy& policy);

// `days` calendar days before `now`, in Europe/Berlin.
absl::Time DaysBefore(absl::Time now, int days);
// `months` calendar months before `now`, in Europe/Berlin; the day of the month is clamped to the
// length of the earlier month.
absl::Time MonthsBefore(absl::Time now, int months);

// `months` calendar months after `t`, in Europe/Berlin (the day clamped like MonthsBefore).
absl::Time MonthsAfter(absl::Time t, int months);

// Data of `rule` older than the result is erased by a run at `now`; nullopt if the rule is
// disabled.
std::optional<absl::Time> CutoffOf(RetentionRule rule, const RetentionPolicy& policy,
                                   absl::Time now);

// When rule kLeftMembers makes member `m` due for anonymisation (its next run after that time
// anonymises it); nullopt if it never will: the member is active or requested, already
// anonymised, or the rule is disabled.
std::optional<absl::Time> AnonymisationDue(const Member& m, const RetentionPolicy& policy);

// One application of one rule, as recorded in retention_runs: counts only, never who.
struct RetentionRun {
  int64_t id = 0;       // assigned by storage
  std::string run_id;   // UUID shared by the rules applied together
  absl::Time run_time;  // the "now" of the run
  RetentionRule rule = RetentionRule::kUnspecified;
  int setting = 0;                   // days or months; 0: disabled
  std::optional<absl::Time> cutoff;  // nullopt when disabled
  int64_t rows_affected = 0;
  std::string actor;  // "system:retention" or "token:<id>"
};

// The actor of the scheduled job in audit entries and retention_runs.
inline constexpr char kRetentionActor[] = "system:retention";

}  // namespace schutznetz::domain
