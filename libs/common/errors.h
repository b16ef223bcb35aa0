// Error statuses with bilingual (English / German) messages that name the offending field.
//
// Every error a user can see passes through these helpers, so messages have one shape:
//   INVALID_ARGUMENT  "organisation.name: must not be empty / darf nicht leer sein"
//   NOT_FOUND         "organisation 8c1f… not found / Organisation 8c1f… nicht gefunden"
// FieldViolations collects several field errors of one request into a single status.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace schutznetz {

// A status with code `code` and the message "<english> / <german>".
absl::Status Bilingual(absl::StatusCode code, std::string_view english, std::string_view german);

// INVALID_ARGUMENT naming `field`: "<field>: <english> / <german>".
absl::Status FieldError(std::string_view field, std::string_view english, std::string_view german);

// NOT_FOUND for a resource kind and id, e.g. ("organisation", "Organisation", id).
absl::Status NotFound(std::string_view kind_en, std::string_view kind_de, std::string_view id);

// ABORTED for a stale etag on `kind`.
absl::Status EtagMismatch(std::string_view kind_en, std::string_view kind_de);

// An error about an item a request refers to, reported at the referring field: NOT_FOUND
// "organisation 8c1f… not found / …" becomes "member.organisation_id: organisation 8c1f… not
// found / …". OK stays OK; the code is kept.
absl::Status InField(const absl::Status& status, std::string_view field);

// Collects violations of several fields of one request.
class FieldViolations {
 public:
  void Add(std::string_view field, std::string_view english, std::string_view german);
  // Adds the message of a FieldError status; OK statuses are ignored.
  void Add(const absl::Status& status);
  bool empty() const { return messages_.empty(); }
  // OK if nothing was added, otherwise INVALID_ARGUMENT with all messages joined by "; ".
  absl::Status ToStatus() const;

 private:
  std::vector<std::string> messages_;
};

}  // namespace schutznetz
