#include "services/tenant/retention_job.h"

#include "absl/strings/str_cat.h"
#include "libs/common/log.h"
#include "libs/common/status_macros.h"
#include "libs/common/time.h"
#include "libs/common/uuid.h"
#include "services/tenant/member_anonymisation.h"

namespace schutznetz::tenant {
namespace {

using domain::RetentionRule;
using domain::RetentionRun;

std::string SettingText(RetentionRule rule, int setting) {
  return absl::StrCat(
      std::string(domain::RetentionRuleSlug(rule)),
      rule == RetentionRule::kExternalRegistrations ? "_days=" : "_months=", setting);
}

}  // namespace

RetentionJob::RetentionJob(storage::Database& db, ConsentBook& consents,
                           domain::RetentionPolicy policy, RetentionSchedule schedule, Clock clock)
    : db_(db),
      consents_(consents),
      policy_(policy),
      schedule_(schedule),
      clock_(std::move(clock)),
      repo_(storage::NewRetentionRepository()),
      audit_(storage::NewAuditRepository()) {}

RetentionJob::~RetentionJob() { Stop(); }

absl::StatusOr<int64_t> RetentionJob::AnonymiseLeftMembers(storage::Tx& tx, absl::Time cutoff,
                                                           const RetentionTrigger& by) {
  SN_ASSIGN_OR_RETURN(std::vector<domain::MemberId> due,
                      repo_->MembersDueForAnonymisation(tx, cutoff));
  AnonymiseOptions options;
  options.reason = "retention";
  options.by = {by.actor, by.method,
                absl::StrCat("retention ", SettingText(RetentionRule::kLeftMembers,
                                                       policy_.left_members_months))};
  for (const domain::MemberId& id : due) {
    SN_RETURN_IF_ERROR(AnonymiseMember(tx, consents_, id, options).status());
  }
  return static_cast<int64_t>(due.size());
}

absl::StatusOr<RetentionRun> RetentionJob::ApplyRule(RetentionRule rule, const std::string& run_id,
                                                     absl::Time now, const RetentionTrigger& by) {
  return db_.TransactValue<RetentionRun>([&](storage::Tx& tx) -> absl::StatusOr<RetentionRun> {
    SN_RETURN_IF_ERROR(repo_->Lock(tx));
    RetentionRun run;
    run.run_id = run_id;
    run.run_time = now;
    run.rule = rule;
    run.setting = domain::SettingOf(rule, policy_);
    run.cutoff = domain::CutoffOf(rule, policy_, now);
    run.actor = by.actor;
    if (run.cutoff) {
      absl::StatusOr<int64_t> affected =
          rule == RetentionRule::kExternalRegistrations
              ? repo_->EraseExternalRegistrations(tx, *run.cutoff, now)
              : AnonymiseLeftMembers(tx, *run.cutoff, by);
      if (!affected.ok()) return affected.status();
      run.rows_affected = *affected;
    }
    SN_ASSIGN_OR_RETURN(RetentionRun stored, repo_->RecordRun(tx, run));
    domain::AuditEntry entry;
    entry.actor = by.actor;
    entry.method = by.method;
    entry.resource_type = "retention_run";
    entry.resource_id = run_id;
    entry.action = std::string(domain::RetentionRuleSlug(rule));
    entry.detail = run.cutoff ? absl::StrCat(SettingText(rule, run.setting),
                                             " cutoff=", FormatRfc3339Local(*run.cutoff),
                                             " rows=", run.rows_affected)
                              : absl::StrCat(SettingText(rule, 0), " disabled");
    SN_RETURN_IF_ERROR(audit_->Record(tx, entry));
    return stored;
  });
}

absl::StatusOr<std::vector<RetentionRun>> RetentionJob::RunOnce(const RetentionTrigger& by) {
  absl::Time now = clock_();
  std::string run_id = NewUuid();
  std::vector<RetentionRun> runs;
  absl::Status first_error;
  for (RetentionRule rule : domain::kRetentionRules) {
    absl::StatusOr<RetentionRun> run = ApplyRule(rule, run_id, now, by);
    if (run.ok()) {
      runs.push_back(*std::move(run));
      continue;
    }
    // No personal data in the status: a storage error carries a fixed text (pg_error.h), and the
    // domain's refusals name no person.
    log::Warning("retention rule failed", {{"run_id", run_id},
                                           {"rule", std::string(domain::RetentionRuleSlug(rule))},
                                           {"code", static_cast<int>(run.status().code())},
                                           {"error", std::string(run.status().message())}});
    if (first_error.ok()) first_error = run.status();
  }
  // One line per run, counts only (-1: the rule failed and is retried at the next run).
  int64_t erased = -1;
  int64_t anonymised = -1;
  for (const RetentionRun& r : runs) {
    (r.rule == RetentionRule::kExternalRegistrations ? erased : anonymised) = r.rows_affected;
  }
  log::Info("retention run", {{"run_id", run_id},
                              {"actor", by.actor},
                              {"external_registrations_days", policy_.external_registrations_days},
                              {"external_registrations_erased", static_cast<long long>(erased)},
                              {"left_members_months", policy_.left_members_months},
                              {"left_members_anonymised", static_cast<long long>(anonymised)}});
  if (!first_error.ok()) return first_error;
  return runs;
}

void RetentionJob::Start() {
  {
    absl::MutexLock lock(&mu_);
    if (thread_.joinable()) return;
    stopping_ = false;
  }
  thread_ = std::thread([this] { Loop(); });
}

void RetentionJob::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

void RetentionJob::Loop() {
  absl::Duration wait = schedule_.start_delay;
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      if (mu_.AwaitWithTimeout(absl::Condition(&stopping_), wait)) return;
    }
    (void)RunOnce();  // each rule logs its outcome
    wait = schedule_.interval;
  }
}

}  // namespace schutznetz::tenant
