// Registrations of members for events, with capacity and an ordered waitlist.
//
// A registration is REGISTERED (has a seat) or WAITLISTED (in arrival order) or CANCELLED.
// When a seat frees up (a cancellation, a larger capacity), the first waitlisted registrations
// move up in arrival order. Attendance is recorded after the event started.
//
// Registrations also cross offices (DESIGN.md §3): a member of this office registers for another
// office's district event ("outgoing": PENDING until the organiser decides, or REJECTED), and the
// organiser keeps a participant from another office ("incoming": no member, only the name,
// organisation and sector the person consented to share). See libs/domain/district_sharing.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "libs/common/strong_id.h"
#include "libs/domain/etag.h"
#include "libs/domain/event.h"
#include "libs/domain/member.h"

namespace schutznetz::domain {

using RegistrationId = StrongId<struct RegistrationIdTag>;

inline constexpr ResourceKind kRegistrationKind{"registration", "Anmeldung"};

enum class RegistrationState {
  kUnspecified = 0,
  kRegistered = 1,
  kWaitlisted = 2,
  kCancelled = 3,
  kPending = 4,   // outgoing, waiting for the organiser's decision
  kRejected = 5,  // outgoing, refused by the organiser
};

std::string_view RegistrationStateSlug(RegistrationState s);   // "waitlisted"
std::string_view RegistrationStateLabel(RegistrationState s);  // "Warteliste"
std::optional<RegistrationState> RegistrationStateFromSlug(std::string_view slug);
std::optional<RegistrationState> RegistrationStateFromNumber(int value);

// A participant from another office as the organiser stores them: only what the person
// consented to share.
struct ExternalParticipant {
  std::string origin_office;           // the office the person registered through
  std::string remote_registration_id;  // the registration's id at that office
  std::string name;                    // "Last, First"
  std::string organisation;
  Sector sector = Sector::kUnspecified;
};

struct Registration {
  RegistrationId id;
  EventId event_id;   // own event, or (outgoing) the mirrored district event
  MemberId member_id; // empty for an incoming registration
  RegistrationState state = RegistrationState::kRegistered;
  int64_t seq = 0;              // arrival order
  int waitlist_position = 0;    // 1-based while WAITLISTED, else 0 (read-only)
  std::optional<bool> attended; // not recorded yet: nullopt
  absl::Time register_time;
  absl::Time cancel_time = absl::InfinitePast();
  int64_t version = 0;
  // Read-only display fields from the member (incoming: from the participant).
  std::string member_name;
  std::string organisation_name;

  // Incoming only: the participant from another office (origin_office empty otherwise).
  ExternalParticipant participant;
  // Incoming only: when the retention job erased the participant's name and organisation
  // (InfinitePast: not erased). The sector stays for the statistics.
  absl::Time erase_time = absl::InfinitePast();
  // Outgoing only: the office that decides (empty otherwise).
  std::string organiser_office;
  // REJECTED: why (never personal data).
  std::string reason;
  // Version of the last sync item this office sent about the registration (outgoing: request or
  // cancel; incoming: decision).
  int64_t sync_version = 0;
  // Outgoing: version of the last decision applied.
  int64_t remote_version = 0;
  // Incoming: the state and waitlist place last sent to the origin office.
  RegistrationState notified_state = RegistrationState::kUnspecified;
  int notified_position = 0;
};

inline bool IsIncoming(const Registration& r) { return !r.participant.origin_office.empty(); }
inline bool IsOutgoing(const Registration& r) { return !r.organiser_office.empty(); }
// An incoming registration whose participant's name and organisation the retention job erased.
inline bool IsErased(const Registration& r) { return r.erase_time != absl::InfinitePast(); }
// Still holding or waiting for a place: not cancelled, not rejected.
bool IsLive(RegistrationState s);

// FAILED_PRECONDITION unless the event takes registrations at `now`: planned, still shared by
// its organiser, not yet started.
absl::Status CheckOpenForRegistration(const Event& e, absl::Time now);

// The state a new registration gets: a seat while capacity allows (0 = unlimited).
RegistrationState SeatFor(int capacity, int registered_count);

// How many waitlisted registrations move up when `registered_count` hold seats.
int SeatsToFill(int capacity, int registered_count, int waitlisted_count);

}  // namespace schutznetz::domain
