// netzctl reporting-paths show|versions|draft|publish: the office's reporting paths
// (Mitteilungswege) and those the other offices of the district published.
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"
#include "libs/common/time.h"
#include "libs/domain/reporting_path.h"
#include "libs/rpc/proto_util.h"
#include "schutznetz/v1/reporting_path_service.grpc.pb.h"
#include "services/cli/command.h"
#include "services/cli/output.h"
#include "services/cli/reporting_paths_file.h"

namespace schutznetz::cli {
namespace {

std::string KindText(v1::ReportingPathKind k) {
  return std::string(domain::ReportingPathKindLabel(static_cast<domain::ReportingPathKind>(k)));
}

std::string When(const google::protobuf::Timestamp& t, bool set) {
  return set ? FormatLocalDateTime(rpc::FromProto(t)) : "";
}

std::string Reach(const v1::ReportingPathEntry& e) {
  std::string out = e.contact().phone();
  if (!e.contact().email().empty()) {
    absl::StrAppend(&out, out.empty() ? "" : ", ", e.contact().email());
  }
  return out;
}

void PrintEntries(const Context& ctx,
                  const google::protobuf::RepeatedPtrField<v1::ReportingPathEntry>& entries) {
  Table t({"Anlass", "Titel", "Gemeinde", "Stelle", "Erreichbar", "Zeiten", "öffentlich"});
  for (const v1::ReportingPathEntry& e : entries) {
    t.AddRow({KindText(e.kind()), e.title(),
              e.municipality().empty() ? "(ganzer Bereich)" : e.municipality(), e.contact().unit(),
              Reach(e), e.contact().hours(), e.public_() ? "ja" : "nein"});
  }
  t.Print(*ctx.out);
  if (t.empty()) *ctx.out << "Keine Einträge.\n";
}

int Show(Context& ctx, const Args& args) {
  v1::GetReportingPathsRequest req;
  if (auto v = args.Get("office")) req.set_office_id(*v);
  if (auto v = args.Get("version")) {
    int version = 0;
    if (!absl::SimpleAtoi(*v, &version) || version < 1) {
      return ReportUsageError(ctx, FieldError("--version", "must be a version number",
                                              "muss eine Fassungsnummer sein"));
    }
    req.set_version(version);
  }
  v1::GetReportingPathsResponse resp;
  grpc::Status s = v1::ReportingPathService::NewStub(ctx.channel)
                       ->GetReportingPaths(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] {
    const v1::ReportingPathVersion& p = resp.paths();
    *ctx.out << "Mitteilungswege " << p.office_id() << ", Fassung " << p.version() << " vom "
             << When(p.publish_time(), p.has_publish_time())
             << (p.mirrored() ? " (vom Kreis übermittelt)" : "") << "\n";
    PrintEntries(ctx, p.entries());
    for (const v1::ReportingPathEntry& e : p.entries()) {
      if (!e.agreement_id().empty()) {
        *ctx.out << "„" << e.title() << "“: Absprache " << e.agreement_id()
                 << " (netzctl agreements get " << e.agreement_id() << ")\n";
      }
    }
  });
}

int Versions(Context& ctx, const Args& args) {
  v1::ListReportingPathVersionsRequest req;
  int32_t page_size = 0;
  if (absl::Status ps = ParsePageSize(args, &page_size); !ps.ok()) {
    return ReportUsageError(ctx, ps);
  }
  req.set_page_size(page_size);
  if (auto v = args.Get("page-token")) req.set_page_token(*v);
  v1::ListReportingPathVersionsResponse resp;
  grpc::Status s = v1::ReportingPathService::NewStub(ctx.channel)
                       ->ListReportingPathVersions(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] {
    Table t({"Fassung", "veröffentlicht", "von", "Einträge", "davon öffentlich"});
    for (const v1::ReportingPathVersionSummary& v : resp.versions()) {
      t.AddRow({std::to_string(v.version()), When(v.publish_time(), v.has_publish_time()),
                v.published_by(), std::to_string(v.entry_count()),
                std::to_string(v.public_count())});
    }
    t.Print(*ctx.out);
    if (t.empty()) *ctx.out << "Noch keine Fassung veröffentlicht.\n";
    if (!resp.next_page_token().empty()) {
      *ctx.out << "weitere mit --page-token " << resp.next_page_token() << "\n";
    }
  });
}

void PrintDraft(const Context& ctx, const v1::ReportingPathDraft& d) {
  *ctx.out << "Entwurf (etag " << d.etag() << ")";
  if (d.has_update_time()) *ctx.out << ", gespeichert " << When(d.update_time(), true);
  *ctx.out << "; veröffentlicht: "
           << (d.published_version() > 0 ? absl::StrCat("Fassung ", d.published_version())
                                         : std::string("noch keine"))
           << (d.changed() ? ", Entwurf geändert" : ", Entwurf unverändert") << "\n";
  PrintEntries(ctx, d.entries());
}

int Draft(Context& ctx, const Args& args) {
  auto stub = v1::ReportingPathService::NewStub(ctx.channel);
  if (!args.Has("file")) {
    v1::GetReportingPathDraftResponse resp;
    grpc::Status s = stub->GetReportingPathDraft(ctx.NewCall().get(),
                                                 v1::GetReportingPathDraftRequest(), &resp);
    return Finish(ctx, s, resp, [&] { PrintDraft(ctx, resp.draft()); });
  }
  absl::StatusOr<std::string> text = ReadFileFlag(args, "file");
  if (!text.ok()) return ReportUsageError(ctx, text.status());
  absl::StatusOr<std::vector<v1::ReportingPathEntry>> entries = ParseReportingPathsFile(*text);
  if (!entries.ok()) return ReportUsageError(ctx, entries.status());
  v1::SaveReportingPathDraftRequest req;
  for (v1::ReportingPathEntry& e : *entries) *req.add_entries() = std::move(e);
  if (auto v = args.Get("etag")) req.set_etag(*v);
  v1::SaveReportingPathDraftResponse resp;
  grpc::Status s = stub->SaveReportingPathDraft(ctx.NewCall().get(), req, &resp);
  if (!s.ok()) return ReportRefusal(ctx, s);
  return Finish(ctx, s, resp, [&] {
    *ctx.out << "Entwurf gespeichert: " << resp.draft().entries_size() << " Einträge.\n";
    PrintDraft(ctx, resp.draft());
  });
}

int Publish(Context& ctx, const Args& args) {
  v1::PublishReportingPathsRequest req;
  if (auto v = args.Get("etag")) req.set_etag(*v);
  v1::PublishReportingPathsResponse resp;
  grpc::Status s = v1::ReportingPathService::NewStub(ctx.channel)
                       ->PublishReportingPaths(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] {
    int public_count = 0;
    for (const v1::ReportingPathEntry& e : resp.paths().entries()) public_count += e.public_();
    *ctx.out << "Veröffentlicht: Mitteilungswege Fassung " << resp.paths().version() << " ("
             << resp.paths().entries_size() << " Einträge, davon " << public_count
             << " öffentlich); an alle Jugendämter des Kreises gesendet.\n";
  });
}

}  // namespace

std::vector<Command> ReportingPathCommands() {
  return {
      {"reporting-paths", "show", "[--office ID] [--version N]",
       "Mitteilungswege anzeigen (eigene oder eines anderen Jugendamts des Kreises)",
       {"office", "version"}, &Show},
      {"reporting-paths", "versions", "[--page-size N] [--page-token T]",
       "veröffentlichte Fassungen der Mitteilungswege", {"page-size", "page-token"}, &Versions},
      {"reporting-paths", "draft", "[--file EINTRAEGE.yaml] [--etag E]",
       "Entwurf anzeigen, mit --file ersetzen (YAML oder JSON, Liste `entries`)",
       {"file", "etag"}, &Draft},
      {"reporting-paths", "publish", "[--etag E]",
       "Entwurf als neue Fassung veröffentlichen und an den Kreis senden", {"etag"}, &Publish},
  };
}

}  // namespace schutznetz::cli
