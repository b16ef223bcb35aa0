// Persistence of event registrations (table `registrations`): local ones, outgoing ones (a member
// of this office for another office's mirrored district event) and incoming ones (a participant
// from another office for an own event); see domain/registration.h.
//
// Callers lock the event row (EventsRepository::Get/GetInCalendar with lock) before deciding
// seats, so the counts read here cannot change underneath them.
#pragma once

#include <memory>
#include <optional>
#include <string>
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

  // Stores a new registration of the kind `draft` describes: event_id, state and member_id
  // (local); with organiser_office set, for that office's mirrored event (outgoing); with
  // participant.origin_office set, without member (incoming).
  virtual absl::StatusOr<domain::Registration> Insert(Tx& tx,
                                                      const domain::Registration& draft) = 0;
  virtual absl::StatusOr<domain::Registration> Get(Tx& tx, const domain::RegistrationId& id,
                                                   bool lock) = 0;
  // The member's registration for the event that is not cancelled, if any.
  virtual absl::StatusOr<std::optional<domain::Registration>> FindLive(
      Tx& tx, const domain::EventId& event, const domain::MemberId& member) = 0;
  // The incoming registration `remote_id` of office `origin`, if any.
  virtual absl::StatusOr<std::optional<domain::Registration>> FindIncoming(
      Tx& tx, const std::string& origin, const std::string& remote_id) = 0;
  // Every incoming registration of an own event, in arrival order.
  virtual absl::StatusOr<std::vector<domain::Registration>> ListIncoming(
      Tx& tx, const domain::EventId& event) = 0;
  // The member's registrations for other offices' district events (outgoing), in arrival order.
  virtual absl::StatusOr<std::vector<domain::Registration>> ListOutgoingOfMember(
      Tx& tx, const domain::MemberId& member) = 0;
  // The live (not cancelled or rejected) registrations for district events of office `organiser`,
  // in arrival order.
  virtual absl::StatusOr<std::vector<domain::Registration>> ListLiveOutgoingTo(
      Tx& tx, const std::string& organiser) = 0;
  // Erases name and organisation of the incoming registration `remote_id` of office `origin`,
  // keeping its state, attendance and sector; false if there is none or it is erased already.
  virtual absl::StatusOr<bool> EraseIncoming(Tx& tx, const std::string& origin,
                                             const std::string& remote_id) = 0;
  // Seats first, then the waitlist in arrival order, then pending ones, then cancelled and
  // rejected ones.
  virtual absl::StatusOr<domain::Page<domain::Registration>> ListForEvent(
      Tx& tx, const domain::EventId& event, domain::RegistrationState state,
      const domain::PageRequest& page) = 0;
  virtual absl::StatusOr<RegistrationCounts> Counts(Tx& tx, const domain::EventId& event) = 0;
  // The first `n` waitlisted registrations in arrival order.
  virtual absl::StatusOr<std::vector<domain::Registration>> FirstWaitlisted(
      Tx& tx, const domain::EventId& event, int n) = 0;
  // Writes state, attended, cancel time, reason and the sync bookkeeping (sync_version,
  // remote_version, an outgoing registration's waitlist_position, notified state and position)
  // if r.version is current (ABORTED otherwise).
  virtual absl::StatusOr<domain::Registration> Update(Tx& tx, const domain::Registration& r) = 0;
};

std::unique_ptr<RegistrationsRepository> NewRegistrationsRepository();

}  // namespace schutznetz::storage
