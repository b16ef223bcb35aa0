#include "libs/api/enums.h"

#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"

namespace schutznetz::api {
namespace {

absl::Status UnknownValue(const std::string& field, int value) {
  return FieldError(field, absl::StrCat("unknown value ", value),
                    absl::StrCat("unbekannter Wert ", value));
}

}  // namespace

absl::StatusOr<domain::Sector> SectorFromProto(int value, const std::string& field,
                                               bool required) {
  std::optional<domain::Sector> s = domain::SectorFromNumber(value);
  if (!s) return UnknownValue(field, value);
  if (required && *s == domain::Sector::kUnspecified) {
    return FieldError(field, "is required", "Handlungsfeld ist erforderlich");
  }
  return *s;
}

absl::StatusOr<domain::ActorCategory> CategoryFromProto(int value, const std::string& field,
                                                        bool required) {
  std::optional<domain::ActorCategory> c = domain::ActorCategoryFromNumber(value);
  if (!c) return UnknownValue(field, value);
  if (required && *c == domain::ActorCategory::kUnspecified) {
    return FieldError(field, "is required", "Akteursgruppe ist erforderlich");
  }
  return *c;
}

}  // namespace schutznetz::api
