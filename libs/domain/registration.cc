#include "libs/domain/registration.h"

#include <algorithm>

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
  if (value < 0 || value > static_cast<int>(RegistrationState::kCancelled)) return std::nullopt;
  return static_cast<RegistrationState>(value);
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
