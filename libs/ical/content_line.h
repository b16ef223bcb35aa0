// The text layer of iCalendar (RFC 5545 §3.1, §3.3.11): TEXT values escaped, content lines folded
// to at most 75 octets and ended with CRLF.
//
// Folding counts octets, not characters, and never splits a UTF-8 sequence: a line of umlauts is
// folded before the character that would cross the limit. Continuation lines begin with one space,
// which counts towards their 75 octets.
//
//   out += FoldLine("SUMMARY:" + EscapeText("Fachtag; Kinderschutz, Schule"));
//   // "SUMMARY:Fachtag\; Kinderschutz\, Schule\r\n"
#pragma once

#include <string>
#include <string_view>

namespace schutznetz::ical {

// The longest content line in octets, CRLF excluded.
inline constexpr size_t kMaxLineOctets = 75;

// A TEXT value: backslash, ';' and ',' escaped with a backslash, a line break (LF, CRLF or CR)
// written as "\n". Other control characters (never valid in our texts) are dropped.
std::string EscapeText(std::string_view text);

// `line` (a whole content line without its line ending) folded into lines of at most 75 octets,
// each ended with CRLF. Bytes that are not valid UTF-8 are kept as they are and may be split.
std::string FoldLine(std::string_view line);

}  // namespace schutznetz::ical
