// TokenService over a real gRPC channel through the real gate: creating shows the secret once,
// the new token works at once, revoking stops it at once, listing never shows secrets, no role
// above one's own can be granted.
#include "libs/api/token_service.h"

#include <gtest/gtest.h>

#include "libs/rpc/server.h"
#include "libs/storage/tx.h"
#include "schutznetz/v1/audit_service.grpc.pb.h"
#include "tests/support/test_database.h"
#include "tests/support/test_tokens.h"

namespace schutznetz::api {
namespace {

using domain::Role;

class TokenServiceTest : public schutznetz::testing::DbTest {
 protected:
  void SetUp() override {
    DbTest::SetUp();
    Start(auth::OfficeMethodRules());
  }

  // Serves the TokenService behind a gate with `rules`; a coordinator token calls it.
  void Start(const auth::MethodRules& rules) {
    server_.reset();
    service_ = std::make_unique<TokenService>(db(), domain::ServerKind::kOffice,
                                              domain::TokenPolicy{}, [this] { return now_; });
    gate_ = std::make_unique<auth::Gate>(db(), domain::ServerKind::kOffice, rules,
                                         [this] { return now_; });
    rpc::ServerOptions options{.listen = "127.0.0.1:0"};
    gate_->InstallOn(options);
    auto server = rpc::RpcServer::Start(options, {service_.get()});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    coordinator_ = schutznetz::testing::IssueTestToken(db(), Role::kCoordinator);
  }

  std::unique_ptr<v1::TokenService::Stub> Stub(const std::string& secret) {
    return v1::TokenService::NewStub(server_->InProcessChannel(secret));
  }

  grpc::Status Create(const std::string& caller, v1::TokenRole role, const std::string& label,
                      v1::CreateTokenResponse* out, int valid_days = 0) {
    v1::CreateTokenRequest req;
    req.mutable_token()->set_role(role);
    req.mutable_token()->set_label(label);
    req.set_valid_days(valid_days);
    grpc::ClientContext ctx;
    return Stub(caller)->CreateToken(&ctx, req, out);
  }

  grpc::Status List(const std::string& caller, v1::ListTokensResponse* out) {
    grpc::ClientContext ctx;
    return Stub(caller)->ListTokens(&ctx, v1::ListTokensRequest(), out);
  }

  absl::Time now_ = absl::Now();
  std::unique_ptr<TokenService> service_;
  std::unique_ptr<auth::Gate> gate_;
  std::unique_ptr<rpc::RpcServer> server_;
  schutznetz::testing::TestToken coordinator_;
};

TEST_F(TokenServiceTest, ANewTokenWorksAtOnceAndItsSecretIsShownOnlyOnCreation) {
  v1::CreateTokenResponse created;
  ASSERT_TRUE(
      Create(coordinator_.secret, v1::TOKEN_ROLE_COORDINATOR, "Vertretung Koordination", &created)
          .ok());
  EXPECT_EQ(created.secret().substr(0, 4), "snz_");
  EXPECT_EQ(created.token().role(), v1::TOKEN_ROLE_COORDINATOR);
  EXPECT_EQ(created.token().state(), v1::TOKEN_STATE_ACTIVE);
  EXPECT_EQ(created.token().created_by(), coordinator_.actor());

  v1::ListTokensResponse listed;
  ASSERT_TRUE(List(created.secret(), &listed).ok());  // the new token authenticates
  ASSERT_EQ(listed.tokens_size(), 2);
  EXPECT_EQ(listed.SerializeAsString().find(created.secret()), std::string::npos);
  EXPECT_EQ(listed.SerializeAsString().find(coordinator_.secret), std::string::npos);
  EXPECT_EQ(QueryScalar("SELECT actor || ' ' || action || ' ' || resource_id FROM audit_log "
                        "WHERE resource_type = 'token'"),
            coordinator_.actor() + " create " + created.token().id());
}

TEST_F(TokenServiceTest, RevokingStopsTheTokenAtOnce) {
  v1::CreateTokenResponse created;
  ASSERT_TRUE(
      Create(coordinator_.secret, v1::TOKEN_ROLE_COORDINATOR, "Urlaubsvertretung", &created).ok());
  v1::ListTokensResponse listed;
  ASSERT_TRUE(List(created.secret(), &listed).ok());
  v1::RevokeTokenRequest req;
  req.set_id(created.token().id());
  v1::RevokeTokenResponse revoked;
  grpc::ClientContext ctx;
  ASSERT_TRUE(Stub(coordinator_.secret)->RevokeToken(&ctx, req, &revoked).ok());
  EXPECT_EQ(revoked.token().state(), v1::TOKEN_STATE_REVOKED);
  grpc::Status refused = List(created.secret(), &listed);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_NE(refused.error_message().find("token revoked"), std::string::npos);
  // Revoking again changes nothing.
  grpc::ClientContext again;
  v1::RevokeTokenResponse second;
  ASSERT_TRUE(Stub(coordinator_.secret)->RevokeToken(&again, req, &second).ok());
  EXPECT_EQ(second.token().revoke_time().seconds(), revoked.token().revoke_time().seconds());
}

TEST_F(TokenServiceTest, EveryRoleSeesItsOwnTokenAndARevokedOneIsRefused) {
  v1::CreateTokenResponse viewer;
  ASSERT_TRUE(Create(coordinator_.secret, v1::TOKEN_ROLE_VIEWER, "Lesen Jugendhilfeplanung", &viewer)
                  .ok());
  grpc::ClientContext ctx;
  v1::GetCurrentTokenResponse current;
  ASSERT_TRUE(Stub(viewer.secret())->GetCurrentToken(&ctx, {}, &current).ok());
  EXPECT_EQ(current.token().id(), viewer.token().id());
  EXPECT_EQ(current.token().label(), "Lesen Jugendhilfeplanung");
  EXPECT_EQ(current.token().role(), v1::TOKEN_ROLE_VIEWER);
  EXPECT_EQ(current.SerializeAsString().find(viewer.secret()), std::string::npos);

  v1::RevokeTokenRequest revoke;
  revoke.set_id(viewer.token().id());
  v1::RevokeTokenResponse revoked;
  grpc::ClientContext revoke_ctx;
  ASSERT_TRUE(Stub(coordinator_.secret)->RevokeToken(&revoke_ctx, revoke, &revoked).ok());
  grpc::ClientContext again;
  EXPECT_EQ(Stub(viewer.secret())->GetCurrentToken(&again, {}, &current).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  grpc::ClientContext none;
  EXPECT_EQ(Stub("")->GetCurrentToken(&none, {}, &current).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(TokenServiceTest, ATokenExpiresAfterItsValidity) {
  v1::CreateTokenResponse created;
  ASSERT_TRUE(Create(coordinator_.secret, v1::TOKEN_ROLE_VIEWER, "Praktikum", &created, 2).ok());
  now_ += absl::Hours(24 * 2) + absl::Seconds(1);
  // The coordinator's own token (30 days) still works; the two-day token does not.
  v1::ListTokensResponse listed;
  ASSERT_TRUE(List(coordinator_.secret, &listed).ok());
  for (const v1::ApiToken& t : listed.tokens()) {
    EXPECT_EQ(t.state(),
              t.id() == created.token().id() ? v1::TOKEN_STATE_EXPIRED : v1::TOKEN_STATE_ACTIVE);
  }
  grpc::ClientContext ctx;
  v1::ListTokensResponse ignored;
  auto stub = v1::TokenService::NewStub(server_->InProcessChannel(created.secret()));
  EXPECT_EQ(stub->ListTokens(&ctx, v1::ListTokensRequest(), &ignored).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(TokenServiceTest, NoRoleAboveOnesOwnCanBeGranted) {
  // A table that lets editors manage tokens shows the service's own check.
  auth::MethodRules rules = auth::OfficeMethodRules();
  rules["/schutznetz.v1.TokenService/CreateToken"] = auth::MethodRule::AtLeast(Role::kEditor);
  Start(rules);
  schutznetz::testing::TestToken editor = schutznetz::testing::IssueTestToken(db(), Role::kEditor);
  v1::CreateTokenResponse created;
  grpc::Status refused =
      Create(editor.secret, v1::TOKEN_ROLE_COORDINATOR, "Koordination", &created);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_NE(refused.error_message().find("above the caller's role editor"), std::string::npos);
  EXPECT_TRUE(Create(editor.secret, v1::TOKEN_ROLE_VIEWER, "Lesezugang", &created).ok());
  EXPECT_TRUE(Create(editor.secret, v1::TOKEN_ROLE_EDITOR, "Redaktion", &created).ok());
}

TEST_F(TokenServiceTest, RequestsAreChecked) {
  v1::CreateTokenResponse created;
  EXPECT_EQ(Create(coordinator_.secret, v1::TOKEN_ROLE_UNSPECIFIED, "X", &created).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Create(coordinator_.secret, v1::TOKEN_ROLE_DISTRICT_COORDINATOR, "Kreis", &created)
                .error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Create(coordinator_.secret, v1::TOKEN_ROLE_VIEWER, "Laptop Kevin Müller", &created)
                .error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(
      Create(coordinator_.secret, v1::TOKEN_ROLE_VIEWER, "Lesen", &created, 5000).error_code(),
      grpc::StatusCode::INVALID_ARGUMENT);
  v1::RevokeTokenRequest req;
  req.set_id("00000000-0000-0000-0000-000000000000");
  v1::RevokeTokenResponse revoked;
  grpc::ClientContext ctx;
  EXPECT_EQ(Stub(coordinator_.secret)->RevokeToken(&ctx, req, &revoked).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace schutznetz::api
