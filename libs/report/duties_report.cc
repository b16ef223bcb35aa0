#include "libs/report/duties_report.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "libs/domain/statistics.h"

namespace schutznetz::report {
namespace {

void ToProto(const domain::DutyAssessment& a, const std::string& office_id,
             v1::DutyAssessment* out) {
  out->set_duty(static_cast<v1::NetworkDuty>(a.duty));
  out->set_label(domain::DutyLabel(a.duty));
  out->set_office_id(office_id);
  out->set_status(static_cast<v1::DutyStatus>(a.status));
  out->set_status_label(domain::DutyStatusLabel(a.status));
  out->set_figures(a.figures);
  for (domain::ActorCategory c : a.missing) {
    out->add_missing_categories(static_cast<v1::ActorCategory>(c));
  }
}

// The cell of an office without figures.
v1::ReportCell NoDataCell() {
  v1::ReportCell cell;
  cell.set_display("–");
  cell.set_no_data(true);
  return cell;
}

v1::ReportCell CellOf(const domain::DutyAssessment& a) {
  v1::ReportCell cell;
  cell.set_value(a.status == domain::DutyStatus::kMet ? 1 : 0);
  cell.set_display(absl::StrCat(domain::DutyStatusLabel(a.status), " (", a.figures, ")"));
  return cell;
}

}  // namespace

domain::DutyFacts DutyFactsOf(const v1::StatisticsSnapshot& s) {
  domain::DutyFacts f;
  f.min_trainings = s.has_duties() ? s.duties().min_trainings_per_year() : 3;
  f.trainings_held = s.trainings().interdisciplinary_held();
  f.trainings_planned = s.trainings().interdisciplinary_planned();
  for (const v1::GroupMeetingCount& g : s.group_meetings()) {
    if (g.kind() != v1::GROUP_KIND_REGIONAL_GROUP) continue;
    f.meetings_due += g.meetings_per_year();
    f.meetings_held += g.held();
    f.meetings_planned += g.planned();
  }
  for (const v1::ActorCategoryCount& c : s.members().active_by_actor_category()) {
    if (c.count() > 0) f.represented.insert(static_cast<domain::ActorCategory>(c.actor_category()));
  }
  f.representations = s.duties().representations_active();
  f.representation_reports = s.duties().representation_reports();
  f.public_reporting_paths_version = s.duties().public_reporting_paths_version();
  for (const v1::EventScopeCount& c : s.events().by_scope()) {
    if (c.scope() != v1::EVENT_SCOPE_PUBLIC) continue;
    f.public_events_held += c.counts().held();
    f.public_events_planned += c.counts().planned();
  }
  return f;
}

void AddDuties(const ReportSpec& spec, v1::Report& out) {
  if (spec.period.quarter != 0) return;
  const bool over = spec.generated_at >= domain::BoundsOf(spec.period).end;
  v1::ReportTable* t = out.add_tables();
  t->set_id("duties");
  t->set_title("Pflichten des Netzwerks nach § 9 LKSG NRW");
  t->set_note(over ? "erfüllt / nicht erfüllt, mit den Zahlen dahinter"
                   : "Das Jahr läuft noch: „noch nicht fällig“, solange es die Pflicht noch "
                     "erfüllen kann.");
  for (const ReportColumn& c : spec.columns) t->add_columns(c.name);
  const bool district = !spec.total_label.empty();
  if (district) t->add_columns(spec.total_label);

  std::vector<domain::DutyFacts> reporting;
  std::vector<std::vector<domain::DutyAssessment>> by_column;
  for (const ReportColumn& c : spec.columns) {
    if (!c.current.has_value()) {
      by_column.emplace_back();
      continue;
    }
    reporting.push_back(DutyFactsOf(*c.current));
    by_column.push_back(domain::AssessDuties(reporting.back(), over));
    for (const domain::DutyAssessment& a : by_column.back()) {
      ToProto(a, c.office_id, out.add_duties());
    }
  }
  std::vector<domain::DutyAssessment> whole;
  if (district) {
    whole = domain::AssessDistrictDuties(reporting, over);
    for (const domain::DutyAssessment& a : whole) ToProto(a, "", out.add_duties());
  }
  for (domain::Duty duty : {domain::Duty::kTrainings, domain::Duty::kNetworkMeetings,
                            domain::Duty::kActorCategories, domain::Duty::kOtherNetworks,
                            domain::Duty::kPublicInformation}) {
    v1::ReportRow* row = t->add_rows();
    row->set_label(domain::DutyLabel(duty));
    auto add = [&](const std::vector<domain::DutyAssessment>& assessed) {
      for (const domain::DutyAssessment& a : assessed) {
        if (a.duty == duty) {
          *row->add_cells() = CellOf(a);
          return;
        }
      }
      *row->add_cells() = NoDataCell();
    };
    for (const auto& assessed : by_column) add(assessed);
    if (district) add(whole);
  }
}

void AddInsofaConsultations(const ReportSpec& spec, v1::Report& out) {
  v1::ReportTable* t = out.add_tables();
  t->set_id("insofa_consultations");
  t->set_title("Beratungen durch insoweit erfahrene Fachkräfte (§ 8a Abs. 4 SGB VIII)");
  t->set_note("anonym gezählt je Quartal, ohne Falldaten");
  for (const ReportColumn& c : spec.columns) t->add_columns(c.name);
  const bool district = !spec.total_label.empty();
  if (district) t->add_columns(spec.total_label);
  v1::ReportRow* row = t->add_rows();
  row->set_label("Beratungen");
  int64_t total = 0;
  for (const ReportColumn& c : spec.columns) {
    if (!c.current.has_value()) {
      *row->add_cells() = NoDataCell();
      continue;
    }
    v1::ReportCell* cell = row->add_cells();
    int64_t n = c.current->duties().insofa_consultations();
    total += n;
    cell->set_value(n);
    cell->set_display(FormatCount(n));
  }
  if (district) {
    v1::ReportCell* cell = row->add_cells();
    cell->set_value(total);
    cell->set_display(FormatCount(total));
  }
}

}  // namespace schutznetz::report
