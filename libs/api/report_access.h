// Who may see a report with exact counts: the disclosure a report request asks for, checked
// against the caller's role. A refused EXACT request is written to the audit log.
#pragma once

#include "absl/status/statusor.h"
#include "libs/api/call.h"
#include "libs/domain/api_token.h"
#include "libs/storage/audit_repository.h"
#include "libs/storage/database.h"
#include "schutznetz/v1/report.pb.h"

namespace schutznetz::api {

// True for EXACT (if the caller has `exact_role`; else PERMISSION_DENIED, audited), false for
// PUBLISHED or UNSPECIFIED; INVALID_ARGUMENT naming `disclosure` for an unknown value.
absl::StatusOr<bool> ExactReportAllowed(const Call& call, v1::Disclosure disclosure,
                                        domain::Role exact_role, storage::Database& db,
                                        storage::AuditRepository& audit);

}  // namespace schutznetz::api
