// A unary gRPC call by method name with raw request bytes, for tests that call methods a server
// may not offer (no generated stub needed).
#pragma once

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

namespace schutznetz::testing {

// Calls `method` ("/package.Service/Method") with `request` (a serialised message, "" for an
// empty one) within `deadline_ms` and returns the status.
grpc::Status CallUnaryRaw(const std::shared_ptr<grpc::Channel>& channel, const std::string& method,
                          const std::string& request = "", int deadline_ms = 5000);

}  // namespace schutznetz::testing
