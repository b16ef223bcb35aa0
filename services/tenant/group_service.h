// GroupService: gRPC edge for the office's regional, working and steering groups, their members,
// and the check whether each group meets as often as planned.
//
// Every change writes its audit entry in the same transaction. Changes to a group's members lock
// the group row first, so two calls that both try to name a chair are serialised and the rule
// "at most one chair" is checked, not left to the unique index.
#pragma once

#include <functional>
#include <memory>

#include "absl/time/time.h"
#include "libs/api/call.h"
#include "libs/storage/audit_repository.h"
#include "libs/storage/database.h"
#include "libs/storage/groups_repository.h"
#include "libs/storage/members_repository.h"
#include "schutznetz/v1/group_service.grpc.pb.h"

namespace schutznetz::tenant {

class GroupService final : public v1::GroupService::Service {
 public:
  using Clock = std::function<absl::Time()>;

  // `clock` gives "now" for CheckCadence (the current year and what is already due); tests pass
  // a fixed instant.
  explicit GroupService(storage::Database& db, Clock clock = absl::Now);

  grpc::Status ListGroups(grpc::ServerContext* ctx, const v1::ListGroupsRequest* req,
                          v1::ListGroupsResponse* resp) override;
  grpc::Status GetGroup(grpc::ServerContext* ctx, const v1::GetGroupRequest* req,
                        v1::GetGroupResponse* resp) override;
  grpc::Status CreateGroup(grpc::ServerContext* ctx, const v1::CreateGroupRequest* req,
                           v1::CreateGroupResponse* resp) override;
  grpc::Status UpdateGroup(grpc::ServerContext* ctx, const v1::UpdateGroupRequest* req,
                           v1::UpdateGroupResponse* resp) override;
  grpc::Status DeleteGroup(grpc::ServerContext* ctx, const v1::DeleteGroupRequest* req,
                           v1::DeleteGroupResponse* resp) override;
  grpc::Status ListGroupMembers(grpc::ServerContext* ctx, const v1::ListGroupMembersRequest* req,
                                v1::ListGroupMembersResponse* resp) override;
  grpc::Status AddGroupMember(grpc::ServerContext* ctx, const v1::AddGroupMemberRequest* req,
                              v1::AddGroupMemberResponse* resp) override;
  grpc::Status UpdateGroupMember(grpc::ServerContext* ctx, const v1::UpdateGroupMemberRequest* req,
                                 v1::UpdateGroupMemberResponse* resp) override;
  grpc::Status RemoveGroupMember(grpc::ServerContext* ctx, const v1::RemoveGroupMemberRequest* req,
                                 v1::RemoveGroupMemberResponse* resp) override;
  grpc::Status CheckCadence(grpc::ServerContext* ctx, const v1::CheckCadenceRequest* req,
                            v1::CheckCadenceResponse* resp) override;

 private:
  // Makes room for `new_chair` as chair of `group`: OK if nobody else chairs it; with `replace`
  // demotes the current chair to member (audited); FAILED_PRECONDITION naming the current chair
  // otherwise.
  absl::Status ClearChairFor(storage::Tx& tx, const api::Call& call, const domain::Group& group,
                             const domain::MemberId& new_chair, bool replace);

  storage::Database& db_;
  Clock clock_;
  std::unique_ptr<storage::GroupsRepository> groups_;
  std::unique_ptr<storage::MembersRepository> members_;
  std::unique_ptr<storage::AuditRepository> audit_;
};

}  // namespace schutznetz::tenant
