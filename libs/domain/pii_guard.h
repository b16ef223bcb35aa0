// PII guard for anonymised case conferences (anonymisierte Fallkonferenzen).
//
// A case conference record holds a fictional case summary and findings written by professionals.
// It must not contain personal data of any child, family or professional, so the service checks
// every free text before storing it and refuses it with INVALID_ARGUMENT naming each offending
// span. The guard is a heuristic filter for German-language text, tuned so that usual anonymised
// professional language passes ("Kind A (7)", "Mutter M.", "Familie X", "§ 8a SGB VIII",
// "Klasse 4b", "im März 2024", "Termin 09:00–12:00 Uhr") while the common ways of writing
// identifying data are caught:
//
//   email       max.muster@example.de
//   phone       02941 123456, 02941/12345-6, (02941) 12 34 56, +49 171 1234567, 0049 …
//   date        any full date other than the conference date (03.04.2025, 3.4.25, 2025-04-03,
//               "3. April 2025"), and day + month after a birth keyword ("geboren am 12. Mai")
//   address     "Hauptstraße 12a", "Soester Str. 5", "Lange Reihe 5-7", "Am Markt 3",
//               "An der Kirche 4", and a postcode with its town ("59555 Lippstadt")
//   identifier  Steuer-ID, Sozialversicherungsnummer, Krankenversichertennummer, German IBAN
//   name        whole words from a name list (compiled-in default plus caller-supplied names)
//
// It cannot recognise every name or every address; it is a safety net, not a proof of anonymity.
//
//   PiiGuardOptions options;
//   options.allowed_date = conference.date;
//   SN_RETURN_IF_ERROR(CheckNoPersonalData("case_conference.summary", summary, options));
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"

namespace schutznetz::domain {

// One span of `text` that looks like personal data.
struct PiiFinding {
  size_t begin = 0;      // byte offset of the first byte
  size_t end = 0;        // byte offset one past the last byte
  std::string kind;      // stable slug: "email", "phone", "date", "address", "identifier", "name"
  std::string label_de;  // e.g. "Telefonnummer", for messages to users
};

struct PiiGuardOptions {
  // The conference date: this full date may appear in the text (unless a birth keyword such as
  // "geboren am" precedes it). Every other full date is refused.
  std::optional<absl::CivilDay> allowed_date;
  // Names to look for in addition to the default list, one word each ("Kowalczyk"). Entries
  // with spaces or hyphens are split into words; words starting with a lower-case letter
  // ("van", "de") are ignored because names are only matched when capitalised.
  std::vector<std::string> extra_names;
  bool use_default_names = true;
};

// Every span of `text` (UTF-8) that looks like personal data, sorted by `begin`, non-overlapping.
// Where detectors overlap, the more specific one wins (e-mail, identifier, date, phone, address,
// name, in that order). Names are matched as whole words whose first letter is upper-case; the
// rest of the word is compared case-insensitively, a genitive "s" is allowed ("Kevins"), and
// adjacent names ("Anna-Lena Schmidt") form one span.
std::vector<PiiFinding> FindPersonalData(std::string_view text, const PiiGuardOptions& options);

// OK if `text` contains no personal data, otherwise INVALID_ARGUMENT naming `field` and every
// span (up to 20) with its position and text, e.g.
//   summary: contains personal data / enthält personenbezogene Daten: E-Mail-Adresse at 12–25
//   „max@example.de“; Telefonnummer at 40–51 „02941 123456“
// Positions count Unicode code points, 1-based, both ends inclusive (what an editor shows).
absl::Status CheckNoPersonalData(std::string_view field, std::string_view text,
                                 const PiiGuardOptions& options);

// The compiled-in default name list: common first names and surnames in Germany (German,
// Turkish, Polish, Arabic, Russian, Ukrainian …), without names that are also ordinary
// capitalised German words ("Mai", "Rose", "Wolf", "Richter", "Klein"). Defined in pii_names.cc.
const std::vector<std::string>& DefaultPiiNames();

// Parses a name file for PiiGuardOptions::extra_names: one name per line, blank lines and lines
// starting with '#' ignored, surrounding whitespace trimmed.
std::vector<std::string> ParsePiiNameList(std::string_view contents);

}  // namespace schutznetz::domain
