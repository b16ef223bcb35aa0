#include "libs/rpc/proto_util.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libs/common/errors.h"

namespace schutznetz::rpc {

void ToProto(absl::Time t, google::protobuf::Timestamp* out) {
  int64_t us = absl::ToUnixMicros(t);
  int64_t seconds = us >= 0 ? us / 1000000 : -((-us + 999999) / 1000000);
  out->set_seconds(seconds);
  out->set_nanos(static_cast<int32_t>((us - seconds * 1000000) * 1000));
}

absl::Time FromProto(const google::protobuf::Timestamp& ts) {
  return absl::FromUnixSeconds(ts.seconds()) + absl::Nanoseconds(ts.nanos());
}

absl::StatusOr<std::vector<std::string>> UpdatePaths(const google::protobuf::FieldMask& mask,
                                                     const std::vector<std::string>& allowed) {
  if (mask.paths().empty()) return allowed;
  std::vector<std::string> out;
  for (const std::string& path : mask.paths()) {
    if (std::find(allowed.begin(), allowed.end(), path) == allowed.end()) {
      return FieldError("update_mask",
                        absl::StrCat("unknown or read-only field '", path, "'; allowed: ",
                                     absl::StrJoin(allowed, ", ")),
                        absl::StrCat("unbekanntes oder nicht änderbares Feld '", path, "'"));
    }
    out.push_back(path);
  }
  return out;
}

}  // namespace schutznetz::rpc
