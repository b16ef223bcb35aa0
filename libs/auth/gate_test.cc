// The gate's decisions against a real database: who is admitted, who is refused with which
// status, and that every refusal is in the audit log without the secret.
#include "libs/auth/gate.h"

#include <gtest/gtest.h>

#include "libs/auth/token_secret.h"
#include "libs/storage/tx.h"
#include "tests/support/test_database.h"
#include "tests/support/test_tokens.h"

namespace schutznetz::auth {
namespace {

using domain::Role;
using domain::ServerKind;
using testing::IssueTestToken;
using testing::TestToken;

constexpr char kCreate[] = "/schutznetz.v1.OrganisationService/CreateOrganisation";
constexpr char kApprove[] = "/schutznetz.v1.MemberService/ApproveMembership";
constexpr char kList[] = "/schutznetz.v1.OrganisationService/ListOrganisations";

class GateTest : public schutznetz::testing::DbTest {
 protected:
  Admission Decide(const std::string& method, const std::vector<std::string>& authorization) {
    Gate gate(db(), ServerKind::kOffice, [this] { return now_; });
    return gate.Decide(method, authorization);
  }
  std::vector<std::string> Bearer(const TestToken& t) { return {AuthorizationValue(t.secret)}; }
  // The refusals in the audit log: "actor method detail", oldest first.
  std::vector<std::string> Refusals() {
    std::vector<std::string> out;
    EXPECT_TRUE(db().Transact([&](storage::Tx& tx) -> absl::Status {
                      for (const auto& r : tx.ExecFixed(
                               "SELECT actor || ' ' || method || ' ' || detail FROM audit_log "
                               "WHERE outcome = 'denied' ORDER BY id")) {
                        out.push_back(r[0].as<std::string>());
                      }
                      return absl::OkStatus();
                    })
                    .ok());
    return out;
  }

  absl::Time now_ = absl::Now();
};

TEST_F(GateTest, PublicMethodsNeedNoToken) {
  Admission a = Decide("/grpc.health.v1.Health/Check", {});
  EXPECT_TRUE(a.status.ok());
  EXPECT_EQ(a.Actor(), "anonymous");
  EXPECT_TRUE(Decide("/schutznetz.v1.PublicService/ListPublicEvents", {}).status.ok());
  EXPECT_TRUE(Refusals().empty());
}

TEST_F(GateTest, NoTokenIsUnauthenticatedNamingTheRole) {
  Admission a = Decide(kCreate, {});
  EXPECT_EQ(a.status.code(), absl::StatusCode::kUnauthenticated);
  EXPECT_NE(a.status.message().find("role editor"), std::string::npos) << a.status;
  EXPECT_NE(a.status.message().find("Rolle editor (Bearbeiten)"), std::string::npos) << a.status;
  EXPECT_EQ(Refusals(),
            std::vector<std::string>{
                "anonymous OrganisationService/CreateOrganisation UNAUTHENTICATED: no token"});
}

TEST_F(GateTest, MalformedUnknownAndDuplicateTokensAreUnauthenticated) {
  EXPECT_EQ(Decide(kList, {"Bearer not-a-token"}).status.code(),
            absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(Decide(kList, {"Basic dXNlcjpwdw=="}).status.code(),
            absl::StatusCode::kUnauthenticated);
  std::string unknown = NewTokenSecret().value();
  Admission a = Decide(kList, {AuthorizationValue(unknown)});
  EXPECT_EQ(a.status.code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(a.Actor(), "anonymous");
  TestToken t = IssueTestToken(db(), Role::kViewer);
  EXPECT_EQ(
      Decide(kList, {AuthorizationValue(t.secret), AuthorizationValue(t.secret)}).status.code(),
      absl::StatusCode::kUnauthenticated);
  std::vector<std::string> refusals = Refusals();
  ASSERT_EQ(refusals.size(), 4u);
  EXPECT_NE(refusals[2].find("unknown token"), std::string::npos);
  for (const std::string& r : refusals) EXPECT_EQ(r.find("snz_"), std::string::npos) << r;
}

TEST_F(GateTest, AValidTokenWithEnoughRoleIsAdmittedWithItsIdentity) {
  TestToken editor = IssueTestToken(db(), Role::kEditor);
  Admission a = Decide(kCreate, Bearer(editor));
  ASSERT_TRUE(a.status.ok()) << a.status;
  EXPECT_EQ(a.token_id, editor.id);
  EXPECT_EQ(a.role, Role::kEditor);
  EXPECT_EQ(a.Actor(), editor.actor());
  // The bearer scheme may be written in any case.
  EXPECT_TRUE(Decide(kList, {"bearer " + editor.secret}).status.ok());
  EXPECT_TRUE(Refusals().empty());
}

TEST_F(GateTest, ATooWeakRoleIsPermissionDeniedAndAudited) {
  TestToken editor = IssueTestToken(db(), Role::kEditor);
  Admission a = Decide(kApprove, Bearer(editor));
  EXPECT_EQ(a.status.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_NE(a.status.message().find("needs role coordinator"), std::string::npos) << a.status;
  EXPECT_NE(a.status.message().find("this token has role editor"), std::string::npos);
  EXPECT_EQ(Refusals(),
            std::vector<std::string>{editor.actor() +
                                     " MemberService/ApproveMembership PERMISSION_DENIED: role "
                                     "editor below coordinator"});
  TestToken viewer = IssueTestToken(db(), Role::kViewer);
  EXPECT_EQ(Decide(kCreate, Bearer(viewer)).status.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(Decide(kList, Bearer(viewer)).status.ok());
}

TEST_F(GateTest, AnExpiredTokenIsUnauthenticated) {
  TestToken t = IssueTestToken(db(), Role::kCoordinator, "Testzugang", absl::Hours(24), now_);
  now_ += absl::Hours(23);
  EXPECT_TRUE(Decide(kList, Bearer(t)).status.ok());
  now_ += absl::Hours(2);
  Admission a = Decide(kList, Bearer(t));
  EXPECT_EQ(a.status.code(), absl::StatusCode::kUnauthenticated);
  EXPECT_NE(a.status.message().find("token expired"), std::string::npos);
  EXPECT_EQ(Refusals(),
            std::vector<std::string>{t.actor() + " OrganisationService/ListOrganisations "
                                                 "UNAUTHENTICATED: expired token"});
}

TEST_F(GateTest, ARevokedTokenIsUnauthenticatedAtOnce) {
  TestToken t = IssueTestToken(db(), Role::kCoordinator);
  EXPECT_TRUE(Decide(kList, Bearer(t)).status.ok());
  auto tokens = storage::NewApiTokensRepository();
  ASSERT_TRUE(
      db().Transact([&](storage::Tx& tx) { return tokens->Revoke(tx, t.id, now_).status(); }).ok());
  Admission a = Decide(kList, Bearer(t));
  EXPECT_EQ(a.status.code(), absl::StatusCode::kUnauthenticated);
  EXPECT_NE(a.status.message().find("token revoked"), std::string::npos);
}

TEST_F(GateTest, AMethodWithoutRuleIsRefused) {
  TestToken t = IssueTestToken(db(), Role::kCoordinator);
  Admission a = Decide("/schutznetz.v1.OrganisationService/Teleport", Bearer(t));
  EXPECT_EQ(a.status.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_NE(a.status.message().find("no access rule"), std::string::npos);
}

TEST_F(GateTest, FederationCallsAreLeftToTheOfficeCertificate) {
  Gate gate(db(), ServerKind::kDistrict);
  EXPECT_TRUE(gate.Decide("/schutznetz.v1.FederationService/PushChanges", {}).status.ok());
  // The district table has no office methods.
  EXPECT_EQ(gate.Decide(kList, {}).status.code(), absl::StatusCode::kPermissionDenied);
}

TEST(ShortMethodNameTest, DropsThePackage) {
  EXPECT_EQ(ShortMethodName("/schutznetz.v1.OrganisationService/CreateOrganisation"),
            "OrganisationService/CreateOrganisation");
  EXPECT_EQ(ShortMethodName("/grpc.health.v1.Health/Check"), "Health/Check");
}

}  // namespace
}  // namespace schutznetz::auth
