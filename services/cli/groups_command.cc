// netzctl groups list|get|create|update|delete|members|add-member|set-role|remove-member|cadence
//
// Regional, working and steering groups of the office's network, their members, and the check
// whether each group meets as often as it planned.
#include <google/protobuf/field_mask.pb.h>

#include "absl/strings/numbers.h"
#include "libs/common/time.h"
#include "libs/domain/group.h"
#include "libs/rpc/proto_util.h"
#include "schutznetz/v1/group_service.grpc.pb.h"
#include "services/cli/command.h"
#include "services/cli/output.h"

namespace schutznetz::cli {
namespace {

std::string KindText(v1::GroupKind k) {
  return std::string(domain::GroupKindLabel(static_cast<domain::GroupKind>(k)));
}

std::string RoleText(v1::GroupMemberRole r) {
  return std::string(domain::GroupMemberRoleLabel(static_cast<domain::GroupMemberRole>(r)));
}

std::string StateText(v1::MembershipState s) {
  return std::string(domain::MembershipStateLabel(static_cast<domain::MembershipState>(s)));
}

std::string NameText(const v1::GroupMember& m) {
  if (m.first_name().empty() && m.last_name().empty()) return "(anonymisiert)";
  return m.last_name() + ", " + m.first_name();
}

absl::StatusOr<v1::GroupKind> ParseKind(const std::string& slug) {
  std::optional<domain::GroupKind> k = domain::GroupKindFromSlug(slug);
  if (!k) {
    return absl::InvalidArgumentError(
        "--kind: regional_group, working_group or steering_group / Regionalgruppe, Arbeitskreis "
        "oder Steuerungsgruppe");
  }
  return static_cast<v1::GroupKind>(*k);
}

absl::StatusOr<v1::GroupMemberRole> ParseRole(const std::string& slug) {
  std::optional<domain::GroupMemberRole> r = domain::GroupMemberRoleFromSlug(slug);
  if (!r) {
    return absl::InvalidArgumentError(
        "--role: member, chair or deputy_chair / Mitglied, Vorsitz oder stellv. Vorsitz");
  }
  return static_cast<v1::GroupMemberRole>(*r);
}

absl::StatusOr<int32_t> ParseNumber(const Args& args, const std::string& flag, int32_t fallback) {
  std::optional<std::string> v = args.Get(flag);
  if (!v) return fallback;
  int32_t n = 0;
  if (!absl::SimpleAtoi(*v, &n)) {
    return absl::InvalidArgumentError("--" + flag + ": a number / eine Zahl");
  }
  return n;
}

void PrintGroup(const Context& ctx, const v1::Group& g) {
  Table t({"Feld", "Wert"});
  t.AddRow({"ID", g.id()});
  t.AddRow({"Name", g.name()});
  t.AddRow({"Art", KindText(g.kind())});
  t.AddRow({"Beschreibung", g.description()});
  t.AddRow({"Sitzungen pro Jahr", std::to_string(g.meetings_per_year())});
  t.AddRow({"Aktiv", g.active() ? "ja" : "nein"});
  t.AddRow({"aus Konfiguration", g.config_id()});
  t.AddRow({"Mitglieder", std::to_string(g.member_count())});
  t.AddRow({"Vorsitz (Mitglied-ID)", g.chair_member_id()});
  t.AddRow({"Angelegt", FormatLocalDateTime(rpc::FromProto(g.create_time()))});
  t.AddRow({"Geändert", FormatLocalDateTime(rpc::FromProto(g.update_time()))});
  t.AddRow({"etag", g.etag()});
  t.Print(*ctx.out);
}

void PrintGroupMember(const Context& ctx, const v1::GroupMember& m) {
  Table t({"Feld", "Wert"});
  t.AddRow({"Mitglied-ID", m.member_id()});
  t.AddRow({"Name", NameText(m)});
  t.AddRow({"Organisation", m.organisation_name()});
  t.AddRow({"Rolle", RoleText(m.role())});
  t.AddRow({"in der Gruppe seit", FormatLocalDate(rpc::FromProto(m.join_time()))});
  t.Print(*ctx.out);
}

// Reads the group fields given as options into `g` and their names into `mask`.
absl::Status FieldsFromFlags(const Args& args, v1::Group* g, google::protobuf::FieldMask* mask) {
  if (auto v = args.Get("name")) {
    g->set_name(*v);
    mask->add_paths("name");
  }
  if (auto v = args.Get("description")) {
    g->set_description(*v);
    mask->add_paths("description");
  }
  if (args.Has("meetings-per-year")) {
    absl::StatusOr<int32_t> n = ParseNumber(args, "meetings-per-year", 0);
    if (!n.ok()) return n.status();
    g->set_meetings_per_year(*n);
    mask->add_paths("meetings_per_year");
  }
  bool active = false;
  absl::StatusOr<bool> has_active = BoolFlag(args, "active", &active);
  if (!has_active.ok()) return has_active.status();
  if (*has_active) {
    g->set_active(active);
    mask->add_paths("active");
  }
  return absl::OkStatus();
}

int List(Context& ctx, const Args& args) {
  v1::ListGroupsRequest req;
  if (auto v = args.Get("name")) req.set_name_contains(*v);
  if (auto v = args.Get("kind")) {
    absl::StatusOr<v1::GroupKind> k = ParseKind(*v);
    if (!k.ok()) return ReportUsageError(ctx, k.status());
    req.set_kind(*k);
  }
  int32_t size = 0;
  if (absl::Status s = ParsePageSize(args, &size); !s.ok()) return ReportUsageError(ctx, s);
  req.set_page_size(size);
  if (auto v = args.Get("page-token")) req.set_page_token(*v);
  req.set_include_inactive(args.Has("include-inactive"));
  bool all = args.Has("all");

  auto stub = v1::GroupService::NewStub(ctx.channel);
  v1::ListGroupsResponse combined;
  while (true) {
    v1::ListGroupsResponse resp;
    grpc::Status s = stub->ListGroups(ctx.NewCall().get(), req, &resp);
    if (!s.ok()) return ReportRpcError(ctx, s);
    for (const auto& g : resp.groups()) *combined.add_groups() = g;
    combined.set_total_size(resp.total_size());
    combined.set_next_page_token(resp.next_page_token());
    if (!all || resp.next_page_token().empty()) break;
    req.set_page_token(resp.next_page_token());
  }
  return Finish(ctx, grpc::Status::OK, combined, [&] {
    Table t({"ID", "Name", "Art", "Sitzungen/Jahr", "Mitglieder", "Aktiv"});
    for (const auto& g : combined.groups()) {
      t.AddRow({g.id(), g.name(), KindText(g.kind()), std::to_string(g.meetings_per_year()),
                std::to_string(g.member_count()), g.active() ? "ja" : "nein"});
    }
    t.Print(*ctx.out);
    PrintListFooter(ctx, combined.groups_size(), combined.total_size(), "Gruppen",
                    combined.next_page_token());
  });
}

int Get(Context& ctx, const Args& args) {
  v1::GetGroupRequest req;
  req.set_id(args.Positional(2));
  v1::GetGroupResponse resp;
  grpc::Status s =
      v1::GroupService::NewStub(ctx.channel)->GetGroup(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp.group(), [&] { PrintGroup(ctx, resp.group()); });
}

int Create(Context& ctx, const Args& args) {
  v1::CreateGroupRequest req;
  google::protobuf::FieldMask unused;
  if (absl::Status s = FieldsFromFlags(args, req.mutable_group(), &unused); !s.ok()) {
    return ReportUsageError(ctx, s);
  }
  if (auto v = args.Get("kind")) {
    absl::StatusOr<v1::GroupKind> k = ParseKind(*v);
    if (!k.ok()) return ReportUsageError(ctx, k.status());
    req.mutable_group()->set_kind(*k);
  }
  v1::CreateGroupResponse resp;
  grpc::Status s =
      v1::GroupService::NewStub(ctx.channel)->CreateGroup(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp.group(), [&] { PrintGroup(ctx, resp.group()); });
}

int Update(Context& ctx, const Args& args) {
  v1::UpdateGroupRequest req;
  req.mutable_group()->set_id(args.Positional(2));
  if (auto v = args.Get("etag")) req.mutable_group()->set_etag(*v);
  if (absl::Status s = FieldsFromFlags(args, req.mutable_group(), req.mutable_update_mask());
      !s.ok()) {
    return ReportUsageError(ctx, s);
  }
  if (req.update_mask().paths().empty()) {
    return ReportUsageError(
        ctx, absl::InvalidArgumentError("nothing to change: give at least one field option / "
                                        "nichts zu ändern: mindestens ein Feld angeben"));
  }
  v1::UpdateGroupResponse resp;
  grpc::Status s =
      v1::GroupService::NewStub(ctx.channel)->UpdateGroup(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp.group(), [&] { PrintGroup(ctx, resp.group()); });
}

int Delete(Context& ctx, const Args& args) {
  v1::DeleteGroupRequest req;
  req.set_id(args.Positional(2));
  if (auto v = args.Get("etag")) req.set_etag(*v);
  v1::DeleteGroupResponse resp;
  grpc::Status s =
      v1::GroupService::NewStub(ctx.channel)->DeleteGroup(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] { *ctx.out << "Gruppe " << req.id() << " gelöscht.\n"; });
}

int Members(Context& ctx, const Args& args) {
  v1::ListGroupMembersRequest req;
  req.set_group_id(args.Positional(2));
  int32_t size = 0;
  if (absl::Status s = ParsePageSize(args, &size); !s.ok()) return ReportUsageError(ctx, s);
  req.set_page_size(size);
  if (auto v = args.Get("page-token")) req.set_page_token(*v);
  bool all = args.Has("all");

  auto stub = v1::GroupService::NewStub(ctx.channel);
  v1::ListGroupMembersResponse combined;
  while (true) {
    v1::ListGroupMembersResponse resp;
    grpc::Status s = stub->ListGroupMembers(ctx.NewCall().get(), req, &resp);
    if (!s.ok()) return ReportRpcError(ctx, s);
    for (const auto& m : resp.members()) *combined.add_members() = m;
    combined.set_total_size(resp.total_size());
    combined.set_next_page_token(resp.next_page_token());
    if (!all || resp.next_page_token().empty()) break;
    req.set_page_token(resp.next_page_token());
  }
  return Finish(ctx, grpc::Status::OK, combined, [&] {
    Table t({"Mitglied-ID", "Name", "Organisation", "Rolle", "seit", "Mitgliedschaft"});
    for (const auto& m : combined.members()) {
      t.AddRow({m.member_id(), NameText(m), m.organisation_name(), RoleText(m.role()),
                FormatLocalDate(rpc::FromProto(m.join_time())), StateText(m.member_state())});
    }
    t.Print(*ctx.out);
    PrintListFooter(ctx, combined.members_size(), combined.total_size(), "Mitgliedern",
                    combined.next_page_token());
  });
}

// add-member and set-role send the same fields: group, member, role, replace_chair.
template <typename Req, typename Resp>
int MemberRoleCall(Context& ctx, const Args& args,
                   grpc::Status (v1::GroupService::Stub::*rpc)(grpc::ClientContext*, const Req&,
                                                               Resp*)) {
  Req req;
  req.set_group_id(args.Positional(2));
  if (auto v = args.Get("member")) req.set_member_id(*v);
  if (auto v = args.Get("role")) {
    absl::StatusOr<v1::GroupMemberRole> r = ParseRole(*v);
    if (!r.ok()) return ReportUsageError(ctx, r.status());
    req.set_role(*r);
  }
  req.set_replace_chair(args.Has("replace-chair"));
  Resp resp;
  auto stub = v1::GroupService::NewStub(ctx.channel);
  grpc::Status s = ((*stub).*rpc)(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp.member(), [&] { PrintGroupMember(ctx, resp.member()); });
}

int AddMember(Context& ctx, const Args& args) {
  return MemberRoleCall(ctx, args, &v1::GroupService::Stub::AddGroupMember);
}

int SetRole(Context& ctx, const Args& args) {
  return MemberRoleCall(ctx, args, &v1::GroupService::Stub::UpdateGroupMember);
}

int RemoveMember(Context& ctx, const Args& args) {
  v1::RemoveGroupMemberRequest req;
  req.set_group_id(args.Positional(2));
  if (auto v = args.Get("member")) req.set_member_id(*v);
  v1::RemoveGroupMemberResponse resp;
  grpc::Status s =
      v1::GroupService::NewStub(ctx.channel)->RemoveGroupMember(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] {
    *ctx.out << "Mitglied " << req.member_id() << " aus Gruppe " << req.group_id()
             << " entfernt.\n";
  });
}

int Cadence(Context& ctx, const Args& args) {
  v1::CheckCadenceRequest req;
  absl::StatusOr<int32_t> year = ParseNumber(args, "year", 0);
  if (!year.ok()) return ReportUsageError(ctx, year.status());
  req.set_year(*year);
  v1::CheckCadenceResponse resp;
  grpc::Status s =
      v1::GroupService::NewStub(ctx.channel)->CheckCadence(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] {
    *ctx.out << "Sitzungsrhythmus " << resp.year() << ", Stand "
             << FormatLocalDateTime(rpc::FromProto(resp.check_time())) << "\n";
    Table t({"Gruppe", "Art", "Soll/Jahr", "gehalten", "noch geplant", "fällig bisher", "Status"});
    for (const auto& c : resp.groups()) {
      t.AddRow({c.name(), KindText(c.kind()), std::to_string(c.meetings_per_year()),
                std::to_string(c.held()), std::to_string(c.planned_remaining()),
                std::to_string(c.expected_by_now()), c.status_text()});
    }
    t.Print(*ctx.out);
  });
}

}  // namespace

std::vector<Command> GroupCommands() {
  return {
      {"groups",
       "list",
       "[--kind regional_group|working_group|steering_group] [--name TEXT] [--include-inactive] "
       "[--page-size N] [--page-token T] [--all]",
       "Gruppen (Regionalgruppen, Arbeitskreise, Steuerungsgruppen) auflisten",
       {"kind", "name", "include-inactive", "page-size", "page-token", "all"},
       &List},
      {"groups", "get", "ID", "eine Gruppe anzeigen", {}, &Get},
      {"groups",
       "create",
       "--kind working_group|steering_group --name N [--description D] [--meetings-per-year N]",
       "Arbeitskreis oder Steuerungsgruppe anlegen (Regionalgruppen kommen aus der Konfiguration)",
       {"kind", "name", "description", "meetings-per-year"},
       &Create},
      {"groups",
       "update",
       "ID [--etag E] [--name N] [--description D] [--meetings-per-year N] [--active true|false]",
       "Gruppe ändern (nur die angegebenen Felder)",
       {"etag", "name", "description", "meetings-per-year", "active"},
       &Update},
      {"groups",
       "delete",
       "ID [--etag E]",
       "Gruppe ohne Sitzungen löschen (sonst deaktivieren)",
       {"etag"},
       &Delete},
      {"groups",
       "members",
       "ID [--page-size N] [--page-token T] [--all]",
       "Mitglieder einer Gruppe auflisten",
       {"page-size", "page-token", "all"},
       &Members},
      {"groups",
       "add-member",
       "ID --member MID [--role member|chair|deputy_chair] [--replace-chair]",
       "aktives Mitglied in die Gruppe aufnehmen",
       {"member", "role", "replace-chair"},
       &AddMember},
      {"groups",
       "set-role",
       "ID --member MID --role member|chair|deputy_chair [--replace-chair]",
       "Rolle in der Gruppe ändern (--replace-chair übergibt den Vorsitz)",
       {"member", "role", "replace-chair"},
       &SetRole},
      {"groups",
       "remove-member",
       "ID --member MID",
       "Mitglied aus der Gruppe entfernen",
       {"member"},
       &RemoveMember},
      {"groups",
       "cadence",
       "[--year YYYY]",
       "Sitzungsrhythmus prüfen: gehaltene und geplante Sitzungen je aktiver Gruppe",
       {"year"},
       &Cadence},
  };
}

}  // namespace schutznetz::cli
