#include "libs/auth/token_secret.h"

#include <openssl/rand.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "libs/common/sha256.h"

namespace schutznetz::auth {
namespace {

constexpr int kSecretBytes = 32;
constexpr size_t kEncodedLength = 43;  // ceil(32 * 4 / 3), no padding

bool IsBase64UrlChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

}  // namespace

absl::StatusOr<std::string> NewTokenSecret() {
  unsigned char bytes[kSecretBytes];
  if (RAND_bytes(bytes, kSecretBytes) != 1) {
    return absl::InternalError("random generator failed / Zufallsgenerator ausgefallen");
  }
  std::string encoded = absl::WebSafeBase64Escape(
      absl::string_view(reinterpret_cast<const char*>(bytes), kSecretBytes));
  return absl::StrCat(kSecretPrefix, encoded);
}

std::string HashTokenSecret(std::string_view secret) { return Sha256Hex(secret); }

bool LooksLikeTokenSecret(std::string_view s) {
  std::string_view prefix = kSecretPrefix;
  if (s.size() != prefix.size() + kEncodedLength || s.substr(0, prefix.size()) != prefix) {
    return false;
  }
  for (char c : s.substr(prefix.size())) {
    if (!IsBase64UrlChar(c)) return false;
  }
  return true;
}

std::optional<std::string> SecretFromAuthorization(std::string_view value) {
  constexpr std::string_view kScheme = "bearer ";
  if (value.size() <= kScheme.size()) return std::nullopt;
  for (size_t i = 0; i < kScheme.size(); ++i) {
    char c = value[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != kScheme[i]) return std::nullopt;
  }
  std::string_view secret = value.substr(kScheme.size());
  while (!secret.empty() && secret.front() == ' ') secret.remove_prefix(1);
  while (!secret.empty() && secret.back() == ' ') secret.remove_suffix(1);
  if (secret.empty()) return std::nullopt;
  return std::string(secret);
}

std::string AuthorizationValue(std::string_view secret) {
  return absl::StrCat("Bearer ", absl::string_view(secret.data(), secret.size()));
}

}  // namespace schutznetz::auth
