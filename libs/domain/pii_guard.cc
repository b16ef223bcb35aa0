#include "libs/domain/pii_guard.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <unordered_set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"
#include "libs/common/text.h"

namespace schutznetz::domain {
namespace {

constexpr size_t kNone = std::string_view::npos;

// ---------------------------------------------------------------------------------------------
// UTF-8 and character classes. Invalid bytes decode as themselves, one byte each.

struct CodePoint {
  uint32_t value = 0;  // 0 past the end of the text
  size_t size = 0;
};

CodePoint At(std::string_view s, size_t i) {
  if (i >= s.size()) return {};
  unsigned char c = static_cast<unsigned char>(s[i]);
  if ((c & 0xC0) == 0x80) return {c, 1};
  size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
  if (n == 1 || (c & 0xF8) == 0xF8 || i + n > s.size()) return {c, 1};
  uint32_t v = c & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return {c, 1};
    v = (v << 6) | (cc & 0x3F);
  }
  return {v, n};
}

uint32_t Before(std::string_view s, size_t i) {
  if (i == 0) return 0;
  size_t j = i - 1;
  while (j > 0 && i - j < 4 && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) --j;
  return At(s, j).value;
}

char C(std::string_view s, size_t i) { return i < s.size() ? s[i] : '\0'; }
bool IsDigit(uint32_t c) { return c >= '0' && c <= '9'; }
bool IsAsciiUpper(uint32_t c) { return c >= 'A' && c <= 'Z'; }
bool IsAsciiAlpha(uint32_t c) { return IsAsciiUpper(c) || (c >= 'a' && c <= 'z'); }

bool IsLetter(uint32_t c) {
  if (c < 0x80) return IsAsciiAlpha(c);
  if (c >= 0xC0 && c <= 0x24F) return c != 0xD7 && c != 0xF7;  // Latin-1, Extended-A/B
  return c >= 0x370 && c < 0x2000;  // Greek, Cyrillic, Arabic … (before General Punctuation)
}
bool IsWordChar(uint32_t c) { return IsDigit(c) || IsLetter(c); }

// Upper-case letters of Latin Extended-A alternate with their lower-case partners.
bool IsLatinExtAUpper(uint32_t c) {
  if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) return c % 2 == 0;
  if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return c % 2 == 1;
  return c == 0x178;
}

bool IsUpper(uint32_t c) {
  return IsAsciiUpper(c) || (c >= 0xC0 && c <= 0xDE && c != 0xD7) || IsLatinExtAUpper(c) ||
         (c >= 0x391 && c <= 0x3A9) || (c >= 0x400 && c <= 0x42F);
}

uint32_t ToLower(uint32_t c) {
  if (IsAsciiUpper(c) || (c >= 0xC0 && c <= 0xDE && c != 0xD7)) return c + 0x20;
  if (c == 0x130) return 'i';
  if (c == 0x178) return 0xFF;
  if (IsLatinExtAUpper(c)) return c + 1;
  if ((c >= 0x391 && c <= 0x3A9) || (c >= 0x410 && c <= 0x42F)) return c + 0x20;
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;
  return c;
}

void AppendUtf8(uint32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

// Lower-case form used to compare words ("MÜLLER" and "Müller" → "müller").
std::string Fold(std::string_view word) {
  std::string out;
  for (size_t i = 0; i < word.size();) {
    CodePoint cp = At(word, i);
    AppendUtf8(ToLower(cp.value), &out);
    i += cp.size;
  }
  return out;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

template <size_t N>
bool IsOneOf(std::string_view s, const char* const (&list)[N]) {
  return std::any_of(std::begin(list), std::end(list), [&](const char* w) { return s == w; });
}

// Bytes of a space at `i`: ' ', no-break space, thin space, narrow no-break space; else 0.
size_t SpaceAt(std::string_view s, size_t i) {
  CodePoint c = At(s, i);
  // The bytes actually read: a stray byte 0xA0 (invalid UTF-8) is one byte, not two.
  if (c.value == ' ' || c.value == 0xA0 || c.value == 0x2009 || c.value == 0x202F) return c.size;
  return 0;
}

// Bytes of a hyphen or dash at `i` ('-', '‐', '‑', '–'); else 0.
size_t DashAt(std::string_view s, size_t i) {
  CodePoint c = At(s, i);
  if (c.value == '-' || c.value == 0x2010 || c.value == 0x2011 || c.value == 0x2013) return c.size;
  return 0;
}

size_t DigitsAt(std::string_view s, size_t i) {
  size_t n = 0;
  while (IsDigit(C(s, i + n))) ++n;
  return n;
}

int NumberAt(std::string_view s, size_t i, size_t n) {
  int v = 0;
  for (size_t k = 0; k < n; ++k) v = v * 10 + (s[i + k] - '0');
  return v;
}

size_t LettersAt(std::string_view s, size_t i) {
  size_t p = i;
  while (p < s.size() && IsLetter(At(s, p).value)) p += At(s, p).size;
  return p - i;
}

bool WordStart(std::string_view s, size_t i) { return !IsWordChar(Before(s, i)); }
bool WordEnd(std::string_view s, size_t i) { return !IsWordChar(At(s, i).value); }

// A number that is not part of a larger one such as "1.500" or "3,5" or "10:30".
bool NumberStart(std::string_view s, size_t i) {
  if (!WordStart(s, i)) return false;
  return !(i >= 2 && std::strchr(".,:", s[i - 1]) && IsDigit(s[i - 2]));
}
bool NumberEnd(std::string_view s, size_t i) {
  if (!WordEnd(s, i)) return false;
  return !(C(s, i) != '\0' && std::strchr(".,:", C(s, i)) && IsDigit(C(s, i + 1)));
}

// A capitalised word at `i`, possibly a hyphenated compound ("Konrad-Adenauer-Straße"); returns
// its length in bytes, 0 if there is none.
size_t CapitalisedWordAt(std::string_view s, size_t i) {
  if (!IsUpper(At(s, i).value) || !WordStart(s, i)) return 0;
  size_t p = i + LettersAt(s, i);
  while (C(s, p) == '-' && LettersAt(s, p + 1) > 0) p += 1 + LettersAt(s, p + 1);
  return WordEnd(s, p) ? p - i : 0;
}

// ---------------------------------------------------------------------------------------------
// Findings

enum class Kind { kEmail, kPhone, kDate, kAddress, kIdentifier, kName };

PiiFinding MakeFinding(size_t begin, size_t end, Kind kind) {
  switch (kind) {
    case Kind::kEmail:
      return {begin, end, "email", "E-Mail-Adresse"};
    case Kind::kPhone:
      return {begin, end, "phone", "Telefonnummer"};
    case Kind::kDate:
      return {begin, end, "date", "Datum (z. B. Geburtsdatum)"};
    case Kind::kAddress:
      return {begin, end, "address", "Anschrift mit Hausnummer"};
    case Kind::kIdentifier:
      return {begin, end, "identifier", "Steuer-/Versicherungsnummer"};
    case Kind::kName:
      return {begin, end, "name", "Name"};
  }
  return {begin, end, "unknown", "unbekannt"};
}

// Spans found so far; a later (less specific) detector cannot claim bytes already claimed.
class Findings {
 public:
  void Add(size_t begin, size_t end, Kind kind) {
    for (const PiiFinding& f : items_) {
      if (begin < f.end && f.begin < end) return;
    }
    items_.push_back(MakeFinding(begin, end, kind));
  }
  std::vector<PiiFinding> Sorted() {
    std::sort(items_.begin(), items_.end(),
              [](const PiiFinding& a, const PiiFinding& b) { return a.begin < b.begin; });
    return std::move(items_);
  }

 private:
  std::vector<PiiFinding> items_;
};

// Runs `match(i)` (returning the end of a match starting at byte i, or kNone) at every code
// point boundary of `s` and records the matches.
template <typename Match>
void Scan(std::string_view s, Kind kind, Findings& out, Match match) {
  for (size_t i = 0; i < s.size();) {
    size_t end = match(i);
    if (end != kNone) {
      out.Add(i, end, kind);
      i = end;
    } else {
      i += At(s, i).size;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// E-mail addresses: local@domain.tld

bool IsLocalPartChar(char c) {
  return IsAsciiAlpha(static_cast<unsigned char>(c)) || IsDigit(c) ||
         std::strchr("._%+-", c) != nullptr;
}

void ScanEmails(std::string_view s, Findings& out) {
  for (size_t at = s.find('@'); at != kNone; at = s.find('@', at + 1)) {
    size_t begin = at;
    while (begin > 0 && IsLocalPartChar(s[begin - 1])) --begin;
    while (begin < at && s[begin] == '.') ++begin;
    size_t end = at + 1;
    while (end < s.size()) {
      uint32_t c = At(s, end).value;
      if (!(IsLetter(c) || IsDigit(c) || c == '.' || c == '-')) break;
      end += At(s, end).size;
    }
    while (end > at + 1 && (s[end - 1] == '.' || s[end - 1] == '-')) --end;
    std::string_view domain = s.substr(at + 1, end - at - 1);
    size_t dot = domain.rfind('.');
    if (begin == at || dot == kNone || dot == 0 || domain.size() - dot - 1 < 2) continue;
    if (LettersAt(domain, dot + 1) != domain.size() - dot - 1) continue;  // TLD: letters only
    out.Add(begin, end, Kind::kEmail);
  }
}

// ---------------------------------------------------------------------------------------------
// Identifiers: IBAN (DE), Sozialversicherungsnummer, Krankenversichertennummer, Steuer-ID

size_t MatchIdentifier(std::string_view s, size_t i) {
  if (!NumberStart(s, i)) return kNone;
  char c = C(s, i);
  if ((c == 'D' || c == 'd') && (C(s, i + 1) == 'E' || C(s, i + 1) == 'e')) {
    size_t p = i + 2, digits = 0;  // DE + 20 digits, spaces allowed between digits
    while (digits < 20) {
      if (IsDigit(C(s, p))) {
        ++p, ++digits;
      } else if (C(s, p) == ' ' && digits > 0 && IsDigit(C(s, p + 1))) {
        ++p;
      } else {
        break;
      }
    }
    if (digits == 20 && WordEnd(s, p)) return p;
  }
  if (IsAsciiUpper(c) && DigitsAt(s, i + 1) == 9 && WordEnd(s, i + 10)) return i + 10;  // KVNR
  if (!IsDigit(c)) return kNone;
  // Sozialversicherungsnummer: area (2) birth date DDMMYY (6) letter serial+check (3).
  size_t n = DigitsAt(s, i), p = i;
  if (n == 2 && C(s, i + 2) == ' ' && DigitsAt(s, i + 3) == 6) p = i + 9;
  if (n == 8) p = i + 8;
  if (p != i) {
    int day = NumberAt(s, p - 6, 2), month = NumberAt(s, p - 4, 2);
    size_t q = p + (C(s, p) == ' ' ? 1 : 0);
    if (day >= 1 && day <= 31 && month >= 1 && month <= 12 && IsAsciiUpper(C(s, q))) {
      q += 1 + (C(s, q + 1) == ' ' ? 1 : 0);
      if (DigitsAt(s, q) == 3 && NumberEnd(s, q + 3)) return q + 3;
    }
  }
  // Steuer-ID: 11 digits, the first not 0, contiguous or grouped 2-3-3-3.
  if (c == '0') return kNone;
  if (n == 11 && NumberEnd(s, i + 11)) return i + 11;
  if (n == 2 && C(s, i + 2) == ' ' && DigitsAt(s, i + 3) == 3 && C(s, i + 6) == ' ' &&
      DigitsAt(s, i + 7) == 3 && C(s, i + 10) == ' ' && DigitsAt(s, i + 11) == 3 &&
      NumberEnd(s, i + 14)) {
    return i + 14;
  }
  return kNone;
}

// ---------------------------------------------------------------------------------------------
// Dates

struct DateMatch {
  size_t end = kNone;
  int year = 0;  // 0: day and month only
  int month = 0;
  int day = 0;
};

// The month (1–12) named by a German month name or abbreviation, 0 if none.
int MonthFromWord(std::string_view w, bool* abbreviation = nullptr) {
  static const char* const kMonths[12][3] = {{"Januar", "Jan", "Jänner"},
                                             {"Februar", "Feb", "Febr"},
                                             {"März", "Mär", "Mrz"},
                                             {"April", "Apr", ""},
                                             {"Mai", "", ""},
                                             {"Juni", "Jun", ""},
                                             {"Juli", "Jul", ""},
                                             {"August", "Aug", ""},
                                             {"September", "Sep", "Sept"},
                                             {"Oktober", "Okt", ""},
                                             {"November", "Nov", ""},
                                             {"Dezember", "Dez", ""}};
  for (int m = 0; m < 12; ++m) {
    for (int k = 0; k < 3; ++k) {
      if (*kMonths[m][k] == '\0' || w != kMonths[m][k]) continue;
      if (abbreviation != nullptr) *abbreviation = k > 0;
      return m + 1;
    }
  }
  return 0;
}

bool ValidDay(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  absl::CivilDay d(year == 0 ? 2000 : year, month, day);  // 2000: 29 February is valid
  return d.month() == month && d.day() == day;
}

int FullYear(std::string_view s, size_t i, size_t n) {
  int y = NumberAt(s, i, n);
  if (n == 2) y += y <= 49 ? 2000 : 1900;
  return y;
}

// "03.04.2025", "3.4.25", "3. 4. 2025", "2025-04-03", "3. April 2025", "03. Apr. 2025", and the
// same without year ("12.05.", "12. Mai").
DateMatch MatchDate(std::string_view s, size_t i) {
  DateMatch m;
  if (!IsDigit(C(s, i)) || !NumberStart(s, i)) return m;
  size_t n = DigitsAt(s, i);
  if (n == 4 && C(s, i + 4) == '-') {
    size_t mn = DigitsAt(s, i + 5);
    size_t dn = DigitsAt(s, i + 6 + mn);
    if (mn >= 1 && mn <= 2 && C(s, i + 5 + mn) == '-' && dn >= 1 && dn <= 2 &&
        NumberEnd(s, i + 6 + mn + dn)) {
      m = {i + 6 + mn + dn, NumberAt(s, i, 4), NumberAt(s, i + 5, mn), NumberAt(s, i + 6 + mn, dn)};
    }
  } else if (n <= 2) {
    int day = NumberAt(s, i, n);
    size_t p = i + n;
    bool dot = C(s, p) == '.';
    size_t q = p + (dot ? 1 : 0);
    size_t space = SpaceAt(s, q);
    q += space;
    size_t mn = DigitsAt(s, q);
    if (dot && mn >= 1 && mn <= 2 && C(s, q + mn) == '.') {  // numeric month
      size_t r = q + mn + 1;
      size_t y = r + SpaceAt(s, r);
      size_t yn = DigitsAt(s, y);
      if ((yn == 2 || yn == 4) && NumberEnd(s, y + yn)) {
        m = {y + yn, FullYear(s, y, yn), NumberAt(s, q, mn), day};
      } else if (yn == 0) {
        m = {r, 0, NumberAt(s, q, mn), day};
      }
    } else if ((dot || space > 0) && mn == 0) {  // month name
      size_t wn = LettersAt(s, q);
      bool abbreviation = false;
      int month = MonthFromWord(s.substr(q, wn), &abbreviation);
      if (month != 0 && WordEnd(s, q + wn)) {
        size_t r = q + wn + (abbreviation && C(s, q + wn) == '.' ? 1 : 0);
        size_t y = r + SpaceAt(s, r);
        if (y > r && DigitsAt(s, y) == 4 && NumberEnd(s, y + 4)) {
          m = {y + 4, NumberAt(s, y, 4), month, day};
        } else {
          m = {r, 0, month, day};
        }
      }
    }
  }
  if (m.end != kNone && !ValidDay(m.year, m.month, m.day)) m.end = kNone;
  return m;
}

// True if a birth keyword ("geb.", "geboren", "Geburtsdatum", "*") shortly precedes byte `i`
// within the same sentence: "geboren am 12. Mai", "Geburtsdatum: 12.05.".
bool BirthKeywordBefore(std::string_view s, size_t i) {
  size_t from = i > 40 ? i - 40 : 0;
  std::string window = AsciiLower(s.substr(from, i - from));
  for (std::string_view kw : {"geb.", "geboren", "geburt", "*"}) {
    size_t k = window.rfind(kw);
    if (k == kNone || (k > 0 && IsAsciiAlpha(static_cast<unsigned char>(window[k - 1])))) {
      continue;
    }
    std::string_view between = std::string_view(window).substr(k + kw.size());
    if (kw == "*" && between.find_first_not_of(' ') != kNone) continue;
    if (between.size() <= 24 && between.find_first_of(".;!?()0123456789") == kNone) return true;
  }
  return false;
}

void ScanDates(std::string_view s, const std::optional<absl::CivilDay>& allowed, Findings& out) {
  for (size_t i = 0; i < s.size();) {
    DateMatch m = MatchDate(s, i);
    if (m.end == kNone) {
      i += At(s, i).size;
      continue;
    }
    bool birth = BirthKeywordBefore(s, i);
    bool is_allowed =
        m.year != 0 && allowed && *allowed == absl::CivilDay(m.year, m.month, m.day) && !birth;
    if ((m.year != 0 && !is_allowed) || (m.year == 0 && birth)) out.Add(i, m.end, Kind::kDate);
    i = m.end;
  }
}

// ---------------------------------------------------------------------------------------------
// Phone numbers: groups of digits separated by a space, '/', or a dash; the first group is
// the national "0…" area code (at least 3 digits) or an international "+49"/"0049" prefix.

size_t MatchPhone(std::string_view s, size_t i) {
  char c = C(s, i);
  if ((c != '+' && c != '(' && c != '0') || !NumberStart(s, i)) return kNone;
  bool international = c == '+';
  size_t p = i + (international ? 1 : 0);
  std::string digits;
  size_t end = kNone;
  for (;;) {
    bool paren = C(s, p) == '(';
    size_t q = p + (paren ? 1 : 0);
    size_t n = DigitsAt(s, q);
    if (n == 0 || (paren && C(s, q + n) != ')')) break;
    if (digits.empty() && !international && (s[q] != '0' || n < 3)) return kNone;
    digits.append(s.substr(q, n));
    p = end = q + n + (paren ? 1 : 0);
    // Separator to the next group.
    size_t r = p + SpaceAt(s, p);
    size_t strong = C(s, r) == '/' ? 1 : DashAt(s, r);
    if (strong > 0) r += strong + SpaceAt(s, r + strong);
    if (r == p && !paren) break;
    bool next_paren = C(s, r) == '(';
    size_t next = DigitsAt(s, r + (next_paren ? 1 : 0));
    if (next == 0 || (strong == 0 && next < 2 && !next_paren)) break;  // "… 123456 3 Kinder"
    p = r;
  }
  if (end == kNone || !NumberEnd(s, end)) return kNone;
  if (digits.size() < (international ? 8u : 7u) || digits.size() > 16) return kNone;
  // Service numbers (0800, 0180x, 0900) belong to organisations, not people.
  if (!international && (digits.rfind("0800", 0) == 0 || digits.rfind("0180", 0) == 0 ||
                         digits.rfind("0900", 0) == 0)) {
    return kNone;
  }
  return end;
}

// ---------------------------------------------------------------------------------------------
// Addresses

// House number: 1–3 digits, optional letter, optional range ("12", "12a", "5-7", "12/14").
size_t MatchHouseNumber(std::string_view s, size_t p) {
  size_t n = DigitsAt(s, p);
  if (n == 0 || n > 3 || s[p] == '0') return kNone;
  size_t q = p + n;
  if (IsAsciiAlpha(static_cast<unsigned char>(C(s, q))) && WordEnd(s, q + 1)) ++q;
  size_t d = C(s, q) == '/' ? 1 : DashAt(s, q);
  size_t n2 = d > 0 ? DigitsAt(s, q + d) : 0;
  if (n2 >= 1 && n2 <= 3) {
    q += d + n2;
    if (IsAsciiAlpha(static_cast<unsigned char>(C(s, q))) && WordEnd(s, q + 1)) ++q;
  }
  return NumberEnd(s, q) ? q : kNone;
}

// Space + house number after byte `p`, returning the end of the number or kNone.
size_t HouseNumberAfter(std::string_view s, size_t p) {
  size_t sp = SpaceAt(s, p);
  return sp == 0 ? kNone : MatchHouseNumber(s, p + sp);
}

constexpr const char* kStreetSuffixes[] = {"straße",   "strasse", "weg",   "gasse", "platz",
                                           "allee",    "ring",    "damm",  "ufer",  "pfad",
                                           "chaussee", "markt",   "steig", "stieg", "wall"};

// Capitalised words ending in a street suffix that are ordinary nouns.
constexpr const char* kNotStreets[] = {
    "arbeitsmarkt",  "supermarkt", "wohnungsmarkt",   "arbeitsplatz",     "spielplatz",
    "parkplatz",     "kitaplatz",  "betreuungsplatz", "ausbildungsplatz", "praktikumsplatz",
    "therapieplatz", "heimplatz",  "schulweg",        "heimweg",          "rückweg",
    "umweg",         "hilfeweg",   "lösungsweg",      "ausweg",           "dienstweg",
    "rechtsweg"};

// Words a street name of the form "<Adjective> Straße" cannot start with.
constexpr const char* kDeterminers[] = {
    "der",     "die",    "das",     "dem",     "den",      "des",    "ein",     "eine",   "einer",
    "eines",   "einem",  "einen",   "jede",    "jeder",    "jedes",  "diese",   "dieser", "dieses",
    "keine",   "kein",   "unsere",  "unser",   "ihre",     "ihrer",  "seine",   "seiner", "welche",
    "welcher", "andere", "anderer", "nächste", "nächster", "letzte", "letzter", "erste",  "erster"};

bool HasStreetSuffix(std::string_view folded) {
  return std::any_of(std::begin(kStreetSuffixes), std::end(kStreetSuffixes),
                     [&](const char* suffix) { return EndsWith(folded, suffix); });
}

// "Hauptstraße 12", "Hauptstr. 12a", "Konrad-Adenauer-Ring 5", "Soester Straße 3",
// "Lange Reihe 5-7", "Alter Markt 1".
size_t MatchStreet(std::string_view s, size_t i) {
  size_t w = CapitalisedWordAt(s, i);
  if (w == 0) return kNone;
  std::string folded = Fold(s.substr(i, w));
  size_t end = i + w;
  bool abbreviated = C(s, end) == '.' && EndsWith(folded, "str");
  if ((HasStreetSuffix(folded) || abbreviated) && !IsOneOf(folded, kStreetSuffixes) &&
      folded != "str" && !IsOneOf(folded, kNotStreets)) {
    return HouseNumberAfter(s, end + (abbreviated ? 1 : 0));
  }
  // "<Adjective> <Straße>": the first word looks like an inflected adjective or a place name.
  if (IsOneOf(folded, kDeterminers) || folded.find('-') != std::string::npos ||
      !(EndsWith(folded, "e") || EndsWith(folded, "er") || EndsWith(folded, "es") ||
        EndsWith(folded, "en"))) {
    return kNone;
  }
  size_t sp = SpaceAt(s, end);
  size_t w2 = sp > 0 ? CapitalisedWordAt(s, end + sp) : 0;
  if (w2 == 0) return kNone;
  std::string second = Fold(s.substr(end + sp, w2));
  size_t end2 = end + sp + w2;
  if (second == "str" && C(s, end2) == '.') return HouseNumberAfter(s, end2 + 1);
  if (!IsOneOf(second, kStreetSuffixes) && second != "reihe") return kNone;
  return HouseNumberAfter(s, end2);
}

// Nouns after "Am", "Im", "Auf dem" … that name a time, a document part or a place in an
// institution, not a street: "Im Jahr 2", "Am Montag 3", "In der Klasse 4".
constexpr const char* kNotStreetNounEndings[] = {
    "tag",        "tage",     "jahr",      "jahre",    "jahren",    "jahres",       "woche",
    "wochen",     "monat",    "monate",    "monaten",  "quartal",   "gespräch",     "gespräche",
    "konferenz",  "termin",   "termine",   "klasse",   "gruppe",    "stufe",        "bericht",
    "verlauf",    "zeitraum", "abschnitt", "absatz",   "kapitel",   "anhang",       "anlage",
    "punkt",      "schritt",  "teil",      "modul",    "bereich",   "seite",        "stunde",
    "stunden",    "minute",   "minuten",   "alter",    "ende",      "anfang",       "beginn",
    "fall",       "rahmen",   "zuge",      "vorfeld",  "vergleich", "durchschnitt", "team",
    "raum",       "zimmer",   "station",   "etage",    "kita",      "schule",       "mittwoch",
    "wochenende", "abend",    "morgen",    "sommer",   "winter",    "herbst",       "frühjahr",
    "frühling",   "block",    "moment",    "netzwerk", "kreis",     "standort",     "gebäude"};

bool IsNotStreetNoun(std::string_view word) {
  if (MonthFromWord(word) != 0) return true;
  std::string folded = Fold(word);
  return std::any_of(std::begin(kNotStreetNounEndings), std::end(kNotStreetNounEndings),
                     [&](const char* e) { return EndsWith(folded, e); });
}

// "Am Markt 3", "An der Kirche 4", "Auf dem Alten Hof 2", "Zum Wald 7".
size_t MatchPrefixedStreet(std::string_view s, size_t i) {
  static const char* const kDirect[] = {"Am", "Im", "Zum", "Zur", "Beim"};
  static const char* const kWithArticle[] = {"An", "In", "Auf", "Unter", "Hinter", "Vor", "Über"};
  static const char* const kArticles[] = {"der", "den", "dem", "die", "das"};
  if (!WordStart(s, i)) return kNone;
  size_t w = LettersAt(s, i);
  std::string_view prefix = s.substr(i, w);
  size_t p = i + w;
  if (IsOneOf(prefix, kWithArticle)) {
    size_t sp = SpaceAt(s, p);
    size_t an = sp > 0 ? LettersAt(s, p + sp) : 0;
    if (an == 0 || !IsOneOf(s.substr(p + sp, an), kArticles)) return kNone;
    p += sp + an;
  } else if (!IsOneOf(prefix, kDirect)) {
    return kNone;
  }
  for (int words = 0; words < 2; ++words) {
    size_t sp = SpaceAt(s, p);
    size_t n = sp > 0 ? CapitalisedWordAt(s, p + sp) : 0;
    if (n == 0 || IsNotStreetNoun(s.substr(p + sp, n))) return kNone;
    p += sp + n;
    size_t end = HouseNumberAfter(s, p);
    if (end == kNone) continue;
    // "Am Markt 3 Stände" counts something; an address is followed by punctuation or prose.
    size_t after = SpaceAt(s, end);
    if (after > 0 && IsUpper(At(s, end + after).value)) return kNone;
    return end;
  }
  return kNone;
}

// Capitalised words that follow a five-digit number but are no town: "12000 Einwohner".
constexpr const char* kNotTowns[] = {
    "euro",       "eur",          "einwohner",  "einwohnerinnen", "menschen",     "personen",
    "fälle",      "familien",     "kinder",     "jugendliche",    "haushalte",    "meldungen",
    "stunden",    "minuten",      "tage",       "schüler",        "schülerinnen", "fachkräfte",
    "mitglieder", "teilnehmende", "beratungen", "plätze",         "mal",          "beschäftigte",
    "geburten",   "kontakte",     "anrufe",     "besuche",        "exemplare",    "stück",
    "seiten",     "zugriffe",     "aufrufe",    "verfahren",      "hilfen",       "leistungen"};

// A German postcode with its town: "59555 Lippstadt", "59505 Bad Sassendorf".
size_t MatchPostcode(std::string_view s, size_t i) {
  if (!IsDigit(C(s, i)) || !NumberStart(s, i) || DigitsAt(s, i) != 5 || !NumberEnd(s, i + 5)) {
    return kNone;
  }
  size_t p = i + 5 + SpaceAt(s, i + 5);
  size_t n = p > i + 5 ? CapitalisedWordAt(s, p) : 0;
  uint32_t second = n > 0 ? At(s, p + At(s, p).size).value : 0;
  if (!IsLetter(second) || IsUpper(second)) return kNone;  // "EUR", "A", not a town
  if (IsOneOf(Fold(s.substr(p, n)), kNotTowns)) return kNone;
  if (s.substr(p, n) == "Bad" || s.substr(p, n) == "Sankt") {
    size_t sp = SpaceAt(s, p + n);
    size_t n2 = sp > 0 ? CapitalisedWordAt(s, p + n + sp) : 0;
    if (n2 > 0) return p + n + sp + n2;
  }
  if (s.substr(p, n) == "St" && C(s, p + n) == '.') return p + n + 1;
  return p + n;
}

// ---------------------------------------------------------------------------------------------
// Names

using NameSet = std::unordered_set<std::string>;

const NameSet& DefaultNameSet() {
  static const NameSet* set = [] {
    auto* names = new NameSet();
    for (const std::string& name : DefaultPiiNames()) names->insert(Fold(name));
    return names;
  }();
  return *set;
}

NameSet ExtraNameSet(const std::vector<std::string>& extra) {
  NameSet names;
  for (const std::string& entry : extra) {
    std::string_view e(entry);
    for (size_t i = 0; i < e.size();) {
      size_t n = LettersAt(e, i);
      if (n == 0) {
        i += At(e, i).size;
        continue;
      }
      if (IsUpper(At(e, i).value)) names.insert(Fold(e.substr(i, n)));
      i += n;
    }
  }
  return names;
}

void ScanNames(std::string_view s, const PiiGuardOptions& options, Findings& out) {
  NameSet extra = ExtraNameSet(options.extra_names);
  auto is_name = [&](const std::string& folded) {
    return extra.count(folded) > 0 || (options.use_default_names && DefaultNameSet().count(folded));
  };
  std::vector<std::pair<size_t, size_t>> spans;
  for (size_t i = 0; i < s.size();) {
    size_t n = IsUpper(At(s, i).value) && WordStart(s, i) ? LettersAt(s, i) : 0;
    if (n == 0) {
      i += At(s, i).size;
      continue;
    }
    std::string folded = Fold(s.substr(i, n));
    bool genitive =
        folded.size() > 2 && folded.back() == 's' && is_name(folded.substr(0, folded.size() - 1));
    bool month_abbreviation = C(s, i + n) == '.' && MonthFromWord(s.substr(i, n)) != 0;
    if (WordEnd(s, i + n) && (is_name(folded) || genitive) && !month_abbreviation) {
      // "Anna-Lena Schmidt" is one span.
      if (!spans.empty() && (i == spans.back().second + 1) &&
          (s[i - 1] == ' ' || s[i - 1] == '-')) {
        spans.back().second = i + n;
      } else {
        spans.emplace_back(i, i + n);
      }
    }
    i += n;
  }
  for (const auto& [begin, end] : spans) out.Add(begin, end, Kind::kName);
}

}  // namespace

std::vector<PiiFinding> FindPersonalData(std::string_view text, const PiiGuardOptions& options) {
  Findings out;
  ScanEmails(text, out);
  Scan(text, Kind::kIdentifier, out, [&](size_t i) { return MatchIdentifier(text, i); });
  ScanDates(text, options.allowed_date, out);
  Scan(text, Kind::kPhone, out, [&](size_t i) { return MatchPhone(text, i); });
  Scan(text, Kind::kAddress, out, [&](size_t i) { return MatchPrefixedStreet(text, i); });
  Scan(text, Kind::kAddress, out, [&](size_t i) { return MatchStreet(text, i); });
  Scan(text, Kind::kAddress, out, [&](size_t i) { return MatchPostcode(text, i); });
  ScanNames(text, options, out);
  return out.Sorted();
}

absl::Status CheckNoPersonalData(std::string_view field, std::string_view text,
                                 const PiiGuardOptions& options) {
  constexpr size_t kMaxListed = 20;
  std::vector<PiiFinding> findings = FindPersonalData(text, options);
  if (findings.empty()) return absl::OkStatus();
  std::string details;
  for (size_t k = 0; k < findings.size() && k < kMaxListed; ++k) {
    const PiiFinding& f = findings[k];
    size_t first = Utf8Length(text.substr(0, f.begin)) + 1;
    size_t last = Utf8Length(text.substr(0, f.end));
    absl::StrAppend(&details, k > 0 ? "; " : "", f.label_de, " at ", first, "–", last, " „",
                    std::string(text.substr(f.begin, f.end - f.begin)), "“");
  }
  if (findings.size() > kMaxListed) {
    size_t more = findings.size() - kMaxListed;
    absl::StrAppend(&details, "; … and ", more, " more / und ", more, " weitere");
  }
  return FieldError(field, "contains personal data",
                    absl::StrCat("enthält personenbezogene Daten: ", details));
}

std::vector<std::string> ParsePiiNameList(std::string_view contents) {
  std::vector<std::string> names;
  size_t start = 0;
  while (start <= contents.size()) {
    size_t nl = contents.find('\n', start);
    if (nl == kNone) nl = contents.size();
    std::string line = Trim(contents.substr(start, nl - start));
    if (!line.empty() && line[0] != '#') names.push_back(std::move(line));
    start = nl + 1;
  }
  return names;
}

}  // namespace schutznetz::domain
