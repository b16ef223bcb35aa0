// DistrictLink: what the office's event and registration features tell the other offices,
// recorded in the office's outbox in the caller's transaction (DESIGN.md §4), so a change and
// its sync item commit together or not at all.
//
// As organiser of an event, after every change of it (fields, state, seats):
//   - while the event is shared (scope DISTRICT or PUBLIC), a "district_event" item with its
//     non-personal data and seat counts for every office; once it stops being shared (scope
//     LOCAL again, or deleted) a tombstone;
//   - a "registration_decision" item to the origin office of every participant from another
//     office whose state or waitlist place changed.
// As the member's office: "registration_request" and "registration_cancel" items to the organiser
// of another office's district event; a request carries the member's personal data, so it is
// also recorded in the office's trail as a "handover" (ids only).
//
// After the office's database was restored from a backup (new epoch `epoch`): every shared own
// event is published again, so the district sees the restored state, and every office is asked
// to send its live registrations for the office's events again ("registration_resend").
//
// Callers hold the lock on the event row (own or mirrored), so versions grow one at a time.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "libs/common/clock.h"
#include "libs/domain/event.h"
#include "libs/domain/member.h"
#include "libs/domain/registration.h"
#include "libs/domain/sync_item.h"
#include "libs/storage/events_repository.h"
#include "libs/storage/registrations_repository.h"
#include "libs/storage/trail.h"
#include "libs/sync/outbox.h"

namespace schutznetz::tenant {

class DistrictLink {
 public:
  DistrictLink(sync::Outbox& outbox, Clock clock);

  // This office's id.
  const std::string& office() const { return outbox_.origin(); }

  // After a change of the own event `id`; `scope_before` is its scope before the change if the
  // change may have altered it (nullopt: unchanged; a new event: EventScope::kLocal).
  absl::Status EventChanged(storage::Tx& tx, const domain::EventId& id,
                            std::optional<domain::EventScope> scope_before = std::nullopt);
  // After the own event `created` was inserted (as read back from the database): its
  // publication if it is shared. Same outcome as EventChanged(…, EventScope::kLocal) without
  // reading the event again; a new event has no participants from other offices to notify.
  absl::Status EventCreated(storage::Tx& tx, const domain::Event& created);
  // Before the own event `e` is deleted: a tombstone if it was shared.
  absl::Status EventDeleted(storage::Tx& tx, const domain::Event& e);

  // Sends the stored outgoing registration `r` of member `m` to the organiser of its event;
  // returns it with its sync version recorded. The handover of the member's data (name,
  // organisation, sector) is appended to the office's trail, caused by `actor`.
  absl::StatusOr<domain::Registration> RequestSeat(storage::Tx& tx, const domain::Registration& r,
                                                   const domain::Member& m,
                                                   const std::string& actor);
  // Sends the cancellation of the outgoing registration `r` (already cancelled here).
  absl::StatusOr<domain::Registration> CancelSeat(storage::Tx& tx, const domain::Registration& r);
  // After a restore from a backup (see above); `epoch` is the database's new sync epoch.
  absl::Status AfterRestore(storage::Tx& tx, const std::string& epoch);
  // Answers a registration request from `origin` that cannot be accepted: a REJECTED decision.
  absl::Status Decline(storage::Tx& tx, const std::string& origin,
                       const std::string& remote_registration_id, const domain::EventId& event,
                       const std::string& reason);

 private:
  // Sends `e` (or its tombstone) and records the new version on the event row.
  absl::Status Publish(storage::Tx& tx, const domain::Event& e);
  // Decisions for the incoming registrations of `event` whose state or place changed.
  absl::Status NotifyOrigins(storage::Tx& tx, const domain::EventId& event);

  sync::Outbox& outbox_;
  Clock clock_;
  std::unique_ptr<storage::EventsRepository> events_;
  std::unique_ptr<storage::RegistrationsRepository> registrations_;
  storage::Trail trail_;
};

}  // namespace schutznetz::tenant
