#include "services/tenant/group_service.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libs/api/call.h"
#include "libs/api/paging.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "libs/common/text.h"
#include "libs/common/uuid.h"
#include "libs/rpc/proto_util.h"
#include "libs/rpc/status.h"

namespace schutznetz::tenant {
namespace {

using domain::Group;
using domain::GroupId;
using domain::GroupKind;
using domain::GroupMember;
using domain::GroupMemberRole;
using domain::MemberId;

constexpr int kMinYear = 2000;
constexpr int kMaxYear = 2100;

absl::Status UnknownValue(const std::string& field, int value) {
  return FieldError(field, absl::StrCat("unknown value ", value),
                    absl::StrCat("unbekannter Wert ", value));
}

absl::StatusOr<GroupKind> KindFromProto(int value, const std::string& field) {
  std::optional<GroupKind> k = domain::GroupKindFromNumber(value);
  if (!k) return UnknownValue(field, value);
  return *k;
}

// UNSPECIFIED gives `fallback`, or an error if there is none.
absl::StatusOr<GroupMemberRole> RoleFromProto(int value, const std::string& field,
                                              std::optional<GroupMemberRole> fallback) {
  std::optional<GroupMemberRole> r = domain::GroupMemberRoleFromNumber(value);
  if (!r) return UnknownValue(field, value);
  if (*r == GroupMemberRole::kUnspecified) {
    if (fallback) return *fallback;
    return FieldError(field, "is required (member, chair or deputy_chair)",
                      "Rolle ist erforderlich (Mitglied, Vorsitz oder stellv. Vorsitz)");
  }
  return *r;
}

void ToProto(const Group& g, v1::Group* p) {
  p->set_id(g.id.value());
  p->set_kind(static_cast<v1::GroupKind>(g.kind));
  p->set_name(g.name);
  p->set_description(g.description);
  p->set_meetings_per_year(g.meetings_per_year);
  p->set_active(g.active);
  p->set_config_id(g.config_id);
  p->set_member_count(g.member_count);
  p->set_chair_member_id(g.chair_member_id.value());
  p->set_etag(domain::EtagOf(g.version));
  rpc::ToProto(g.create_time, p->mutable_create_time());
  rpc::ToProto(g.update_time, p->mutable_update_time());
}

void ToProto(const GroupMember& m, v1::GroupMember* p) {
  p->set_member_id(m.member_id.value());
  p->set_role(static_cast<v1::GroupMemberRole>(m.role));
  rpc::ToProto(m.join_time, p->mutable_join_time());
  p->set_first_name(m.first_name);
  p->set_last_name(m.last_name);
  p->set_organisation_name(m.organisation_name);
  p->set_member_state(static_cast<v1::MembershipState>(m.member_state));
}

// The user-editable fields of `p`, trimmed.
Group FromProto(const v1::Group& p) {
  Group g;
  g.name = Trim(p.name());
  g.description = Trim(p.description());
  g.meetings_per_year = p.meetings_per_year();
  g.active = p.active();
  return g;
}

void ApplyPath(const std::string& path, const Group& patch, Group* g) {
  if (path == "name") g->name = patch.name;
  if (path == "description") g->description = patch.description;
  if (path == "meetings_per_year") g->meetings_per_year = patch.meetings_per_year;
  if (path == "active") g->active = patch.active;
}

// Audit detail of a membership change: ids and the role only, never names.
std::string MemberDetail(const MemberId& member, GroupMemberRole role) {
  return absl::StrCat("member ", member.value(), "; role ",
                      std::string(domain::GroupMemberRoleSlug(role)));
}

absl::Status ValidateGroupAndMember(const std::string& group_id, const std::string& member_id) {
  FieldViolations v;
  v.Add(ValidateUuid("group_id", group_id));
  v.Add(ValidateUuid("member_id", member_id));
  return v.ToStatus();
}

}  // namespace

GroupService::GroupService(storage::Database& db, Clock clock)
    : db_(db),
      clock_(std::move(clock)),
      groups_(storage::NewGroupsRepository()),
      members_(storage::NewMembersRepository()),
      audit_(storage::NewAuditRepository()) {}

grpc::Status GroupService::ListGroups(grpc::ServerContext* ctx, const v1::ListGroupsRequest* req,
                                      v1::ListGroupsResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    FieldViolations v;
    domain::GroupFilter filter;
    domain::PageRequest page =
        api::PageRequestFrom(req->page_size(), req->page_token(), v);
    v.Add(ValidateText("name_contains", req->name_contains(), {.max_chars = 200}));
    filter.name_contains = Trim(req->name_contains());
    filter.include_inactive = req->include_inactive();
    absl::StatusOr<GroupKind> kind = KindFromProto(req->kind(), "kind");
    if (kind.ok())
      filter.kind = *kind;
    else
      v.Add(kind.status());
    SN_RETURN_IF_ERROR(v.ToStatus());
    return db_.Transact(
        [&](storage::Tx& tx) -> absl::Status {
          SN_ASSIGN_OR_RETURN(domain::Page<Group> result, groups_->List(tx, filter, page));
          for (const Group& g : result.items) ToProto(g, resp->add_groups());
          resp->set_next_page_token(result.next_page_token);
          resp->set_total_size(result.total_size);
          return absl::OkStatus();
        },
        {.read_only = true});
  }());
}

grpc::Status GroupService::GetGroup(grpc::ServerContext* ctx, const v1::GetGroupRequest* req,
                                    v1::GetGroupResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    SN_RETURN_IF_ERROR(ValidateUuid("id", req->id()));
    return db_.Transact(
        [&](storage::Tx& tx) -> absl::Status {
          SN_ASSIGN_OR_RETURN(Group g, groups_->Get(tx, GroupId(req->id()), false));
          ToProto(g, resp->mutable_group());
          return absl::OkStatus();
        },
        {.read_only = true});
  }());
}

grpc::Status GroupService::CreateGroup(grpc::ServerContext* ctx, const v1::CreateGroupRequest* req,
                                       v1::CreateGroupResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    Group draft = FromProto(req->group());
    draft.active = true;  // a new group meets
    FieldViolations v;
    absl::StatusOr<GroupKind> kind = KindFromProto(req->group().kind(), "group.kind");
    if (kind.ok()) {
      draft.kind = *kind;
      v.Add(domain::CheckCreatableKind(draft.kind, "group.kind"));
    } else {
      v.Add(kind.status());
    }
    v.Add(domain::ValidateGroup(draft, "group."));
    SN_RETURN_IF_ERROR(v.ToStatus());
    return db_.Transact([&](storage::Tx& tx) -> absl::Status {
      SN_ASSIGN_OR_RETURN(Group created, groups_->Insert(tx, draft));
      ToProto(created, resp->mutable_group());
      return audit_->Record(
          tx, call.Audit("group", created.id.value(), "create",
                         absl::StrCat("kind ", std::string(domain::GroupKindSlug(created.kind)))));
    });
  }());
}

grpc::Status GroupService::UpdateGroup(grpc::ServerContext* ctx, const v1::UpdateGroupRequest* req,
                                       v1::UpdateGroupResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    const v1::Group& in = req->group();
    SN_RETURN_IF_ERROR(ValidateUuid("group.id", in.id()));
    SN_ASSIGN_OR_RETURN(std::vector<std::string> paths,
                        rpc::UpdatePaths(req->update_mask(), domain::GroupMutableFields()));
    Group patch = FromProto(in);
    return db_.Transact([&](storage::Tx& tx) -> absl::Status {
      SN_ASSIGN_OR_RETURN(Group current, groups_->Get(tx, GroupId(in.id()), true));
      SN_RETURN_IF_ERROR(
          domain::CheckEtag(in.etag(), current.version, "group.etag", domain::kGroupKind));
      Group merged = current;
      for (const std::string& path : paths) ApplyPath(path, patch, &merged);
      SN_RETURN_IF_ERROR(domain::ValidateGroup(merged, "group."));
      SN_RETURN_IF_ERROR(domain::CheckConfigOwnedFields(current, merged));
      SN_ASSIGN_OR_RETURN(Group updated, groups_->Update(tx, merged));
      ToProto(updated, resp->mutable_group());
      return audit_->Record(tx, call.Audit("group", updated.id.value(), "update",
                                           "fields: " + absl::StrJoin(paths, ", ")));
    });
  }());
}

grpc::Status GroupService::DeleteGroup(grpc::ServerContext* ctx, const v1::DeleteGroupRequest* req,
                                       v1::DeleteGroupResponse*) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    SN_RETURN_IF_ERROR(ValidateUuid("id", req->id()));
    return db_.Transact([&](storage::Tx& tx) -> absl::Status {
      SN_ASSIGN_OR_RETURN(Group current, groups_->Get(tx, GroupId(req->id()), true));
      SN_RETURN_IF_ERROR(
          domain::CheckEtag(req->etag(), current.version, "etag", domain::kGroupKind));
      if (current.kind == GroupKind::kRegionalGroup) {
        return Bilingual(
            absl::StatusCode::kFailedPrecondition,
            absl::StrCat("regional groups come from the office configuration (", current.config_id,
                         ") and would come back at the next start; deactivate "
                         "instead"),
            "Regionalgruppen kommen aus der Konfiguration des Jugendamts; "
            "stattdessen deaktivieren");
      }
      SN_ASSIGN_OR_RETURN(int64_t meetings, groups_->CountEvents(tx, current.id));
      if (meetings > 0) {
        return Bilingual(
            absl::StatusCode::kFailedPrecondition,
            absl::StrCat("the group has ", meetings,
                         " meeting(s) in the calendar; deactivate instead (active = false)"),
            absl::StrCat("die Gruppe hat ", meetings,
                         " Sitzung(en) im Kalender; stattdessen deaktivieren"));
      }
      SN_RETURN_IF_ERROR(groups_->Delete(tx, current.id));
      return audit_->Record(tx,
                            call.Audit("group", current.id.value(), "delete",
                                       absl::StrCat("members removed: ", current.member_count)));
    });
  }());
}

grpc::Status GroupService::ListGroupMembers(grpc::ServerContext* ctx,
                                            const v1::ListGroupMembersRequest* req,
                                            v1::ListGroupMembersResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    FieldViolations v;
    v.Add(ValidateUuid("group_id", req->group_id()));
    domain::PageRequest page =
        api::PageRequestFrom(req->page_size(), req->page_token(), v);
    SN_RETURN_IF_ERROR(v.ToStatus());
    return db_.Transact(
        [&](storage::Tx& tx) -> absl::Status {
          GroupId id(req->group_id());
          SN_RETURN_IF_ERROR(groups_->Get(tx, id, false).status());
          SN_ASSIGN_OR_RETURN(domain::Page<GroupMember> result, groups_->ListMembers(tx, id, page));
          for (const GroupMember& m : result.items) ToProto(m, resp->add_members());
          resp->set_next_page_token(result.next_page_token);
          resp->set_total_size(result.total_size);
          return absl::OkStatus();
        },
        {.read_only = true});
  }());
}

absl::Status GroupService::ClearChairFor(storage::Tx& tx, const api::Call& call, const Group& group,
                                         const MemberId& new_chair, bool replace) {
  if (group.chair_member_id.empty() || group.chair_member_id == new_chair) {
    return absl::OkStatus();
  }
  if (!replace) {
    return Bilingual(
        absl::StatusCode::kFailedPrecondition,
        absl::StrCat("role: member ", group.chair_member_id.value(),
                     " already chairs the group; set replace_chair to hand the chair over"),
        absl::StrCat("Mitglied ", group.chair_member_id.value(),
                     " hat bereits den Vorsitz; zum Übergeben replace_chair setzen"));
  }
  SN_RETURN_IF_ERROR(
      groups_->SetMemberRole(tx, group.id, group.chair_member_id, GroupMemberRole::kMember)
          .status());
  return audit_->Record(tx,
                        call.Audit("group", group.id.value(), "set_member_role",
                                   MemberDetail(group.chair_member_id, GroupMemberRole::kMember) +
                                       " (chair handed over)"));
}

grpc::Status GroupService::AddGroupMember(grpc::ServerContext* ctx,
                                          const v1::AddGroupMemberRequest* req,
                                          v1::AddGroupMemberResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    FieldViolations v;
    v.Add(ValidateGroupAndMember(req->group_id(), req->member_id()));
    absl::StatusOr<GroupMemberRole> role =
        RoleFromProto(req->role(), "role", GroupMemberRole::kMember);
    v.Add(role.status());
    SN_RETURN_IF_ERROR(v.ToStatus());
    GroupId group_id(req->group_id());
    MemberId member_id(req->member_id());
    return db_.Transact([&](storage::Tx& tx) -> absl::Status {
      SN_ASSIGN_OR_RETURN(Group group, groups_->Get(tx, group_id, true));
      if (!group.active) {
        return Bilingual(absl::StatusCode::kFailedPrecondition,
                         "group_id: the group is inactive; reactivate it first",
                         "die Gruppe ist nicht aktiv; bitte zuerst wieder aktivieren");
      }
      absl::StatusOr<domain::Member> member = members_->Get(tx, member_id, false);
      if (member.status().code() == absl::StatusCode::kNotFound) {
        return absl::NotFoundError(absl::StrCat("member_id: member ", member_id.value(),
                                                " not found / Mitglied nicht gefunden"));
      }
      SN_RETURN_IF_ERROR(member.status());
      SN_RETURN_IF_ERROR(domain::CheckCanJoinGroup(*member));
      if (groups_->GetMember(tx, group_id, member_id, false).ok()) {
        return absl::AlreadyExistsError(
            absl::StrCat("member_id: member ", member_id.value(),
                         " is already in the group / Mitglied gehört bereits zu dieser Gruppe"));
      }
      if (*role == GroupMemberRole::kChair) {
        SN_RETURN_IF_ERROR(ClearChairFor(tx, call, group, member_id, req->replace_chair()));
      }
      SN_ASSIGN_OR_RETURN(GroupMember added, groups_->AddMember(tx, group_id, member_id, *role));
      ToProto(added, resp->mutable_member());
      return audit_->Record(
          tx, call.Audit("group", group_id.value(), "add_member", MemberDetail(member_id, *role)));
    });
  }());
}

grpc::Status GroupService::UpdateGroupMember(grpc::ServerContext* ctx,
                                             const v1::UpdateGroupMemberRequest* req,
                                             v1::UpdateGroupMemberResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    FieldViolations v;
    v.Add(ValidateGroupAndMember(req->group_id(), req->member_id()));
    absl::StatusOr<GroupMemberRole> role = RoleFromProto(req->role(), "role", std::nullopt);
    v.Add(role.status());
    SN_RETURN_IF_ERROR(v.ToStatus());
    GroupId group_id(req->group_id());
    MemberId member_id(req->member_id());
    return db_.Transact([&](storage::Tx& tx) -> absl::Status {
      SN_ASSIGN_OR_RETURN(Group group, groups_->Get(tx, group_id, true));
      SN_ASSIGN_OR_RETURN(GroupMember current, groups_->GetMember(tx, group_id, member_id, true));
      if (*role == GroupMemberRole::kChair) {
        SN_RETURN_IF_ERROR(ClearChairFor(tx, call, group, member_id, req->replace_chair()));
      }
      SN_ASSIGN_OR_RETURN(GroupMember updated,
                          groups_->SetMemberRole(tx, group_id, member_id, *role));
      ToProto(updated, resp->mutable_member());
      if (current.role == updated.role) return absl::OkStatus();  // nothing changed
      return audit_->Record(tx, call.Audit("group", group_id.value(), "set_member_role",
                                           MemberDetail(member_id, *role)));
    });
  }());
}

grpc::Status GroupService::RemoveGroupMember(grpc::ServerContext* ctx,
                                             const v1::RemoveGroupMemberRequest* req,
                                             v1::RemoveGroupMemberResponse*) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    SN_RETURN_IF_ERROR(ValidateGroupAndMember(req->group_id(), req->member_id()));
    GroupId group_id(req->group_id());
    MemberId member_id(req->member_id());
    return db_.Transact([&](storage::Tx& tx) -> absl::Status {
      SN_RETURN_IF_ERROR(groups_->Get(tx, group_id, true).status());
      SN_ASSIGN_OR_RETURN(GroupMember current, groups_->GetMember(tx, group_id, member_id, true));
      SN_RETURN_IF_ERROR(groups_->RemoveMember(tx, group_id, member_id));
      return audit_->Record(tx, call.Audit("group", group_id.value(), "remove_member",
                                           MemberDetail(member_id, current.role)));
    });
  }());
}

grpc::Status GroupService::CheckCadence(grpc::ServerContext* ctx,
                                        const v1::CheckCadenceRequest* req,
                                        v1::CheckCadenceResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    absl::Time now = clock_();
    int year = req->year() == 0 ? domain::LocalYear(now) : req->year();
    if (year < kMinYear || year > kMaxYear) {
      return FieldError("year", absl::StrCat("must be between ", kMinYear, " and ", kMaxYear),
                        absl::StrCat("muss zwischen ", kMinYear, " und ", kMaxYear, " liegen"));
    }
    domain::YearProgress progress = domain::ProgressOfYear(year, now);
    return db_.Transact(
        [&](storage::Tx& tx) -> absl::Status {
          SN_ASSIGN_OR_RETURN(std::vector<storage::GroupMeetingCounts> counts,
                              groups_->CountMeetings(tx, progress.start, progress.end, now));
          resp->set_year(year);
          rpc::ToProto(now, resp->mutable_check_time());
          for (const storage::GroupMeetingCounts& c : counts) {
            domain::CadenceStatus s = domain::EvaluateCadence(c.group.meetings_per_year, year, now,
                                                              c.held, c.planned_remaining);
            v1::GroupCadence* out = resp->add_groups();
            out->set_group_id(c.group.id.value());
            out->set_kind(static_cast<v1::GroupKind>(c.group.kind));
            out->set_name(c.group.name);
            out->set_meetings_per_year(s.meetings_per_year);
            out->set_held(s.held);
            out->set_planned_remaining(s.planned_remaining);
            out->set_expected_by_now(s.expected_by_now);
            out->set_behind(s.behind);
            out->set_at_risk(s.at_risk);
            out->set_status_text(s.status_text);
          }
          return absl::OkStatus();
        },
        {.read_only = true});
  }());
}

}  // namespace schutznetz::tenant
