#include "libs/common/uuid.h"

#include "libs/common/errors.h"

namespace schutznetz {

bool IsUuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
      return false;
    }
  }
  return true;
}

absl::Status ValidateUuid(std::string_view field, std::string_view value) {
  if (value.empty()) return FieldError(field, "is required", "ist erforderlich");
  if (!IsUuid(value)) {
    return FieldError(field, "must be a UUID", "muss eine UUID sein");
  }
  return absl::OkStatus();
}

}  // namespace schutznetz
