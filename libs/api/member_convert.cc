#include "libs/api/member_convert.h"

#include "libs/api/enums.h"
#include "libs/domain/etag.h"
#include "libs/rpc/proto_util.h"

namespace schutznetz::api {

void MemberToProto(const domain::Member& m, v1::Member* p) {
  p->set_id(m.id.value());
  p->set_organisation_id(m.organisation_id.value());
  p->set_first_name(m.first_name);
  p->set_last_name(m.last_name);
  p->set_role(m.role);
  p->set_email(m.email);
  p->set_phone(m.phone);
  p->set_consent_internal_directory(m.consent_internal_directory);
  p->set_consent_share_registrations(m.consent_share_registrations);
  p->set_consent_public_contact(m.consent_public_contact);
  p->set_state(static_cast<v1::MembershipState>(m.state));
  p->set_decision_reason(m.decision_reason);
  // InfinitePast means "not yet": the field stays unset.
  if (m.request_time != absl::InfinitePast())
    rpc::ToProto(m.request_time, p->mutable_request_time());
  if (m.join_time != absl::InfinitePast()) rpc::ToProto(m.join_time, p->mutable_join_time());
  if (m.leave_time != absl::InfinitePast()) rpc::ToProto(m.leave_time, p->mutable_leave_time());
  p->set_anonymised(m.anonymised);
  p->set_etag(domain::EtagOf(m.version));
  rpc::ToProto(m.create_time, p->mutable_create_time());
  rpc::ToProto(m.update_time, p->mutable_update_time());
  p->set_organisation_name(m.organisation_name);
  p->set_sector(ToProto(m.sector));
  p->set_actor_category(ToProto(m.actor_category));
}

void OrganisationToProto(const domain::Organisation& o, v1::Organisation* p) {
  p->set_id(o.id.value());
  p->set_name(o.name);
  p->set_sector(ToProto(o.sector));
  p->set_actor_category(ToProto(o.actor_category));
  p->set_municipality(o.municipality);
  p->set_address(o.address);
  p->set_website(o.website);
  p->set_active(o.active);
  p->set_etag(domain::EtagOf(o.version));
  rpc::ToProto(o.create_time, p->mutable_create_time());
  rpc::ToProto(o.update_time, p->mutable_update_time());
}

void AuditEntryToProto(const domain::AuditEntry& e, v1::AuditEntry* p) {
  p->set_id(e.id);
  rpc::ToProto(e.time, p->mutable_time());
  p->set_actor(e.actor);
  p->set_method(e.method);
  p->set_resource_type(e.resource_type);
  p->set_resource_id(e.resource_id);
  p->set_action(e.action);
  p->set_outcome(e.outcome);
  p->set_detail(e.detail);
}

}  // namespace schutznetz::api
