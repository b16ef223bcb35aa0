// netzctl members list|get|create|update|delete|approve|decline|end|anonymise|export-personal-data
#include <google/protobuf/field_mask.pb.h>

#include "libs/common/time.h"
#include "libs/domain/member.h"
#include "libs/rpc/proto_util.h"
#include "schutznetz/v1/data_protection_service.grpc.pb.h"
#include "schutznetz/v1/member_service.grpc.pb.h"
#include "services/cli/command.h"
#include "services/cli/enum_flags.h"
#include "services/cli/output.h"

namespace schutznetz::cli {
namespace {

std::string StateText(v1::MembershipState s) {
  return std::string(domain::MembershipStateLabel(static_cast<domain::MembershipState>(s)));
}

std::string TimeText(const google::protobuf::Timestamp& t, bool set) {
  return set ? FormatLocalDateTime(rpc::FromProto(t)) : "";
}

std::string NameText(const v1::Member& m) {
  return m.anonymised() ? "(anonymisiert)" : m.last_name() + ", " + m.first_name();
}

void PrintMember(const Context& ctx, const v1::Member& m) {
  Table t({"Feld", "Wert"});
  t.AddRow({"ID", m.id()});
  t.AddRow({"Name", NameText(m)});
  t.AddRow({"Funktion", m.role()});
  t.AddRow({"Organisation", m.organisation_name() + " (" + m.organisation_id() + ")"});
  t.AddRow({"E-Mail", m.email()});
  t.AddRow({"Telefon", m.phone()});
  t.AddRow({"Status", StateText(m.state())});
  t.AddRow({"Begründung", m.decision_reason()});
  t.AddRow({"Beantragt", TimeText(m.request_time(), m.has_request_time())});
  t.AddRow({"Aufgenommen", TimeText(m.join_time(), m.has_join_time())});
  // leave_time: when the membership ended, or when the request was declined.
  t.AddRow({m.state() == v1::MEMBERSHIP_STATE_DECLINED ? "Abgelehnt am" : "Ausgeschieden",
            TimeText(m.leave_time(), m.has_leave_time())});
  t.AddRow({"Einwilligung Verzeichnis", m.consent_internal_directory() ? "ja" : "nein"});
  t.AddRow({"Einwilligung Weitergabe", m.consent_share_registrations() ? "ja" : "nein"});
  t.AddRow({"etag", m.etag()});
  t.Print(*ctx.out);
}

absl::Status FieldsFromFlags(const Args& args, v1::Member* m, google::protobuf::FieldMask* mask) {
  auto text = [&](const char* flag, const char* path, void (v1::Member::*set)(const std::string&)) {
    if (auto v = args.Get(flag)) {
      (m->*set)(*v);
      mask->add_paths(path);
    }
  };
  text("organisation", "organisation_id", &v1::Member::set_organisation_id);
  text("first-name", "first_name", &v1::Member::set_first_name);
  text("last-name", "last_name", &v1::Member::set_last_name);
  text("role", "role", &v1::Member::set_role);
  text("email", "email", &v1::Member::set_email);
  text("phone", "phone", &v1::Member::set_phone);
  bool value = false;
  absl::StatusOr<bool> directory = BoolFlag(args, "consent-directory", &value);
  if (!directory.ok()) return directory.status();
  if (*directory) {
    m->set_consent_internal_directory(value);
    mask->add_paths("consent_internal_directory");
  }
  absl::StatusOr<bool> sharing = BoolFlag(args, "consent-sharing", &value);
  if (!sharing.ok()) return sharing.status();
  if (*sharing) {
    m->set_consent_share_registrations(value);
    mask->add_paths("consent_share_registrations");
  }
  return absl::OkStatus();
}

int List(Context& ctx, const Args& args) {
  v1::ListMembersRequest req;
  if (auto v = args.Get("name")) req.set_name_contains(*v);
  if (auto v = args.Get("organisation")) req.set_organisation_id(*v);
  if (auto v = args.Get("municipality")) req.set_municipality(*v);
  if (auto v = args.Get("page-token")) req.set_page_token(*v);
  if (auto v = args.Get("sector")) {
    auto s = ParseSectorFlag(*v);
    if (!s.ok()) return ReportUsageError(ctx, s.status());
    req.set_sector(static_cast<v1::Sector>(*s));
  }
  if (auto v = args.Get("category")) {
    auto c = ParseCategoryFlag(*v);
    if (!c.ok()) return ReportUsageError(ctx, c.status());
    req.set_actor_category(static_cast<v1::ActorCategory>(*c));
  }
  if (auto v = args.Get("state")) {
    auto s = domain::MembershipStateFromSlug(*v);
    if (!s) {
      return ReportUsageError(ctx, absl::InvalidArgumentError(
                                       "--state: requested, active, declined or left / "
                                       "beantragt, aktiv, abgelehnt, ausgeschieden"));
    }
    req.set_state(static_cast<v1::MembershipState>(*s));
  }
  int32_t size = 0;
  if (absl::Status s = ParsePageSize(args, &size); !s.ok()) return ReportUsageError(ctx, s);
  req.set_page_size(size);
  v1::ListMembersResponse resp;
  grpc::Status s = v1::MemberService::NewStub(ctx.channel)->ListMembers(ctx.NewCall().get(), req,
                                                                        &resp);
  return Finish(ctx, s, resp, [&] {
    Table t({"ID", "Name", "Funktion", "Organisation", "Status"});
    for (const auto& m : resp.members()) {
      t.AddRow({m.id(), NameText(m), m.role(), m.organisation_name(), StateText(m.state())});
    }
    t.Print(*ctx.out);
    PrintListFooter(ctx, resp.members_size(), resp.total_size(), "Mitgliedern",
                    resp.next_page_token());
  });
}

int Get(Context& ctx, const Args& args) {
  v1::GetMemberRequest req;
  req.set_id(args.Positional(2));
  v1::GetMemberResponse resp;
  grpc::Status s =
      v1::MemberService::NewStub(ctx.channel)->GetMember(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp.member(), [&] { PrintMember(ctx, resp.member()); });
}

int Create(Context& ctx, const Args& args) {
  v1::CreateMemberRequest req;
  google::protobuf::FieldMask unused;
  if (absl::Status s = FieldsFromFlags(args, req.mutable_member(), &unused); !s.ok()) {
    return ReportUsageError(ctx, s);
  }
  req.set_allow_duplicate(args.Has("allow-duplicate"));
  req.set_approve(args.Has("approve"));
  if (auto since = args.Get("member-since")) {
    absl::StatusOr<absl::CivilDay> day = ParseDate(*since, "--member-since");
    if (!day.ok()) return ReportUsageError(ctx, day.status());
    rpc::ToProto(StartOfLocalDay(*day), req.mutable_member_since());
  }
  v1::CreateMemberResponse resp;
  grpc::Status s =
      v1::MemberService::NewStub(ctx.channel)->CreateMember(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp.member(), [&] { PrintMember(ctx, resp.member()); });
}

int Update(Context& ctx, const Args& args) {
  v1::UpdateMemberRequest req;
  req.mutable_member()->set_id(args.Positional(2));
  if (auto v = args.Get("etag")) req.mutable_member()->set_etag(*v);
  if (absl::Status s = FieldsFromFlags(args, req.mutable_member(), req.mutable_update_mask());
      !s.ok()) {
    return ReportUsageError(ctx, s);
  }
  if (req.update_mask().paths().empty()) {
    return ReportUsageError(ctx, absl::InvalidArgumentError(
                                     "nothing to change / nichts zu ändern"));
  }
  v1::UpdateMemberResponse resp;
  grpc::Status s =
      v1::MemberService::NewStub(ctx.channel)->UpdateMember(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp.member(), [&] { PrintMember(ctx, resp.member()); });
}

int Delete(Context& ctx, const Args& args) {
  v1::DeleteMemberRequest req;
  req.set_id(args.Positional(2));
  if (auto v = args.Get("etag")) req.set_etag(*v);
  v1::DeleteMemberResponse resp;
  grpc::Status s =
      v1::MemberService::NewStub(ctx.channel)->DeleteMember(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] { *ctx.out << "Antrag " << req.id() << " gelöscht.\n"; });
}

// approve/decline/end/anonymise share their shape: id, etag, maybe a reason, a member back.
template <typename Req, typename Resp>
int Transition(Context& ctx, const Args& args,
               grpc::Status (v1::MemberService::Stub::*rpc)(grpc::ClientContext*, const Req&,
                                                            Resp*)) {
  Req req;
  req.set_id(args.Positional(2));
  if (auto v = args.Get("etag")) req.set_etag(*v);
  if constexpr (std::is_same_v<Req, v1::DeclineMembershipRequest> ||
                std::is_same_v<Req, v1::EndMembershipRequest>) {
    if (auto v = args.Get("reason")) req.set_reason(*v);
  }
  Resp resp;
  auto stub = v1::MemberService::NewStub(ctx.channel);
  grpc::Status s = ((*stub).*rpc)(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp.member(), [&] { PrintMember(ctx, resp.member()); });
}

int Approve(Context& ctx, const Args& args) {
  return Transition(ctx, args, &v1::MemberService::Stub::ApproveMembership);
}
int Decline(Context& ctx, const Args& args) {
  return Transition(ctx, args, &v1::MemberService::Stub::DeclineMembership);
}
int End(Context& ctx, const Args& args) {
  return Transition(ctx, args, &v1::MemberService::Stub::EndMembership);
}
int Anonymise(Context& ctx, const Args& args) {
  return Transition(ctx, args, &v1::MemberService::Stub::AnonymiseMember);
}

// The access export (Art. 15 GDPR) is JSON for the member, with or without --json.
int ExportPersonalData(Context& ctx, const Args& args) {
  v1::ExportPersonalDataRequest req;
  req.set_member_id(args.Positional(2));
  v1::ExportPersonalDataResponse resp;
  grpc::Status s = v1::DataProtectionService::NewStub(ctx.channel)
                       ->ExportPersonalData(ctx.NewCall().get(), req, &resp);
  if (!s.ok()) return ReportRpcError(ctx, s);
  *ctx.out << ToJson(resp);
  return kExitOk;
}

const std::set<std::string> kFieldFlags = {"organisation", "first-name",        "last-name",
                                           "role",         "email",             "phone",
                                           "consent-directory", "consent-sharing"};

std::set<std::string> With(std::set<std::string> a, const std::set<std::string>& b) {
  a.insert(b.begin(), b.end());
  return a;
}

}  // namespace

std::vector<Command> MemberCommands() {
  return {
      {"members", "list",
       "[--name TEXT] [--organisation ID] [--sector S] [--category C] [--municipality M] "
       "[--state requested|active|declined|left] [--page-size N] [--page-token T]",
       "Mitglieder auflisten und suchen",
       {"name", "organisation", "sector", "category", "municipality", "state", "page-size",
        "page-token"},
       &List},
      {"members", "get", "ID", "ein Mitglied anzeigen", {}, &Get},
      {"members", "create",
       "--organisation ID --first-name F --last-name L [--role R] [--email E] [--phone P] "
       "[--consent-directory true|false] [--consent-sharing true|false] [--approve "
       "[--member-since DD.MM.YYYY]] "
       "[--allow-duplicate]",
       "Aufnahmeantrag erfassen (mit --approve direkt aufnehmen)",
       With(kFieldFlags, {"approve", "allow-duplicate", "member-since"}), &Create},
      {"members", "update", "ID [--etag E] [--role R] [--email E] … (wie create)",
       "Mitglied ändern (nur die angegebenen Felder)", With(kFieldFlags, {"etag"}), &Update},
      {"members", "delete", "ID [--etag E]", "nie genehmigten Antrag löschen", {"etag"}, &Delete},
      {"members", "approve", "ID [--etag E]", "Aufnahmeantrag genehmigen", {"etag"}, &Approve},
      {"members", "decline", "ID --reason TEXT [--etag E]", "Aufnahmeantrag ablehnen",
       {"etag", "reason"}, &Decline},
      {"members", "end", "ID [--reason TEXT] [--etag E]", "Mitgliedschaft beenden",
       {"etag", "reason"}, &End},
      {"members", "anonymise", "ID [--etag E]",
       "personenbezogene Daten eines ausgeschiedenen Mitglieds löschen (Zählung bleibt)",
       {"etag"}, &Anonymise},
      {"members", "export-personal-data", "ID",
       "Auskunft nach Art. 15 DSGVO: alles, was das Jugendamt über das Mitglied speichert, als "
       "JSON (Koordination; wird protokolliert)",
       {}, &ExportPersonalData},
  };
}

}  // namespace schutznetz::cli
