#include "services/tenant/insofa_link.h"

#include "absl/strings/str_cat.h"
#include "libs/common/status_macros.h"
#include "libs/federation/insofa_items.h"

namespace schutznetz::tenant {

using domain::InsofaEntry;

InsofaLink::InsofaLink(sync::Outbox& outbox, Clock clock)
    : outbox_(outbox),
      clock_(std::move(clock)),
      entries_(storage::NewInsofaRepository()),
      consents_(storage::NewConsentsRepository()),
      log_(storage::NewChangeLogRepository()),
      audit_(storage::NewAuditRepository()) {}

absl::StatusOr<InsofaEntry> InsofaLink::Publish(storage::Tx& tx, InsofaEntry e) {
  e.office = office();
  const int64_t version = domain::NextSyncVersion(e.sync_version, clock_());
  SN_RETURN_IF_ERROR(outbox_.Append(tx, {federation::kInsofaEntryItem, e.id,
                                         domain::kToEveryOffice, version,
                                         federation::InsofaEntryPayload(e, false)}));
  SN_RETURN_IF_ERROR(entries_->SetSyncVersion(tx, e.id, version));
  e.sync_version = version;
  return e;
}

absl::Status InsofaLink::Remove(storage::Tx& tx, const InsofaEntry& e, const std::string& actor,
                                const std::string& method, const std::string& why) {
  SN_RETURN_IF_ERROR(entries_->Delete(tx, e.id));
  if (e.sync_version > 0) {
    InsofaEntry tombstone;
    tombstone.id = e.id;
    tombstone.office = office();
    const int64_t version = domain::NextSyncVersion(e.sync_version, clock_());
    SN_RETURN_IF_ERROR(outbox_.Append(tx, {federation::kInsofaEntryItem, e.id,
                                           domain::kToEveryOffice, version,
                                           federation::InsofaEntryPayload(tombstone, true)}));
    // The versions the tombstone replaces carry the person's data: not to be delivered any more.
    SN_RETURN_IF_ERROR(
        log_->PurgePayloadsBelow(tx, federation::kInsofaEntryItem, office(), e.id, version)
            .status());
  }
  domain::AuditEntry entry;
  entry.actor = actor;
  entry.method = method;
  entry.resource_type = "insofa_entry";
  entry.resource_id = e.id;
  entry.action = "remove";
  entry.detail = absl::StrCat(why, ", member ", e.member_id.value());
  return audit_->Record(tx, entry);
}

absl::Status InsofaLink::ConsentEnded(storage::Tx& tx, const domain::Member& m,
                                      domain::ConsentPurpose purpose, const std::string& actor) {
  if (purpose != domain::ConsentPurpose::kInsofaPool) return absl::OkStatus();
  SN_ASSIGN_OR_RETURN(std::optional<InsofaEntry> entry, entries_->FindByMember(tx, m.id, true));
  if (!entry) return absl::OkStatus();
  return Remove(tx, *entry, actor, "InsofaLink/ConsentEnded", "consent ended");
}

absl::Status InsofaLink::MemberChanged(storage::Tx& tx, const domain::Member& m,
                                       const std::string& actor) {
  SN_ASSIGN_OR_RETURN(std::optional<InsofaEntry> entry, entries_->FindByMember(tx, m.id, true));
  if (!entry) return absl::OkStatus();
  if (!domain::CheckCanBeListed(m).ok()) return Remove(tx, *entry, actor, "InsofaLink/MemberChanged", "membership ended");
  SN_ASSIGN_OR_RETURN(std::optional<domain::Consent> consent,
                      consents_->FindLive(tx, m.id, domain::ConsentPurpose::kInsofaPool));
  if (!consent) return Remove(tx, *entry, actor, "InsofaLink/MemberChanged", "no consent");
  return Publish(tx, *std::move(entry)).status();
}

InsofaMirrorHandler::InsofaMirrorHandler(std::string office)
    : office_(std::move(office)), entries_(storage::NewInsofaRepository()) {}

absl::StatusOr<sync::ApplyResult> InsofaMirrorHandler::Apply(storage::Tx& tx,
                                                            const domain::SyncItem& item) {
  absl::StatusOr<federation::InsofaPoolItem> received = federation::InsofaEntryFromItem(item);
  if (!received.ok()) return sync::ApplyResult::Rejected(std::string(received.status().message()));
  if (item.origin == office_) {
    return sync::ApplyResult::Rejected("insofa_entry: the office's own entries are not mirrored");
  }
  SN_ASSIGN_OR_RETURN(storage::MirrorOutcome outcome,
                      entries_->PutMirrored(tx, received->entry, received->withdrawn));
  if (outcome == storage::MirrorOutcome::kForeignId) {
    return sync::ApplyResult::Rejected(
        absl::StrCat("insofa_entry ", item.id, " belongs to another office than ", item.origin));
  }
  return sync::ApplyResult::Applied();
}

}  // namespace schutznetz::tenant
