#include "services/cli/args.h"

#include <gtest/gtest.h>

namespace schutznetz::cli {
namespace {

TEST(ArgsTest, SeparatesPositionalsAndFlagsInAnyOrder) {
  auto a = Args::Parse({"--target", "x:1", "organisations", "list", "--sector=health", "--json"},
                       {"json"});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->positionals(), (std::vector<std::string>{"organisations", "list"}));
  EXPECT_EQ(a->Get("target"), "x:1");
  EXPECT_EQ(a->Get("sector"), "health");
  EXPECT_TRUE(a->Has("json"));
  EXPECT_EQ(a->Positional(5), "");
}

TEST(ArgsTest, RepeatedFlagsKeepEveryValueInOrder) {
  auto a = Args::Parse({"surveys", "add-question", "--option", "ja", "--option=nein", "--option",
                        "weiß nicht"},
                       {});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->GetAll("option"), (std::vector<std::string>{"ja", "nein", "weiß nicht"}));
  EXPECT_EQ(a->Get("option"), "weiß nicht");
  EXPECT_TRUE(a->GetAll("missing").empty());
}

TEST(ArgsTest, MissingValueIsAnError) {
  EXPECT_FALSE(Args::Parse({"organisations", "create", "--name"}, {}).ok());
}

TEST(ArgsTest, UnknownFlagIsNamed) {
  auto a = Args::Parse({"organisations", "list", "--sectr", "health"}, {});
  ASSERT_TRUE(a.ok());
  absl::Status s = a->OnlyFlags({"sector"});
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("--sectr"), absl::string_view::npos);
}

}  // namespace
}  // namespace schutznetz::cli
