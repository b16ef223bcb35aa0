// Turning libpqxx exceptions into absl::Status: the only place storage errors change form.
//
//   unique_violation           → ALREADY_EXISTS
//   foreign_key_violation      → FAILED_PRECONDITION
//   check/not-null violation   → INVALID_ARGUMENT
//   serialization / deadlock   → ABORTED (retry the transaction)
//   statement timeout (57014)  → DEADLINE_EXCEEDED
//   broken_connection          → UNAVAILABLE
//   anything else              → INTERNAL
// PostgreSQL's message may quote row values (personal data), so it is never passed on: the
// status carries a fixed text, the log line only the SQLSTATE.
#pragma once

#include <exception>
#include <string_view>

#include "absl/status/status.h"

namespace schutznetz::storage {

// Maps the exception currently being handled; call only inside a catch block.
// Serialization failures and deadlocks carry a payload that IsRetryableConflict() detects.
absl::Status StatusFromCurrentException(std::string_view context);

// True for a status produced from a serialization failure or deadlock: the whole transaction
// may be retried.
bool IsRetryableConflict(const absl::Status& status);

// Runs `f` (returning absl::Status or absl::StatusOr<T>) and maps any exception it throws.
template <typename F>
auto Guarded(std::string_view context, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (...) {
    return StatusFromCurrentException(context);
  }
}

}  // namespace schutznetz::storage
