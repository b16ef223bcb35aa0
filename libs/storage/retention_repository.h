// The retention job's SQL: erasing the names of participants from other offices, finding members
// due for anonymisation, and the record of every run (table `retention_runs`, counts only).
//
// Members are anonymised through tenant::AnonymiseMember (services/tenant/member_anonymisation.h),
// not here: this repository only finds them.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/domain/member.h"
#include "libs/domain/page.h"
#include "libs/domain/retention.h"

namespace schutznetz::storage {

class Tx;

class RetentionRepository {
 public:
  virtual ~RetentionRepository() = default;

  // Serialises the retention runs on this database (several replicas, a run triggered by RPC
  // during the daily one) until the transaction ends.
  virtual absl::Status Lock(Tx& tx) = 0;

  // Empties name and organisation of every incoming registration of an own event that ended at
  // or before `cutoff` and is not erased yet; sets its erase time to `now`. Returns how many.
  virtual absl::StatusOr<int64_t> EraseExternalRegistrations(Tx& tx, absl::Time cutoff,
                                                             absl::Time now) = 0;

  // Members LEFT or DECLINED, not anonymised, whose leave_time is at or before `cutoff`, oldest
  // first.
  virtual absl::StatusOr<std::vector<domain::MemberId>> MembersDueForAnonymisation(
      Tx& tx, absl::Time cutoff) = 0;

  // Stores `run` (id assigned) and returns it.
  virtual absl::StatusOr<domain::RetentionRun> RecordRun(Tx& tx,
                                                         const domain::RetentionRun& run) = 0;

  // One page of the recorded runs, newest first.
  virtual absl::StatusOr<domain::Page<domain::RetentionRun>> ListRuns(
      Tx& tx, const domain::PageRequest& page) = 0;
};

std::unique_ptr<RetentionRepository> NewRetentionRepository();

}  // namespace schutznetz::storage
