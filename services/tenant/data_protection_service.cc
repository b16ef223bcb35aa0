#include "services/tenant/data_protection_service.h"

#include <map>

#include "libs/api/call.h"
#include "libs/api/event_convert.h"
#include "libs/api/member_convert.h"
#include "libs/api/paging.h"
#include "libs/common/status_macros.h"
#include "libs/common/uuid.h"
#include "libs/domain/retention.h"
#include "libs/federation/items.h"
#include "libs/rpc/proto_util.h"
#include "libs/rpc/status.h"

namespace schutznetz::tenant {
namespace {

using domain::Member;
using domain::RetentionRun;

void RunToProto(const RetentionRun& r, v1::RetentionRun* p) {
  p->set_id(r.id);
  p->set_run_id(r.run_id);
  rpc::ToProto(r.run_time, p->mutable_run_time());
  p->set_rule(static_cast<v1::RetentionRule>(r.rule));
  p->set_setting(r.setting);
  if (r.cutoff) rpc::ToProto(*r.cutoff, p->mutable_cutoff());
  p->set_rows_affected(r.rows_affected);
  p->set_actor(r.actor);
}

// What the member's office sends of a member in each registration item (domain::ParticipantFor).
std::vector<std::string> DataFieldsOf(const std::string& item_type) {
  if (item_type == federation::kRegistrationRequestItem) return {"name", "organisation", "sector"};
  return {};
}

}  // namespace

DataProtectionService::DataProtectionService(storage::Database& db, RetentionJob& job,
                                             std::string office_id, std::string office_name,
                                             Clock clock)
    : db_(db),
      job_(job),
      office_id_(std::move(office_id)),
      office_name_(std::move(office_name)),
      clock_(std::move(clock)),
      retention_(storage::NewRetentionRepository()),
      members_(storage::NewMembersRepository()),
      organisations_(storage::NewOrganisationsRepository()),
      registrations_(storage::NewRegistrationsRepository()),
      personal_data_(storage::NewPersonalDataRepository()),
      audit_(storage::NewAuditRepository()) {}

grpc::Status DataProtectionService::ListRetentionRuns(grpc::ServerContext* ctx,
                                                      const v1::ListRetentionRunsRequest* req,
                                                      v1::ListRetentionRunsResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    SN_ASSIGN_OR_RETURN(domain::PageRequest page,
                        api::PageRequestFrom(req->page_size(), req->page_token()));
    return db_.Transact(
        [&](storage::Tx& tx) -> absl::Status {
          SN_ASSIGN_OR_RETURN(domain::Page<RetentionRun> result, retention_->ListRuns(tx, page));
          for (const RetentionRun& r : result.items) RunToProto(r, resp->add_runs());
          resp->set_next_page_token(result.next_page_token);
          resp->set_total_size(result.total_size);
          return absl::OkStatus();
        },
        {.isolation = storage::Isolation::kRepeatableRead, .read_only = true});
  }());
}

grpc::Status DataProtectionService::RunRetention(grpc::ServerContext* ctx,
                                                 const v1::RunRetentionRequest*,
                                                 v1::RunRetentionResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    SN_ASSIGN_OR_RETURN(std::vector<RetentionRun> runs,
                        job_.RunOnce({call.actor(), call.method()}));
    for (const RetentionRun& r : runs) RunToProto(r, resp->add_runs());
    return absl::OkStatus();
  }());
}

grpc::Status DataProtectionService::ExportPersonalData(grpc::ServerContext* ctx,
                                                       const v1::ExportPersonalDataRequest* req,
                                                       v1::ExportPersonalDataResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    SN_RETURN_IF_ERROR(ValidateUuid("member_id", req->member_id()));
    domain::MemberId id(req->member_id());
    absl::Time now = clock_();
    // The export reads one snapshot; its audit entry is written with it.
    return db_.Transact(
        [&](storage::Tx& tx) -> absl::Status {
          resp->Clear();
          SN_RETURN_IF_ERROR(FillExport(tx, id, now, resp));
          return audit_->Record(tx, call.Audit("member", id.value(), "export"));
        },
        {.isolation = storage::Isolation::kRepeatableRead});
  }());
}

absl::Status DataProtectionService::FillExport(storage::Tx& tx, const domain::MemberId& id,
                                               absl::Time now,
                                               v1::ExportPersonalDataResponse* out) {
  SN_ASSIGN_OR_RETURN(Member m, members_->Get(tx, id, false));

  rpc::ToProto(now, out->mutable_export_time());
  out->set_office_id(office_id_);
  out->set_office_name(office_name_);
  api::MemberToProto(m, out->mutable_member());
  SN_ASSIGN_OR_RETURN(domain::Organisation organisation,
                      organisations_->Get(tx, m.organisation_id, false));
  api::OrganisationToProto(organisation, out->mutable_organisation());

  SN_ASSIGN_OR_RETURN(std::vector<storage::GroupMembershipRecord> groups,
                      personal_data_->GroupMemberships(tx, id));
  for (const storage::GroupMembershipRecord& g : groups) {
    v1::PersonalDataGroupMembership* p = out->add_group_memberships();
    p->set_group_id(g.group_id.value());
    p->set_group_name(g.group_name);
    p->set_group_kind(static_cast<v1::GroupKind>(g.group_kind));
    p->set_role(static_cast<v1::GroupMemberRole>(g.role));
    rpc::ToProto(g.join_time, p->mutable_join_time());
  }

  SN_ASSIGN_OR_RETURN(std::vector<storage::RegistrationEventRecord> events,
                      personal_data_->RegistrationEvents(tx, id));
  std::vector<domain::RegistrationId> registration_ids;
  for (const auto& e : events) registration_ids.push_back(e.registration_id);
  SN_ASSIGN_OR_RETURN(std::vector<storage::SentRegistrationItem> sent,
                      personal_data_->SentItems(tx, registration_ids));
  std::map<std::string, std::vector<const storage::SentRegistrationItem*>> sent_by_registration;
  for (const auto& item : sent) sent_by_registration[item.registration_id.value()].push_back(&item);
  for (const storage::RegistrationEventRecord& e : events) {
    SN_ASSIGN_OR_RETURN(domain::Registration r, registrations_->Get(tx, e.registration_id, false));
    v1::PersonalDataRegistration* p = out->add_registrations();
    api::RegistrationToProto(r, p->mutable_registration());
    p->set_event_title(e.title);
    p->set_event_kind(static_cast<v1::EventKind>(e.kind));
    rpc::ToProto(e.start_time, p->mutable_event_start_time());
    rpc::ToProto(e.end_time, p->mutable_event_end_time());
    bool other_office = !e.organiser_office.empty();
    p->set_organiser_office(other_office ? e.organiser_office : office_id_);
    p->set_other_office_event(other_office);
    for (const storage::SentRegistrationItem* item :
         sent_by_registration[e.registration_id.value()]) {
      v1::PersonalDataTransfer* t = p->add_transfers();
      t->set_recipient_office(item->destination);
      t->set_item_type(item->item_type);
      for (const std::string& field : DataFieldsOf(item->item_type)) t->add_data_fields(field);
      rpc::ToProto(item->queue_time, t->mutable_send_time());
      t->set_version(item->version);
    }
  }

  // The consents as they are now. Their history, once the office records it, belongs here too.
  v1::PersonalDataConsents* consents = out->mutable_consents();
  consents->set_internal_directory(m.consent_internal_directory);
  consents->set_share_registrations(m.consent_share_registrations);

  SN_ASSIGN_OR_RETURN(std::vector<domain::AuditEntry> audit,
                      personal_data_->AuditEntries(tx, id, registration_ids));
  for (const domain::AuditEntry& a : audit) api::AuditEntryToProto(a, out->add_audit_entries());

  v1::PersonalDataRetention* retention = out->mutable_retention();
  retention->set_left_members_months(job_.policy().left_members_months);
  if (std::optional<absl::Time> due = domain::AnonymisationDue(m, job_.policy())) {
    rpc::ToProto(*due, retention->mutable_anonymise_after());
  }
  return absl::OkStatus();
}

}  // namespace schutznetz::tenant
