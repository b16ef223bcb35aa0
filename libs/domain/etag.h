// Etags for optimistic concurrency: derived from a row's version, checked on update and delete.
//
//   SN_RETURN_IF_ERROR(CheckEtag(req.etag(), stored.version, "member.etag", kMemberKind));
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/status.h"

namespace schutznetz::domain {

// The names of a kind of resource for messages, e.g. {"organisation", "Organisation"}.
struct ResourceKind {
  const char* english;
  const char* german;
};

// The etag of a version (3 → "\"v3\"").
std::string EtagOf(int64_t version);
// The version of an etag; nullopt if malformed.
std::optional<int64_t> VersionOfEtag(const std::string& etag);

// OK if `etag` is empty (no check requested) or names `version`. A malformed etag is
// INVALID_ARGUMENT naming `field`; another version is ABORTED.
absl::Status CheckEtag(const std::string& etag, int64_t version, const std::string& field,
                       ResourceKind kind);

}  // namespace schutznetz::domain
