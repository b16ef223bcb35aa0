// Persistence of event registrations (table `registrations`).
//
// Callers lock the event row (EventsRepository::Get with lock) before deciding seats, so the
// counts read here cannot change underneath them.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/domain/page.h"
#include "libs/domain/registration.h"

namespace schutznetz::storage {

class Tx;

struct RegistrationCounts {
  int registered = 0;
  int waitlisted = 0;
};

class RegistrationsRepository {
 public:
  virtual ~RegistrationsRepository() = default;

  virtual absl::StatusOr<domain::Registration> Insert(Tx& tx, const domain::EventId& event,
                                                      const domain::MemberId& member,
                                                      domain::RegistrationState state) = 0;
  virtual absl::StatusOr<domain::Registration> Get(Tx& tx, const domain::RegistrationId& id,
                                                   bool lock) = 0;
  // The member's registration for the event that is not cancelled, if any.
  virtual absl::StatusOr<std::optional<domain::Registration>> FindLive(
      Tx& tx, const domain::EventId& event, const domain::MemberId& member) = 0;
  // Seats first, then the waitlist in arrival order, then cancellations.
  virtual absl::StatusOr<domain::Page<domain::Registration>> ListForEvent(
      Tx& tx, const domain::EventId& event, domain::RegistrationState state,
      const domain::PageRequest& page) = 0;
  virtual absl::StatusOr<RegistrationCounts> Counts(Tx& tx, const domain::EventId& event) = 0;
  // The first `n` waitlisted registrations in arrival order.
  virtual absl::StatusOr<std::vector<domain::Registration>> FirstWaitlisted(
      Tx& tx, const domain::EventId& event, int n) = 0;
  // Writes state, attended and cancel time if r.version is current (ABORTED otherwise).
  virtual absl::StatusOr<domain::Registration> Update(Tx& tx, const domain::Registration& r) = 0;
};

std::unique_ptr<RegistrationsRepository> NewRegistrationsRepository();

}  // namespace schutznetz::storage
