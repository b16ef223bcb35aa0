// Roles, token states and the checks of a new token's label and validity.
#include "libs/domain/api_token.h"

#include <gtest/gtest.h>

namespace schutznetz::domain {
namespace {

TEST(RoleTest, NamesRoundTrip) {
  for (Role r : {Role::kViewer, Role::kEditor, Role::kCoordinator, Role::kDistrictCoordinator}) {
    EXPECT_EQ(ParseRole(RoleName(r)), r);
  }
  EXPECT_FALSE(ParseRole("admin").has_value());
  EXPECT_FALSE(ParseRole("Coordinator").has_value());
}

TEST(RoleTest, OfficeRolesAreOrderedViewerEditorCoordinator) {
  EXPECT_TRUE(Satisfies(Role::kCoordinator, Role::kEditor));
  EXPECT_TRUE(Satisfies(Role::kEditor, Role::kViewer));
  EXPECT_TRUE(Satisfies(Role::kEditor, Role::kEditor));
  EXPECT_FALSE(Satisfies(Role::kEditor, Role::kCoordinator));
  EXPECT_FALSE(Satisfies(Role::kViewer, Role::kEditor));
}

TEST(RoleTest, DistrictCoordinatorIsNeitherGrantedNorImpliedByOfficeRoles) {
  EXPECT_TRUE(Satisfies(Role::kDistrictCoordinator, Role::kViewer));
  EXPECT_FALSE(Satisfies(Role::kCoordinator, Role::kDistrictCoordinator));
  EXPECT_FALSE(Satisfies(Role::kDistrictCoordinator, Role::kEditor));
  EXPECT_FALSE(Satisfies(Role::kDistrictCoordinator, Role::kCoordinator));
  EXPECT_TRUE(RoleExistsAt(Role::kDistrictCoordinator, ServerKind::kDistrict));
  EXPECT_FALSE(RoleExistsAt(Role::kDistrictCoordinator, ServerKind::kOffice));
  EXPECT_FALSE(RoleExistsAt(Role::kEditor, ServerKind::kDistrict));
}

TEST(TokenStateTest, RevokedWinsOverExpired) {
  ApiToken t;
  t.expire_time = absl::FromUnixSeconds(1000);
  EXPECT_EQ(StateAt(t, absl::FromUnixSeconds(999)), TokenState::kActive);
  EXPECT_EQ(StateAt(t, absl::FromUnixSeconds(1000)), TokenState::kExpired);
  t.revoke_time = absl::FromUnixSeconds(10);
  EXPECT_EQ(StateAt(t, absl::FromUnixSeconds(999)), TokenState::kRevoked);
}

TEST(TokenLabelTest, FunctionLabelsPassPersonalNamesAreRefused) {
  EXPECT_TRUE(ValidateTokenLabel("Netzwerkkoordination").ok());
  EXPECT_TRUE(ValidateTokenLabel("Jugendhilfeplanung, Lesezugriff").ok());
  absl::Status named = ValidateTokenLabel("Netzwerkkoordination Kevin Müller");
  EXPECT_EQ(named.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(named.message().find("token.label"), std::string::npos);
  EXPECT_FALSE(ValidateTokenLabel("").ok());
  EXPECT_FALSE(ValidateTokenLabel(std::string(101, 'a')).ok());
  EXPECT_FALSE(ValidateTokenLabel("zwei\nZeilen").ok());
}

TEST(TokenValidityTest, DefaultAndMaximumComeFromThePolicy) {
  TokenPolicy policy{.default_valid_days = 365, .max_valid_days = 400};
  EXPECT_EQ(*EffectiveValidDays(0, policy, "valid_days"), 365);
  EXPECT_EQ(*EffectiveValidDays(30, policy, "valid_days"), 30);
  EXPECT_EQ(*EffectiveValidDays(400, policy, "valid_days"), 400);
  EXPECT_EQ(EffectiveValidDays(401, policy, "valid_days").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_FALSE(EffectiveValidDays(-1, policy, "valid_days").ok());
}

}  // namespace
}  // namespace schutznetz::domain
