// Demo data for the local run: fictional members, organisations, groups, meetings and trainings
// of one office, loaded through the office's real gRPC API (so every rule applies to them too).
//
// The files live in tenants/<district>/demo/<office>.yaml. Keys name rows inside one file;
// people are fictional. Events in the past are documented as held (minutes, attendance); events
// in the future get registrations, a full one a waitlist.
#pragma once

#include <memory>
#include <string>

#include <grpcpp/grpcpp.h>

#include "absl/status/status.h"

namespace schutznetz::testing {

// Loads `file` into the tenant service behind `channel`. Errors name the file and the entry.
absl::Status LoadDemoData(const std::string& file, std::shared_ptr<grpc::Channel> channel);

}  // namespace schutznetz::testing
