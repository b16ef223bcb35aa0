// RegistrationRouting: the aggregator's handler for the registration items between offices
// (registration_request, registration_cancel, registration_decision) and for the erasure of
// registration data (erasure_request, erasure_receipt).
//
// The aggregator stores nothing of them: it checks the route against its registry of district
// events and, once applied, relays the item unchanged to its one destination office
// (sync::Receiver). Requests and cancellations go only to the office that organises the event;
// decisions come only from it (DESIGN.md §4: "forwards requests only to the owning office"). An
// item for an event the registry does not know yet is held until the event arrives.
//
// Personal data does not stay in the district log after delivery: a decision proves that the
// organiser applied the request, so the request's payload (name, organisation, sector) is dropped
// from the log when the decision passes; an erasure request drops the payloads of the
// registrations it names at once, delivered or not (held ones too). Erasure items carry ids only
// and go from one office to another office of the district.
#pragma once

#include <memory>

#include "libs/storage/change_log_repository.h"
#include "libs/storage/district_events_repository.h"
#include "libs/sync/applier.h"

namespace schutznetz::aggregator {

class RegistrationRouting final : public sync::ItemHandler {
 public:
  RegistrationRouting();

  absl::StatusOr<sync::ApplyResult> Apply(storage::Tx& tx, const domain::SyncItem& item) override;

 private:
  absl::StatusOr<sync::ApplyResult> ApplyErasure(storage::Tx& tx, const domain::SyncItem& item);

  std::unique_ptr<storage::DistrictEventsRepository> events_;
  std::unique_ptr<storage::ChangeLogRepository> log_;
};

}  // namespace schutznetz::aggregator
