// The whole demo of a district (tenants/<district>/demo/): every office's file, then the
// district's agreements, loaded into a running LocalDistrict through the real gRPC APIs.
#pragma once

#include <string>

#include "absl/status/status.h"
#include "tests/support/district.h"

namespace schutznetz::testing {

// Loads <config_dir>/demo/<office>.yaml into each office that has one, then
// <config_dir>/demo/district.yaml if present, and has every office send its statistics snapshots.
// Errors name the file and the entry.
absl::Status LoadDemo(LocalDistrict& district, const std::string& config_dir);

}  // namespace schutznetz::testing
