// Opaque page tokens for keyset pagination.
//
// A token carries the sort key of the last row returned plus a fingerprint of the request's
// filters. Keyset paging keeps pages stable when rows are inserted meanwhile; the fingerprint
// makes a token used with other filters an INVALID_ARGUMENT instead of silently wrong pages.
//
//   std::string token = EncodePageToken(fingerprint, {last.name, last.id});
//   SN_ASSIGN_OR_RETURN(std::vector<std::string> key, DecodePageToken(req.page_token(),
//                                                                     fingerprint, 2));
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace schutznetz {

// Default and maximum page sizes of every List method.
inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 500;

// Validates `page_size` (field "page_size"): negative is INVALID_ARGUMENT, 0 means the default,
// values above the maximum are capped.
absl::StatusOr<int> EffectivePageSize(int page_size);

// A fingerprint of the filter values of a List request.
std::string FilterFingerprint(const std::vector<std::string>& filter_values);

std::string EncodePageToken(std::string_view fingerprint, const std::vector<std::string>& key);

// Returns the key parts; INVALID_ARGUMENT naming "page_token" if the token is malformed, has
// another number of parts, or was issued for other filters.
absl::StatusOr<std::vector<std::string>> DecodePageToken(std::string_view token,
                                                         std::string_view fingerprint,
                                                         size_t parts);

}  // namespace schutznetz
