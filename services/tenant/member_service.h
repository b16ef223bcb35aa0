// MemberService: gRPC edge for the regional group's members and their membership lifecycle.
#pragma once

#include <functional>
#include <memory>

#include "libs/api/call.h"
#include "libs/common/clock.h"
#include "libs/storage/audit_repository.h"
#include "libs/storage/database.h"
#include "libs/storage/members_repository.h"
#include "libs/storage/organisations_repository.h"
#include "services/tenant/consent_book.h"
#include "schutznetz/v1/member_service.grpc.pb.h"

namespace schutznetz::tenant {

class MemberService final : public v1::MemberService::Service {
 public:
  // Consent flags set or cleared through members, and erasure, go through `consents`; `clock`
  // gives the times of approvals, declines and ends of memberships.
  MemberService(storage::Database& db, ConsentBook& consents, Clock clock = SystemClock());

  grpc::Status ListMembers(grpc::ServerContext* ctx, const v1::ListMembersRequest* req,
                           v1::ListMembersResponse* resp) override;
  grpc::Status GetMember(grpc::ServerContext* ctx, const v1::GetMemberRequest* req,
                         v1::GetMemberResponse* resp) override;
  grpc::Status CreateMember(grpc::ServerContext* ctx, const v1::CreateMemberRequest* req,
                            v1::CreateMemberResponse* resp) override;
  grpc::Status UpdateMember(grpc::ServerContext* ctx, const v1::UpdateMemberRequest* req,
                            v1::UpdateMemberResponse* resp) override;
  grpc::Status DeleteMember(grpc::ServerContext* ctx, const v1::DeleteMemberRequest* req,
                            v1::DeleteMemberResponse* resp) override;
  grpc::Status ApproveMembership(grpc::ServerContext* ctx, const v1::ApproveMembershipRequest* req,
                                 v1::ApproveMembershipResponse* resp) override;
  grpc::Status DeclineMembership(grpc::ServerContext* ctx, const v1::DeclineMembershipRequest* req,
                                 v1::DeclineMembershipResponse* resp) override;
  grpc::Status EndMembership(grpc::ServerContext* ctx, const v1::EndMembershipRequest* req,
                             v1::EndMembershipResponse* resp) override;
  grpc::Status AnonymiseMember(grpc::ServerContext* ctx, const v1::AnonymiseMemberRequest* req,
                               v1::AnonymiseMemberResponse* resp) override;

 private:
  // Loads the member `id` under lock, checks `etag`, lets `change` modify it, stores it and
  // records the audit entry `action`; the stored member is written to `out`.
  absl::Status ChangeMember(const api::Call& call, const std::string& id, const std::string& etag,
                            const std::string& action,
                            const std::function<absl::Status(domain::Member&)>& change,
                            v1::Member* out);
  // NOT_FOUND-as-field-error unless the organisation exists.
  absl::Status CheckOrganisationExists(storage::Tx& tx, const domain::OrganisationId& id);

  storage::Database& db_;
  ConsentBook& consents_;
  Clock clock_;
  std::unique_ptr<storage::MembersRepository> members_;
  std::unique_ptr<storage::OrganisationsRepository> organisations_;
  std::unique_ptr<storage::AuditRepository> audit_;
};

}  // namespace schutznetz::tenant
