#include "libs/domain/etag.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"

namespace schutznetz::domain {

std::string EtagOf(int64_t version) { return absl::StrCat("\"v", version, "\""); }

std::optional<int64_t> VersionOfEtag(const std::string& etag) {
  if (etag.size() < 4 || etag.front() != '"' || etag[1] != 'v' || etag.back() != '"') {
    return std::nullopt;
  }
  int64_t v;
  if (!absl::SimpleAtoi(etag.substr(2, etag.size() - 3), &v) || v < 0) return std::nullopt;
  return v;
}

absl::Status CheckEtag(const std::string& etag, int64_t version, const std::string& field,
                       ResourceKind kind) {
  if (etag.empty()) return absl::OkStatus();
  std::optional<int64_t> v = VersionOfEtag(etag);
  if (!v) {
    return FieldError(field, "is not an etag returned by the server", "ist kein gültiges etag");
  }
  if (*v != version) return EtagMismatch(kind.english, kind.german);
  return absl::OkStatus();
}

}  // namespace schutznetz::domain
