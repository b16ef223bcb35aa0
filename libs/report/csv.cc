#include "libs/report/csv.h"

#include "absl/strings/str_cat.h"
#include "libs/common/time.h"
#include "libs/rpc/proto_util.h"

namespace schutznetz::report {
namespace {

constexpr char kBom[] = "\xEF\xBB\xBF";
constexpr char kEol[] = "\r\n";

std::string DisclosureLabel(v1::Disclosure d) {
  return d == v1::DISCLOSURE_EXACT ? "intern (exakte Zahlen)" : "Veröffentlichung";
}

}  // namespace

std::string CsvField(std::string_view text, bool label) {
  std::string value(text);
  if (label && !value.empty() &&
      (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@')) {
    value.insert(0, "'");
  }
  bool quote = value.find_first_of(";\"\r\n") != std::string::npos ||
               (!value.empty() && (value.front() == ' ' || value.back() == ' '));
  if (!quote) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string CsvLine(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ';';
    out += fields[i];
  }
  return out;
}

std::string ReportToCsv(const v1::Report& r) {
  std::string out = kBom;
  auto line = [&](const std::vector<std::string>& fields) {
    absl::StrAppend(&out, CsvLine(fields), kEol);
  };
  line({"Bericht", CsvField(r.title(), true)});
  line({"Zeitraum", CsvField(r.period_label(), true)});
  line({"Fassung", CsvField(DisclosureLabel(r.disclosure()), false)});
  line({"Erstellt", FormatLocalDateTime(rpc::FromProto(r.generated_time()))});
  for (const v1::ReportTable& t : r.tables()) {
    out += kEol;
    std::vector<std::string> header = {CsvField(t.title(), true)};
    for (const std::string& c : t.columns()) header.push_back(CsvField(c, true));
    if (t.year_over_year()) {
      header.push_back("Vorjahr");
      header.push_back("Veränderung");
    }
    line(header);
    for (const v1::ReportRow& row : t.rows()) {
      std::vector<std::string> fields = {CsvField(row.label(), true)};
      for (const v1::ReportCell& c : row.cells()) fields.push_back(CsvField(c.display(), false));
      if (t.year_over_year()) {
        fields.push_back(CsvField(row.previous().display(), false));
        fields.push_back(CsvField(row.change(), false));
      }
      line(fields);
    }
    if (!t.note().empty()) line({"Hinweis", CsvField(t.note(), true)});
  }
  if (!r.notes().empty()) out += kEol;
  for (const std::string& n : r.notes()) line({"Hinweis", CsvField(n, true)});
  return out;
}

}  // namespace schutznetz::report
