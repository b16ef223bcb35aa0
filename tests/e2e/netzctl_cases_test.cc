// Case conferences and needs surveys end to end: netzctl against a real tenant process, texts and
// questionnaires read from files, refusals printed span by span, and nothing personal in the log.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "tests/e2e/e2e_support.h"

namespace schutznetz::testing {
namespace {

std::string WriteTemp(const std::string& name, const std::string& text) {
  std::string path =
      ::testing::TempDir() + "netzctl-cases-" + std::to_string(getpid()) + "-" + name;
  std::ofstream(path) << text;
  return path;
}

// The "id" of the first JSON object in netzctl --json output.
std::string IdOf(const std::string& json) {
  size_t key = json.find("\"id\": \"");
  if (key == std::string::npos) return "";
  size_t start = key + 7;
  return json.substr(start, json.find('"', start) - start);
}

TEST(NetzctlCasesTest, CaseConferenceFromFilesIsRefusedSpanBySpanThenStored) {
  auto district = StartKreisSoest();
  ASSERT_NE(district, nullptr);
  DistrictService& lippstadt = district->office("lippstadt");
  std::string bad = WriteTemp("bad.txt",
                              "Kevin Müller (geb. 12.05.2017) wohnt in der Hauptstraße 12.\n"
                              "Die Mutter ist unter 02941 123456 erreichbar.\n");
  std::string good = WriteTemp("good.txt",
                               "Fallkonferenz am 03.04.2025 zu Kind A (7).\n"
                               "Die Klassenlehrerin meldete Hämatome; der ASD wurde informiert.\n");
  std::vector<std::string> create = {"--target",         lippstadt.address,
                                     "case-conferences", "create",
                                     "--municipality",   "Lippstadt",
                                     "--date",           "03.04.2025",
                                     "--sectors",        "school,child_youth_welfare",
                                     "--summary-file"};

  std::vector<std::string> refused_args = create;
  refused_args.push_back(bad);
  CommandResult refused = Netzctl(refused_args);
  EXPECT_EQ(refused.exit_code, 1);
  for (const char* line : {"nichts gespeichert / nothing stored",
                           "\n  case_conference.summary: contains personal data",
                           "\n  Datum (z. B. Geburtsdatum) at 20–29 „12.05.2017“",
                           "„Hauptstraße 12“", "\n  Telefonnummer at"}) {
    EXPECT_NE(refused.output.find(line), std::string::npos) << line << " in " << refused.output;
  }
  CommandResult empty = Netzctl({"--target", lippstadt.address, "case-conferences", "list"});
  EXPECT_NE(empty.output.find("0 von 0 Fallkonferenzen"), std::string::npos) << empty.output;

  std::vector<std::string> stored_args = create;
  stored_args.push_back(good);
  CommandResult stored = Netzctl(stored_args);
  ASSERT_EQ(stored.exit_code, 0) << stored.output;
  EXPECT_NE(stored.output.find("Kinder- und Jugendhilfe, Schule"), std::string::npos);
  EXPECT_NE(stored.output.find("03.04.2025"), std::string::npos);
  CommandResult listed =
      Netzctl({"--target", lippstadt.address, "case-conferences", "list", "--year", "2025"});
  EXPECT_NE(listed.output.find("1 von 1 Fallkonferenzen"), std::string::npos) << listed.output;

  std::string log = ReadFile(lippstadt.log_file);
  for (const char* leaked : {"Kevin", "Müller", "Hauptstraße", "02941", "Hämatome"}) {
    EXPECT_EQ(log.find(leaked), std::string::npos) << leaked << " leaked into the log";
  }
  std::remove(bad.c_str());
  std::remove(good.c_str());
}

TEST(NetzctlCasesTest, SurveyFromJsonIsAnsweredAnonymouslyAndRanksTopics) {
  auto district = StartKreisSoest();
  ASSERT_NE(district, nullptr);
  std::string target = district->office("soest").address;
  std::string file = WriteTemp("survey.json", R"({
  "title": "Fortbildungsbedarf 2025",
  "questions": [
    {"text": "Welche Themen wünschen Sie sich?", "kind": "QUESTION_KIND_MULTIPLE_CHOICE",
     "options": ["§ 8a SGB VIII", "Gesprächsführung", "Medizinischer Kinderschutz"],
     "required": true}
  ]
})");
  CommandResult created =
      Netzctl({"--target", target, "--json", "surveys", "create", "--file", file});
  ASSERT_EQ(created.exit_code, 0) << created.output;
  std::string id = IdOf(created.output);
  ASSERT_FALSE(id.empty()) << created.output;
  CommandResult added = Netzctl({"--target", target, "surveys", "add-question", id, "--text",
                                 "Wie sicher fühlen Sie sich?", "--kind", "scale"});
  ASSERT_EQ(added.exit_code, 0) << added.output;
  EXPECT_NE(added.output.find("2. Wie sicher fühlen Sie sich?  [Skala 1–5]"), std::string::npos)
      << added.output;
  ASSERT_EQ(Netzctl({"--target", target, "surveys", "open", id}).exit_code, 0);
  for (const char* topics : {"2,3", "2", "3,2", "1,2"}) {
    CommandResult r = Netzctl({"--target", target, "surveys", "respond", id, "--sector", "school",
                               "--answer", std::string("1=") + topics, "--answer", "2=4"});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(r.output, "Antwort anonym gespeichert.\n");
  }
  CommandResult results = Netzctl({"--target", target, "surveys", "results", id, "--by-sector"});
  ASSERT_EQ(results.exit_code, 0) << results.output;
  for (const char* line :
       {"Fortbildungsbedarf 2025 (offen): 4 Antworten", "1     4       100 %   Gesprächsführung",
        "2     2       50 %    Medizinischer Kinderschutz", "3     1       25 %    § 8a SGB VIII",
        "Mittelwert: 4,00", "=== Schule: 4 Antworten ==="}) {
    EXPECT_NE(results.output.find(line), std::string::npos) << line << " in " << results.output;
  }
  std::remove(file.c_str());
}

}  // namespace
}  // namespace schutznetz::testing
