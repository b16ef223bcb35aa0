#include "libs/common/uuid.h"

#include <gtest/gtest.h>

namespace schutznetz {
namespace {

TEST(UuidTest, AcceptsCanonicalForm) {
  EXPECT_TRUE(IsUuid("6f1c2b9e-3d4a-4c5b-8e7f-0123456789ab"));
  EXPECT_TRUE(IsUuid("6F1C2B9E-3D4A-4C5B-8E7F-0123456789AB"));
}

TEST(UuidTest, RejectsOtherForms) {
  EXPECT_FALSE(IsUuid(""));
  EXPECT_FALSE(IsUuid("6f1c2b9e3d4a4c5b8e7f0123456789ab"));
  EXPECT_FALSE(IsUuid("6f1c2b9e-3d4a-4c5b-8e7f-0123456789ag"));
  EXPECT_FALSE(IsUuid("' OR 1=1 --"));
  EXPECT_EQ(ValidateUuid("id", "x").message(), "id: must be a UUID / muss eine UUID sein");
  EXPECT_EQ(ValidateUuid("id", "").message(), "id: is required / ist erforderlich");
}

TEST(UuidTest, NewUuidsAreCanonicalVersion4AndDistinct) {
  std::string a = NewUuid();
  std::string b = NewUuid();
  EXPECT_TRUE(IsUuid(a));
  EXPECT_EQ(a[14], '4');
  EXPECT_NE(a, b);
}

}  // namespace
}  // namespace schutznetz
