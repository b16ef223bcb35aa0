#include "libs/report/html.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "libs/common/time.h"
#include "libs/rpc/proto_util.h"

namespace schutznetz::report {
namespace {

constexpr char kStyle[] = R"css(
body { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; color: #1a1a1a;
       margin: 2em auto; max-width: 60em; line-height: 1.4; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 2px solid #004b7c; color: #004b7c; }
p.meta { color: #444; margin-top: 0; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0; font-size: 0.9em; }
th, td { border: 1px solid #999; padding: 0.25em 0.5em; }
th { background: #e8eef3; text-align: left; vertical-align: bottom; }
tbody th { vertical-align: middle; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.sum td { font-weight: bold; background: #f4f4f4; }
td.withheld { color: #6b0000; }
p.note { font-size: 0.85em; color: #333; }
ul.notes { font-size: 0.9em; }
figure { margin: 0.5em 0 1em 0; }
figcaption { font-size: 0.85em; color: #333; }
section { page-break-inside: avoid; break-inside: avoid; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  h2 { page-break-after: avoid; break-after: avoid; }
  @page { size: A4; margin: 18mm 15mm; }
}
)css";

std::string DisclosureText(v1::Disclosure d) {
  return d == v1::DISCLOSURE_EXACT ? "interne Fassung (exakte Zahlen)"
                                   : "Veröffentlichungsfassung";
}

// Characters of a UTF-8 text (code points, not bytes), for the width of chart labels.
size_t CodePoints(const std::string& text) {
  return static_cast<size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// A horizontal bar chart of the last column of every non-sum row.
std::string BarChart(const v1::ReportTable& t) {
  struct Bar {
    std::string label;
    std::string display;
    int64_t value;
    bool withheld;
  };
  std::vector<Bar> bars;
  int64_t max = 0;
  for (const v1::ReportRow& r : t.rows()) {
    if (r.sum() || r.cells().empty()) continue;
    const v1::ReportCell& c = r.cells(r.cells_size() - 1);
    if (c.no_data()) continue;
    bars.push_back({r.label(), c.display(), c.value(), c.withheld()});
    max = std::max(max, c.value());
  }
  if (bars.empty() || (max == 0 && std::none_of(bars.begin(), bars.end(),
                                                [](const Bar& b) { return b.withheld; }))) {
    return "";
  }
  // The label column fits the longest label (about 7 px per character at 12 px); the figure
  // scales down to the page width when printed.
  size_t longest = 0;
  for (const Bar& b : bars) longest = std::max(longest, CodePoints(b.label));
  const int label_width = std::clamp(static_cast<int>(longest) * 7 + 12, 120, 440);
  constexpr int kBarWidth = 300, kRow = 22, kTop = 4;
  const int height = kTop * 2 + kRow * static_cast<int>(bars.size());
  const int total_width = label_width + kBarWidth + 60;
  std::string title = absl::StrCat(t.title(), " – ", t.columns(t.columns_size() - 1));
  std::string svg = absl::StrFormat(
      "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"%d\" "
      "height=\"%d\" viewBox=\"0 0 %d %d\" style=\"max-width:100%%;height:auto\" "
      "aria-label=\"%s\">",
      total_width, height, total_width, height, HtmlEscape(title));
  for (size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    int y = kTop + kRow * static_cast<int>(i);
    int width = max > 0 ? static_cast<int>(kBarWidth * b.value / max) : 0;
    if (b.value > 0 && width < 1) width = 1;
    absl::StrAppendFormat(&svg,
                          "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">%s</text>",
                          label_width - 6, y + 15, HtmlEscape(b.label));
    if (width > 0) {
      absl::StrAppendFormat(&svg,
                            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\" "
                            "fill=\"#004b7c\"/>",
                            label_width, y + 3, width);
    }
    absl::StrAppendFormat(&svg, "<text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>",
                          label_width + width + 4, y + 15, HtmlEscape(b.display));
  }
  absl::StrAppend(&svg, "</svg><figcaption>", HtmlEscape(title), "</figcaption></figure>\n");
  return svg;
}

std::string Table(const v1::ReportTable& t) {
  std::string out = absl::StrCat("<section id=\"", HtmlEscape(t.id()), "\">\n<h2>",
                                 HtmlEscape(t.title()), "</h2>\n<table>\n<thead><tr><th scope=\"col\"></th>");
  for (const std::string& c : t.columns()) {
    absl::StrAppend(&out, "<th scope=\"col\" class=\"n\">", HtmlEscape(c), "</th>");
  }
  if (t.year_over_year()) {
    absl::StrAppend(&out, "<th scope=\"col\" class=\"n\">Vorjahr</th>",
                    "<th scope=\"col\" class=\"n\">Veränderung</th>");
  }
  absl::StrAppend(&out, "</tr></thead>\n<tbody>\n");
  auto cell = [](const v1::ReportCell& c) {
    return absl::StrCat("<td class=\"n", c.withheld() ? " withheld" : "", "\">",
                        HtmlEscape(c.display()), "</td>");
  };
  for (const v1::ReportRow& r : t.rows()) {
    absl::StrAppend(&out, r.sum() ? "<tr class=\"sum\">" : "<tr>", "<th scope=\"row\">",
                    HtmlEscape(r.label()), "</th>");
    for (const v1::ReportCell& c : r.cells()) absl::StrAppend(&out, cell(c));
    if (t.year_over_year()) {
      absl::StrAppend(&out, cell(r.previous()), "<td class=\"n\">", HtmlEscape(r.change()),
                      "</td>");
    }
    absl::StrAppend(&out, "</tr>\n");
  }
  absl::StrAppend(&out, "</tbody>\n</table>\n");
  if (!t.note().empty()) absl::StrAppend(&out, "<p class=\"note\">", HtmlEscape(t.note()), "</p>\n");
  if (t.chart()) absl::StrAppend(&out, BarChart(t));
  absl::StrAppend(&out, "</section>\n");
  return out;
}

}  // namespace

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string ReportToHtml(const v1::Report& r) {
  std::string out = absl::StrCat(
      "<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
      HtmlEscape(r.title()), "</title>\n<style>", kStyle, "</style>\n</head>\n<body>\n<h1>",
      HtmlEscape(r.title()), "</h1>\n<p class=\"meta\">Zeitraum: ", HtmlEscape(r.period_label()),
      " · ", DisclosureText(r.disclosure()), " · erstellt am ",
      HtmlEscape(FormatLocalDateTime(rpc::FromProto(r.generated_time()))), "</p>\n");
  if (!r.notes().empty()) {
    absl::StrAppend(&out, "<ul class=\"notes\">\n");
    for (const std::string& n : r.notes()) absl::StrAppend(&out, "<li>", HtmlEscape(n), "</li>\n");
    absl::StrAppend(&out, "</ul>\n");
  }
  for (const v1::ReportTable& t : r.tables()) absl::StrAppend(&out, Table(t));
  absl::StrAppend(&out, "</body>\n</html>\n");
  return out;
}

}  // namespace schutznetz::report
