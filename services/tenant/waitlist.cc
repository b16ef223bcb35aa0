#include "services/tenant/waitlist.h"

#include "libs/common/status_macros.h"

namespace schutznetz::tenant {

absl::StatusOr<std::vector<domain::Registration>> FillFreeSeats(
    storage::Tx& tx, storage::RegistrationsRepository& registrations,
    storage::AuditRepository& audit, const api::Call& call, const domain::Event& event) {
  SN_ASSIGN_OR_RETURN(storage::RegistrationCounts counts, registrations.Counts(tx, event.id));
  int seats = domain::SeatsToFill(event.capacity, counts.registered, counts.waitlisted);
  SN_ASSIGN_OR_RETURN(std::vector<domain::Registration> next,
                      registrations.FirstWaitlisted(tx, event.id, seats));
  std::vector<domain::Registration> promoted;
  for (domain::Registration r : next) {
    r.state = domain::RegistrationState::kRegistered;
    SN_ASSIGN_OR_RETURN(domain::Registration stored, registrations.Update(tx, r));
    SN_RETURN_IF_ERROR(audit.Record(tx, call.Audit("registration", stored.id.value(), "promote")));
    promoted.push_back(std::move(stored));
  }
  return promoted;
}

}  // namespace schutznetz::tenant
