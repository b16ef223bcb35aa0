// TEXT escaping and line folding of iCalendar content lines (RFC 5545 §3.1, §3.3.11).
#include "libs/ical/content_line.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/strings/str_split.h"

namespace schutznetz::ical {
namespace {

// The folded lines without their CRLF.
std::vector<std::string> Lines(const std::string& folded) {
  EXPECT_EQ(folded.substr(folded.size() - 2), "\r\n");
  std::vector<std::string> lines = absl::StrSplit(folded.substr(0, folded.size() - 2), "\r\n");
  return lines;
}

// Unfolding as a reader does it: CRLF followed by one space is removed.
std::string Unfold(const std::string& folded) {
  std::string out;
  for (const std::string& line : Lines(folded)) out += out.empty() ? line : line.substr(1);
  return out;
}

bool IsValidUtf8(const std::string& s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = s[i];
    size_t n = c < 0x80             ? 1
               : (c & 0xE0) == 0xC0 ? 2
               : (c & 0xF0) == 0xE0 ? 3
               : (c & 0xF8) == 0xF0 ? 4
                                    : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

TEST(EscapeTextTest, EscapesBackslashSemicolonCommaAndLineBreaks) {
  EXPECT_EQ(EscapeText("a\\b;c,d"), "a\\\\b\\;c\\,d");
  EXPECT_EQ(EscapeText("Zeile 1\nZeile 2\r\nZeile 3\rZeile 4"),
            "Zeile 1\\nZeile 2\\nZeile 3\\nZeile 4");
}

TEST(EscapeTextTest, LeavesColonsQuotesAndUmlautsAlone) {
  EXPECT_EQ(EscapeText("Thema: „Kinderschutz“ – Grüße aus Lippstadt"),
            "Thema: „Kinderschutz“ – Grüße aus Lippstadt");
}

TEST(EscapeTextTest, DropsOtherControlCharacters) {
  EXPECT_EQ(EscapeText(std::string("a\tb\x01"
                                   "c\x7F",
                                   6)),
            "abc");
}

TEST(FoldLineTest, ShortLineIsOneLineWithCrlf) {
  EXPECT_EQ(FoldLine("SUMMARY:Fachtag"), "SUMMARY:Fachtag\r\n");
}

TEST(FoldLineTest, LineOfExactly75OctetsIsNotFolded) {
  std::string line(75, 'x');
  EXPECT_EQ(FoldLine(line), line + "\r\n");
  EXPECT_EQ(Lines(FoldLine(line + "y")).size(), 2u);
}

TEST(FoldLineTest, FoldsAt75OctetsWithALeadingSpace) {
  std::string line = "DESCRIPTION:" + std::string(200, 'a');
  std::vector<std::string> lines = Lines(FoldLine(line));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].size(), 75u);
  EXPECT_EQ(lines[1].size(), 75u);
  EXPECT_EQ(lines[1][0], ' ');
  EXPECT_EQ(lines[2][0], ' ');
  EXPECT_EQ(Unfold(FoldLine(line)), line);
}

TEST(FoldLineTest, NeverSplitsAMultiByteCharacter) {
  // "ü" is two octets, "–" three, "😀" four: every offset of the fold is tried.
  for (const std::string& ch : {std::string("ü"), std::string("–"), std::string("😀")}) {
    for (size_t prefix = 0; prefix < 8; ++prefix) {
      std::string line = "SUMMARY:" + std::string(prefix, 'x');
      for (int i = 0; i < 60; ++i) line += ch;
      std::string folded = FoldLine(line);
      for (const std::string& l : Lines(folded)) {
        EXPECT_LE(l.size(), kMaxLineOctets) << ch << " prefix " << prefix;
        EXPECT_TRUE(IsValidUtf8(l)) << ch << " prefix " << prefix << ": " << l;
      }
      EXPECT_EQ(Unfold(folded), line);
    }
  }
}

TEST(FoldLineTest, UmlautsAtTheBoundaryMoveToTheNextLine) {
  std::string line = std::string(74, 'x') + "ä";  // 76 octets: "ä" would cross the limit
  std::vector<std::string> lines = Lines(FoldLine(line));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], std::string(74, 'x'));
  EXPECT_EQ(lines[1], " ä");
}

}  // namespace
}  // namespace schutznetz::ical
