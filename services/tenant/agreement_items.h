// The office's handler for "agreement" items: the aggregator's whole copy of one district
// agreement (a serialised schutznetz.v1.Agreement), stored as the office's local copy so that
// every agreement, version, text, decision and comment can be read while the aggregator is
// unreachable.
//
// Only items from the aggregator are accepted, and only a newer sync version replaces the stored
// copy: replays and reordered items change nothing. A stored change is audited (actor
// "aggregator") in the same transaction.
#pragma once

#include <memory>

#include "libs/storage/agreement_mirror_repository.h"
#include "libs/storage/audit_repository.h"
#include "libs/sync/applier.h"

namespace schutznetz::tenant {

class AgreementItemHandler : public sync::ItemHandler {
 public:
  AgreementItemHandler();
  absl::StatusOr<sync::ApplyResult> Apply(storage::Tx& tx, const domain::SyncItem& item) override;

 private:
  std::unique_ptr<storage::AgreementMirrorRepository> mirror_;
  std::unique_ptr<storage::AuditRepository> audit_;
};

}  // namespace schutznetz::tenant
