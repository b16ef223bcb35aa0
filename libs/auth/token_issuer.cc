#include "libs/auth/token_issuer.h"

#include "absl/strings/str_cat.h"
#include "libs/auth/token_secret.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "libs/common/text.h"

namespace schutznetz::auth {

absl::StatusOr<IssuedToken> IssueToken(storage::Tx& tx, storage::ApiTokensRepository& tokens,
                                       domain::ServerKind kind, const domain::TokenPolicy& policy,
                                       const TokenRequest& request, absl::Time now) {
  FieldViolations v;
  if (!domain::RoleExistsAt(request.role, kind)) {
    std::string roles;
    for (domain::Role r : domain::RolesOf(kind)) {
      absl::StrAppend(&roles, roles.empty() ? "" : ", ", domain::RoleName(r));
    }
    v.Add("token.role", absl::StrCat("must be one of ", roles),
          absl::StrCat("muss eine der Rollen ", roles, " sein"));
  }
  std::string label = Trim(request.label);
  v.Add(domain::ValidateTokenLabel(label));
  absl::StatusOr<int> days = domain::EffectiveValidDays(request.valid_days, policy, "valid_days");
  if (!days.ok()) v.Add(days.status());
  SN_RETURN_IF_ERROR(v.ToStatus());

  SN_ASSIGN_OR_RETURN(std::string secret, NewTokenSecret());
  domain::ApiToken draft;
  draft.label = label;
  draft.role = request.role;
  draft.create_time = now;
  draft.expire_time = now + absl::Hours(24) * *days;
  draft.created_by = request.created_by;
  SN_ASSIGN_OR_RETURN(domain::ApiToken stored, tokens.Insert(tx, draft, HashTokenSecret(secret)));
  return IssuedToken{std::move(stored), std::move(secret)};
}

}  // namespace schutznetz::auth
