// UUID syntax checks for ids that arrive in requests.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace schutznetz {

// True for the canonical textual form 8-4-4-4-12 hex digits (either case).
bool IsUuid(std::string_view s);

// A random (version 4) UUID in canonical lower-case form.
std::string NewUuid();

// OK, or INVALID_ARGUMENT naming `field` ("must be a UUID" / empty → "is required").
absl::Status ValidateUuid(std::string_view field, std::string_view value);

}  // namespace schutznetz
