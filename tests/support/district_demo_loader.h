// District demo data for the local run: agreements drafted at the aggregator, opened for
// ratification, and ratified by the offices the file names — through the real gRPC APIs, so the
// ratifications travel through the sync like any other.
//
// The file is tenants/<district>/demo/district.yaml.
#pragma once

#include <map>
#include <memory>
#include <string>

#include <grpcpp/grpcpp.h>

#include "absl/status/status.h"

namespace schutznetz::testing {

// Loads `file`: creates its agreements at the aggregator behind `aggregator`, opens those marked
// `open`, and ratifies them in the offices listed under `ratified_by` (`offices`: office id →
// channel), waiting for each office to receive the opened version first.
absl::Status LoadDistrictDemoData(
    const std::string& file, std::shared_ptr<grpc::Channel> aggregator,
    const std::map<std::string, std::shared_ptr<grpc::Channel>>& offices);

}  // namespace schutznetz::testing
