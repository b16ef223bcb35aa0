// netzctl case-conferences list|get|create|update|delete|add-follow-up|update-follow-up|
// remove-follow-up
//
// Summary and findings are multiline texts and come from files (--summary-file,
// --findings-file). A refusal by the PII guard is printed with one offending span per line.
#include <google/protobuf/field_mask.pb.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "libs/common/text.h"
#include "libs/common/time.h"
#include "libs/domain/sector.h"
#include "libs/rpc/proto_util.h"
#include "schutznetz/v1/case_conference_service.grpc.pb.h"
#include "services/cli/command.h"
#include "services/cli/enum_flags.h"
#include "services/cli/output.h"

namespace schutznetz::cli {
namespace {

std::string SectorsText(const v1::CaseConference& c) {
  std::vector<std::string> labels;
  for (int s : c.participating_sectors()) {
    labels.emplace_back(domain::SectorLabel(static_cast<domain::Sector>(s)));
  }
  return absl::StrJoin(labels, ", ");
}

std::string FollowUpsText(const v1::CaseConference& c) {
  int done = 0;
  for (const auto& f : c.follow_ups()) done += f.done() ? 1 : 0;
  return absl::StrCat(done, "/", c.follow_ups_size(), " erledigt");
}

void PrintConference(const Context& ctx, const v1::CaseConference& c) {
  Table t({"Feld", "Wert"});
  t.AddRow({"ID", c.id()});
  t.AddRow({"Datum", GermanDate(c.conference_date())});
  t.AddRow({"Kommune", c.municipality()});
  t.AddRow({"Handlungsfelder", SectorsText(c)});
  t.AddRow({"Veranstaltung", c.event_id()});
  t.AddRow({"Angelegt", FormatLocalDateTime(rpc::FromProto(c.create_time()))});
  t.AddRow({"Geändert", FormatLocalDateTime(rpc::FromProto(c.update_time()))});
  t.AddRow({"etag", c.etag()});
  t.Print(*ctx.out);
  *ctx.out << "\nFallbeschreibung:\n"
           << c.summary() << "\n\nErkenntnisse:\n"
           << (c.findings().empty() ? "(keine)" : c.findings()) << "\n\nFolgeaufgaben:\n";
  if (c.follow_ups().empty()) {
    *ctx.out << "(keine)\n";
    return;
  }
  Table f({"Nr", "ID", "Aufgabe", "Verantwortlich", "Fällig", "Erledigt"});
  int n = 0;
  for (const auto& u : c.follow_ups()) {
    f.AddRow({std::to_string(++n), u.id(), u.action(), u.owner_organisation_name(),
              GermanDate(u.due_date()),
              u.done() ? "ja, " + FormatLocalDate(rpc::FromProto(u.done_time())) : "nein"});
  }
  f.Print(*ctx.out);
}

// Reads the conference fields given as options into `c` and their names into `mask`.
absl::Status FieldsFromFlags(const Args& args, v1::CaseConference* c,
                             google::protobuf::FieldMask* mask) {
  if (auto v = args.Get("municipality")) {
    c->set_municipality(*v);
    mask->add_paths("municipality");
  }
  if (auto v = args.Get("date")) {
    c->set_conference_date(*v);
    mask->add_paths("conference_date");
  }
  if (auto v = args.Get("event")) {
    c->set_event_id(*v);
    mask->add_paths("event_id");
  }
  if (auto v = args.Get("sectors")) {
    for (absl::string_view part : absl::StrSplit(*v, ',', absl::SkipWhitespace())) {
      absl::StatusOr<domain::Sector> s = ParseSectorFlag(Trim(std::string(part)));
      if (!s.ok()) return s.status();
      c->add_participating_sectors(static_cast<v1::Sector>(*s));
    }
    mask->add_paths("participating_sectors");
  }
  if (args.Has("summary-file")) {
    absl::StatusOr<std::string> text = ReadFileFlag(args, "summary-file");
    if (!text.ok()) return text.status();
    c->set_summary(*text);
    mask->add_paths("summary");
  }
  if (args.Has("findings-file")) {
    absl::StatusOr<std::string> text = ReadFileFlag(args, "findings-file");
    if (!text.ok()) return text.status();
    c->set_findings(*text);
    mask->add_paths("findings");
  }
  return absl::OkStatus();
}

// Reads the follow-up fields given as options into `f` and their names into `mask`.
absl::Status FollowUpFromFlags(const Args& args, v1::FollowUp* f,
                               google::protobuf::FieldMask* mask) {
  if (auto v = args.Get("action")) {
    f->set_action(*v);
    mask->add_paths("action");
  }
  if (auto v = args.Get("owner")) {
    f->set_owner_organisation_id(*v);
    mask->add_paths("owner_organisation_id");
  }
  if (auto v = args.Get("due")) {
    f->set_due_date(*v);
    mask->add_paths("due_date");
  }
  bool done = false;
  absl::StatusOr<bool> has_done = BoolFlag(args, "done", &done);
  if (!has_done.ok()) return has_done.status();
  if (*has_done) {
    f->set_done(done);
    mask->add_paths("done");
  }
  return absl::OkStatus();
}

std::unique_ptr<v1::CaseConferenceService::Stub> Stub(const Context& ctx) {
  return v1::CaseConferenceService::NewStub(ctx.channel);
}

// Prints the conference of a mutating call, or the refusal line by line.
int FinishConference(const Context& ctx, const grpc::Status& s, const v1::CaseConference& c) {
  if (!s.ok()) return ReportRefusal(ctx, s);
  return Finish(ctx, s, c, [&] { PrintConference(ctx, c); });
}

int List(Context& ctx, const Args& args) {
  v1::ListCaseConferencesRequest req;
  if (auto v = args.Get("municipality")) req.set_municipality(*v);
  if (auto v = args.Get("year")) {
    int year = 0;
    if (!absl::SimpleAtoi(*v, &year)) {
      return ReportUsageError(ctx, absl::InvalidArgumentError("--year: a year like 2025 / "
                                                              "eine Jahreszahl wie 2025"));
    }
    req.set_year(year);
  }
  if (auto v = args.Get("page-token")) req.set_page_token(*v);
  int32_t size = 0;
  if (absl::Status s = ParsePageSize(args, &size); !s.ok()) return ReportUsageError(ctx, s);
  req.set_page_size(size);
  v1::ListCaseConferencesResponse resp;
  grpc::Status s = Stub(ctx)->ListCaseConferences(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] {
    Table t({"ID", "Datum", "Kommune", "Handlungsfelder", "Folgeaufgaben"});
    for (const auto& c : resp.case_conferences()) {
      t.AddRow({c.id(), GermanDate(c.conference_date()), c.municipality(), SectorsText(c),
                FollowUpsText(c)});
    }
    t.Print(*ctx.out);
    PrintListFooter(ctx, resp.case_conferences_size(), resp.total_size(), "Fallkonferenzen",
                    resp.next_page_token());
  });
}

int Get(Context& ctx, const Args& args) {
  v1::GetCaseConferenceRequest req;
  req.set_id(args.Positional(2));
  v1::GetCaseConferenceResponse resp;
  grpc::Status s = Stub(ctx)->GetCaseConference(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp.case_conference(),
                [&] { PrintConference(ctx, resp.case_conference()); });
}

int Create(Context& ctx, const Args& args) {
  v1::CreateCaseConferenceRequest req;
  google::protobuf::FieldMask unused;
  if (absl::Status s = FieldsFromFlags(args, req.mutable_case_conference(), &unused); !s.ok()) {
    return ReportUsageError(ctx, s);
  }
  v1::CreateCaseConferenceResponse resp;
  grpc::Status s = Stub(ctx)->CreateCaseConference(ctx.NewCall().get(), req, &resp);
  return FinishConference(ctx, s, resp.case_conference());
}

int Update(Context& ctx, const Args& args) {
  v1::UpdateCaseConferenceRequest req;
  req.mutable_case_conference()->set_id(args.Positional(2));
  if (auto v = args.Get("etag")) req.mutable_case_conference()->set_etag(*v);
  if (absl::Status s =
          FieldsFromFlags(args, req.mutable_case_conference(), req.mutable_update_mask());
      !s.ok()) {
    return ReportUsageError(ctx, s);
  }
  if (req.update_mask().paths().empty()) {
    return ReportUsageError(ctx,
                            absl::InvalidArgumentError("nothing to change / nichts zu ändern"));
  }
  v1::UpdateCaseConferenceResponse resp;
  grpc::Status s = Stub(ctx)->UpdateCaseConference(ctx.NewCall().get(), req, &resp);
  return FinishConference(ctx, s, resp.case_conference());
}

int Delete(Context& ctx, const Args& args) {
  v1::DeleteCaseConferenceRequest req;
  req.set_id(args.Positional(2));
  if (auto v = args.Get("etag")) req.set_etag(*v);
  v1::DeleteCaseConferenceResponse resp;
  grpc::Status s = Stub(ctx)->DeleteCaseConference(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] { *ctx.out << "Fallkonferenz " << req.id() << " gelöscht.\n"; });
}

int AddFollowUp(Context& ctx, const Args& args) {
  v1::AddFollowUpRequest req;
  req.set_case_conference_id(args.Positional(2));
  if (auto v = args.Get("etag")) req.set_etag(*v);
  google::protobuf::FieldMask unused;
  if (absl::Status s = FollowUpFromFlags(args, req.mutable_follow_up(), &unused); !s.ok()) {
    return ReportUsageError(ctx, s);
  }
  v1::AddFollowUpResponse resp;
  grpc::Status s = Stub(ctx)->AddFollowUp(ctx.NewCall().get(), req, &resp);
  return FinishConference(ctx, s, resp.case_conference());
}

int UpdateFollowUp(Context& ctx, const Args& args) {
  v1::UpdateFollowUpRequest req;
  req.set_case_conference_id(args.Positional(2));
  req.mutable_follow_up()->set_id(args.Positional(3));
  if (auto v = args.Get("etag")) req.set_etag(*v);
  if (absl::Status s = FollowUpFromFlags(args, req.mutable_follow_up(), req.mutable_update_mask());
      !s.ok()) {
    return ReportUsageError(ctx, s);
  }
  if (req.update_mask().paths().empty()) {
    return ReportUsageError(ctx,
                            absl::InvalidArgumentError("nothing to change / nichts zu ändern"));
  }
  v1::UpdateFollowUpResponse resp;
  grpc::Status s = Stub(ctx)->UpdateFollowUp(ctx.NewCall().get(), req, &resp);
  return FinishConference(ctx, s, resp.case_conference());
}

int RemoveFollowUp(Context& ctx, const Args& args) {
  v1::RemoveFollowUpRequest req;
  req.set_case_conference_id(args.Positional(2));
  req.set_follow_up_id(args.Positional(3));
  if (auto v = args.Get("etag")) req.set_etag(*v);
  v1::RemoveFollowUpResponse resp;
  grpc::Status s = Stub(ctx)->RemoveFollowUp(ctx.NewCall().get(), req, &resp);
  return FinishConference(ctx, s, resp.case_conference());
}

const std::set<std::string> kFieldFlags = {"municipality", "date",         "sectors",
                                           "event",        "summary-file", "findings-file"};
const std::set<std::string> kFollowUpFlags = {"action", "owner", "due", "done", "etag"};

std::set<std::string> With(std::set<std::string> a, const std::set<std::string>& b) {
  a.insert(b.begin(), b.end());
  return a;
}

}  // namespace

std::vector<Command> CaseConferenceCommands() {
  return {
      {"case-conferences",
       "list",
       "[--municipality M] [--year YYYY] [--page-size N] [--page-token T]",
       "anonymisierte Fallkonferenzen auflisten (neueste zuerst)",
       {"municipality", "year", "page-size", "page-token"},
       &List},
      {"case-conferences", "get", "ID", "eine Fallkonferenz mit Folgeaufgaben anzeigen", {}, &Get},
      {"case-conferences", "create",
       "--municipality M --date TT.MM.JJJJ --sectors S1,S2[,…] --summary-file DATEI "
       "[--findings-file DATEI] [--event ID]",
       "Fallkonferenz erfassen (Texte werden auf personenbezogene Daten geprüft)", kFieldFlags,
       &Create},
      {"case-conferences", "update",
       "ID [--etag E] [--municipality M] [--date D] [--sectors S1,S2] [--summary-file DATEI] "
       "[--findings-file DATEI] [--event ID]",
       "Fallkonferenz ändern (nur die angegebenen Felder)", With(kFieldFlags, {"etag"}), &Update},
      {"case-conferences", "delete", "ID [--etag E]", "Fallkonferenz löschen", {"etag"}, &Delete},
      {"case-conferences", "add-follow-up",
       "ID --action TEXT --owner ORGANISATION_ID [--due TT.MM.JJJJ] [--etag E]",
       "Folgeaufgabe hinzufügen", kFollowUpFlags, &AddFollowUp},
      {"case-conferences", "update-follow-up",
       "ID FOLGEAUFGABE_ID [--done true|false] [--action TEXT] [--owner ID] [--due D] [--etag E]",
       "Folgeaufgabe ändern, z. B. als erledigt markieren", kFollowUpFlags, &UpdateFollowUp},
      {"case-conferences",
       "remove-follow-up",
       "ID FOLGEAUFGABE_ID [--etag E]",
       "Folgeaufgabe entfernen",
       {"etag"},
       &RemoveFollowUp},
  };
}

}  // namespace schutznetz::cli
