#include "libs/domain/organisation.h"

#include "libs/common/errors.h"
#include "libs/common/text.h"

namespace schutznetz::domain {

const std::vector<std::string>& OrganisationMutableFields() {
  static const auto* fields = new std::vector<std::string>{
      "name", "sector", "actor_category", "municipality", "address", "website", "active"};
  return *fields;
}

absl::Status ValidateOrganisation(const Organisation& org, const std::string& prefix) {
  FieldViolations v;
  v.Add(ValidateText(prefix + "name", org.name, {.max_chars = 200, .required = true}));
  if (org.sector == Sector::kUnspecified) {
    v.Add(prefix + "sector", "is required", "Handlungsfeld ist erforderlich");
  }
  if (org.actor_category == ActorCategory::kUnspecified) {
    v.Add(prefix + "actor_category", "is required", "Akteursgruppe ist erforderlich");
  }
  v.Add(ValidateText(prefix + "municipality", org.municipality, {.max_chars = 100}));
  v.Add(ValidateText(prefix + "address", org.address, {.max_chars = 300}));
  v.Add(ValidateText(prefix + "website", org.website, {.max_chars = 300}));
  return v.ToStatus();
}

}  // namespace schutznetz::domain
