// Conversions between the proto enums of schutznetz.v1 and the domain enums, shared by the
// service implementations. The numbers match by construction; the conversion range-checks values
// a client sent (proto3 enums are open: any int32 can arrive).
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "libs/domain/sector.h"
#include "schutznetz/v1/common.pb.h"

namespace schutznetz::api {

// INVALID_ARGUMENT naming `field` for an unknown number, or for UNSPECIFIED when `required`.
absl::StatusOr<domain::Sector> SectorFromProto(int value, const std::string& field, bool required);
absl::StatusOr<domain::ActorCategory> CategoryFromProto(int value, const std::string& field,
                                                        bool required);

inline v1::Sector ToProto(domain::Sector s) { return static_cast<v1::Sector>(s); }
inline v1::ActorCategory ToProto(domain::ActorCategory c) {
  return static_cast<v1::ActorCategory>(c);
}

}  // namespace schutznetz::api
