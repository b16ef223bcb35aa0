// Builds a report (schutznetz.v1.Report) from statistics snapshots: the district report — one
// column per office and the district total — and an office's own report — one column.
//
// Every figure appears with the same figure a year earlier and the change. In a PUBLISHED report
// counts of persons pass disclosure control (disclosure.h): the hidden counts are not copied into
// the message. An office without a snapshot gets a column of "–" and is left out of the totals;
// the report names it, and names offices whose figures may be stale.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "libs/domain/statistics.h"
#include "schutznetz/v1/report.pb.h"
#include "schutznetz/v1/statistics.pb.h"

namespace schutznetz::report {

struct ReportColumn {
  std::string office_id;
  std::string name;  // column header, e.g. "Jugendamt der Stadt Lippstadt"
  // The office's figures for the period; nullopt: no snapshot (the office is MISSING).
  std::optional<v1::StatisticsSnapshot> current;
  // The same period a year earlier; nullopt: none.
  std::optional<v1::StatisticsSnapshot> previous;
  // The figures may be out of date; `note` says why (German).
  bool stale = false;
  std::string note;
  // The office's last contact with the aggregator (district report); InfinitePast: unknown.
  absl::Time last_contact = absl::InfinitePast();
};

struct ReportSpec {
  std::string title;  // "Netzwerk Kinderschutz Kreis Soest – Bericht 2025"
  domain::StatisticsPeriod period;
  bool exact = false;  // false: PUBLISHED with disclosure control
  // Header of the total column ("Kreis gesamt"); empty: no total column (an office's report).
  std::string total_label;
  absl::Time generated_at;
  std::vector<ReportColumn> columns;
};

v1::Report BuildReport(const ReportSpec& spec);

// "1.234" (German digit grouping).
std::string FormatCount(int64_t n);
// The change from `before` to `now`: "+12 %", "-3 %", "±0 %", or "neu" if before is 0.
std::string FormatChange(int64_t now, int64_t before);

}  // namespace schutznetz::report
