#include "libs/common/page_token.h"

#include <openssl/sha.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"

namespace schutznetz {
namespace {

constexpr std::string_view kVersion = "p1";

void AppendPart(std::string* out, std::string_view part) {
  absl::StrAppend(out, part.size(), ":", absl::string_view(part.data(), part.size()));
}

absl::Status BadToken() {
  return FieldError("page_token", "is not a token returned by this list method",
                    "ist kein gültiges Seiten-Token dieser Liste");
}

}  // namespace

absl::StatusOr<int> EffectivePageSize(int page_size) {
  if (page_size < 0) {
    return FieldError("page_size", "must not be negative", "darf nicht negativ sein");
  }
  if (page_size == 0) return kDefaultPageSize;
  return page_size > kMaxPageSize ? kMaxPageSize : page_size;
}

std::string FilterFingerprint(const std::vector<std::string>& filter_values) {
  std::string joined;
  for (const std::string& v : filter_values) AppendPart(&joined, v);
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(joined.data()), joined.size(), digest);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), 8));
}

std::string EncodePageToken(std::string_view fingerprint, const std::vector<std::string>& key) {
  std::string raw;
  AppendPart(&raw, kVersion);
  AppendPart(&raw, fingerprint);
  for (const std::string& part : key) AppendPart(&raw, part);
  std::string out;
  absl::WebSafeBase64Escape(raw, &out);
  return out;
}

absl::StatusOr<std::vector<std::string>> DecodePageToken(std::string_view token,
                                                         std::string_view fingerprint,
                                                         size_t parts) {
  std::string raw;
  if (token.size() > 4096 ||
      !absl::WebSafeBase64Unescape(absl::string_view(token.data(), token.size()), &raw)) {
    return BadToken();
  }
  std::vector<std::string> items;
  size_t pos = 0;
  while (pos < raw.size()) {
    size_t colon = raw.find(':', pos);
    if (colon == std::string::npos || colon == pos || colon - pos > 6) return BadToken();
    size_t len = 0;
    for (size_t i = pos; i < colon; ++i) {
      if (raw[i] < '0' || raw[i] > '9') return BadToken();
      len = len * 10 + static_cast<size_t>(raw[i] - '0');
    }
    if (colon + 1 + len > raw.size()) return BadToken();
    items.push_back(raw.substr(colon + 1, len));
    pos = colon + 1 + len;
  }
  if (items.size() != parts + 2 || items[0] != kVersion) return BadToken();
  if (items[1] != fingerprint) {
    return FieldError("page_token", "was issued for other filters; start again without it",
                      "gehört zu anderen Filtern; bitte ohne Token neu beginnen");
  }
  return std::vector<std::string>(items.begin() + 2, items.end());
}

}  // namespace schutznetz
