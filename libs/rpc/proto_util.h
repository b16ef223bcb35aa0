// Conversions between protobuf well-known types and our C++ types, shared by every service.
#pragma once

#include <string>
#include <vector>

#include <google/protobuf/field_mask.pb.h>
#include <google/protobuf/timestamp.pb.h>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace schutznetz::rpc {

void ToProto(absl::Time t, google::protobuf::Timestamp* out);
absl::Time FromProto(const google::protobuf::Timestamp& ts);

// The paths of `mask`, each checked against `allowed`; an empty mask yields all of `allowed`.
// INVALID_ARGUMENT naming "update_mask" for an unknown path.
absl::StatusOr<std::vector<std::string>> UpdatePaths(const google::protobuf::FieldMask& mask,
                                                     const std::vector<std::string>& allowed);

}  // namespace schutznetz::rpc
