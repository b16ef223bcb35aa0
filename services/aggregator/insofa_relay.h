// InsofaRelay: the aggregator's handler for "insofa_entry" items (the district's InsoFa pool).
//
// The aggregator stores nothing of an entry: it checks the item like any input (an entry goes
// from its office to every office, and carries only what the pool lists) and, once applied,
// sync::Receiver relays it unchanged to every office. When a tombstone passes, the payloads of
// the older versions of that entry still in the district log — the person's name, organisation
// and profile — are dropped, delivered or not; the tombstone itself stays in the log so that an
// office that is offline drops its copy when it returns.
#pragma once

#include <memory>

#include "libs/storage/change_log_repository.h"
#include "libs/sync/applier.h"

namespace schutznetz::aggregator {

class InsofaRelay final : public sync::ItemHandler {
 public:
  InsofaRelay();

  absl::StatusOr<sync::ApplyResult> Apply(storage::Tx& tx, const domain::SyncItem& item) override;

 private:
  std::unique_ptr<storage::ChangeLogRepository> log_;
};

}  // namespace schutznetz::aggregator
