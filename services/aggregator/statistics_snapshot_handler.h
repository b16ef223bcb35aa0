// StatisticsSnapshotHandler: applies the offices' "statistics_snapshot" items at the aggregator.
//
// Keeps the latest snapshot per office and period (table office_statistics): a newer version
// replaces an older one, an older one arriving late changes nothing. Rejected, and never stored:
// a payload that is not a StatisticsSnapshot, a snapshot whose office_id is not the item's origin
// (an office reports only for itself), a period out of range, and an item id other than
// "<origin>:<year>:<quarter>" of the snapshot's period.
#pragma once

#include <memory>

#include "libs/storage/office_statistics_repository.h"
#include "libs/sync/applier.h"

namespace schutznetz::aggregator {

class StatisticsSnapshotHandler final : public sync::ItemHandler {
 public:
  StatisticsSnapshotHandler();
  absl::StatusOr<sync::ApplyResult> Apply(storage::Tx& tx, const domain::SyncItem& item) override;

 private:
  std::unique_ptr<storage::OfficeStatisticsRepository> snapshots_;
};

}  // namespace schutznetz::aggregator
