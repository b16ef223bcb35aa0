// netzctl report            (against an office: the office's report for its committee)
// netzctl district report   (against the aggregator: the district report)
//
//   --period 2025 | 2025-Q2   the year or quarter (default: the last full year)
//   --format text|csv|html    text tables on the terminal (default), CSV for spreadsheets, or a
//                             printable HTML page: `netzctl report --period 2025 --format html >
//                             bericht-2025.html`
//   --exact                   exact counts (coordinator / district-coordinator); without it the
//                             published version with small counts as "< 3"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "libs/common/time.h"
#include "libs/report/csv.h"
#include "libs/report/html.h"
#include "libs/rpc/proto_util.h"
#include "schutznetz/v1/district_service.grpc.pb.h"
#include "schutznetz/v1/statistics_service.grpc.pb.h"
#include "services/cli/command.h"
#include "services/cli/output.h"

namespace schutznetz::cli {
namespace {

enum class Format { kText, kCsv, kHtml };

struct ReportArgs {
  v1::StatisticsPeriod period;
  Format format = Format::kText;
  v1::Disclosure disclosure = v1::DISCLOSURE_PUBLISHED;
};

absl::StatusOr<ReportArgs> Parse(const Args& args) {
  ReportArgs out;
  int32_t year = static_cast<int32_t>(LocalDay(absl::Now()).year()) - 1;
  int32_t quarter = 0;
  if (auto v = args.Get("period")) {
    absl::string_view text = *v;
    absl::string_view year_text = text;
    if (size_t q = text.find("-Q"); q != absl::string_view::npos) {
      year_text = text.substr(0, q);
      if (!absl::SimpleAtoi(text.substr(q + 2), &quarter) || quarter < 1 || quarter > 4) {
        quarter = -1;
      }
    }
    if (!absl::SimpleAtoi(year_text, &year) || quarter < 0) {
      return absl::InvalidArgumentError(
          "--period: a year or a quarter such as 2025 or 2025-Q2 / ein Jahr oder Quartal wie "
          "2025 oder 2025-Q2");
    }
  }
  out.period.set_year(year);
  out.period.set_quarter(quarter);
  if (auto f = args.Get("format")) {
    if (*f == "csv") {
      out.format = Format::kCsv;
    } else if (*f == "html") {
      out.format = Format::kHtml;
    } else if (*f != "text") {
      return absl::InvalidArgumentError("--format: text, csv or html / text, csv oder html");
    }
  }
  if (args.Has("exact")) out.disclosure = v1::DISCLOSURE_EXACT;
  return out;
}

void PrintText(const Context& ctx, const v1::Report& r) {
  *ctx.out << r.title() << "\n"
           << (r.disclosure() == v1::DISCLOSURE_EXACT ? "interne Fassung (exakte Zahlen)"
                                                      : "Veröffentlichungsfassung")
           << ", erstellt am " << FormatLocalDateTime(rpc::FromProto(r.generated_time())) << "\n";
  for (const v1::ReportTable& t : r.tables()) {
    std::vector<std::string> header = {t.title()};
    header.insert(header.end(), t.columns().begin(), t.columns().end());
    if (t.year_over_year()) {
      header.push_back("Vorjahr");
      header.push_back("Veränderung");
    }
    Table table(header);
    for (const v1::ReportRow& row : t.rows()) {
      std::vector<std::string> cells = {row.label()};
      for (const v1::ReportCell& c : row.cells()) cells.push_back(c.display());
      if (t.year_over_year()) {
        cells.push_back(row.previous().display());
        cells.push_back(row.change());
      }
      table.AddRow(cells);
    }
    *ctx.out << "\n";
    if (table.empty()) {
      *ctx.out << t.title() << ": (keine)\n";
    } else {
      table.Print(*ctx.out);
    }
    if (!t.note().empty()) *ctx.out << "Hinweis: " << t.note() << "\n";
  }
  if (!r.notes().empty()) *ctx.out << "\n";
  for (const std::string& n : r.notes()) *ctx.out << "Hinweis: " << n << "\n";
}

int Print(Context& ctx, const grpc::Status& status, const google::protobuf::Message& resp,
          const v1::Report& report, Format format) {
  if (status.ok() && !ctx.json && format == Format::kCsv) {
    *ctx.out << report::ReportToCsv(report);
    return kExitOk;
  }
  if (status.ok() && !ctx.json && format == Format::kHtml) {
    *ctx.out << report::ReportToHtml(report);
    return kExitOk;
  }
  return Finish(ctx, status, resp, [&] { PrintText(ctx, report); });
}

int Office(Context& ctx, const Args& args) {
  absl::StatusOr<ReportArgs> a = Parse(args);
  if (!a.ok()) return ReportUsageError(ctx, a.status());
  v1::GetOfficeReportRequest req;
  *req.mutable_period() = a->period;
  req.set_disclosure(a->disclosure);
  v1::GetOfficeReportResponse resp;
  grpc::Status s =
      v1::StatisticsService::NewStub(ctx.channel)->GetOfficeReport(ctx.NewCall().get(), req, &resp);
  return Print(ctx, s, resp, resp.report(), a->format);
}

int District(Context& ctx, const Args& args) {
  absl::StatusOr<ReportArgs> a = Parse(args);
  if (!a.ok()) return ReportUsageError(ctx, a.status());
  v1::GetDistrictReportRequest req;
  *req.mutable_period() = a->period;
  req.set_disclosure(a->disclosure);
  v1::GetDistrictReportResponse resp;
  grpc::Status s =
      v1::DistrictService::NewStub(ctx.channel)->GetDistrictReport(ctx.NewCall().get(), req, &resp);
  return Print(ctx, s, resp, resp.report(), a->format);
}

constexpr char kUsage[] = "[--period YYYY|YYYY-Qn] [--format text|csv|html] [--exact]";

}  // namespace

std::vector<Command> ReportCommands() {
  return {
      {"report",
       "",
       kUsage,
       "Bericht des Jugendamts für den Jugendhilfeausschuss (Vorjahr zum Vergleich); ohne --exact "
       "kleine Zahlen als „< 3“",
       {"period", "format", "exact"},
       &Office},
      {"district",
       "report",
       kUsage,
       "beim Kreis (Aggregator): Bericht des Kreises je Jugendamt und gesamt, mit Vorjahr",
       {"period", "format", "exact"},
       &District},
  };
}

}  // namespace schutznetz::cli
