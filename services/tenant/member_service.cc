#include "services/tenant/member_service.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "libs/api/call.h"
#include "libs/api/enums.h"
#include "libs/api/member_convert.h"
#include "libs/api/paging.h"
#include "libs/domain/api_token.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "libs/common/text.h"
#include "libs/common/time.h"
#include "libs/common/uuid.h"
#include "libs/rpc/proto_util.h"
#include "libs/rpc/status.h"
#include "services/tenant/member_anonymisation.h"

namespace schutznetz::tenant {
namespace {

using domain::Member;
using domain::MemberId;
using domain::MembershipState;

// The internal directory shows a member's contact data (role, e-mail, phone) to the network
// (role viewer) only with the member's consent to be listed; the office's staff (editor,
// coordinator) administer the member and see them.
void WithholdContactWithoutConsent(const api::Call& call, v1::Member* p) {
  if (p->consent_internal_directory() || p->anonymised()) return;
  if (call.role() && domain::Satisfies(*call.role(), domain::Role::kEditor)) return;
  p->clear_role();
  p->clear_email();
  p->clear_phone();
  p->set_contact_withheld(true);
}

// The user-editable fields of `p`, trimmed.
Member FromProto(const v1::Member& p) {
  Member m;
  m.organisation_id = domain::OrganisationId(p.organisation_id());
  m.first_name = Trim(p.first_name());
  m.last_name = Trim(p.last_name());
  m.role = Trim(p.role());
  m.email = Trim(p.email());
  m.phone = Trim(p.phone());
  m.consent_internal_directory = p.consent_internal_directory();
  m.consent_share_registrations = p.consent_share_registrations();
  return m;
}

void ApplyPath(const std::string& path, const Member& patch, Member* m) {
  if (path == "organisation_id") m->organisation_id = patch.organisation_id;
  if (path == "first_name") m->first_name = patch.first_name;
  if (path == "last_name") m->last_name = patch.last_name;
  if (path == "role") m->role = patch.role;
  if (path == "email") m->email = patch.email;
  if (path == "phone") m->phone = patch.phone;
  if (path == "consent_internal_directory") {
    m->consent_internal_directory = patch.consent_internal_directory;
  }
  if (path == "consent_share_registrations") {
    m->consent_share_registrations = patch.consent_share_registrations;
  }
}

absl::Status ValidateReason(const std::string& reason, bool required) {
  return ValidateText("reason", reason, {.max_chars = 500, .required = required, .multiline = true});
}

}  // namespace

MemberService::MemberService(storage::Database& db, ConsentBook& consents, Clock clock)
    : db_(db),
      consents_(consents),
      clock_(std::move(clock)),
      members_(storage::NewMembersRepository()),
      organisations_(storage::NewOrganisationsRepository()),
      audit_(storage::NewAuditRepository()) {}

absl::Status MemberService::CheckOrganisationExists(storage::Tx& tx,
                                                    const domain::OrganisationId& id) {
  return InField(organisations_->Get(tx, id, false).status(), "member.organisation_id");
}

grpc::Status MemberService::ListMembers(grpc::ServerContext* ctx, const v1::ListMembersRequest* req,
                                        v1::ListMembersResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    FieldViolations v;
    domain::MemberFilter filter;
    domain::PageRequest page =
        api::PageRequestFrom(req->page_size(), req->page_token(), v);
    v.Add(ValidateText("name_contains", req->name_contains(), {.max_chars = 200}));
    v.Add(ValidateText("municipality", req->municipality(), {.max_chars = 100}));
    if (!req->organisation_id().empty()) v.Add(ValidateUuid("organisation_id", req->organisation_id()));
    filter.name_contains = Trim(req->name_contains());
    filter.municipality = Trim(req->municipality());
    filter.organisation_id = domain::OrganisationId(req->organisation_id());
    absl::StatusOr<domain::Sector> sector = api::SectorFromProto(req->sector(), "sector", false);
    if (sector.ok()) filter.sector = *sector; else v.Add(sector.status());
    absl::StatusOr<domain::ActorCategory> category =
        api::CategoryFromProto(req->actor_category(), "actor_category", false);
    if (category.ok()) filter.actor_category = *category; else v.Add(category.status());
    std::optional<MembershipState> state = domain::MembershipStateFromNumber(req->state());
    if (state) {
      filter.state = *state;
    } else {
      v.Add("state", absl::StrCat("unknown value ", req->state()),
            absl::StrCat("unbekannter Wert ", req->state()));
    }
    SN_RETURN_IF_ERROR(v.ToStatus());
    return db_.Transact(
        [&](storage::Tx& tx) -> absl::Status {
          SN_ASSIGN_OR_RETURN(domain::Page<Member> result, members_->List(tx, filter, page));
          for (const Member& m : result.items) {
            v1::Member* p = resp->add_members();
            api::MemberToProto(m, p);
            WithholdContactWithoutConsent(call, p);
          }
          resp->set_next_page_token(result.next_page_token);
          resp->set_total_size(result.total_size);
          return absl::OkStatus();
        },
        {.read_only = true});
  }());
}

grpc::Status MemberService::GetMember(grpc::ServerContext* ctx, const v1::GetMemberRequest* req,
                                      v1::GetMemberResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    SN_RETURN_IF_ERROR(ValidateUuid("id", req->id()));
    return db_.Transact(
        [&](storage::Tx& tx) -> absl::Status {
          SN_ASSIGN_OR_RETURN(Member m, members_->Get(tx, MemberId(req->id()), false));
          api::MemberToProto(m, resp->mutable_member());
          WithholdContactWithoutConsent(call, resp->mutable_member());
          return absl::OkStatus();
        },
        {.read_only = true});
  }());
}

grpc::Status MemberService::CreateMember(grpc::ServerContext* ctx,
                                         const v1::CreateMemberRequest* req,
                                         v1::CreateMemberResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  if (req->approve()) {
    // An active member at once is an approval, which the coordination decides (method_roles.cc).
    absl::Status allowed = call.RequireRole(domain::Role::kCoordinator, "approve");
    if (!allowed.ok()) {
      (void)db_.Transact([&](storage::Tx& tx) {
        return audit_->Record(tx, call.Denied(allowed, "approve needs coordinator"));
      });
      return rpc::ToGrpcStatus(allowed);
    }
  }
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    Member draft = FromProto(req->member());
    draft.state = req->approve() ? MembershipState::kActive : MembershipState::kRequested;
    draft.join_time = absl::InfinitePast();
    FieldViolations v;
    v.Add(domain::ValidateMember(draft, "member."));
    if (req->has_member_since()) {
      absl::Time since = rpc::FromProto(req->member_since());
      if (!req->approve()) {
        v.Add(FieldError("member_since", "only with approve (an active member)",
                         "nur mit approve (direkt aufgenommenes Mitglied)"));
      } else if (since > clock_() + absl::Minutes(1) ||
                 since < absl::FromCivil(absl::CivilDay(2000, 1, 1), BerlinZone())) {
        v.Add(FieldError("member_since", "must lie between 01.01.2000 and now",
                         "muss zwischen dem 01.01.2000 und heute liegen"));
      } else {
        draft.join_time = since;
      }
    }
    if (!draft.organisation_id.empty()) {
      v.Add(ValidateUuid("member.organisation_id", draft.organisation_id.value()));
    }
    SN_RETURN_IF_ERROR(v.ToStatus());
    return db_.Transact([&](storage::Tx& tx) -> absl::Status {
      SN_RETURN_IF_ERROR(CheckOrganisationExists(tx, draft.organisation_id));
      if (!req->allow_duplicate()) {
        SN_ASSIGN_OR_RETURN(std::vector<Member> same,
                            members_->FindDuplicates(tx, draft.first_name, draft.last_name,
                                                     draft.email));
        if (!same.empty()) {
          std::vector<std::string> ids;
          for (const Member& m : same) ids.push_back(m.id.value());
          return absl::AlreadyExistsError(absl::StrCat(
              "member: a member with the same name or e-mail address already exists (id ",
              absl::StrJoin(ids, ", "),
              "); set allow_duplicate to create anyway / Es gibt bereits ein Mitglied mit diesem "
              "Namen oder dieser E-Mail-Adresse; Doppelstrukturen vermeiden oder allow_duplicate "
              "setzen"));
        }
      }
      SN_ASSIGN_OR_RETURN(Member created, members_->Insert(tx, draft));
      SN_RETURN_IF_ERROR(consents_.ApplyFlags(tx, Member{}, created, clock_(), call.actor()));
      SN_ASSIGN_OR_RETURN(created, members_->Get(tx, created.id, false));
      api::MemberToProto(created, resp->mutable_member());
      return audit_->Record(tx, call.Audit("member", created.id.value(), "create",
                                           req->approve() ? "approved" : "requested"));
    });
  }());
}

grpc::Status MemberService::UpdateMember(grpc::ServerContext* ctx,
                                         const v1::UpdateMemberRequest* req,
                                         v1::UpdateMemberResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    const v1::Member& in = req->member();
    SN_RETURN_IF_ERROR(ValidateUuid("member.id", in.id()));
    SN_ASSIGN_OR_RETURN(std::vector<std::string> paths,
                        rpc::UpdatePaths(req->update_mask(), domain::MemberMutableFields()));
    Member patch = FromProto(in);
    if (std::find(paths.begin(), paths.end(), "organisation_id") != paths.end()) {
      SN_RETURN_IF_ERROR(ValidateUuid("member.organisation_id", in.organisation_id()));
    }
    return db_.Transact([&](storage::Tx& tx) -> absl::Status {
      SN_ASSIGN_OR_RETURN(Member current, members_->Get(tx, MemberId(in.id()), true));
      SN_RETURN_IF_ERROR(domain::CheckEtag(in.etag(), current.version, "member.etag",
                                           domain::kMemberKind));
      if (current.anonymised) {
        return Bilingual(absl::StatusCode::kFailedPrecondition,
                         "an anonymised member cannot be changed",
                         "ein anonymisiertes Mitglied kann nicht geändert werden");
      }
      Member merged = current;
      for (const std::string& path : paths) ApplyPath(path, patch, &merged);
      SN_RETURN_IF_ERROR(domain::ValidateMember(merged, "member."));
      if (merged.organisation_id != current.organisation_id) {
        SN_RETURN_IF_ERROR(CheckOrganisationExists(tx, merged.organisation_id));
      }
      SN_ASSIGN_OR_RETURN(Member updated, members_->Update(tx, merged));
      SN_RETURN_IF_ERROR(consents_.ApplyFlags(tx, current, updated, clock_(), call.actor()));
      SN_ASSIGN_OR_RETURN(updated, members_->Get(tx, updated.id, false));
      SN_RETURN_IF_ERROR(consents_.MemberChanged(tx, updated, call.actor()));
      api::MemberToProto(updated, resp->mutable_member());
      return audit_->Record(tx, call.Audit("member", updated.id.value(), "update",
                                           "fields: " + absl::StrJoin(paths, ", ")));
    });
  }());
}

grpc::Status MemberService::DeleteMember(grpc::ServerContext* ctx,
                                         const v1::DeleteMemberRequest* req,
                                         v1::DeleteMemberResponse*) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    SN_RETURN_IF_ERROR(ValidateUuid("id", req->id()));
    return db_.Transact([&](storage::Tx& tx) -> absl::Status {
      SN_ASSIGN_OR_RETURN(Member current, members_->Get(tx, MemberId(req->id()), true));
      SN_RETURN_IF_ERROR(
          domain::CheckEtag(req->etag(), current.version, "etag", domain::kMemberKind));
      if (current.state != MembershipState::kRequested &&
          current.state != MembershipState::kDeclined) {
        return Bilingual(absl::StatusCode::kFailedPrecondition,
                         "only requests that were never approved can be deleted; end the "
                         "membership and anonymise the member instead",
                         "nur nie genehmigte Anträge können gelöscht werden; stattdessen "
                         "Mitgliedschaft beenden und anonymisieren");
      }
      SN_RETURN_IF_ERROR(members_->Delete(tx, current.id));
      return audit_->Record(tx, call.Audit("member", current.id.value(), "delete"));
    });
  }());
}

absl::Status MemberService::ChangeMember(const api::Call& call, const std::string& id,
                                         const std::string& etag, const std::string& action,
                                         const std::function<absl::Status(Member&)>& change,
                                         v1::Member* out) {
  SN_RETURN_IF_ERROR(ValidateUuid("id", id));
  return db_.Transact([&](storage::Tx& tx) -> absl::Status {
    SN_ASSIGN_OR_RETURN(Member m, members_->Get(tx, MemberId(id), true));
    SN_RETURN_IF_ERROR(domain::CheckEtag(etag, m.version, "etag", domain::kMemberKind));
    SN_RETURN_IF_ERROR(change(m));
    SN_ASSIGN_OR_RETURN(Member stored, members_->Update(tx, m));
    SN_RETURN_IF_ERROR(consents_.MemberChanged(tx, stored, call.actor()));
    api::MemberToProto(stored, out);
    return audit_->Record(tx, call.Audit("member", stored.id.value(), action));
  });
}

grpc::Status MemberService::ApproveMembership(grpc::ServerContext* ctx,
                                              const v1::ApproveMembershipRequest* req,
                                              v1::ApproveMembershipResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus(ChangeMember(
      call, req->id(), req->etag(), "approve",
      [this](Member& m) -> absl::Status {
        SN_RETURN_IF_ERROR(domain::CheckMembershipTransition(m.state, MembershipState::kActive));
        m.state = MembershipState::kActive;
        m.join_time = clock_();
        return absl::OkStatus();
      },
      resp->mutable_member()));
}

grpc::Status MemberService::DeclineMembership(grpc::ServerContext* ctx,
                                              const v1::DeclineMembershipRequest* req,
                                              v1::DeclineMembershipResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  absl::Status reason = ValidateReason(req->reason(), true);
  if (!reason.ok()) return rpc::ToGrpcStatus(reason);
  return rpc::ToGrpcStatus(ChangeMember(
      call, req->id(), req->etag(), "decline",
      [&](Member& m) -> absl::Status {
        SN_RETURN_IF_ERROR(domain::CheckMembershipTransition(m.state, MembershipState::kDeclined));
        m.state = MembershipState::kDeclined;
        // The request ends here; the retention rule left_members counts from this time.
        m.leave_time = clock_();
        m.decision_reason = Trim(req->reason());
        return absl::OkStatus();
      },
      resp->mutable_member()));
}

grpc::Status MemberService::EndMembership(grpc::ServerContext* ctx,
                                          const v1::EndMembershipRequest* req,
                                          v1::EndMembershipResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  absl::Status reason = ValidateReason(req->reason(), false);
  if (!reason.ok()) return rpc::ToGrpcStatus(reason);
  return rpc::ToGrpcStatus(ChangeMember(
      call, req->id(), req->etag(), "end",
      [&](Member& m) -> absl::Status {
        SN_RETURN_IF_ERROR(domain::CheckMembershipTransition(m.state, MembershipState::kLeft));
        m.state = MembershipState::kLeft;
        m.leave_time = clock_();
        m.decision_reason = Trim(req->reason());
        return absl::OkStatus();
      },
      resp->mutable_member()));
}

grpc::Status MemberService::AnonymiseMember(grpc::ServerContext* ctx,
                                            const v1::AnonymiseMemberRequest* req,
                                            v1::AnonymiseMemberResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    SN_RETURN_IF_ERROR(ValidateUuid("id", req->id()));
    return db_.Transact([&](storage::Tx& tx) -> absl::Status {
      SN_ASSIGN_OR_RETURN(Member stored,
                          tenant::AnonymiseMember(tx, consents_, MemberId(req->id()),
                                                  {.etag = req->etag(),
                                                   .by = {call.actor(), call.method(), ""}}));
      api::MemberToProto(stored, resp->mutable_member());
      return absl::OkStatus();
    });
  }());
}

}  // namespace schutznetz::tenant
