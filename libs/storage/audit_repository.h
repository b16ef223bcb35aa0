// Persistence of the audit log (table `audit_log`).
#pragma once

#include <memory>

#include "absl/status/statusor.h"
#include "libs/domain/audit.h"
#include "libs/domain/page.h"

namespace schutznetz::storage {

class Tx;

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  // Appends an entry in the caller's transaction: it commits or rolls back with the change.
  virtual absl::Status Record(Tx& tx, const domain::AuditEntry& entry) = 0;
  // Newest first.
  virtual absl::StatusOr<domain::Page<domain::AuditEntry>> List(
      Tx& tx, const domain::AuditFilter& filter, const domain::PageRequest& page) = 0;
};

std::unique_ptr<AuditRepository> NewAuditRepository();

}  // namespace schutznetz::storage
