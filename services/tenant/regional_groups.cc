#include "services/tenant/regional_groups.h"

#include "absl/strings/str_cat.h"
#include "libs/common/log.h"
#include "libs/common/status_macros.h"
#include "libs/storage/audit_repository.h"
#include "libs/storage/groups_repository.h"

namespace schutznetz::tenant {

absl::StatusOr<RegionalGroupSyncReport> SyncRegionalGroups(
    storage::Database& db, const std::vector<config::RegionalGroupConfig>& groups) {
  std::unique_ptr<storage::GroupsRepository> repo = storage::NewGroupsRepository();
  std::unique_ptr<storage::AuditRepository> audit = storage::NewAuditRepository();
  absl::StatusOr<RegionalGroupSyncReport> report = db.TransactValue<RegionalGroupSyncReport>(
      [&](storage::Tx& tx) -> absl::StatusOr<RegionalGroupSyncReport> {
        RegionalGroupSyncReport r;
        for (const config::RegionalGroupConfig& g : groups) {
          SN_ASSIGN_OR_RETURN(storage::UpsertResult result,
                              repo->UpsertRegional(tx, {g.id, g.name, g.meetings_per_year}));
          if (result.outcome == storage::UpsertOutcome::kUnchanged) {
            ++r.unchanged;
            continue;
          }
          bool created = result.outcome == storage::UpsertOutcome::kCreated;
          ++(created ? r.created : r.updated);
          domain::AuditEntry entry;
          entry.actor = "system";
          entry.method = "TenantApp/SyncRegionalGroups";
          entry.resource_type = "group";
          entry.resource_id = result.id.value();
          entry.action = created ? "create" : "update";
          entry.detail = absl::StrCat("regional group from configuration: ", g.id);
          SN_RETURN_IF_ERROR(audit->Record(tx, entry));
        }
        return r;
      });
  if (!report.ok()) return report.status();
  log::Info("regional groups synced from configuration", {{"created", report->created},
                                                          {"updated", report->updated},
                                                          {"unchanged", report->unchanged}});
  return report;
}

}  // namespace schutznetz::tenant
