// Issuing tokens: only the hash is stored, roles fit the server, labels and validity are checked.
#include "libs/auth/token_issuer.h"

#include <gtest/gtest.h>

#include "libs/auth/token_secret.h"
#include "libs/storage/tx.h"
#include "tests/support/test_database.h"

namespace schutznetz::auth {
namespace {

using domain::Role;
using domain::ServerKind;

class TokenIssuerTest : public schutznetz::testing::DbTest {
 protected:
  absl::StatusOr<IssuedToken> Issue(TokenRequest request, ServerKind kind = ServerKind::kOffice) {
    return db().TransactValue<IssuedToken>(
        [&](storage::Tx& tx) { return IssueToken(tx, *tokens_, kind, policy_, request, now_); });
  }

  std::unique_ptr<storage::ApiTokensRepository> tokens_ = storage::NewApiTokensRepository();
  domain::TokenPolicy policy_{.default_valid_days = 365, .max_valid_days = 400};
  absl::Time now_ = absl::FromUnixSeconds(1767225600);  // 01.01.2026 00:00 UTC
};

TEST_F(TokenIssuerTest, TheDatabaseHoldsTheHashNeverTheSecret) {
  absl::StatusOr<IssuedToken> t = Issue({Role::kCoordinator, "Netzwerkkoordination", 0, "admin"});
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_TRUE(LooksLikeTokenSecret(t->secret));
  EXPECT_EQ(QueryScalar("SELECT secret_sha256 FROM api_tokens"), HashTokenSecret(t->secret));
  // The secret appears in no column of any row.
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM api_tokens a WHERE strpos(a::text, '" +
                        t->secret.substr(4) + "') > 0"),
            "0");
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM audit_log a WHERE strpos(a::text, '" +
                        t->secret.substr(4) + "') > 0"),
            "0");
}

TEST_F(TokenIssuerTest, ValidityDefaultsToThePolicyAndIsCapped) {
  absl::StatusOr<IssuedToken> t = Issue({Role::kViewer, "Jugendhilfeplanung", 0, "admin"});
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->token.create_time, now_);
  EXPECT_EQ(t->token.expire_time, now_ + absl::Hours(24 * 365));
  EXPECT_EQ(t->token.created_by, "admin");
  absl::StatusOr<IssuedToken> short_lived = Issue({Role::kViewer, "Praktikum", 7, "token:x"});
  ASSERT_TRUE(short_lived.ok());
  EXPECT_EQ(short_lived->token.expire_time, now_ + absl::Hours(24 * 7));
  absl::StatusOr<IssuedToken> too_long = Issue({Role::kViewer, "Dauerzugang", 401, "admin"});
  EXPECT_EQ(too_long.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(too_long.status().message().find("valid_days"), std::string::npos);
}

TEST_F(TokenIssuerTest, RolesMustExistOnTheServer) {
  absl::StatusOr<IssuedToken> office = Issue({Role::kDistrictCoordinator, "Kreis", 0, "admin"});
  EXPECT_EQ(office.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(office.status().message().find("token.role"), std::string::npos);
  EXPECT_NE(office.status().message().find("viewer, editor, coordinator"), std::string::npos);
}

TEST_F(TokenIssuerTest, LabelsNameAFunctionNotAPerson) {
  absl::StatusOr<IssuedToken> named = Issue({Role::kEditor, "Laptop von Kevin Müller", 0, "admin"});
  EXPECT_EQ(named.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(named.status().message().find("token.label"), std::string::npos);
  EXPECT_FALSE(Issue({Role::kEditor, "  ", 0, "admin"}).ok());
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM api_tokens"), "0");
}

class DistrictTokenIssuerTest : public schutznetz::testing::DbTest {
 protected:
  DistrictTokenIssuerTest() : DbTest(storage::SchemaRole::kAggregator) {}
};

TEST_F(DistrictTokenIssuerTest, TheAggregatorIssuesDistrictRolesOnly) {
  auto tokens = storage::NewApiTokensRepository();
  domain::TokenPolicy policy;
  auto issue = [&](Role role) {
    return db().TransactValue<IssuedToken>([&](storage::Tx& tx) {
      return IssueToken(tx, *tokens, ServerKind::kDistrict, policy,
                        {role, "Kreiskoordination", 0, "admin"}, absl::Now());
    });
  };
  EXPECT_TRUE(issue(Role::kDistrictCoordinator).ok());
  EXPECT_TRUE(issue(Role::kViewer).ok());
  EXPECT_FALSE(issue(Role::kEditor).ok());
  EXPECT_FALSE(issue(Role::kCoordinator).ok());
}

}  // namespace
}  // namespace schutznetz::auth
