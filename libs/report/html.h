// The report as one printable HTML page for the youth welfare committee: German, no JavaScript,
// no external resources; tables of the figures and, for tables marked `chart`, a simple SVG bar
// chart of the rows' last column. Prints to PDF from any browser (A4, tables not split where
// avoidable). All texts are escaped.
#pragma once

#include <string>
#include <string_view>

#include "schutznetz/v1/report.pb.h"

namespace schutznetz::report {

std::string ReportToHtml(const v1::Report& report);

// `text` with &, <, >, " and ' escaped for HTML text and attribute values.
std::string HtmlEscape(std::string_view text);

}  // namespace schutznetz::report
