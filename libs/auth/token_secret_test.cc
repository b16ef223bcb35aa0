// Token secrets: form, randomness, hashing and the authorization header.
#include "libs/auth/token_secret.h"

#include <set>

#include <gtest/gtest.h>

#include "libs/common/sha256.h"

namespace schutznetz::auth {
namespace {

TEST(TokenSecretTest, NewSecretsHaveThePrefixAnd256BitsInBase64Url) {
  absl::StatusOr<std::string> secret = NewTokenSecret();
  ASSERT_TRUE(secret.ok()) << secret.status();
  EXPECT_EQ(secret->substr(0, 4), "snz_");
  EXPECT_EQ(secret->size(), 4u + 43u);
  EXPECT_TRUE(LooksLikeTokenSecret(*secret));
  EXPECT_EQ(secret->find_first_of("+/="), std::string::npos);
}

TEST(TokenSecretTest, SecretsDoNotRepeat) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(NewTokenSecret().value());
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(TokenSecretTest, TheHashIsTheSha256OfTheWholeSecret) {
  std::string secret = NewTokenSecret().value();
  EXPECT_EQ(HashTokenSecret(secret), Sha256Hex(secret));
  EXPECT_EQ(HashTokenSecret(secret).size(), 64u);
  EXPECT_EQ(HashTokenSecret(secret).find(secret), std::string::npos);
}

TEST(TokenSecretTest, MalformedSecretsAreRecognised) {
  EXPECT_FALSE(LooksLikeTokenSecret(""));
  EXPECT_FALSE(LooksLikeTokenSecret("snz_"));
  EXPECT_FALSE(LooksLikeTokenSecret("snz_" + std::string(42, 'a')));
  EXPECT_FALSE(LooksLikeTokenSecret("xyz_" + std::string(43, 'a')));
  EXPECT_FALSE(LooksLikeTokenSecret("snz_" + std::string(42, 'a') + "+"));
  EXPECT_TRUE(LooksLikeTokenSecret("snz_" + std::string(42, 'a') + "-"));
}

TEST(TokenSecretTest, BearerSchemeIsCaseInsensitive) {
  EXPECT_EQ(SecretFromAuthorization("Bearer snz_abc"), "snz_abc");
  EXPECT_EQ(SecretFromAuthorization("bearer snz_abc"), "snz_abc");
  EXPECT_EQ(SecretFromAuthorization("BEARER  snz_abc "), "snz_abc");
  EXPECT_FALSE(SecretFromAuthorization("Basic dXNlcjpwdw==").has_value());
  EXPECT_FALSE(SecretFromAuthorization("Bearer ").has_value());
  EXPECT_FALSE(SecretFromAuthorization("snz_abc").has_value());
  EXPECT_EQ(AuthorizationValue("snz_abc"), "Bearer snz_abc");
}

}  // namespace
}  // namespace schutznetz::auth
