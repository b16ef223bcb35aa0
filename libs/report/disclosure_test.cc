#include "libs/report/disclosure.h"

#include <gtest/gtest.h>

namespace schutznetz::report {
namespace {

using Mark = CountGrid::Mark;

TEST(DisclosureTest, ASingleSmallCellWithoutSumsIsShownAsSmall) {
  CountGrid g;
  int one = g.Add(1, true);
  int seven = g.Add(7, true);
  g.Suppress();
  EXPECT_EQ(g.mark(one), Mark::kSmall);
  EXPECT_EQ(g.mark(seven), Mark::kShown);
}

TEST(DisclosureTest, ZeroAndCountsFromThreeUpAreShown) {
  CountGrid g;
  int zero = g.Add(0, true);
  int three = g.Add(3, true);
  int two = g.Add(2, true);
  g.Suppress();
  EXPECT_EQ(g.mark(zero), Mark::kShown);
  EXPECT_EQ(g.mark(three), Mark::kShown);
  EXPECT_EQ(g.mark(two), Mark::kSmall);
}

TEST(DisclosureTest, CountsNotAboutPersonsAreNeverWithheld) {
  CountGrid g;
  int events = g.Add(1, false);
  g.Suppress();
  EXPECT_EQ(g.mark(events), Mark::kShown);
}

TEST(DisclosureTest, ASmallCellWithATotalWithholdsTheSmallestOtherPart) {
  // 2 + 9 + 5 = 16: without a second withheld cell, 16 − 9 − 5 gives the 2 back.
  CountGrid g;
  int a = g.Add(2, true), b = g.Add(9, true), c = g.Add(5, true);
  int total = g.Add(16, true);
  g.AddSum(total, {a, b, c});
  g.Suppress();
  EXPECT_EQ(g.mark(a), Mark::kSmall);
  EXPECT_EQ(g.mark(c), Mark::kComplementary);
  EXPECT_EQ(g.mark(b), Mark::kShown);
  EXPECT_EQ(g.mark(total), Mark::kShown);
}

TEST(DisclosureTest, WhenTheOtherPartsAreZeroTheTotalIsWithheld) {
  CountGrid g;
  int a = g.Add(1, true), b = g.Add(0, true);
  int total = g.Add(1, true);
  g.AddSum(total, {a, b});
  g.Suppress();
  EXPECT_EQ(g.mark(a), Mark::kSmall);
  EXPECT_EQ(g.mark(total), Mark::kSmall);  // itself 1
  EXPECT_EQ(g.mark(b), Mark::kShown);
}

TEST(DisclosureTest, TwoSmallCellsInOneSumNeedNoFurtherCell) {
  CountGrid g;
  int a = g.Add(1, true), b = g.Add(2, true), c = g.Add(8, true);
  int total = g.Add(11, true);
  g.AddSum(total, {a, b, c});
  g.Suppress();
  EXPECT_EQ(g.mark(c), Mark::kShown);
  EXPECT_EQ(g.mark(total), Mark::kShown);
}

TEST(DisclosureTest, AllCellsSmallWithholdsEveryPartAndShowsALargeTotal) {
  CountGrid g;
  int a = g.Add(1, true), b = g.Add(2, true), c = g.Add(2, true);
  int total = g.Add(5, true);
  g.AddSum(total, {a, b, c});
  g.Suppress();
  EXPECT_EQ(g.mark(a), Mark::kSmall);
  EXPECT_EQ(g.mark(b), Mark::kSmall);
  EXPECT_EQ(g.mark(c), Mark::kSmall);
  EXPECT_EQ(g.mark(total), Mark::kShown);
}

TEST(DisclosureTest, SecondarySuppressionFollowsRowsAndColumnsUntilNoSumRevealsACell) {
  // Two offices × two sectors with row and column totals:
  //            A    B   | total
  //   health   1    6   |   7
  //   school   4    5   |   9
  //   sum      5   11   |  16
  // The 1 forces a second cell in its row (6) and in its column (4); those force their column
  // and row again (5), giving the classic rectangle 1/6/4/5.
  CountGrid g;
  int h_a = g.Add(1, true), h_b = g.Add(6, true), h_t = g.Add(7, true);
  int s_a = g.Add(4, true), s_b = g.Add(5, true), s_t = g.Add(9, true);
  int a = g.Add(5, true), b = g.Add(11, true), t = g.Add(16, true);
  g.AddSum(h_t, {h_a, h_b});
  g.AddSum(s_t, {s_a, s_b});
  g.AddSum(t, {a, b});
  g.AddSum(a, {h_a, s_a});
  g.AddSum(b, {h_b, s_b});
  g.AddSum(t, {h_t, s_t});
  g.Suppress();
  EXPECT_EQ(g.mark(h_a), Mark::kSmall);
  EXPECT_TRUE(g.withheld(h_b));
  EXPECT_TRUE(g.withheld(s_a));
  EXPECT_TRUE(g.withheld(s_b));
  // No sum is left with exactly one withheld cell.
  for (const std::vector<int>& sum : std::vector<std::vector<int>>{
           {h_t, h_a, h_b}, {s_t, s_a, s_b}, {t, a, b}, {a, h_a, s_a}, {b, h_b, s_b},
           {t, h_t, s_t}}) {
    int withheld = 0;
    for (int c : sum) withheld += g.withheld(c) ? 1 : 0;
    EXPECT_NE(withheld, 1);
  }
  EXPECT_FALSE(g.withheld(t));
}

}  // namespace
}  // namespace schutznetz::report
