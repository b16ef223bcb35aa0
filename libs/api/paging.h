// The page a List request asks for, from its page_size and page_token fields.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "libs/common/errors.h"
#include "libs/domain/page.h"

namespace schutznetz::api {

// page_size checked and capped (EffectivePageSize: 0 is the default, a negative size is
// INVALID_ARGUMENT naming page_size), page_token passed on as it is.
absl::StatusOr<domain::PageRequest> PageRequestFrom(int page_size, const std::string& page_token);

// The same, for a handler that collects every bad field: a bad size goes into `v`, and the page
// keeps the default size.
domain::PageRequest PageRequestFrom(int page_size, const std::string& page_token,
                                    FieldViolations& v);

}  // namespace schutznetz::api
