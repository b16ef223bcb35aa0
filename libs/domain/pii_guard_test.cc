#include "libs/domain/pii_guard.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace schutznetz::domain {
namespace {

const absl::CivilDay kConferenceDay(2025, 4, 3);

PiiGuardOptions ConferenceOptions() {
  PiiGuardOptions options;
  options.allowed_date = kConferenceDay;
  return options;
}

// A finding as "kind: text", easy to compare and to read in a failure message.
std::vector<std::string> Found(std::string_view text,
                               const PiiGuardOptions& options = ConferenceOptions()) {
  std::vector<std::string> out;
  for (const PiiFinding& f : FindPersonalData(text, options)) {
    out.push_back(f.kind + ": " + std::string(text.substr(f.begin, f.end - f.begin)));
  }
  return out;
}

struct Refused {
  std::string text;
  std::string expected;  // "kind: exact span"
};

void ExpectEachRefusedWithExactSpan(const std::vector<Refused>& cases) {
  for (const Refused& c : cases) {
    EXPECT_EQ(Found(c.text), std::vector<std::string>{c.expected}) << c.text;
  }
}

TEST(PiiGuardTest, RefusesEmailAddresses) {
  ExpectEachRefusedWithExactSpan({
      {"Kontakt: max.mustermann@example.de.", "email: max.mustermann@example.de"},
      {"Mail an (k.schulz-2@jugendamt-lippstadt.nrw) geschickt",
       "email: k.schulz-2@jugendamt-lippstadt.nrw"},
      {"Adresse der Mutter: mama_1985@web.de", "email: mama_1985@web.de"},
  });
}

TEST(PiiGuardTest, RefusesPhoneNumbersInGermanFormats) {
  ExpectEachRefusedWithExactSpan({
      {"Erreichbar unter 02941 123456.", "phone: 02941 123456"},
      {"Tel. 02941/12345-6 (AB)", "phone: 02941/12345-6"},
      {"Rückruf an +49 2941 123456 erbeten", "phone: +49 2941 123456"},
      {"Nummer 0049 171 1234567", "phone: 0049 171 1234567"},
      {"Festnetz (02941) 12 34 56, abends", "phone: (02941) 12 34 56"},
      {"Mobil 0171 1234567", "phone: 0171 1234567"},
      {"Mobil: 0171-1234567", "phone: 0171-1234567"},
      {"Handy +49 (0)171 1234567", "phone: +49 (0)171 1234567"},
      {"Nummer 01711234567 notiert", "phone: 01711234567"},
  });
}

TEST(PiiGuardTest, RefusesFullDatesOtherThanTheConferenceDate) {
  ExpectEachRefusedWithExactSpan({
      {"Vorfall am 03.05.2025 gemeldet", "date: 03.05.2025"},
      {"Vorfall am 4.4.25 gemeldet", "date: 4.4.25"},
      {"Export vom 2025-04-04", "date: 2025-04-04"},
      {"Seit dem 3. April 2024 in Obhut", "date: 3. April 2024"},
      {"Am 03. Apr. 2024 erfolgte die Meldung", "date: 03. Apr. 2024"},
      {"Das Kind, geb. 12.05.2014, besucht die 4. Klasse", "date: 12.05.2014"},
  });
}

TEST(PiiGuardTest, RefusesDayAndMonthAfterABirthKeyword) {
  ExpectEachRefusedWithExactSpan({
      {"Das Mädchen ist geboren am 12. Mai und wird bald 9.", "date: 12. Mai"},
      {"Geburtsdatum: 12.05.", "date: 12.05."},
  });
}

TEST(PiiGuardTest, RefusesStreetAddressesWithHouseNumbers) {
  ExpectEachRefusedWithExactSpan({
      {"Die Familie wohnt Hauptstraße 12.", "address: Hauptstraße 12"},
      {"Wohnung in der Hauptstr. 12a, 2. OG", "address: Hauptstr. 12a"},
      {"Treffpunkt Am Markt 3", "address: Am Markt 3"},
      {"Die Großmutter lebt Lange Reihe 5-7.", "address: Lange Reihe 5-7"},
      {"Termin im Bürgerbüro, Rathausplatz 1", "address: Rathausplatz 1"},
      {"Umzug in den Bahnhofsweg 4 geplant", "address: Bahnhofsweg 4"},
      {"Hinterhaus Kirchgasse 2", "address: Kirchgasse 2"},
      {"Die Wohnung An der Kirche 4 ist zu klein.", "address: An der Kirche 4"},
      {"Die Kita Soester Straße 34 meldete sich", "address: Soester Straße 34"},
      {"Wohnhaft Konrad-Adenauer-Ring 15b", "address: Konrad-Adenauer-Ring 15b"},
      {"Die Familie zog nach 59555 Lippstadt.", "address: 59555 Lippstadt"},
      {"Neue Anschrift: 59505 Bad Sassendorf", "address: 59505 Bad Sassendorf"},
  });
}

TEST(PiiGuardTest, RefusesTaxAndInsuranceIdentifiers) {
  ExpectEachRefusedWithExactSpan({
      {"Steuer-ID 12345678901 liegt vor", "identifier: 12345678901"},
      {"Steuer-ID 12 345 678 901 liegt vor", "identifier: 12 345 678 901"},
      {"SV-Nr. 12 150780 M 123", "identifier: 12 150780 M 123"},
      {"SV-Nr. 12150780M123", "identifier: 12150780M123"},
      {"Versichertennummer A123456789 bei der AOK", "identifier: A123456789"},
      {"IBAN DE89370400440532013000", "identifier: DE89370400440532013000"},
      {"IBAN DE89 3704 0044 0532 0130 00 für den Unterhalt",
       "identifier: DE89 3704 0044 0532 0130 00"},
  });
}

TEST(PiiGuardTest, RefusesNamesFromTheDefaultList) {
  ExpectEachRefusedWithExactSpan({
      {"Die Mutter, Frau Müller, kam allein.", "name: Müller"},
      {"Kevin besucht die 2. Klasse.", "name: Kevin"},
      {"Anna-Lena Schmidt (8) fehlt oft.", "name: Anna-Lena Schmidt"},
      {"Kevins Schwester ist 5.", "name: Kevins"},
      {"Der Vater, Herr Yılmaz, arbeitet im Schichtdienst.", "name: Yılmaz"},
      {"Frau Wiśniewska übersetzte.", "name: Wiśniewska"},
      {"Im Bericht steht MÜLLER als Nachname.", "name: MÜLLER"},
  });
}

TEST(PiiGuardTest, AnonymisedProfessionalTextPasses) {
  const std::vector<std::string> texts = {
      "Das Kind A (7) besucht die 2. Klasse. Die Lehrerin meldete am Konferenztag "
      "Auffälligkeiten.",
      "Nach § 8a SGB VIII wurde eine InsoFa hinzugezogen.",
      "Im März 2024 fand ein Hilfeplangespräch statt.",
      "3 Fachkräfte aus 2 Handlungsfeldern nahmen teil.",
      "Termin 09:00–12:00 Uhr",
      "Tel. der Beratungsstelle: siehe Homepage",
      "Das Mädchen (8) besucht die Klasse 4b.",
      "Abs. 4 Satz 2 ist zu beachten.",
      "Mutter M. und Familie X wurden eingeladen; Frau K. und Herr B. sagten ab.",
      "Der Kinderarzt informierte nach § 4 Abs. 1 KKG das Jugendamt.",
      "Die Konferenz fand am 03.04.2025 statt.",
      "Seit 2023 lebt das Kind bei den Großeltern, seit dem Schuljahr 2024/25 in der OGS.",
      "Die Familie hat 3 Kinder im Alter von 2, 5 und 10 Jahren.",
      "Etwa 80 % der Fälle betreffen Vernachlässigung.",
      "Im Jahr 2024 gab es 12 Gefährdungseinschätzungen.",
      "Am Montag 3 Gespräche, am Dienstag 2 Hausbesuche.",
      "In der Klasse 4 gibt es zwei Förderkinder.",
      "Die Mutter ist 34 Jahre alt, der Vater 41.",
      "Hilfen nach §§ 27 ff. SGB VIII laufen seit 18 Monaten.",
      "Das Kind B war im Mai und im Juni 2024 häufig krank.",
      "Rückfragen bitte an das Jugendamt, Telefonzentrale 0800 1110111.",
      "Der Junge (10) und die Schwester (6) wohnen in einer Mietwohnung im Stadtgebiet.",
      "Schritt 1: Gefährdungseinschätzung; Schritt 2: Schutzplan; Schritt 3: Überprüfung.",
      "Die Schule (Klasse 3a) meldete 15 Fehltage im 1. Halbjahr.",
      "Ergebnis: Die Kinderschutzfachkraft empfahl eine SPFH mit 6 Fachleistungsstunden.",
      "Der Vater arbeitet als Koch, die Mutter ist Bäckerin.",
      "Die Richterin am Familiengericht ordnete ein Gutachten an.",
      "Am 12. Mai ist das nächste Netzwerktreffen.",
      "Kinder unter 3 Jahren, 12000 Einwohner im Sozialraum, 1.500 Euro Budget.",
      "Die Fachkraft der Kita Sonnenschein hält 2 Mal im Monat Rücksprache.",
      "Version 2.1 des Schutzkonzepts gilt ab Kalenderwoche 15.",
      "Lange Zeit war die Familie unauffällig. Klein und zierlich wirkte das Kind.",
      "Die Kolleg*innen am 12. Mai berichten.",
  };
  for (const std::string& text : texts) {
    EXPECT_EQ(Found(text), std::vector<std::string>{}) << text;
  }
}

TEST(PiiGuardTest, DeAnonymisedParagraphYieldsFindingsOfEveryKind) {
  std::string text =
      "Kevin Müller (geb. 12.05.2014) wohnt mit seiner Mutter in der Hauptstraße 12, "
      "59555 Lippstadt. Die Mutter ist unter 0171 1234567 oder mama@example.de erreichbar. "
      "SV-Nr. 12 150780 M 123.";
  EXPECT_EQ(Found(text), (std::vector<std::string>{
                             "name: Kevin Müller",
                             "date: 12.05.2014",
                             "address: Hauptstraße 12",
                             "address: 59555 Lippstadt",
                             "phone: 0171 1234567",
                             "email: mama@example.de",
                             "identifier: 12 150780 M 123",
                         }));
}

TEST(PiiGuardTest, ConferenceDatePassesWhileAnotherDateIsRefused) {
  std::string text = "Konferenz am 03.04.2025; der Vorfall war am 28.03.2025.";
  EXPECT_EQ(Found(text), std::vector<std::string>{"date: 28.03.2025"});
  EXPECT_EQ(Found("Konferenz am 3. April 2025 und 2025-04-03"), std::vector<std::string>{});
}

TEST(PiiGuardTest, ConferenceDateAfterABirthKeywordIsRefused) {
  EXPECT_EQ(Found("Der Säugling wurde geboren am 03.04.2025."),
            std::vector<std::string>{"date: 03.04.2025"});
}

TEST(PiiGuardTest, WithoutAllowedDateEveryFullDateIsRefused) {
  EXPECT_EQ(Found("Konferenz am 03.04.2025", PiiGuardOptions()),
            std::vector<std::string>{"date: 03.04.2025"});
}

TEST(PiiGuardTest, ExtraNamesFromOptionsAreFound) {
  PiiGuardOptions options = ConferenceOptions();
  options.extra_names = {"Brzęczyszczykiewicz", "van Dijk-Özgür"};
  EXPECT_EQ(Found("Familie Brzęczyszczykiewicz und Herr van Dijk", options),
            (std::vector<std::string>{"name: Brzęczyszczykiewicz", "name: Dijk"}));
  EXPECT_EQ(Found("Frau Özgür", options), std::vector<std::string>{"name: Özgür"});
  EXPECT_EQ(Found("Familie Brzęczyszczykiewicz"), std::vector<std::string>{});
}

TEST(PiiGuardTest, DefaultNamesCanBeSwitchedOff) {
  PiiGuardOptions options = ConferenceOptions();
  options.use_default_names = false;
  EXPECT_EQ(Found("Frau Müller", options), std::vector<std::string>{});
}

TEST(PiiGuardTest, NamesMatchOnlyWholeCapitalisedWords) {
  EXPECT_EQ(Found("Die müller-typische Art; Müllerei; Kevin2"), std::vector<std::string>{});
  EXPECT_EQ(Found("Im Jan. 2024 wurde gemeldet."), std::vector<std::string>{});
}

TEST(PiiGuardTest, EmptyTextPasses) {
  EXPECT_TRUE(FindPersonalData("", ConferenceOptions()).empty());
  EXPECT_TRUE(CheckNoPersonalData("case_conference.summary", "", ConferenceOptions()).ok());
}

TEST(PiiGuardTest, FindingsAreSortedAndDoNotOverlap) {
  std::string text = "Frau Schmidt, schmidt@example.de, Schmidtstraße 4, 0171 1234567, Schmidt";
  std::vector<PiiFinding> findings = FindPersonalData(text, ConferenceOptions());
  ASSERT_EQ(findings.size(), 5u);
  for (size_t k = 1; k < findings.size(); ++k) {
    EXPECT_LE(findings[k - 1].end, findings[k].begin);
  }
  EXPECT_EQ(findings[1].kind, "email");
  EXPECT_EQ(findings[1].label_de, "E-Mail-Adresse");
}

TEST(PiiGuardTest, CheckNamesEverySpanWithCodePointPositions) {
  absl::Status s = CheckNoPersonalData(
      "case_conference.summary", "Größe: max@example.de, Tel. 02941 123456", ConferenceOptions());
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(),
            "case_conference.summary: contains personal data / enthält personenbezogene Daten: "
            "E-Mail-Adresse at 8–21 „max@example.de“; Telefonnummer at 29–40 „02941 123456“");
}

TEST(PiiGuardTest, CheckListsAtMostTwentySpans) {
  std::string text;
  for (int k = 0; k < 25; ++k) text += "Kevin und ";
  absl::Status s = CheckNoPersonalData("f", text, ConferenceOptions());
  EXPECT_NE(s.message().find("… and 5 more / und 5 weitere"), absl::string_view::npos);
}

TEST(PiiGuardTest, DefaultNamesLeaveOutOrdinaryGermanWords) {
  const std::vector<std::string>& names = DefaultPiiNames();
  EXPECT_GT(names.size(), 500u);
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  for (const char* word : {"Mai", "August", "Rose", "Will", "Hahn", "Wolf", "Richter", "Koch",
                           "Bauer", "Klein", "Lange", "Nur", "Ernst", "Frank", "Roman"}) {
    EXPECT_EQ(std::count(names.begin(), names.end(), word), 0) << word;
  }
  for (const char* name : {"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner",
                           "Becker", "Schulz", "Hoffmann", "Yılmaz", "Nowak"}) {
    EXPECT_EQ(std::count(names.begin(), names.end(), name), 1) << name;
  }
}

TEST(PiiGuardTest, NameListFileIsParsedLineByLine) {
  EXPECT_EQ(ParsePiiNameList("# Namen\nKowalczyk\r\n\n  Özgür  \n"),
            (std::vector<std::string>{"Kowalczyk", "Özgür"}));
  EXPECT_TRUE(ParsePiiNameList("").empty());
}

// Found by tests/fuzz/request_fuzzer: a stray continuation byte 0xA0 (invalid UTF-8) after a day
// number was taken for a two-byte no-break space and the scan read past the end of the text.
TEST(PiiGuardTest, StrayBytesAtTheEndAreScannedWithinTheText) {
  for (std::string text : {std::string("22\xA0"), std::string("22.\xA0"), std::string("1 \xA0"),
                           std::string("22\xA0" "8\x06\x06" "1"), std::string("0221-\xE2\x80")}) {
    std::vector<PiiFinding> findings = FindPersonalData(text, {});
    for (const PiiFinding& f : findings) EXPECT_LE(f.end, text.size());
  }
}

}  // namespace
}  // namespace schutznetz::domain

