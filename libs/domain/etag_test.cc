#include "libs/domain/etag.h"

#include <gtest/gtest.h>

namespace schutznetz::domain {
namespace {

constexpr ResourceKind kThing{"thing", "Ding"};

TEST(EtagTest, RoundTrip) {
  EXPECT_EQ(EtagOf(3), "\"v3\"");
  EXPECT_EQ(VersionOfEtag("\"v3\""), 3);
  EXPECT_FALSE(VersionOfEtag("3").has_value());
  EXPECT_FALSE(VersionOfEtag("\"vx\"").has_value());
  EXPECT_FALSE(VersionOfEtag("").has_value());
}

TEST(EtagTest, EmptyEtagSkipsTheCheck) { EXPECT_TRUE(CheckEtag("", 7, "etag", kThing).ok()); }

TEST(EtagTest, OtherVersionIsAbortedAndGarbageIsInvalid) {
  EXPECT_TRUE(CheckEtag("\"v7\"", 7, "etag", kThing).ok());
  EXPECT_EQ(CheckEtag("\"v6\"", 7, "etag", kThing).code(), absl::StatusCode::kAborted);
  absl::Status bad = CheckEtag("v7", 7, "thing.etag", kThing);
  EXPECT_EQ(bad.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.message().substr(0, 11), "thing.etag:");
}

}  // namespace
}  // namespace schutznetz::domain
