// SHA-256 digests in lower-case hex, e.g. the hash a ratification binds to (the exact bytes of an
// agreement's text).
#pragma once

#include <string>
#include <string_view>

namespace schutznetz {

// The SHA-256 of `data` as 64 lower-case hex digits.
std::string Sha256Hex(std::string_view data);

// True for 64 hex digits (either case).
bool IsSha256Hex(std::string_view s);

}  // namespace schutznetz
