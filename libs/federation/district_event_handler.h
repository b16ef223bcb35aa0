// DistrictEventHandler: applies "district_event" items — at an office to its mirror of the other
// offices' district events, at the aggregator to its registry of every office's. Both keep the
// newest version per event; a tombstone marks the event withdrawn.
//
// An item whose event id already belongs to another organiser, or whose payload is malformed, is
// rejected. Mirror refreshes are not written to the audit log: they change no data of the office
// itself, and sync_inbox records every applied item (origin, type, id, version, time).
#pragma once

#include <memory>

#include "libs/storage/district_events_repository.h"
#include "libs/sync/applier.h"

namespace schutznetz::federation {

class DistrictEventHandler final : public sync::ItemHandler {
 public:
  DistrictEventHandler();

  absl::StatusOr<sync::ApplyResult> Apply(storage::Tx& tx, const domain::SyncItem& item) override;

 private:
  std::unique_ptr<storage::DistrictEventsRepository> events_;
};

}  // namespace schutznetz::federation
