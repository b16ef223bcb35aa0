// What the offices of a district share about events and registrations, and the rules for it
// (DESIGN.md §3 Event and Registration, §4, §5).
//
// An event with scope DISTRICT or PUBLIC is shared: its organiser sends its non-personal data to
// every other office, again after each change and whenever its seats change, and a tombstone
// when it stops being shared (scope LOCAL again, or deleted). Other offices mirror it read-only.
//
// A member registers for another office's district event through their own office, and only with
// their recorded consent to share registrations: then name, organisation and sector travel to the
// organiser, which decides seat or waitlist under the same rules as for its own members and tells
// the member's office every later change of state or waitlist place.
#pragma once

#include <string>

#include "absl/status/status.h"
#include "libs/domain/event.h"
#include "libs/domain/member.h"
#include "libs/domain/registration.h"

namespace schutznetz::domain {

// DISTRICT and PUBLIC events are shared with every office of the district.
bool SharedWithDistrict(EventScope scope);

// What the organiser tells the district after a change of an own event.
enum class DistrictShare {
  kNone,      // neither shared before nor now
  kPublish,   // shared now: send the event
  kWithdraw,  // shared before, not any more: send a tombstone
};
DistrictShare ShareAfterChange(EventScope before, EventScope after);

// FAILED_PRECONDITION naming the organiser if `e` is another office's event mirrored here.
absl::Status CheckOwnEvent(const Event& e);

// FAILED_PRECONDITION unless an own shared event may stop being shared: not while participants
// from other offices hold or wait for a place (`live_incoming`); cancel the event instead.
absl::Status CheckCanStopSharing(const Event& e, EventScope new_scope, int live_incoming);

// FAILED_PRECONDITION unless the member consented to share registrations with other offices.
absl::Status CheckConsentToShare(const Member& m, const std::string& field);

// What travels of a member registering through this office: name, organisation, sector.
ExternalParticipant ParticipantFor(const Member& m, const std::string& office,
                                   const RegistrationId& registration);

// Checks a participant received from another office (field names prefixed with `prefix`).
absl::Status ValidateParticipant(const ExternalParticipant& p, const std::string& prefix);

// True if the origin office of an incoming registration has not yet been told its current state
// and waitlist place.
bool NeedsDecision(const Registration& r);

// The state of an outgoing registration after the organiser decided `decided`: a cancellation by
// the member's office is final; otherwise the organiser's word holds.
RegistrationState StateAfterDecision(RegistrationState current, RegistrationState decided);

// True for the states an organiser's decision may carry.
bool IsDecisionState(RegistrationState s);

}  // namespace schutznetz::domain
