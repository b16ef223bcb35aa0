#include "services/aggregator/insofa_relay.h"

#include "libs/common/status_macros.h"
#include "libs/federation/insofa_items.h"

namespace schutznetz::aggregator {

InsofaRelay::InsofaRelay() : log_(storage::NewChangeLogRepository()) {}

absl::StatusOr<sync::ApplyResult> InsofaRelay::Apply(storage::Tx& tx,
                                                    const domain::SyncItem& item) {
  absl::StatusOr<federation::InsofaPoolItem> received = federation::InsofaEntryFromItem(item);
  if (!received.ok()) return sync::ApplyResult::Rejected(std::string(received.status().message()));
  if (received->withdrawn) {
    SN_RETURN_IF_ERROR(log_->PurgePayloadsBelow(tx, federation::kInsofaEntryItem, item.origin,
                                                item.id, item.version)
                           .status());
  }
  return sync::ApplyResult::Applied();
}

}  // namespace schutznetz::aggregator
