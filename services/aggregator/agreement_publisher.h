// AgreementPublisher: the one way an agreement changes at the aggregator — saved, and sent to
// every office as an "agreement" item in the same transaction.
//
// The item carries the whole agreement (every version, text and decision; a serialised
// schutznetz.v1.Agreement) under a fresh sync version, so applying the newest item an office has
// received is all it takes to be in step: simple and idempotent.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "libs/config/district_config.h"
#include "libs/domain/agreement.h"
#include "libs/storage/agreements_repository.h"
#include "libs/storage/database.h"
#include "libs/sync/outbox.h"

namespace schutznetz::aggregator {

// What the district configuration says about agreements.
struct AgreementRules {
  domain::RatificationRule rule = domain::RatificationRule::kUnanimity;
  std::vector<std::string> offices;  // the member offices asked to decide
};
AgreementRules AgreementRulesFrom(const config::DistrictConfig& config);

class AgreementPublisher {
 public:
  // `outbox` is the aggregator's district log (origin "aggregator").
  explicit AgreementPublisher(sync::Outbox& outbox);

  // Raises a.sync_version (NextSyncVersion), saves `a` and appends it as an "agreement" item for
  // every office, all in `tx`. On return `a` carries its stored revision.
  absl::Status SaveAndPublish(storage::Tx& tx, domain::Agreement& a, absl::Time now);

 private:
  sync::Outbox& outbox_;
  std::unique_ptr<storage::AgreementsRepository> agreements_;
};

}  // namespace schutznetz::aggregator
