// The netzctl configuration file: targets with their tokens, strict about unknown keys.
#include "services/cli/netzctl_config.h"

#include <gtest/gtest.h>

namespace schutznetz::cli {
namespace {

TEST(NetzctlConfigTest, MapsTargetsToTokens) {
  absl::StatusOr<NetzctlConfig> c = ParseNetzctlConfig(
      "# comment\n"
      "targets:\n"
      "  \"localhost:7101\":\n"
      "    token: snz_office\n"
      "  localhost:7100:\n"
      "    token: snz_district\n",
      "netzctl.yaml");
  ASSERT_TRUE(c.ok()) << c.status();
  ASSERT_NE(c->Find("localhost:7101"), nullptr);
  EXPECT_EQ(c->Find("localhost:7101")->token, "snz_office");
  EXPECT_EQ(c->Find("localhost:7100")->token, "snz_district");
  EXPECT_EQ(c->Find("127.0.0.1:7101"), nullptr);
}

TEST(NetzctlConfigTest, EmptyFileHasNoTargets) {
  absl::StatusOr<NetzctlConfig> c = ParseNetzctlConfig("", "netzctl.yaml");
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->targets.empty());
}

TEST(NetzctlConfigTest, UnknownKeysAreNamed) {
  absl::StatusOr<NetzctlConfig> c =
      ParseNetzctlConfig("targets:\n  localhost:7101:\n    tokn: snz_x\n", "/tmp/n.yaml");
  EXPECT_EQ(c.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(c.status().message().find("tokn"), std::string::npos);
  EXPECT_NE(c.status().message().find("/tmp/n.yaml"), std::string::npos);
  EXPECT_FALSE(ParseNetzctlConfig("servers: {}\n", "n.yaml").ok());
  EXPECT_FALSE(ParseNetzctlConfig("targets: [a, b]\n", "n.yaml").ok());
  EXPECT_FALSE(ParseNetzctlConfig("targets: {a: [1]\n", "n.yaml").ok());
}

}  // namespace
}  // namespace schutznetz::cli
