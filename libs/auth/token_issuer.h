// Issuing API tokens: what the TokenService and the local admin command share.
//
// A new token gets a role of the issuing server's kind, a non-personal label and a validity
// (the policy's default if none is asked for, never more than its maximum). The secret comes from
// the CSPRNG; only its SHA-256 is stored, and the secret is returned to the caller exactly once.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/domain/api_token.h"
#include "libs/storage/api_tokens_repository.h"

namespace schutznetz::storage {
class Tx;
}

namespace schutznetz::auth {

struct TokenRequest {
  domain::Role role = domain::Role::kViewer;
  std::string label;
  int valid_days = 0;      // 0: the policy's default
  std::string created_by;  // "token:<id>" or "admin"
};

struct IssuedToken {
  domain::ApiToken token;
  std::string secret;  // "snz_…": show once, never store or log
};

// Validates `request` for a server of `kind` and stores the new token in `tx`. INVALID_ARGUMENT
// names the field: "token.role", "token.label" or "valid_days".
absl::StatusOr<IssuedToken> IssueToken(storage::Tx& tx, storage::ApiTokensRepository& tokens,
                                       domain::ServerKind kind, const domain::TokenPolicy& policy,
                                       const TokenRequest& request, absl::Time now);

}  // namespace schutznetz::auth
