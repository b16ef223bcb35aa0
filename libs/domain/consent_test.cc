#include "libs/domain/consent.h"

#include <gtest/gtest.h>

#include "libs/common/sha256.h"

namespace schutznetz::domain {
namespace {

ConsentText Text(const std::string& body) {
  ConsentText t;
  t.purpose = ConsentPurpose::kShareRegistrations;
  t.version = 2;
  t.body = body;
  t.sha256 = Sha256Hex(body);
  return t;
}

TEST(ConsentTest, PurposesAndSourcesRoundTripTheirSlugs) {
  for (ConsentPurpose p : {ConsentPurpose::kInternalDirectory, ConsentPurpose::kPublicContact,
                           ConsentPurpose::kShareRegistrations, ConsentPurpose::kInsofaPool}) {
    EXPECT_EQ(ConsentPurposeFromSlug(ConsentPurposeSlug(p)), p);
    EXPECT_FALSE(ConsentPurposeLabel(p).empty());
  }
  EXPECT_EQ(ConsentPurposeFromSlug("marketing"), std::nullopt);
  EXPECT_EQ(ConsentPurposeFromNumber(0), std::nullopt);
  EXPECT_EQ(ConsentPurposeFromNumber(4), ConsentPurpose::kInsofaPool);
  EXPECT_EQ(ConsentPurposeFromNumber(5), std::nullopt);
  EXPECT_EQ(ConsentSourceFromSlug(ConsentSourceSlug(ConsentSource::kPaper)), ConsentSource::kPaper);
  EXPECT_EQ(ConsentSourceFromNumber(5), std::nullopt);
}

TEST(ConsentTest, TheShownTextMustBeTheTextOfTheVersion) {
  ConsentText t = Text("Ich willige ein, dass …");
  EXPECT_TRUE(CheckShownText(t, t.sha256, "text_sha256").ok());
  std::string upper = t.sha256;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_TRUE(CheckShownText(t, upper, "text_sha256").ok());
  absl::Status other = CheckShownText(t, Sha256Hex("Ich willige ein, dass"), "text_sha256");
  EXPECT_EQ(other.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(other.message().find("text_sha256"), std::string::npos);
  EXPECT_EQ(CheckShownText(t, "abc", "text_sha256").code(), absl::StatusCode::kInvalidArgument);
}

TEST(ConsentTest, OnlyRequestedOrActiveMembersCanConsent) {
  Member m;
  m.state = MembershipState::kActive;
  EXPECT_TRUE(CheckCanConsent(m).ok());
  m.state = MembershipState::kRequested;
  EXPECT_TRUE(CheckCanConsent(m).ok());
  m.state = MembershipState::kLeft;
  EXPECT_EQ(CheckCanConsent(m).code(), absl::StatusCode::kFailedPrecondition);
  m.state = MembershipState::kActive;
  m.anonymised = true;
  EXPECT_EQ(CheckCanConsent(m).code(), absl::StatusCode::kFailedPrecondition);
}

TEST(ConsentTest, AnonymisingClearsEveryConsentFlag) {
  Member m;
  m.consent_internal_directory = m.consent_public_contact = m.consent_share_registrations = true;
  m.state = MembershipState::kLeft;
  Anonymise(&m);
  for (ConsentPurpose p : {ConsentPurpose::kInternalDirectory, ConsentPurpose::kPublicContact,
                           ConsentPurpose::kShareRegistrations}) {
    EXPECT_FALSE(HasConsent(m, p));
  }
}

TEST(ConsentTest, TextsMustNotBeEmptyOrOverlong) {
  EXPECT_TRUE(ValidateConsentText("Ich willige ein.\nZweiter Absatz.", "body").ok());
  EXPECT_EQ(ValidateConsentText("", "body").code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ValidateConsentText(std::string(20001, 'a'), "body").code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace schutznetz::domain
