// Validation of user-supplied text: UTF-8, no control characters, bounded length.
//
// Every string field of every request passes through ValidateText before it is stored, so the
// database never holds invalid UTF-8, NUL bytes, or unbounded strings.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace schutznetz {

struct TextRule {
  size_t max_chars = 200;   // in Unicode code points
  bool required = false;    // empty (after trimming) is an error
  bool multiline = false;   // allows \n and \t
};

// OK, or INVALID_ARGUMENT naming `field`.
absl::Status ValidateText(std::string_view field, std::string_view value, TextRule rule);

bool IsValidUtf8(std::string_view s);
// Number of code points of valid UTF-8 `s`.
size_t Utf8Length(std::string_view s);
// `s` without leading and trailing ASCII whitespace.
std::string Trim(std::string_view s);
// ASCII lower-case of `s` (umlauts unchanged).
std::string AsciiLower(std::string_view s);

}  // namespace schutznetz
