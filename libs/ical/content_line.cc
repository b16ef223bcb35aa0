#include "libs/ical/content_line.h"

namespace schutznetz::ical {
namespace {

// The length of the UTF-8 sequence starting with `lead`, or 1 for a byte that cannot start one.
size_t SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 1;
}

}  // namespace

std::string EscapeText(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        out += "\\n";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) break;  // other controls
        out.push_back(c);
    }
  }
  return out;
}

std::string FoldLine(std::string_view line) {
  std::string out;
  out.reserve(line.size() + line.size() / 70 * 3 + 2);
  size_t used = 0;  // octets on the current output line
  size_t i = 0;
  while (i < line.size()) {
    size_t n = SequenceLength(static_cast<unsigned char>(line[i]));
    if (i + n > line.size()) n = line.size() - i;
    // A lead byte whose continuation bytes are missing is kept on its own.
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(line[i + k]) & 0xC0) != 0x80) {
        n = 1;
        break;
      }
    }
    if (used + n > kMaxLineOctets) {
      out += "\r\n ";
      used = 1;
    }
    out.append(line.substr(i, n));
    used += n;
    i += n;
  }
  out += "\r\n";
  return out;
}

}  // namespace schutznetz::ical
