#include "libs/domain/sector.h"

#include <gtest/gtest.h>

namespace schutznetz::domain {
namespace {

TEST(SectorTest, SlugsRoundTrip) {
  for (Sector s : AllSectors()) EXPECT_EQ(SectorFromSlug(SectorSlug(s)), s);
  for (ActorCategory c : AllActorCategories()) EXPECT_EQ(ActorCategoryFromSlug(ActorCategorySlug(c)), c);
}

TEST(SectorTest, GermanLabels) {
  EXPECT_EQ(SectorLabel(Sector::kChildYouthWelfare), "Kinder- und Jugendhilfe");
  EXPECT_EQ(ActorCategoryLabel(ActorCategory::kFamilyCourt), "Familiengerichte");
}

TEST(SectorTest, NumbersOutsideTheEnumAreRejected) {
  EXPECT_EQ(SectorFromNumber(6), Sector::kOther);
  EXPECT_FALSE(SectorFromNumber(7).has_value());
  EXPECT_FALSE(SectorFromNumber(-1).has_value());
  EXPECT_EQ(ActorCategoryFromNumber(13), ActorCategory::kOther);
  EXPECT_FALSE(ActorCategoryFromNumber(14).has_value());
  EXPECT_FALSE(SectorFromSlug("Health").has_value());
}

TEST(SectorTest, AllListsHaveEverySpecifiedValue) {
  EXPECT_EQ(AllSectors().size(), 6u);
  EXPECT_EQ(AllActorCategories().size(), 13u);
}

}  // namespace
}  // namespace schutznetz::domain
