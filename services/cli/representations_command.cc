// netzctl representations list|add|end|report|reports: the network's representations in other
// networks and working groups and the reports of their meetings.
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"
#include "libs/domain/representation.h"
#include "schutznetz/v1/representation_service.grpc.pb.h"
#include "services/cli/command.h"
#include "services/cli/output.h"

namespace schutznetz::cli {
namespace {

std::string KindText(v1::RepresentedNetworkKind k) {
  return domain::NetworkKindLabel(static_cast<domain::NetworkKind>(k));
}

absl::StatusOr<v1::RepresentedNetworkKind> KindFlag(const Args& args) {
  std::optional<std::string> v = args.Get("kind");
  std::optional<domain::NetworkKind> k =
      v ? domain::NetworkKindFromSlug(*v) : std::optional<domain::NetworkKind>();
  if (!k) {
    return FieldError("--kind",
                      "must be early_help, prevention, sports, school, health, justice, "
                      "child_protection or other",
                      "muss early_help, prevention, sports, school, health, justice, "
                      "child_protection oder other sein");
  }
  return static_cast<v1::RepresentedNetworkKind>(*k);
}

int List(Context& ctx, const Args& args) {
  v1::ListRepresentationsRequest req;
  if (auto year = args.Get("year")) {
    int y = 0;
    if (!absl::SimpleAtoi(*year, &y)) {
      return ReportUsageError(
          ctx, FieldError("--year", "must be a year like 2025", "muss eine Jahreszahl sein"));
    }
    req.set_year(y);
  }
  if (auto token = args.Get("page-token")) req.set_page_token(*token);
  v1::ListRepresentationsResponse resp;
  grpc::Status s = v1::RepresentationService::NewStub(ctx.channel)
                       ->ListRepresentations(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] {
    Table t({"ID", "Netzwerk / Arbeitskreis", "Art", "vertreten durch", "seit", "bis", "Berichte"});
    for (const v1::Representation& r : resp.representations()) {
      t.AddRow({r.id(), r.network(), KindText(r.kind()), r.member_name(), GermanDate(r.since()),
                GermanDate(r.until()), std::to_string(r.report_count())});
    }
    t.Print(*ctx.out);
    PrintListFooter(ctx, resp.representations_size(), resp.representations_size(),
                    "Vertretungen", resp.next_page_token());
  });
}

int Add(Context& ctx, const Args& args) {
  absl::StatusOr<v1::RepresentedNetworkKind> kind = KindFlag(args);
  if (!kind.ok()) return ReportUsageError(ctx, kind.status());
  v1::CreateRepresentationRequest req;
  v1::Representation* r = req.mutable_representation();
  r->set_member_id(args.Get("member").value_or(""));
  r->set_network(args.Get("network").value_or(""));
  r->set_kind(*kind);
  r->set_since(args.Get("since").value_or(""));
  r->set_until(args.Get("until").value_or(""));
  v1::CreateRepresentationResponse resp;
  grpc::Status s = v1::RepresentationService::NewStub(ctx.channel)
                       ->CreateRepresentation(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] {
    *ctx.out << "Vertretung erfasst: " << resp.representation().network() << " ("
             << resp.representation().id() << ")\n";
  });
}

int End(Context& ctx, const Args& args) {
  v1::EndRepresentationRequest req;
  req.set_id(args.Positional(2));
  req.set_until(args.Get("until").value_or(""));
  v1::EndRepresentationResponse resp;
  grpc::Status s = v1::RepresentationService::NewStub(ctx.channel)
                       ->EndRepresentation(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] {
    *ctx.out << "Vertretung beendet zum " << GermanDate(resp.representation().until()) << "\n";
  });
}

int Report(Context& ctx, const Args& args) {
  v1::AddRepresentationReportRequest req;
  req.mutable_report()->set_representation_id(args.Positional(2));
  req.mutable_report()->set_meeting_date(args.Get("date").value_or(""));
  req.mutable_report()->set_summary(args.Get("summary").value_or(""));
  v1::AddRepresentationReportResponse resp;
  grpc::Status s = v1::RepresentationService::NewStub(ctx.channel)
                       ->AddRepresentationReport(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] {
    *ctx.out << "Bericht erfasst (Sitzung am " << GermanDate(resp.report().meeting_date()) << ")\n";
  });
}

int Reports(Context& ctx, const Args& args) {
  v1::ListRepresentationReportsRequest req;
  req.set_representation_id(args.Positional(2));
  v1::ListRepresentationReportsResponse resp;
  grpc::Status s = v1::RepresentationService::NewStub(ctx.channel)
                       ->ListRepresentationReports(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] {
    for (const v1::RepresentationReport& r : resp.reports()) {
      *ctx.out << "Sitzung am " << GermanDate(r.meeting_date()) << "\n" << r.summary() << "\n\n";
    }
    *ctx.out << resp.reports_size() << " Berichte\n";
  });
}

}  // namespace

std::vector<Command> RepresentationCommands() {
  return {
      {"representations", "list", "[--year YYYY] [--page-token T]",
       "Vertretungen des Netzwerks in anderen Netzwerken und Arbeitskreisen", {"year", "page-token"},
       &List},
      {"representations", "add",
       "--member ID --network NAME --kind early_help|prevention|sports|school|health|justice|"
       "child_protection|other --since DD.MM.YYYY [--until DD.MM.YYYY]",
       "Vertretung in einem anderen Netzwerk erfassen",
       {"member", "network", "kind", "since", "until"}, &Add},
      {"representations", "end", "ID --until DD.MM.YYYY", "Vertretung beenden", {"until"}, &End},
      {"representations", "report", "ID --date DD.MM.YYYY --summary TEXT",
       "Bericht aus einer Sitzung des anderen Netzwerks erfassen (ohne Falldaten)",
       {"date", "summary"}, &Report},
      {"representations", "reports", "ID", "Berichte einer Vertretung", {}, &Reports},
  };
}

}  // namespace schutznetz::cli
