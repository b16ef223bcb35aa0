#include "services/tenant/member_anonymisation.h"

#include "absl/time/clock.h"
#include "libs/common/status_macros.h"
#include "libs/storage/audit_repository.h"
#include "libs/storage/members_repository.h"

namespace schutznetz::tenant {

absl::StatusOr<domain::Member> AnonymiseMember(storage::Tx& tx, ConsentBook& consents,
                                               const domain::MemberId& id,
                                               const AnonymiseOptions& options) {
  // Stateless; cheap to create per call.
  std::unique_ptr<storage::MembersRepository> members = storage::NewMembersRepository();
  std::unique_ptr<storage::AuditRepository> audit = storage::NewAuditRepository();

  SN_ASSIGN_OR_RETURN(domain::Member m, members->Get(tx, id, /*lock=*/true));
  SN_RETURN_IF_ERROR(domain::CheckEtag(options.etag, m.version, "etag", domain::kMemberKind));
  SN_RETURN_IF_ERROR(domain::CheckCanAnonymise(m));
  domain::Anonymise(&m);
  SN_ASSIGN_OR_RETURN(domain::Member stored, members->Update(tx, m));

  domain::AuditEntry entry;
  entry.actor = options.by.actor;
  entry.method = options.by.method;
  entry.resource_type = "member";
  entry.resource_id = stored.id.value();
  entry.action = "anonymise";
  entry.detail = options.by.detail;
  SN_RETURN_IF_ERROR(audit->Record(tx, entry));
  SN_RETURN_IF_ERROR(
      consents.MemberErased(tx, stored, absl::Now(), options.by.actor, options.reason));
  // The consents' end changed the member's flags and version: return the row as it is now.
  return members->Get(tx, id, /*lock=*/false);
}

}  // namespace schutznetz::tenant
