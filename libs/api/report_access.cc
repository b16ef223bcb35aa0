#include "libs/api/report_access.h"

#include "libs/common/errors.h"

namespace schutznetz::api {

absl::StatusOr<bool> ExactReportAllowed(const Call& call, v1::Disclosure disclosure,
                                        domain::Role exact_role, storage::Database& db,
                                        storage::AuditRepository& audit) {
  switch (disclosure) {
    case v1::DISCLOSURE_UNSPECIFIED:
    case v1::DISCLOSURE_PUBLISHED:
      return false;
    case v1::DISCLOSURE_EXACT:
      break;
    default:
      return FieldError("disclosure", "must be PUBLISHED or EXACT",
                        "muss PUBLISHED oder EXACT sein");
  }
  absl::Status allowed = call.RequireRole(exact_role, "disclosure EXACT");
  if (allowed.ok()) return true;
  absl::Status recorded = db.Transact([&](storage::Tx& tx) -> absl::Status {
    return audit.Record(tx, call.Denied(allowed, "exact figures need a higher role"));
  });
  if (!recorded.ok()) return recorded;
  return allowed;
}

}  // namespace schutznetz::api
