// The aggregator's handlers for the agreement items offices send (DESIGN.md §4: only the origin
// changes an item; offices send requests that the origin applies).
//
// "ratification" (RatificationItem): an office ratifies or rejects an open version. Checked
// against the agreement — version open, office asked, text_sha256 that of the version's text —
// and otherwise rejected with the reason; recorded; the ratification rule evaluated (in force →
// the previous version in force is superseded); the updated agreement sent to every office.
//
// "agreement_proposal" (AgreementProposalItem): an office proposes a new agreement or an
// amendment; stored for district coordination (DistrictService.ListProposals/AdoptProposal).
//
// Both are audited with the office as actor, in the same transaction. An applied ratification
// or rejection is also appended to the district's trail (counterpart: the office), so the
// district and the office each hold a chained record of the decision.
#pragma once

#include <memory>

#include "libs/common/clock.h"
#include "libs/storage/agreements_repository.h"
#include "libs/storage/audit_repository.h"
#include "libs/storage/trail.h"
#include "libs/sync/applier.h"
#include "services/aggregator/agreement_publisher.h"

namespace schutznetz::aggregator {

class RatificationHandler : public sync::ItemHandler {
 public:
  RatificationHandler(AgreementPublisher& publisher, Clock clock = SystemClock());
  absl::StatusOr<sync::ApplyResult> Apply(storage::Tx& tx, const domain::SyncItem& item) override;

 private:
  AgreementPublisher& publisher_;
  Clock clock_;
  std::unique_ptr<storage::AgreementsRepository> agreements_;
  std::unique_ptr<storage::AuditRepository> audit_;
  storage::Trail trail_;
};

class AgreementProposalHandler : public sync::ItemHandler {
 public:
  explicit AgreementProposalHandler(Clock clock = SystemClock());
  absl::StatusOr<sync::ApplyResult> Apply(storage::Tx& tx, const domain::SyncItem& item) override;

 private:
  Clock clock_;
  std::unique_ptr<storage::AgreementsRepository> agreements_;
  std::unique_ptr<storage::AuditRepository> audit_;
};

}  // namespace schutznetz::aggregator
