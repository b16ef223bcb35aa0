// Parsing of enum-valued options (slugs such as "health" or "family_court") for netzctl.
#pragma once

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "libs/domain/sector.h"

namespace schutznetz::cli {

// The sector named by `slug`; INVALID_ARGUMENT listing the valid slugs otherwise.
absl::StatusOr<domain::Sector> ParseSectorFlag(const std::string& slug);
absl::StatusOr<domain::ActorCategory> ParseCategoryFlag(const std::string& slug);

}  // namespace schutznetz::cli
