#include "libs/federation/reporting_paths_handler.h"

#include "absl/strings/str_cat.h"
#include "libs/api/call.h"
#include "libs/common/status_macros.h"
#include "libs/federation/items.h"

namespace schutznetz::federation {

ReportingPathsMirror::ReportingPathsMirror(std::string own_office)
    : own_office_(std::move(own_office)),
      paths_(storage::NewReportingPathsRepository()),
      audit_(storage::NewAuditRepository()) {}

absl::StatusOr<sync::ApplyResult> ReportingPathsMirror::Apply(storage::Tx& tx,
                                                              const domain::SyncItem& item) {
  absl::StatusOr<domain::ReportingPathSet> set = ReportingPathsFromItem(item);
  if (!set.ok()) return sync::ApplyResult::Rejected(std::string(set.status().message()));
  if (set->office_id == own_office_) {
    return sync::ApplyResult::Rejected("the office's own reporting paths are not mirrored");
  }
  SN_ASSIGN_OR_RETURN(bool stored, paths_->UpsertMirror(tx, *set, item.version));
  if (stored) {
    SN_RETURN_IF_ERROR(audit_->Record(
        tx, api::Call::ForSyncItem(item.origin, item.type)
                .Audit("reporting_paths", set->office_id, "sync",
                       absl::StrCat("version ", set->version, "; ", set->entries.size(),
                                    " entries; sync version ", item.version))));
  }
  return sync::ApplyResult::Applied();
}

absl::StatusOr<sync::ApplyResult> ReportingPathsCheck::Apply(storage::Tx&,
                                                             const domain::SyncItem& item) {
  absl::StatusOr<domain::ReportingPathSet> set = ReportingPathsFromItem(item);
  if (!set.ok()) return sync::ApplyResult::Rejected(std::string(set.status().message()));
  return sync::ApplyResult::Applied();
}

}  // namespace schutznetz::federation
