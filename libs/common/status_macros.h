// Early-return helpers for absl::Status / absl::StatusOr, which Debian's Abseil 20220623
// does not provide.
//
//   SN_RETURN_IF_ERROR(ValidateName(name));
//   SN_ASSIGN_OR_RETURN(Organisation org, repo.Get(tx, id));
#pragma once

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define SN_STATUS_CONCAT_INNER_(a, b) a##b
#define SN_STATUS_CONCAT_(a, b) SN_STATUS_CONCAT_INNER_(a, b)

// Returns the status from the enclosing function if `expr` is not OK.
#define SN_RETURN_IF_ERROR(expr)                   \
  do {                                             \
    ::absl::Status sn_status_ = (expr);            \
    if (!sn_status_.ok()) return sn_status_;       \
  } while (false)

// Evaluates `rexpr` (an absl::StatusOr<T>); on error returns its status, otherwise moves the
// value into `lhs`, which may be a declaration.
#define SN_ASSIGN_OR_RETURN(lhs, rexpr) \
  SN_ASSIGN_OR_RETURN_IMPL_(SN_STATUS_CONCAT_(sn_statusor_, __LINE__), lhs, rexpr)

#define SN_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                              \
  if (!statusor.ok()) return std::move(statusor).status(); \
  lhs = std::move(statusor).value()
