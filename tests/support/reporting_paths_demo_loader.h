// Demo reporting paths (Mitteilungswege) for the local run: the `reporting_paths` section of an
// office's demo file (tenants/<district>/demo/<office>.yaml), saved as the office's draft and
// published through the real ReportingPathService, so they reach every office of the district.
//
//   reporting_paths:
//     agreement: "Kooperationsvereinbarung …"   # title; agreed_procedure entries link to it
//     entries: [...]                              # as for netzctl reporting-paths draft --file
//
// Loaded after the district's agreements: the office must hold its copy of the agreement named.
#pragma once

#include <memory>
#include <string>

#include <grpcpp/grpcpp.h>

#include "absl/status/status.h"

namespace schutznetz::testing {

// Publishes the reporting paths of `file` at the office behind `channel`; OK if the file has
// none.
absl::Status LoadDemoReportingPaths(const std::string& file,
                                    std::shared_ptr<grpc::Channel> channel);

}  // namespace schutznetz::testing
