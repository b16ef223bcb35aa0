#include "services/tenant/agreement_items.h"

#include "absl/strings/str_cat.h"
#include "libs/api/agreement_convert.h"
#include "libs/common/status_macros.h"
#include "libs/common/uuid.h"
#include "libs/domain/agreement.h"
#include "schutznetz/v1/agreement.pb.h"

namespace schutznetz::tenant {

AgreementItemHandler::AgreementItemHandler()
    : mirror_(storage::NewAgreementMirrorRepository()), audit_(storage::NewAuditRepository()) {}

absl::StatusOr<sync::ApplyResult> AgreementItemHandler::Apply(storage::Tx& tx,
                                                              const domain::SyncItem& item) {
  if (item.origin != domain::kAggregatorOrigin) {
    return sync::ApplyResult::Rejected(
        absl::StrCat("agreements come from the aggregator only, not from '", item.origin, "'"));
  }
  v1::Agreement message;
  if (!message.ParseFromString(item.payload)) {
    return sync::ApplyResult::Rejected("payload is not a schutznetz.v1.Agreement");
  }
  if (message.id() != item.id || !IsUuid(item.id)) {
    return sync::ApplyResult::Rejected("the agreement's id is not the item's id");
  }
  absl::StatusOr<domain::Agreement> agreement = api::AgreementFromProto(message);
  if (!agreement.ok())
    return sync::ApplyResult::Rejected(std::string(agreement.status().message()));

  storage::MirroredAgreement copy;
  copy.id = agreement->id;
  copy.sync_version = item.version;
  copy.kind = agreement->kind;
  copy.title = agreement->title;
  copy.payload = item.payload;
  SN_ASSIGN_OR_RETURN(bool stored, mirror_->Upsert(tx, copy));
  if (stored) {
    domain::AuditEntry e;
    e.actor = domain::kAggregatorOrigin;
    e.method = "FederationService/SubscribeDistrictLog";
    e.resource_type = "agreement";
    e.resource_id = item.id;
    e.action = "sync";
    e.detail = absl::StrCat("sync version ", item.version, "; ", message.versions_size(),
                            " versions; in force: ", message.in_force_version());
    SN_RETURN_IF_ERROR(audit_->Record(tx, e));
  }
  return sync::ApplyResult::Applied();
}

}  // namespace schutznetz::tenant
