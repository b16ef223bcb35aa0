// District agreements end to end: netzctl against the real aggregator and the four real Kreis
// Soest tenant processes — drafted and opened by district coordination, ratified by every office
// with the hash of the file it read, in force everywhere; a stale hash is refused. Each decision is
// in the office's and the district's trail; `trail verify` reports an intact chain, and a row
// changed in the database directly as the first broken link.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <functional>
#include <pqxx/pqxx>

#include "absl/time/clock.h"
#include "libs/common/sha256.h"
#include "schutznetz/v1/agreement.pb.h"
#include "tests/e2e/e2e_support.h"

namespace schutznetz::testing {
namespace {

std::string WriteTemp(const std::string& name, const std::string& text) {
  std::string path =
      ::testing::TempDir() + "netzctl-agreements-" + std::to_string(getpid()) + "-" + name;
  std::ofstream(path) << text;
  return path;
}

// Polls `get` (netzctl --json … get) until `done` holds for the agreement, at most 60 s.
v1::Agreement AwaitAgreement(const std::vector<std::string>& get,
                             const std::function<bool(const v1::Agreement&)>& done) {
  v1::Agreement a;
  absl::Time deadline = absl::Now() + absl::Seconds(60);
  while (absl::Now() < deadline) {
    std::vector<std::string> args = get;
    args.insert(args.begin(), "--json");
    CommandResult r = Netzctl(args);
    google::protobuf::util::JsonParseOptions options;
    options.ignore_unknown_fields = true;
    a.Clear();
    if (r.exit_code == 0 &&
        google::protobuf::util::JsonStringToMessage(r.output, &a, options).ok() && done(a)) {
      return a;
    }
    absl::SleepFor(absl::Milliseconds(200));
  }
  ADD_FAILURE() << "agreement did not reach the expected state: " << a.DebugString();
  return a;
}

TEST(NetzctlAgreementsTest, DraftedOpenedRatifiedByEveryOfficeAndInForceEverywhere) {
  auto district = StartKreisSoest();
  ASSERT_NE(district, nullptr);
  const std::string aggregator = district->aggregator().address;
  const std::string text =
      "Kooperationsvereinbarung Kinderschutz im Kreis Soest\n"
      "§ 1 Die Jugendämter informieren einander bei Zuständigkeitswechsel unverzüglich.\n";
  std::string file = WriteTemp("kv.txt", text);

  v1::Agreement created =
      NetzctlJson<v1::Agreement>({"--target", aggregator, "district", "agreements", "create",
                                  "--kind", "cooperation_agreement", "--title",
                                  "Kooperationsvereinbarung Kinderschutz", "--text-file", file});
  ASSERT_FALSE(created.id().empty());
  EXPECT_EQ(created.versions(0).text_sha256(), Sha256Hex(text));
  CommandResult opened = Netzctl(
      {"--target", aggregator, "district", "agreements", "open", created.id(), "--version", "1"});
  ASSERT_EQ(opened.exit_code, 0) << opened.output;
  EXPECT_NE(opened.output.find("zur Ratifizierung offen"), std::string::npos) << opened.output;

  for (const std::string& office : district->office_ids()) {
    AwaitAgreement(
        {"--target", district->office(office).address, "agreements", "get", created.id()},
        [](const v1::Agreement& a) {
          return a.versions_size() == 1 &&
                 a.versions(0).state() == v1::AGREEMENT_VERSION_STATE_OPEN_FOR_RATIFICATION;
        });
  }

  const std::string lippstadt = district->office("lippstadt").address;
  CommandResult stale = Netzctl({"--target", lippstadt, "agreements", "ratify", created.id(),
                                 "--version", "1", "--sha256", Sha256Hex(text + " ")});
  EXPECT_EQ(stale.exit_code, 1);
  EXPECT_NE(stale.output.find("FAILED_PRECONDITION"), std::string::npos) << stale.output;
  EXPECT_NE(stale.output.find("the text changed; read it again"), std::string::npos);
  CommandResult usage = Netzctl({"--target", lippstadt, "agreements", "ratify", created.id()});
  EXPECT_EQ(usage.exit_code, 2) << usage.output;

  for (const std::string& office : district->office_ids()) {
    CommandResult ratified = Netzctl({"--target", district->office(office).address, "agreements",
                                      "ratify", created.id(), "--version", "1", "--text-file", file,
                                      "--comment", "Beschluss des Jugendhilfeausschusses"});
    ASSERT_EQ(ratified.exit_code, 0) << office << ": " << ratified.output;
    EXPECT_NE(ratified.output.find("Bestätigung durch den Kreis ausstehend"), std::string::npos)
        << ratified.output;
  }

  AwaitAgreement({"--target", aggregator, "district", "agreements", "get", created.id()},
                 [](const v1::Agreement& a) { return a.in_force_version() == 1; });
  const std::string warstein = district->office("warstein").address;
  AwaitAgreement({"--target", warstein, "agreements", "get", created.id()},
                 [](const v1::Agreement& a) { return a.in_force_version() == 1; });
  std::string hash = Sha256Hex(text);
  CommandResult shown = Netzctl({"--target", warstein, "agreements", "get", created.id()});
  ASSERT_EQ(shown.exit_code, 0);
  for (const char* expected :
       {"Version 1 – in Kraft", "Stand", "lippstadt", "ratifiziert",
        "Beschluss des Jugendhilfeausschusses", "vom Kreis bestätigt", hash.c_str()}) {
    EXPECT_NE(shown.output.find(expected), std::string::npos) << expected << "\n" << shown.output;
  }
  // Dates a version never had are not shown.
  EXPECT_EQ(shown.output.find("Abgelöst am"), std::string::npos) << shown.output;
  EXPECT_EQ(shown.output.find("Zurückgezogen am"), std::string::npos) << shown.output;
  CommandResult listed = Netzctl({"--target", lippstadt, "agreements", "list"});
  EXPECT_NE(listed.output.find("1 von 1 Absprachen"), std::string::npos) << listed.output;

  // The trail: one ratification at each office, all four at the district.
  CommandResult trail = Netzctl({"--target", lippstadt, "trail", "list"});
  ASSERT_EQ(trail.exit_code, 0) << trail.output;
  for (const std::string& expected :
       {std::string("Ratifizierung"), created.id() + "/1", std::string("1 von 1 Einträgen")}) {
    EXPECT_NE(trail.output.find(expected), std::string::npos) << expected << "\n" << trail.output;
  }
  CommandResult verified = Netzctl({"--target", lippstadt, "trail", "verify"});
  EXPECT_EQ(verified.exit_code, 0) << verified.output;
  EXPECT_NE(verified.output.find("Kette geprüft: 1 Eintrag, unversehrt."), std::string::npos)
      << verified.output;
  CommandResult district_trail = Netzctl({"--target", aggregator, "district", "trail", "list"});
  ASSERT_EQ(district_trail.exit_code, 0) << district_trail.output;
  EXPECT_NE(district_trail.output.find("4 von 4 Einträgen"), std::string::npos)
      << district_trail.output;
  EXPECT_NE(district_trail.output.find("office:warstein"), std::string::npos)
      << district_trail.output;
  CommandResult district_verified =
      Netzctl({"--target", aggregator, "district", "trail", "verify"});
  EXPECT_EQ(district_verified.exit_code, 0) << district_verified.output;
  EXPECT_NE(district_verified.output.find("Kette geprüft: 4 Einträge, unversehrt."),
            std::string::npos)
      << district_verified.output;

  {
    pqxx::connection conn(district->cluster().Dsn(district->office("lippstadt").database));
    pqxx::work w(conn);
    w.exec("ALTER TABLE trail DISABLE TRIGGER USER");
    w.exec("UPDATE trail SET actor = 'token:jemand-anderes' WHERE seq = 1");
    w.exec("ALTER TABLE trail ENABLE TRIGGER USER");
    w.commit();
  }
  CommandResult broken = Netzctl({"--target", lippstadt, "trail", "verify"});
  EXPECT_EQ(broken.exit_code, 1) << broken.output;
  EXPECT_NE(broken.output.find("Kette gebrochen bei Eintrag 1: Eintrag 1 wurde verändert"),
            std::string::npos)
      << broken.output;
}

}  // namespace
}  // namespace schutznetz::testing
