// netzctl surveys list|get|create|update|add-question|open|close|respond|results|delete
//
// Questions come either from a JSON file (--file: a schutznetz.v1.Survey in proto JSON, read
// with JsonStringToMessage — practical for a whole questionnaire prepared once and reused) or
// one at a time with `add-question --text … --kind … --option … --option …`. Responses collected
// on paper are entered with `respond --sector S --answer N=VALUE …`, N being the question number
// shown by `surveys get`.
#include <google/protobuf/field_mask.pb.h>
#include <google/protobuf/util/json_util.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "libs/common/time.h"
#include "libs/domain/sector.h"
#include "libs/domain/survey.h"
#include "libs/rpc/proto_util.h"
#include "schutznetz/v1/survey_service.grpc.pb.h"
#include "services/cli/command.h"
#include "services/cli/enum_flags.h"
#include "services/cli/output.h"

namespace schutznetz::cli {
namespace {

std::string StateText(v1::SurveyState s) {
  return std::string(domain::SurveyStateLabel(static_cast<domain::SurveyState>(s)));
}
std::string KindText(v1::QuestionKind k) {
  return std::string(domain::QuestionKindLabel(static_cast<domain::QuestionKind>(k)));
}
std::string TimeText(const google::protobuf::Timestamp& t, bool set) {
  return set ? FormatLocalDateTime(rpc::FromProto(t)) : "";
}
// German notation: "62 %", "3,4".
std::string Percent(double share) { return absl::StrFormat("%.0f %%", share * 100); }
std::string Decimal(double v) {
  return absl::StrReplaceAll(absl::StrFormat("%.2f", v), {{".", ","}});
}
std::string Answers(int n) { return absl::StrCat(n, n == 1 ? " Antwort" : " Antworten"); }
bool IsChoice(v1::QuestionKind k) {
  return k == v1::QUESTION_KIND_SINGLE_CHOICE || k == v1::QUESTION_KIND_MULTIPLE_CHOICE;
}

void PrintSurvey(const Context& ctx, const v1::Survey& s) {
  Table t({"Feld", "Wert"});
  t.AddRow({"ID", s.id()});
  t.AddRow({"Titel", s.title()});
  t.AddRow({"Status", StateText(s.state())});
  t.AddRow({"Antworten", std::to_string(s.response_count())});
  t.AddRow({"Geöffnet", TimeText(s.open_time(), s.has_open_time())});
  t.AddRow({"Abgeschlossen", TimeText(s.close_time(), s.has_close_time())});
  t.AddRow({"Angelegt", TimeText(s.create_time(), true)});
  t.AddRow({"etag", s.etag()});
  t.Print(*ctx.out);
  if (!s.description().empty()) *ctx.out << "\nBeschreibung:\n" << s.description() << "\n";
  *ctx.out << "\nFragen:\n";
  if (s.questions().empty()) *ctx.out << "(noch keine)\n";
  for (const auto& q : s.questions()) {
    *ctx.out << q.position() << ". " << q.text() << "  [" << KindText(q.kind())
             << (q.required() ? ", Pflicht" : "") << "]\n";
    for (int i = 0; i < q.options_size(); ++i) {
      *ctx.out << "     " << i + 1 << ") " << q.options(i) << "\n";
    }
  }
}

void PrintQuestionResult(const Context& ctx, const v1::QuestionResult& q) {
  *ctx.out << "\n"
           << q.position() << ". " << q.text() << "  [" << KindText(q.kind()) << ", "
           << Answers(q.answer_count()) << "]\n";
  if (IsChoice(q.kind())) {
    Table t({"Rang", "Anzahl", "Anteil", "Antwort"});
    int rank = 0;
    for (const auto& o : q.options()) {
      t.AddRow({std::to_string(++rank), std::to_string(o.count()), Percent(o.share()), o.option()});
    }
    t.Print(*ctx.out);
  } else if (q.kind() == v1::QUESTION_KIND_SCALE_1_TO_5) {
    Table t({"Wert", "Anzahl"});
    for (int i = 0; i < q.scale_counts_size(); ++i) {
      t.AddRow({std::to_string(i + 1), std::to_string(q.scale_counts(i))});
    }
    t.Print(*ctx.out);
    *ctx.out << "Mittelwert: " << (q.answer_count() > 0 ? Decimal(q.scale_mean()) : "–") << "\n";
  } else {
    for (const auto& text : q.texts()) {
      *ctx.out << "  – " << absl::StrReplaceAll(text, {{"\n", "\n    "}}) << "\n";
    }
  }
}

void PrintResults(const Context& ctx, const v1::GetSurveyResultsResponse& r, bool by_sector) {
  *ctx.out << r.title() << " (" << StateText(r.state()) << "): " << Answers(r.response_count())
           << "\nAuswahlfragen: häufigste Antwort zuerst.\n";
  for (const auto& q : r.questions()) PrintQuestionResult(ctx, q);
  if (!by_sector) return;
  *ctx.out << "\nNach Handlungsfeld (Handlungsfelder mit weniger als 3 Antworten werden unter "
              "„andere“ zusammengefasst):\n";
  if (r.sectors().empty()) *ctx.out << "(weniger als 3 Antworten insgesamt: keine Aufteilung)\n";
  for (const auto& g : r.sectors()) {
    std::string name =
        g.merged() ? "andere (zusammengefasst)"
                   : std::string(domain::SectorLabel(static_cast<domain::Sector>(g.sector())));
    *ctx.out << "\n=== " << name << ": " << Answers(g.response_count()) << " ===\n";
    for (const auto& q : g.questions()) PrintQuestionResult(ctx, q);
  }
}

// Reads --file (a Survey in proto JSON), then --title and --description, into `s` and `mask`.
absl::Status SurveyFromFlags(const Args& args, v1::Survey* s, google::protobuf::FieldMask* mask) {
  if (args.Has("file")) {
    absl::StatusOr<std::string> json = ReadFileFlag(args, "file");
    if (!json.ok()) return json.status();
    v1::Survey from_file;
    auto parsed = google::protobuf::util::JsonStringToMessage(*json, &from_file);
    if (!parsed.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--file: not a survey in JSON / keine Bedarfsabfrage im JSON-Format: ",
                       std::string(parsed.message())));
    }
    *s->mutable_questions() = from_file.questions();
    mask->add_paths("questions");
    if (!from_file.title().empty()) {
      s->set_title(from_file.title());
      mask->add_paths("title");
    }
    if (!from_file.description().empty()) {
      s->set_description(from_file.description());
      mask->add_paths("description");
    }
  }
  auto set = [&](const char* flag, const char* path,
                 void (v1::Survey::*setter)(const std::string&)) {
    if (auto v = args.Get(flag)) {
      (s->*setter)(*v);
      if (std::find(mask->paths().begin(), mask->paths().end(), path) == mask->paths().end()) {
        mask->add_paths(path);
      }
    }
  };
  set("title", "title", &v1::Survey::set_title);
  set("description", "description", &v1::Survey::set_description);
  return absl::OkStatus();
}

absl::StatusOr<v1::QuestionKind> ParseKind(const std::string& slug) {
  if (slug == "scale") return v1::QUESTION_KIND_SCALE_1_TO_5;
  if (auto k = domain::QuestionKindFromSlug(slug)) return static_cast<v1::QuestionKind>(*k);
  return absl::InvalidArgumentError(
      "--kind: single_choice, multiple_choice, scale or free_text / Einfachauswahl, "
      "Mehrfachauswahl, Skala oder Freitext");
}

std::unique_ptr<v1::SurveyService::Stub> Stub(const Context& ctx) {
  return v1::SurveyService::NewStub(ctx.channel);
}

grpc::Status FetchSurvey(const Context& ctx, const std::string& id, v1::Survey* out) {
  v1::GetSurveyRequest req;
  req.set_id(id);
  v1::GetSurveyResponse resp;
  grpc::Status s = Stub(ctx)->GetSurvey(ctx.NewCall().get(), req, &resp);
  *out = resp.survey();
  return s;
}

// The answer given as "--answer N=VALUE" for the questions of `s`.
absl::StatusOr<v1::Answer> ParseAnswer(const v1::Survey& s, const std::string& flag) {
  auto error = [&](const std::string& what) {
    return absl::InvalidArgumentError(absl::StrCat("--answer ", flag, ": ", what));
  };
  size_t eq = flag.find('=');
  int n = 0;
  if (eq == std::string::npos || !absl::SimpleAtoi(flag.substr(0, eq), &n) || n < 1 ||
      n > s.questions_size()) {
    return error(absl::StrCat("expected QUESTION=VALUE with a question number from 1 to ",
                              s.questions_size(), " / Fragenummer=Antwort"));
  }
  const v1::Question& q = s.questions(n - 1);
  std::string value = flag.substr(eq + 1);
  v1::Answer a;
  a.set_question_id(q.id());
  if (IsChoice(q.kind())) {
    for (absl::string_view part : absl::StrSplit(value, ',', absl::SkipWhitespace())) {
      int option = 0;
      if (!absl::SimpleAtoi(part, &option) || option < 1 || option > q.options_size()) {
        return error(absl::StrCat("option numbers from 1 to ", q.options_size(),
                                  ", separated by commas / Nummern der Antwortmöglichkeiten"));
      }
      a.add_choices(option - 1);
    }
  } else if (q.kind() == v1::QUESTION_KIND_SCALE_1_TO_5) {
    int scale = 0;
    if (!absl::SimpleAtoi(value, &scale))
      return error("a value from 1 to 5 / ein Wert von 1 bis 5");
    a.set_scale(scale);
  } else {
    a.set_text(value);
  }
  return a;
}

int List(Context& ctx, const Args& args) {
  v1::ListSurveysRequest req;
  if (auto v = args.Get("state")) {
    auto s = domain::SurveyStateFromSlug(*v);
    if (!s) {
      return ReportUsageError(
          ctx, absl::InvalidArgumentError("--state: draft, open or closed / Entwurf, offen, "
                                          "abgeschlossen"));
    }
    req.set_state(static_cast<v1::SurveyState>(*s));
  }
  if (auto v = args.Get("page-token")) req.set_page_token(*v);
  int32_t size = 0;
  if (absl::Status s = ParsePageSize(args, &size); !s.ok()) return ReportUsageError(ctx, s);
  req.set_page_size(size);
  v1::ListSurveysResponse resp;
  grpc::Status s = Stub(ctx)->ListSurveys(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] {
    Table t({"ID", "Titel", "Status", "Fragen", "Antworten"});
    for (const auto& v : resp.surveys()) {
      t.AddRow({v.id(), v.title(), StateText(v.state()), std::to_string(v.questions_size()),
                std::to_string(v.response_count())});
    }
    t.Print(*ctx.out);
    PrintListFooter(ctx, resp.surveys_size(), resp.total_size(), "Bedarfsabfragen",
                    resp.next_page_token());
  });
}

int Get(Context& ctx, const Args& args) {
  v1::Survey survey;
  grpc::Status s = FetchSurvey(ctx, args.Positional(2), &survey);
  return Finish(ctx, s, survey, [&] { PrintSurvey(ctx, survey); });
}

int Create(Context& ctx, const Args& args) {
  v1::CreateSurveyRequest req;
  google::protobuf::FieldMask unused;
  if (absl::Status s = SurveyFromFlags(args, req.mutable_survey(), &unused); !s.ok()) {
    return ReportUsageError(ctx, s);
  }
  v1::CreateSurveyResponse resp;
  grpc::Status s = Stub(ctx)->CreateSurvey(ctx.NewCall().get(), req, &resp);
  if (!s.ok()) return ReportRefusal(ctx, s);
  return Finish(ctx, s, resp.survey(), [&] { PrintSurvey(ctx, resp.survey()); });
}

int Update(Context& ctx, const Args& args) {
  v1::UpdateSurveyRequest req;
  req.mutable_survey()->set_id(args.Positional(2));
  if (auto v = args.Get("etag")) req.mutable_survey()->set_etag(*v);
  if (absl::Status s = SurveyFromFlags(args, req.mutable_survey(), req.mutable_update_mask());
      !s.ok()) {
    return ReportUsageError(ctx, s);
  }
  if (req.update_mask().paths().empty()) {
    return ReportUsageError(ctx,
                            absl::InvalidArgumentError("nothing to change / nichts zu ändern"));
  }
  v1::UpdateSurveyResponse resp;
  grpc::Status s = Stub(ctx)->UpdateSurvey(ctx.NewCall().get(), req, &resp);
  if (!s.ok()) return ReportRefusal(ctx, s);
  return Finish(ctx, s, resp.survey(), [&] { PrintSurvey(ctx, resp.survey()); });
}

// Appends a question to the draft: reads the survey, then replaces its questions (with the etag
// read, so that a concurrent change is ABORTED instead of lost).
int AddQuestion(Context& ctx, const Args& args) {
  v1::Question q;
  q.set_text(args.Get("text").value_or(""));
  absl::StatusOr<v1::QuestionKind> kind = ParseKind(args.Get("kind").value_or(""));
  if (!kind.ok()) return ReportUsageError(ctx, kind.status());
  q.set_kind(*kind);
  for (const std::string& o : args.GetAll("option")) q.add_options(o);
  q.set_required(args.Has("required"));
  v1::UpdateSurveyRequest req;
  grpc::Status s = FetchSurvey(ctx, args.Positional(2), req.mutable_survey());
  if (!s.ok()) return ReportRpcError(ctx, s);
  if (auto v = args.Get("etag")) req.mutable_survey()->set_etag(*v);
  *req.mutable_survey()->add_questions() = q;
  req.mutable_update_mask()->add_paths("questions");
  v1::UpdateSurveyResponse resp;
  s = Stub(ctx)->UpdateSurvey(ctx.NewCall().get(), req, &resp);
  if (!s.ok()) return ReportRefusal(ctx, s);
  return Finish(ctx, s, resp.survey(), [&] { PrintSurvey(ctx, resp.survey()); });
}

template <typename Req, typename Resp>
int Transition(Context& ctx, const Args& args,
               grpc::Status (v1::SurveyService::Stub::*rpc)(grpc::ClientContext*, const Req&,
                                                            Resp*)) {
  Req req;
  req.set_id(args.Positional(2));
  if (auto v = args.Get("etag")) req.set_etag(*v);
  Resp resp;
  auto stub = Stub(ctx);
  grpc::Status s = ((*stub).*rpc)(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp.survey(), [&] { PrintSurvey(ctx, resp.survey()); });
}

int Open(Context& ctx, const Args& args) {
  return Transition(ctx, args, &v1::SurveyService::Stub::OpenSurvey);
}
int Close(Context& ctx, const Args& args) {
  return Transition(ctx, args, &v1::SurveyService::Stub::CloseSurvey);
}

int Delete(Context& ctx, const Args& args) {
  v1::DeleteSurveyRequest req;
  req.set_id(args.Positional(2));
  if (auto v = args.Get("etag")) req.set_etag(*v);
  v1::DeleteSurveyResponse resp;
  grpc::Status s = Stub(ctx)->DeleteSurvey(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] { *ctx.out << "Bedarfsabfrage " << req.id() << " gelöscht.\n"; });
}

int Respond(Context& ctx, const Args& args) {
  v1::SubmitResponseRequest req;
  req.set_survey_id(args.Positional(2));
  absl::StatusOr<domain::Sector> sector = ParseSectorFlag(args.Get("sector").value_or(""));
  if (!sector.ok()) return ReportUsageError(ctx, sector.status());
  req.set_respondent_sector(static_cast<v1::Sector>(*sector));
  v1::Survey survey;
  grpc::Status s = FetchSurvey(ctx, req.survey_id(), &survey);
  if (!s.ok()) return ReportRpcError(ctx, s);
  for (const std::string& flag : args.GetAll("answer")) {
    absl::StatusOr<v1::Answer> answer = ParseAnswer(survey, flag);
    if (!answer.ok()) return ReportUsageError(ctx, answer.status());
    *req.add_answers() = *answer;
  }
  v1::SubmitResponseResponse resp;
  s = Stub(ctx)->SubmitResponse(ctx.NewCall().get(), req, &resp);
  if (!s.ok()) return ReportRefusal(ctx, s);
  return Finish(ctx, s, resp, [&] { *ctx.out << "Antwort anonym gespeichert.\n"; });
}

int Results(Context& ctx, const Args& args) {
  v1::GetSurveyResultsRequest req;
  req.set_id(args.Positional(2));
  v1::GetSurveyResultsResponse resp;
  grpc::Status s = Stub(ctx)->GetSurveyResults(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] { PrintResults(ctx, resp, args.Has("by-sector")); });
}

}  // namespace

std::vector<Command> SurveyCommands() {
  return {
      {"surveys",
       "list",
       "[--state draft|open|closed] [--page-size N] [--page-token T]",
       "Bedarfsabfragen auflisten (neueste zuerst)",
       {"state", "page-size", "page-token"},
       &List},
      {"surveys", "get", "ID", "eine Bedarfsabfrage mit ihren Fragen anzeigen", {}, &Get},
      {"surveys",
       "create",
       "--title T [--description TEXT] [--file FRAGEN.json]",
       "Bedarfsabfrage als Entwurf anlegen (Fragen aus JSON-Datei oder mit add-question)",
       {"title", "description", "file"},
       &Create},
      {"surveys",
       "update",
       "ID [--etag E] [--title T] [--description TEXT] [--file FRAGEN.json]",
       "Entwurf ändern (--file ersetzt alle Fragen)",
       {"etag", "title", "description", "file"},
       &Update},
      {"surveys",
       "add-question",
       "ID --text T --kind single_choice|multiple_choice|scale|free_text [--option O]… "
       "[--required] [--etag E]",
       "Frage an einen Entwurf anhängen (--option je Antwortmöglichkeit wiederholen)",
       {"text", "kind", "option", "required", "etag"},
       &AddQuestion},
      {"surveys",
       "open",
       "ID [--etag E]",
       "Bedarfsabfrage öffnen (Antworten möglich)",
       {"etag"},
       &Open},
      {"surveys", "close", "ID [--etag E]", "Bedarfsabfrage abschließen", {"etag"}, &Close},
      {"surveys",
       "respond",
       "ID --sector S --answer N=WERT [--answer N=WERT]…",
       "anonyme Antwort erfassen (N: Fragenummer; Auswahl: Nummern wie 1,3; Skala: 1–5; "
       "Freitext: Text)",
       {"sector", "answer"},
       &Respond},
      {"surveys",
       "results",
       "ID [--by-sector]",
       "Ergebnisse: Auswahlantworten nach Häufigkeit (Fortbildungsbedarf), Skala mit Mittelwert, "
       "Freitexte; mit --by-sector je Handlungsfeld",
       {"by-sector"},
       &Results},
      {"surveys",
       "delete",
       "ID [--etag E]",
       "Bedarfsabfrage ohne Antworten löschen",
       {"etag"},
       &Delete},
  };
}

}  // namespace schutznetz::cli
