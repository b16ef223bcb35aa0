#include "tests/support/test_tokens.h"

#include <gtest/gtest.h>

#include "libs/auth/token_issuer.h"
#include "libs/storage/api_tokens_repository.h"

namespace schutznetz::testing {

TestToken IssueTestToken(storage::Database& db, domain::Role role, const std::string& label,
                         absl::Duration valid, absl::Time now) {
  auto tokens = storage::NewApiTokensRepository();
  domain::ServerKind kind = domain::RoleExistsAt(role, domain::ServerKind::kOffice)
                                ? domain::ServerKind::kOffice
                                : domain::ServerKind::kDistrict;
  int days = std::max<int>(1, static_cast<int>(absl::ToInt64Hours(valid) / 24));
  domain::TokenPolicy policy{days, std::max(days, 3650)};
  absl::StatusOr<auth::IssuedToken> issued =
      db.TransactValue<auth::IssuedToken>([&](storage::Tx& tx) {
        return auth::IssueToken(tx, *tokens, kind, policy, {role, label, days, "admin"}, now);
      });
  EXPECT_TRUE(issued.ok()) << issued.status();
  if (!issued.ok()) return {};
  return {issued->token.id, issued->secret};
}

std::string CreateTestToken(storage::Database& db, domain::Role role, const std::string& label,
                            absl::Duration valid) {
  return IssueTestToken(db, role, label, valid).secret;
}

domain::Role TopRole(domain::ServerKind kind) {
  return kind == domain::ServerKind::kOffice ? domain::Role::kCoordinator
                                             : domain::Role::kDistrictCoordinator;
}

TestGate::TestGate(storage::Database& db, domain::ServerKind kind)
    : gate_(std::make_unique<auth::Gate>(db, kind)), token_(IssueTestToken(db, TopRole(kind))) {}

}  // namespace schutznetz::testing
