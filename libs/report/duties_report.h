// The duties overview of a yearly report (§ 9 LKSG NRW): the facts of each office read from its
// statistics snapshot, assessed by libs/domain/duties.h, written to Report.duties and shown as
// the table "duties" (one column per office and, where the report has one, the district).
#pragma once

#include "libs/domain/duties.h"
#include "libs/report/report_builder.h"
#include "schutznetz/v1/report.pb.h"
#include "schutznetz/v1/statistics.pb.h"

namespace schutznetz::report {

// What the duties overview needs from one office's snapshot of a year.
domain::DutyFacts DutyFactsOf(const v1::StatisticsSnapshot& snapshot);

// Adds the overview to `out` for a yearly report (nothing for a quarter). Offices without a
// snapshot get "–" and are left out of the district's assessment.
void AddDuties(const ReportSpec& spec, v1::Report& out);

// Adds the table "insofa_consultations": consultations by insoweit erfahrene Fachkräfte in the
// period per office (and the district total), as counted anonymously per quarter.
void AddInsofaConsultations(const ReportSpec& spec, v1::Report& out);

}  // namespace schutznetz::report
