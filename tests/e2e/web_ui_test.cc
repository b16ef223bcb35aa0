// The web UI in a real browser: the Kreis Soest demo district on free ports with TLS, and
// tests/ui/ui_e2e.mjs driving Debian's headless Chromium through the coordinators' flows, with
// axe-core on every page. Screenshots, the axe results and the steps' log (ui_e2e.log) land in
// build/ui-screenshots/.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "schutznetz/v1/token_service.pb.h"
#include "tests/e2e/e2e_support.h"
#include "tests/support/demo.h"
#include "tests/support/process.h"

namespace schutznetz::testing {
namespace {

TEST(WebUiE2eTest, CoordinatorsWorkInTheBrowserAndEveryPagePassesAxe) {
  std::string source = SCHUTZNETZ_SOURCE_DIR;
  ASSERT_TRUE(std::filesystem::exists(source + "/tests/ui/node_modules/playwright-core"))
      << "npm ci in tests/ui first (scripts/test does it)";
  std::unique_ptr<LocalDistrict> district = StartKreisSoest();
  ASSERT_NE(district, nullptr);
  ASSERT_TRUE(LoadDemo(*district, source + "/tenants/kreis-soest").ok());

  std::string out_dir = std::string(SCHUTZNETZ_BUILD_DIR) + "/ui-screenshots";
  std::filesystem::remove_all(out_dir);
  std::filesystem::create_directories(out_dir);
  std::string logins = out_dir + "/../test-logs/ui-logins.txt";
  {
    std::ofstream out(logins);
    std::vector<DistrictService*> services = {&district->aggregator()};
    for (const std::string& id : district->office_ids()) services.push_back(&district->office(id));
    for (DistrictService* s : services) {
      ASSERT_FALSE(district->UiBase(*s).empty()) << s->id << " has no ui.listen";
      out << s->id << " " << district->UiBase(*s) << "/ " << s->token << "\n";
    }
    // A reader at Lippstadt (youth welfare planning), who must see no action above the role.
    DistrictService& lippstadt = district->office("lippstadt");
    auto viewer = NetzctlJson<v1::CreateTokenResponse>(
        {"--target", lippstadt.address, "tokens", "create", "--role", "viewer", "--label",
         "Jugendhilfeplanung"});
    ASSERT_FALSE(viewer.secret().empty());
    out << "lippstadt-viewer " << district->UiBase(lippstadt) << "/ " << viewer.secret() << "\n";
  }
  ProcessOptions node;
  node.argv = {"/usr/bin/env", "node", source + "/tests/ui/ui_e2e.mjs", logins, out_dir, district->pki().ca_file};
  std::string output;
  absl::StatusOr<int> code = RunCommand(node, absl::Minutes(8), &output);
  ASSERT_TRUE(code.ok()) << code.status();
  std::ofstream(out_dir + "/ui_e2e.log") << output;  // every step, also when all passed
  EXPECT_EQ(*code, 0) << output;
  EXPECT_TRUE(std::filesystem::exists(out_dir + "/axe-results.json")) << output;
  std::filesystem::remove(logins);
}

}  // namespace
}  // namespace schutznetz::testing
