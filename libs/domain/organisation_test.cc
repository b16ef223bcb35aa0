#include "libs/domain/organisation.h"

#include <gtest/gtest.h>

namespace schutznetz::domain {
namespace {

Organisation Valid() {
  Organisation o;
  o.name = "Evangelisches Krankenhaus Lippstadt";
  o.sector = Sector::kHealth;
  o.actor_category = ActorCategory::kSecrecyHolder;
  o.municipality = "Lippstadt";
  return o;
}

TEST(OrganisationTest, ValidOrganisationPasses) {
  EXPECT_TRUE(ValidateOrganisation(Valid(), "organisation.").ok());
}

TEST(OrganisationTest, EveryViolationIsNamed) {
  Organisation o;
  o.name = " ";
  absl::Status s = ValidateOrganisation(o, "organisation.");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  std::string m(s.message());
  EXPECT_NE(m.find("organisation.name: must not be empty"), std::string::npos);
  EXPECT_NE(m.find("organisation.sector: is required"), std::string::npos);
  EXPECT_NE(m.find("organisation.actor_category: is required"), std::string::npos);
}

TEST(OrganisationTest, OverlongFieldsAreRejected) {
  Organisation o = Valid();
  o.address = std::string(301, 'x');
  EXPECT_NE(ValidateOrganisation(o, "").message().find("address: is longer than 300"),
            std::string::npos);
}

}  // namespace
}  // namespace schutznetz::domain
