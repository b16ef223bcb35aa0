// Plausibility checks of functional contact data (phone numbers, e-mail addresses) as the
// services accept them: permissive enough for every German notation, strict enough to keep out
// free text in these fields.
#pragma once

#include <string_view>

namespace schutznetz {

// Digits, spaces and + - / ( ) only, at least three digits: "02941 980-1234", "+49 2941 9800".
bool IsPhoneNumber(std::string_view phone);

// One @ with something before it, a domain with a dot and a top-level part of two or more
// characters after it, no spaces or list separators.
bool IsEmailAddress(std::string_view email);

}  // namespace schutznetz
