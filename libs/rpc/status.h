// The one place where library statuses become gRPC statuses (and back, for clients).
//
// absl::StatusCode and grpc::StatusCode share their numbering, so the mapping keeps the code and
// the bilingual message as they are.
#pragma once

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace schutznetz::rpc {

grpc::Status ToGrpcStatus(const absl::Status& status);
absl::Status FromGrpcStatus(const grpc::Status& status);

// The name of a gRPC status code, e.g. "INVALID_ARGUMENT".
const char* GrpcCodeName(grpc::StatusCode code);

}  // namespace schutznetz::rpc
