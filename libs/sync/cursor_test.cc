#include "libs/sync/cursor.h"

#include <gtest/gtest.h>

namespace schutznetz::sync {
namespace {

TEST(CursorTest, RoundTrips) {
  Cursor c{"6f1c2b9e", {"123456789012", 42}};
  auto decoded = DecodeCursor(EncodeCursor(c), "cursor");
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->epoch, "6f1c2b9e");
  EXPECT_EQ(decoded->position.xid, "123456789012");
  EXPECT_EQ(decoded->position.id, 42);
}

TEST(CursorTest, EmptyIsTheStartOfAnyLog) {
  auto p = PositionIn("", "epoch-a", "cursor");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(*p, storage::LogPosition{});
}

TEST(CursorTest, AnotherEpochIsOutOfRange) {
  auto p = PositionIn(EncodeCursor({"epoch-a", {"7", 1}}), "epoch-b", "cursor");
  EXPECT_EQ(p.status().code(), absl::StatusCode::kOutOfRange);
}

TEST(CursorTest, GarbageIsInvalidArgumentNamingTheField) {
  for (const char* bad : {"x", "a:b:c", "e:1", "e:1:2:3", "e:-1:2", "e:1:-2", ":1:2"}) {
    auto c = DecodeCursor(bad, "subscribe.cursor");
    EXPECT_EQ(c.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(c.status().message().substr(0, 17), "subscribe.cursor:") << bad;
  }
}

TEST(CursorTest, LogOrderComparesXidsNumerically) {
  EXPECT_TRUE(storage::Before({"9", 5}, {"10", 1}));
  EXPECT_TRUE(storage::Before({"10", 1}, {"10", 2}));
  EXPECT_FALSE(storage::Before({"10", 2}, {"10", 2}));
  EXPECT_FALSE(storage::Before({"11", 0}, {"10", 9}));
}

}  // namespace
}  // namespace schutznetz::sync
