// API tokens and the roles they carry (DESIGN.md §5).
//
// A person or system that calls an office's tenant service or the district aggregator presents a
// bearer token. The token is bound to exactly one role of the server that issued it:
//
//   office (tenant service)   viewer < editor < coordinator
//   district (aggregator)     viewer < district-coordinator
//
// A token carries a non-personal label ("Netzwerkkoordination", "Jugendhilfeplanung Lesezugriff")
// instead of a person's name, so the audit log, which names tokens, holds no personal data. Every
// token expires; it can be revoked earlier. Which role each RPC needs is in
// libs/auth/method_roles.cc.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace schutznetz::domain {

// Which kind of server a token belongs to.
enum class ServerKind { kOffice, kDistrict };

enum class Role { kViewer, kEditor, kCoordinator, kDistrictCoordinator };

// "viewer", "editor", "coordinator", "district-coordinator" (stored and shown).
const char* RoleName(Role role);
// "Lesen", "Bearbeiten", "Koordination", "Kreiskoordination" (German messages).
const char* RoleLabelDe(Role role);
std::optional<Role> ParseRole(std::string_view name);

// The roles a server of `kind` issues, weakest first.
const std::vector<Role>& RolesOf(ServerKind kind);
bool RoleExistsAt(Role role, ServerKind kind);
// Whether a token with role `have` may call a method that needs `need`: `have` is `need` or
// stronger on the same server kind. Every role satisfies viewer.
bool Satisfies(Role have, Role need);

// "office" / "district".
const char* ServerKindName(ServerKind kind);

struct ApiToken {
  std::string id;     // UUID
  std::string label;  // non-personal, 1–100 characters
  Role role = Role::kViewer;
  absl::Time create_time;
  absl::Time expire_time;
  std::optional<absl::Time> revoke_time;
  std::string created_by;  // "token:<id>" or "admin" (the local admin command)
};

enum class TokenState { kActive, kExpired, kRevoked };
TokenState StateAt(const ApiToken& token, absl::Time now);
// "active", "expired", "revoked".
const char* TokenStateName(TokenState state);

// How long tokens live: the default when a request names no validity, and the maximum.
struct TokenPolicy {
  int default_valid_days = 365;
  int max_valid_days = 730;
};

// Checks a new token's label (field "token.label"): required, at most 100 characters, a single
// line, and no personal data as far as the PII guard can tell (a label names a function, not a
// person).
absl::Status ValidateTokenLabel(std::string_view label);
// The validity of a new token in days: `requested` (0: the policy's default), 1 to
// policy.max_valid_days; INVALID_ARGUMENT naming `field` otherwise.
absl::StatusOr<int> EffectiveValidDays(int requested, const TokenPolicy& policy,
                                       std::string_view field);

}  // namespace schutznetz::domain
