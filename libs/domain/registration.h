// Registrations of members for events, with capacity and an ordered waitlist.
//
// A registration is REGISTERED (has a seat) or WAITLISTED (in arrival order) or CANCELLED.
// When a seat frees up (a cancellation, a larger capacity), the first waitlisted registrations
// move up in arrival order. Attendance is recorded after the event started.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/time.h"
#include "libs/common/strong_id.h"
#include "libs/domain/etag.h"
#include "libs/domain/event.h"
#include "libs/domain/member.h"

namespace schutznetz::domain {

using RegistrationId = StrongId<struct RegistrationIdTag>;

inline constexpr ResourceKind kRegistrationKind{"registration", "Anmeldung"};

enum class RegistrationState { kUnspecified = 0, kRegistered = 1, kWaitlisted = 2, kCancelled = 3 };

std::string_view RegistrationStateSlug(RegistrationState s);   // "waitlisted"
std::string_view RegistrationStateLabel(RegistrationState s);  // "Warteliste"
std::optional<RegistrationState> RegistrationStateFromSlug(std::string_view slug);
std::optional<RegistrationState> RegistrationStateFromNumber(int value);

struct Registration {
  RegistrationId id;
  EventId event_id;
  MemberId member_id;
  RegistrationState state = RegistrationState::kRegistered;
  int64_t seq = 0;              // arrival order
  int waitlist_position = 0;    // 1-based while WAITLISTED, else 0 (read-only)
  std::optional<bool> attended; // not recorded yet: nullopt
  absl::Time register_time;
  absl::Time cancel_time = absl::InfinitePast();
  int64_t version = 0;
  // Read-only display fields from the member.
  std::string member_name;
  std::string organisation_name;
};

// The state a new registration gets: a seat while capacity allows (0 = unlimited).
RegistrationState SeatFor(int capacity, int registered_count);

// How many waitlisted registrations move up when `registered_count` hold seats.
int SeatsToFill(int capacity, int registered_count, int waitlisted_count);

}  // namespace schutznetz::domain
