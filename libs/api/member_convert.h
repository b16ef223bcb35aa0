// Conversions of members, organisations and audit entries to schutznetz.v1, shared by the
// services that show them (MemberService, OrganisationService, AuditService, and the access
// export of DataProtectionService).
#pragma once

#include "libs/domain/audit.h"
#include "libs/domain/member.h"
#include "libs/domain/organisation.h"
#include "schutznetz/v1/audit_service.pb.h"
#include "schutznetz/v1/member_service.pb.h"
#include "schutznetz/v1/organisation_service.pb.h"

namespace schutznetz::api {

// Every field; times that are InfinitePast ("not yet") stay unset.
void MemberToProto(const domain::Member& m, v1::Member* p);
void OrganisationToProto(const domain::Organisation& o, v1::Organisation* p);
void AuditEntryToProto(const domain::AuditEntry& e, v1::AuditEntry* p);

}  // namespace schutznetz::api
