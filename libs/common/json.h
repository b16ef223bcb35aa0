// Minimal JSON string escaping for structured logs and hand-written JSON documents.
#pragma once

#include <string>
#include <string_view>

namespace schutznetz {

// Appends `value` as a quoted JSON string (RFC 8259 escaping; UTF-8 passes through).
void AppendJsonString(std::string* out, std::string_view value);

// Returns `value` as a quoted JSON string.
std::string JsonString(std::string_view value);

}  // namespace schutznetz
