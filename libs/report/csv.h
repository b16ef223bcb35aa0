// The report as CSV for German spreadsheets: UTF-8 with a byte order mark (so that Excel reads
// the umlauts), ';' as separator, CRLF line ends, fields quoted when they hold ';', '"', a line
// break or surrounding spaces ('"' doubled). Label texts that a spreadsheet would take for a
// formula (leading '=', '+', '-', '@') get a leading apostrophe.
//
// Layout: a few lines about the report (title, period, version, time), then every table after
// an empty line with its own header row (table title, column headers, "Vorjahr", "Veränderung"),
// then the notes. Cells hold what the report shows ("1.234", "< 3", "x", "–").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "schutznetz/v1/report.pb.h"

namespace schutznetz::report {

std::string ReportToCsv(const v1::Report& report);

// One CSV line (without the line end) of `fields`, quoted as above.
std::string CsvLine(const std::vector<std::string>& fields);
// `text` as a CSV field; `label`: guard against formula interpretation.
std::string CsvField(std::string_view text, bool label);

}  // namespace schutznetz::report
