#include "libs/common/sha256.h"

#include <gtest/gtest.h>

namespace schutznetz {
namespace {

TEST(Sha256Test, KnownDigests) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256Test, HashesTheExactBytes) {
  EXPECT_NE(Sha256Hex("Absprache\n"), Sha256Hex("Absprache"));
  EXPECT_NE(Sha256Hex("Mitteilungsweg"), Sha256Hex("Mitteilungsweg "));
  EXPECT_EQ(Sha256Hex("Kooperationsvereinbarung §8a").size(), 64u);
}

TEST(Sha256Test, RecognisesHexDigests) {
  EXPECT_TRUE(IsSha256Hex(Sha256Hex("x")));
  EXPECT_TRUE(IsSha256Hex("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"));
  EXPECT_FALSE(IsSha256Hex("ba7816bf"));
  EXPECT_FALSE(IsSha256Hex(std::string(63, 'a') + "g"));
}

}  // namespace
}  // namespace schutznetz
