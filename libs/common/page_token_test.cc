#include "libs/common/page_token.h"

#include <gtest/gtest.h>

namespace schutznetz {
namespace {

TEST(PageTokenTest, RoundTripsKeyWithSeparatorsAndUmlauts) {
  std::string fp = FilterFingerprint({"health", "Lippstadt"});
  std::vector<std::string> key = {"Gesundheitsamt: Süd|Nord", "1234"};
  auto decoded = DecodePageToken(EncodePageToken(fp, key), fp, 2);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(*decoded, key);
}

TEST(PageTokenTest, TokenForOtherFiltersIsRejected) {
  std::string token = EncodePageToken(FilterFingerprint({"health"}), {"a", "b"});
  auto decoded = DecodePageToken(token, FilterFingerprint({"school"}), 2);
  EXPECT_EQ(decoded.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(decoded.status().message().find("page_token"), absl::string_view::npos);
}

TEST(PageTokenTest, GarbageIsInvalidArgument) {
  for (const char* bad : {"!!!", "abc", "MTox", ""}) {
    auto decoded = DecodePageToken(bad, FilterFingerprint({}), 2);
    EXPECT_EQ(decoded.status().code(), absl::StatusCode::kInvalidArgument) << bad;
  }
}

TEST(PageTokenTest, PageSizeRules) {
  EXPECT_EQ(EffectivePageSize(0).value(), kDefaultPageSize);
  EXPECT_EQ(EffectivePageSize(7).value(), 7);
  EXPECT_EQ(EffectivePageSize(100000).value(), kMaxPageSize);
  auto negative = EffectivePageSize(-1);
  EXPECT_EQ(negative.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(negative.status().message().find("page_size"), absl::string_view::npos);
}

}  // namespace
}  // namespace schutznetz
