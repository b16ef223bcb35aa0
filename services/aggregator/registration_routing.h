// RegistrationRouting: the aggregator's handler for the registration items between offices
// (registration_request, registration_cancel, registration_decision).
//
// The aggregator stores nothing of them: it checks the route against its registry of district
// events and, once applied, relays the item unchanged to its one destination office
// (sync::Receiver). Requests and cancellations go only to the office that organises the event;
// decisions come only from it (DESIGN.md §4: "forwards requests only to the owning office"). An
// item for an event the registry does not know yet is held until the event arrives.
#pragma once

#include <memory>

#include "libs/storage/district_events_repository.h"
#include "libs/sync/applier.h"

namespace schutznetz::aggregator {

class RegistrationRouting final : public sync::ItemHandler {
 public:
  RegistrationRouting();

  absl::StatusOr<sync::ApplyResult> Apply(storage::Tx& tx, const domain::SyncItem& item) override;

 private:
  std::unique_ptr<storage::DistrictEventsRepository> events_;
};

}  // namespace schutznetz::aggregator
