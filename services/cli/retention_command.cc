// netzctl retention runs|run   (against an office)
//
// The office's retention job erases personal data it no longer needs (office.yaml `retention`):
// `retention runs` lists what each rule did (counts only), `retention run` applies the rules now.
#include "absl/strings/str_cat.h"
#include "libs/common/time.h"
#include "libs/domain/retention.h"
#include "libs/rpc/proto_util.h"
#include "schutznetz/v1/data_protection_service.grpc.pb.h"
#include "services/cli/command.h"
#include "services/cli/output.h"

namespace schutznetz::cli {
namespace {

std::string RuleText(v1::RetentionRule rule) {
  return std::string(domain::RetentionRuleLabel(static_cast<domain::RetentionRule>(rule)));
}

// "90 Tage", "24 Monate", "abgeschaltet".
std::string PeriodText(const v1::RetentionRun& r) {
  if (r.setting() == 0) return "abgeschaltet";
  bool days = r.rule() == v1::RETENTION_RULE_EXTERNAL_REGISTRATIONS;
  return absl::StrCat(r.setting(), days ? (r.setting() == 1 ? " Tag" : " Tage")
                                        : (r.setting() == 1 ? " Monat" : " Monate"));
}

// "3 Anmeldungen gelöscht", "1 Mitglied anonymisiert".
std::string EffectText(const v1::RetentionRun& r) {
  if (r.setting() == 0) return "–";
  bool registrations = r.rule() == v1::RETENTION_RULE_EXTERNAL_REGISTRATIONS;
  int64_t n = r.rows_affected();
  if (registrations) {
    return absl::StrCat(n, n == 1 ? " Anmeldung" : " Anmeldungen", " gelöscht");
  }
  return absl::StrCat(n, n == 1 ? " Mitglied" : " Mitglieder", " anonymisiert");
}

std::string ActorText(const std::string& actor) {
  return actor == domain::kRetentionActor ? "täglicher Lauf" : actor;
}

void PrintRuns(const Context& ctx,
               const google::protobuf::RepeatedPtrField<v1::RetentionRun>& runs) {
  Table t({"Zeit", "Regel", "Frist", "gelöscht bis", "Ergebnis", "ausgelöst von"});
  for (const v1::RetentionRun& r : runs) {
    t.AddRow({FormatLocalDateTime(rpc::FromProto(r.run_time())), RuleText(r.rule()), PeriodText(r),
              r.has_cutoff() ? FormatLocalDateTime(rpc::FromProto(r.cutoff())) : "", EffectText(r),
              ActorText(r.actor())});
  }
  t.Print(*ctx.out);
}

int Runs(Context& ctx, const Args& args) {
  v1::ListRetentionRunsRequest req;
  if (auto v = args.Get("page-token")) req.set_page_token(*v);
  int32_t size = 0;
  if (absl::Status s = ParsePageSize(args, &size); !s.ok()) return ReportUsageError(ctx, s);
  req.set_page_size(size);
  v1::ListRetentionRunsResponse resp;
  grpc::Status s = v1::DataProtectionService::NewStub(ctx.channel)
                       ->ListRetentionRuns(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] {
    PrintRuns(ctx, resp.runs());
    PrintListFooter(ctx, resp.runs_size(), resp.total_size(), "Einträgen", resp.next_page_token());
  });
}

int Run(Context& ctx, const Args&) {
  v1::RunRetentionResponse resp;
  grpc::Status s = v1::DataProtectionService::NewStub(ctx.channel)
                       ->RunRetention(ctx.NewCall().get(), v1::RunRetentionRequest(), &resp);
  return Finish(ctx, s, resp, [&] {
    PrintRuns(ctx, resp.runs());
    *ctx.out << "Löschfristen angewendet / retention rules applied.\n";
  });
}

}  // namespace

std::vector<Command> RetentionCommands() {
  return {
      {"retention",
       "runs",
       "[--page-size N] [--page-token T]",
       "Läufe der Löschfristen anzeigen (neueste zuerst; nur Anzahlen)",
       {"page-size", "page-token"},
       &Runs},
      {"retention",
       "run",
       "",
       "Löschfristen jetzt anwenden (Koordination): Teilnehmende anderer Jugendämter löschen, "
       "ausgeschiedene Mitglieder anonymisieren",
       {},
       &Run},
  };
}

}  // namespace schutznetz::cli
