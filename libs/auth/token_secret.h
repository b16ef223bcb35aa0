// API token secrets: how they are made, what is stored of them, and how a call presents them.
//
// A secret is "snz_" followed by the unpadded base64url encoding of 32 bytes from OpenSSL's
// CSPRNG (RAND_bytes): 256 bits, shown once when the token is created and never stored. The
// database keeps the SHA-256 of the whole secret in hex. A call presents the secret as gRPC
// metadata:
//
//   authorization: Bearer snz_3q2-7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace schutznetz::auth {

// The metadata key of the bearer token (gRPC lower-cases keys).
inline constexpr char kAuthorizationKey[] = "authorization";
inline constexpr char kSecretPrefix[] = "snz_";

// A fresh secret; INTERNAL if the CSPRNG fails (it never falls back to a weaker source).
absl::StatusOr<std::string> NewTokenSecret();

// The SHA-256 of `secret` as 64 lower-case hex digits: what the database stores and looks up.
std::string HashTokenSecret(std::string_view secret);

// True if `s` has the form of a secret: the prefix and 43 base64url characters.
bool LooksLikeTokenSecret(std::string_view s);

// The secret of an "authorization" metadata value "Bearer <secret>" (scheme case-insensitive,
// RFC 6750); nullopt for another scheme or a malformed value.
std::optional<std::string> SecretFromAuthorization(std::string_view value);

// "Bearer <secret>", the metadata value a client sends.
std::string AuthorizationValue(std::string_view secret);

}  // namespace schutznetz::auth
