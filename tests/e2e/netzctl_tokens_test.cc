// API tokens with the real binaries: the district bootstraps a coordinator token per office with
// the admin command; with it a coordinator hands out and revokes tokens through netzctl, and
// every service refuses calls without a valid token of its own.
#include <gtest/gtest.h>

#include "schutznetz/v1/token_service.pb.h"
#include "tests/e2e/e2e_support.h"

namespace schutznetz::testing {
namespace {

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(NetzctlTokensTest, ACoordinatorHandsOutAViewerTokenAndRevokesIt) {
  auto district = StartKreisSoest();
  ASSERT_NE(district, nullptr);
  const std::string lippstadt = district->office("lippstadt").address;

  // Without a token netzctl gets UNAUTHENTICATED, naming the role the call needs.
  CommandResult anonymous =
      Netzctl({"--target", lippstadt, "--token", "", "organisations", "list"});
  EXPECT_EQ(anonymous.exit_code, 1);
  EXPECT_TRUE(Contains(anonymous.output, "UNAUTHENTICATED")) << anonymous.output;
  EXPECT_TRUE(Contains(anonymous.output, "Rolle viewer")) << anonymous.output;
  // Public: the health check and the public calendar need none.
  EXPECT_EQ(Netzctl({"--target", lippstadt, "--token", "", "health", "check"}).exit_code, 0);

  // The coordinator's token comes from the district's netzctl configuration.
  auto created = NetzctlJson<v1::CreateTokenResponse>({"--target", lippstadt, "tokens", "create",
                                                       "--role", "viewer", "--label",
                                                       "Jugendhilfeplanung", "--valid-days", "30"});
  const std::string viewer = created.secret();
  ASSERT_EQ(viewer.substr(0, 4), "snz_");
  EXPECT_EQ(created.token().role(), v1::TOKEN_ROLE_VIEWER);

  EXPECT_EQ(Netzctl({"--target", lippstadt, "--token", viewer, "organisations", "list"}).exit_code,
            0);
  CommandResult write =
      Netzctl({"--target", lippstadt, "--token", viewer, "organisations", "create", "--name",
               "Familienzentrum Nord", "--sector", "child_youth_welfare", "--category", "other"});
  EXPECT_EQ(write.exit_code, 1);
  EXPECT_TRUE(Contains(write.output, "PERMISSION_DENIED")) << write.output;

  CommandResult listed = Netzctl({"--target", lippstadt, "tokens", "list"});
  EXPECT_EQ(listed.exit_code, 0) << listed.output;
  EXPECT_TRUE(Contains(listed.output, "Jugendhilfeplanung"));
  EXPECT_TRUE(Contains(listed.output, "Netzwerkkoordination"));
  EXPECT_FALSE(Contains(listed.output, "snz_")) << listed.output;

  EXPECT_EQ(Netzctl({"--target", lippstadt, "tokens", "revoke", created.token().id()}).exit_code,
            0);
  CommandResult revoked =
      Netzctl({"--target", lippstadt, "--token", viewer, "organisations", "list"});
  EXPECT_EQ(revoked.exit_code, 1);
  EXPECT_TRUE(Contains(revoked.output, "token revoked")) << revoked.output;

  // The refusals are in the audit log, by token id, never with a secret.
  CommandResult audit = Netzctl({"--target", lippstadt, "audit", "list", "--type", "call"});
  EXPECT_EQ(audit.exit_code, 0) << audit.output;
  EXPECT_TRUE(Contains(audit.output, "token:" + created.token().id())) << audit.output;
  EXPECT_TRUE(Contains(audit.output, "denied"));
  EXPECT_FALSE(Contains(audit.output, "snz_"));
}

TEST(NetzctlTokensTest, ATokenWorksOnlyAtTheServiceThatIssuedIt) {
  auto district = StartKreisSoest();
  ASSERT_NE(district, nullptr);
  const std::string lippstadt_token = district->office("lippstadt").token;
  CommandResult at_soest = Netzctl({"--target", district->office("soest").address, "--token",
                                    lippstadt_token, "organisations", "list"});
  EXPECT_EQ(at_soest.exit_code, 1);
  EXPECT_TRUE(Contains(at_soest.output, "UNAUTHENTICATED")) << at_soest.output;
  CommandResult at_district = Netzctl({"--target", district->aggregator().address, "--token",
                                       lippstadt_token, "district", "agreements", "list"});
  EXPECT_EQ(at_district.exit_code, 1);
  EXPECT_TRUE(Contains(at_district.output, "UNAUTHENTICATED")) << at_district.output;
  // The district-coordinator's token manages the aggregator's tokens.
  CommandResult district_tokens =
      Netzctl({"--target", district->aggregator().address, "tokens", "list"});
  EXPECT_EQ(district_tokens.exit_code, 0) << district_tokens.output;
  EXPECT_TRUE(Contains(district_tokens.output, "Kreiskoordination"));
}

TEST(NetzctlTokensTest, TheAdminCommandListsAndRevokesTokensInTheDatabase) {
  auto district = StartKreisSoest();
  ASSERT_NE(district, nullptr);
  DistrictService& soest = district->office("soest");
  ProcessOptions o;
  o.argv = {soest.argv.at(0), "admin", "list-tokens", "--config", soest.config_file};
  o.env = soest.env;
  std::string output;
  absl::StatusOr<int> code = RunCommand(o, absl::Seconds(60), &output);
  ASSERT_TRUE(code.ok()) << code.status();
  EXPECT_EQ(*code, 0) << output;
  EXPECT_TRUE(Contains(output, "Netzwerkkoordination")) << output;
  EXPECT_TRUE(Contains(output, "by admin")) << output;
  EXPECT_FALSE(Contains(output, "snz_")) << output;

  // A label with a person's name is refused (exit code 2), nothing is stored.
  o.argv = {soest.argv.at(0), "admin",  "create-token", "--config",           soest.config_file,
            "--role",         "editor", "--label",      "Laptop Kevin Müller"};
  code = RunCommand(o, absl::Seconds(60), &output);
  ASSERT_TRUE(code.ok());
  EXPECT_EQ(*code, 2) << output;
  EXPECT_TRUE(Contains(output, "token.label")) << output;
}

}  // namespace
}  // namespace schutznetz::testing
