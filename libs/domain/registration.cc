#include "libs/domain/registration.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"

namespace schutznetz::domain {
namespace {

struct StateInfo {
  RegistrationState value;
  std::string_view slug;
  std::string_view label;
};

constexpr StateInfo kStates[] = {
    {RegistrationState::kRegistered, "registered", "angemeldet"},
    {RegistrationState::kWaitlisted, "waitlisted", "Warteliste"},
    {RegistrationState::kCancelled, "cancelled", "storniert"},
    {RegistrationState::kPending, "pending", "angefragt"},
    {RegistrationState::kRejected, "rejected", "abgelehnt"},
};

}  // namespace

std::string_view RegistrationStateSlug(RegistrationState s) {
  for (const auto& i : kStates) {
    if (i.value == s) return i.slug;
  }
  return "unspecified";
}

std::string_view RegistrationStateLabel(RegistrationState s) {
  for (const auto& i : kStates) {
    if (i.value == s) return i.label;
  }
  return "nicht angegeben";
}

std::optional<RegistrationState> RegistrationStateFromSlug(std::string_view slug) {
  for (const auto& i : kStates) {
    if (i.slug == slug) return i.value;
  }
  return std::nullopt;
}

std::optional<RegistrationState> RegistrationStateFromNumber(int value) {
  if (value < 0 || value > static_cast<int>(RegistrationState::kRejected)) return std::nullopt;
  return static_cast<RegistrationState>(value);
}

bool IsLive(RegistrationState s) {
  return s != RegistrationState::kCancelled && s != RegistrationState::kRejected &&
         s != RegistrationState::kUnspecified;
}

absl::Status CheckOpenForRegistration(const Event& e, absl::Time now) {
  if (e.withdrawn) {
    return Bilingual(absl::StatusCode::kFailedPrecondition,
                     absl::StrCat("event_id: office ", e.organiser_office,
                                  " no longer shares this event"),
                     absl::StrCat("das Jugendamt ", e.organiser_office,
                                  " teilt diese Veranstaltung nicht mehr"));
  }
  if (e.state != EventState::kPlanned) {
    return Bilingual(absl::StatusCode::kFailedPrecondition,
                     "registration is only possible for planned events",
                     "Anmeldung nur für geplante Veranstaltungen möglich");
  }
  if (e.start_time <= now) {
    return Bilingual(absl::StatusCode::kFailedPrecondition, "the event has already started",
                     "die Veranstaltung hat bereits begonnen");
  }
  return absl::OkStatus();
}

RegistrationState SeatFor(int capacity, int registered_count) {
  if (capacity == 0 || registered_count < capacity) return RegistrationState::kRegistered;
  return RegistrationState::kWaitlisted;
}

int SeatsToFill(int capacity, int registered_count, int waitlisted_count) {
  if (capacity == 0) return waitlisted_count;
  return std::max(0, std::min(capacity - registered_count, waitlisted_count));
}

}  // namespace schutznetz::domain
