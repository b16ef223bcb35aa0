#include "libs/domain/member.h"

#include <gtest/gtest.h>

namespace schutznetz::domain {
namespace {

Member Valid() {
  Member m;
  m.organisation_id = OrganisationId("6f1c2b9e-3d4a-4c5b-8e7f-0123456789ab");
  m.first_name = "Anna";
  m.last_name = "Beispiel";
  m.email = "a.beispiel@schule.example";
  m.phone = "+49 2941 12345-6";
  return m;
}

TEST(MemberTest, ValidMemberPasses) { EXPECT_TRUE(ValidateMember(Valid(), "member.").ok()); }

TEST(MemberTest, ViolationsAreNamed) {
  Member m;
  m.email = "kein-at-zeichen";
  m.phone = "ruf an";
  std::string msg(ValidateMember(m, "member.").message());
  for (const char* field : {"member.organisation_id", "member.first_name", "member.last_name",
                            "member.email: is not an e-mail address", "member.phone"}) {
    EXPECT_NE(msg.find(field), std::string::npos) << field << " in " << msg;
  }
}

TEST(MemberTest, LifecycleAllowsOnlyTheDocumentedTransitions) {
  using S = MembershipState;
  EXPECT_TRUE(CheckMembershipTransition(S::kRequested, S::kActive).ok());
  EXPECT_TRUE(CheckMembershipTransition(S::kRequested, S::kDeclined).ok());
  EXPECT_TRUE(CheckMembershipTransition(S::kActive, S::kLeft).ok());
  for (auto [from, to] : {std::pair{S::kActive, S::kActive}, std::pair{S::kDeclined, S::kActive},
                          std::pair{S::kLeft, S::kActive}, std::pair{S::kRequested, S::kLeft}}) {
    absl::Status s = CheckMembershipTransition(from, to);
    EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  }
}

TEST(MemberTest, AnonymiseClearsEveryPersonalField) {
  Member m = Valid();
  m.role = "Schulsozialarbeiterin";
  m.decision_reason = "Umzug nach Köln";
  m.consent_share_registrations = true;
  m.state = MembershipState::kLeft;
  ASSERT_TRUE(CheckCanAnonymise(m).ok());
  Anonymise(&m);
  EXPECT_TRUE(m.first_name.empty() && m.last_name.empty() && m.email.empty() && m.phone.empty() &&
              m.role.empty() && m.decision_reason.empty());
  EXPECT_FALSE(m.consent_share_registrations);
  EXPECT_TRUE(m.anonymised);
  EXPECT_EQ(m.organisation_id.value(), "6f1c2b9e-3d4a-4c5b-8e7f-0123456789ab");
  EXPECT_EQ(DisplayName(m), "(anonymisiert)");
  EXPECT_EQ(CheckCanAnonymise(m).code(), absl::StatusCode::kFailedPrecondition);
}

TEST(MemberTest, ActiveMemberCannotBeAnonymised) {
  Member m = Valid();
  m.state = MembershipState::kActive;
  EXPECT_EQ(CheckCanAnonymise(m).code(), absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace schutznetz::domain
