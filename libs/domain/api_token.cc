#include "libs/domain/api_token.h"

#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"
#include "libs/common/text.h"
#include "libs/domain/pii_guard.h"

namespace schutznetz::domain {

const char* RoleName(Role role) {
  switch (role) {
    case Role::kViewer:
      return "viewer";
    case Role::kEditor:
      return "editor";
    case Role::kCoordinator:
      return "coordinator";
    case Role::kDistrictCoordinator:
      return "district-coordinator";
  }
  return "viewer";
}

const char* RoleLabelDe(Role role) {
  switch (role) {
    case Role::kViewer:
      return "Lesen";
    case Role::kEditor:
      return "Bearbeiten";
    case Role::kCoordinator:
      return "Koordination";
    case Role::kDistrictCoordinator:
      return "Kreiskoordination";
  }
  return "Lesen";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role r : {Role::kViewer, Role::kEditor, Role::kCoordinator, Role::kDistrictCoordinator}) {
    if (name == RoleName(r)) return r;
  }
  return std::nullopt;
}

const std::vector<Role>& RolesOf(ServerKind kind) {
  static const auto* office =
      new std::vector<Role>{Role::kViewer, Role::kEditor, Role::kCoordinator};
  static const auto* district = new std::vector<Role>{Role::kViewer, Role::kDistrictCoordinator};
  return kind == ServerKind::kOffice ? *office : *district;
}

bool RoleExistsAt(Role role, ServerKind kind) {
  for (Role r : RolesOf(kind)) {
    if (r == role) return true;
  }
  return false;
}

bool Satisfies(Role have, Role need) {
  switch (need) {
    case Role::kViewer:
      return true;
    case Role::kEditor:
      return have == Role::kEditor || have == Role::kCoordinator;
    case Role::kCoordinator:
      return have == Role::kCoordinator;
    case Role::kDistrictCoordinator:
      return have == Role::kDistrictCoordinator;
  }
  return false;
}

const char* ServerKindName(ServerKind kind) {
  return kind == ServerKind::kOffice ? "office" : "district";
}

TokenState StateAt(const ApiToken& token, absl::Time now) {
  if (token.revoke_time.has_value()) return TokenState::kRevoked;
  if (now >= token.expire_time) return TokenState::kExpired;
  return TokenState::kActive;
}

const char* TokenStateName(TokenState state) {
  switch (state) {
    case TokenState::kActive:
      return "active";
    case TokenState::kExpired:
      return "expired";
    case TokenState::kRevoked:
      return "revoked";
  }
  return "active";
}

absl::Status ValidateTokenLabel(std::string_view label) {
  if (absl::Status s = ValidateText("token.label", label, {.max_chars = 100, .required = true});
      !s.ok()) {
    return s;
  }
  return CheckNoPersonalData("token.label", label, PiiGuardOptions{});
}

absl::StatusOr<int> EffectiveValidDays(int requested, const TokenPolicy& policy,
                                       std::string_view field) {
  int days = requested == 0 ? policy.default_valid_days : requested;
  if (days < 1 || days > policy.max_valid_days) {
    return FieldError(field, absl::StrCat("must be between 1 and ", policy.max_valid_days, " days"),
                      absl::StrCat("muss zwischen 1 und ", policy.max_valid_days, " Tagen liegen"));
  }
  return days;
}

}  // namespace schutznetz::domain
