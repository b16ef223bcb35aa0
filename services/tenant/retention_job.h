// RetentionJob: the tenant's background job that erases personal data the office no longer needs
// (Sozialdatenschutz §§ 61–65 SGB VIII; Art. 5 (1) e, 17 GDPR), by the office's retention
// settings (office.yaml `retention`, see domain/retention.h):
//
//   external_registrations  names and organisations of participants from other offices, N days
//                           after the event ended (the rows, states, attendance and sectors stay)
//   left_members            members who left or were declined, M months after leave_time, through
//                           tenant::AnonymiseMember (the same as MemberService/AnonymiseMember)
//
// A run applies the rules in turn, each in one transaction of its own that also records what it
// did in retention_runs and in the audit log (counts only; the anonymised members' own audit
// entries carry their ids, as the RPC's do). A failed rule does not stop the other; its
// transaction rolls back and the next run does it. Replicas and a run triggered by RPC are
// serialised by an advisory lock, and a second run finds nothing left to do.
//
//   RetentionJob job(db, {.external_registrations_days = 90, .left_members_months = 24},
//                    {.start_delay = absl::Minutes(5), .interval = absl::Hours(24)});
//   job.Start();   // first run after start_delay, then one every interval, until Stop()
#pragma once

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "libs/common/clock.h"
#include "libs/domain/retention.h"
#include "libs/storage/audit_repository.h"
#include "libs/storage/database.h"
#include "libs/storage/retention_repository.h"
#include "services/tenant/consent_book.h"

namespace schutznetz::tenant {

// When the job runs.
struct RetentionSchedule {
  absl::Duration start_delay = absl::Minutes(5);
  absl::Duration interval = absl::Hours(24);
};

// Who started a run: the scheduled job, or a coordinator through DataProtectionService.
struct RetentionTrigger {
  std::string actor = domain::kRetentionActor;
  std::string method = "RetentionJob/Run";
};

class RetentionJob {
 public:
  // Members are anonymised through `consents` (AnonymiseMember), so their registration data at
  // other offices is erased too.
  RetentionJob(storage::Database& db, ConsentBook& consents, domain::RetentionPolicy policy,
               RetentionSchedule schedule, Clock clock = SystemClock());
  ~RetentionJob();

  // One run of every rule now; returns what each rule did, in rule order (a disabled rule with
  // setting 0 and no cutoff). The first failing rule's status is returned after the other rule
  // ran.
  absl::StatusOr<std::vector<domain::RetentionRun>> RunOnce(const RetentionTrigger& by = {});

  const domain::RetentionPolicy& policy() const { return policy_; }
  // The clock the cutoffs are computed from.
  absl::Time Now() const { return clock_(); }

  // Runs RunOnce after the start delay and then every interval on a thread of its own; failures
  // are logged and retried at the next run. Stop() returns promptly, also during the delay.
  void Start();
  void Stop();

 private:
  void Loop();
  absl::StatusOr<domain::RetentionRun> ApplyRule(domain::RetentionRule rule,
                                                 const std::string& run_id, absl::Time now,
                                                 const RetentionTrigger& by);
  absl::StatusOr<int64_t> AnonymiseLeftMembers(storage::Tx& tx, absl::Time cutoff,
                                               const RetentionTrigger& by);

  storage::Database& db_;
  ConsentBook& consents_;
  const domain::RetentionPolicy policy_;
  const RetentionSchedule schedule_;
  Clock clock_;
  std::unique_ptr<storage::RetentionRepository> repo_;
  std::unique_ptr<storage::AuditRepository> audit_;

  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace schutznetz::tenant
