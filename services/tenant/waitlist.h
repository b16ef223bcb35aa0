// Moving waitlisted registrations up into free seats, in arrival order.
//
// Used when a registration is cancelled and when an event's capacity grows. The caller holds the
// lock on the event row, so the seat count cannot change meanwhile.
#pragma once

#include <vector>

#include "absl/status/statusor.h"
#include "libs/api/call.h"
#include "libs/domain/event.h"
#include "libs/domain/registration.h"
#include "libs/storage/audit_repository.h"
#include "libs/storage/registrations_repository.h"

namespace schutznetz::tenant {

// Fills the free seats of `event` from its waitlist; returns the registrations that moved up
// (each audited as "promote").
absl::StatusOr<std::vector<domain::Registration>> FillFreeSeats(
    storage::Tx& tx, storage::RegistrationsRepository& registrations,
    storage::AuditRepository& audit, const api::Call& call, const domain::Event& event);

}  // namespace schutznetz::tenant
