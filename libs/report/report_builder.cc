#include "libs/report/report_builder.h"

#include <cmath>
#include <functional>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libs/common/time.h"
#include "libs/domain/event.h"
#include "libs/domain/group.h"
#include "libs/domain/sector.h"
#include "libs/report/disclosure.h"
#include "libs/report/duties_report.h"
#include "libs/rpc/proto_util.h"

namespace schutznetz::report {
namespace {

using Snapshot = v1::StatisticsSnapshot;
using Extract = std::function<int64_t(const Snapshot&)>;

constexpr char kNoData[] = "–";

// One year's cells of a row: a cell per column (-1: the office has no figures) and the total
// (-1: no total column).
struct Cells {
  std::vector<int> by_column;
  int total = -1;
  // The cell the row's comparison and chart use: the total, or the only column.
  int last() const { return total >= 0 ? total : by_column.empty() ? -1 : by_column[0]; }
};

struct Row {
  std::string label;
  Cells now;
  Cells before;
  bool sum = false;
};

struct Table {
  std::string id;
  std::string title;
  std::string note;
  bool chart = false;
  std::vector<Row> rows;
  // Value column headers; empty: the offices (and the total).
  std::vector<std::string> columns = {};
};

class Builder {
 public:
  explicit Builder(const ReportSpec& spec) : spec_(spec) {}

  v1::Report Build();

 private:
  // A row of a figure taken from every column's snapshot of both years.
  Row Figure(std::string label, const Extract& extract, bool sensitive);
  // A row holding the sum of `rows`, column by column, published as their sum.
  Row Sum(std::string label, const std::vector<Row>& rows, bool sensitive);
  // Declares two rows as equal where their values are (e.g. a breakdown's sum and the figure it
  // breaks down), so that one cannot reveal what the other withholds.
  void Link(const Row& a, const Row& b);

  Cells Fill(CountGrid& grid, bool previous, const Extract& extract, bool sensitive);
  Cells SumOf(CountGrid& grid, bool previous, const std::vector<const Cells*>& parts,
              bool sensitive);
  void LinkCells(CountGrid& grid, const Cells& a, const Cells& b);

  void AddTables();
  void AddBreakdown(std::string id, std::string title, bool sensitive,
                    const std::vector<std::pair<std::string, Extract>>& figures,
                    const Row* same_as_sum, std::string note = "");
  void AddGroupMeetings(v1::Report& out) const;
  // Case conferences per municipality: one row per municipality an office reported in either
  // year, a single count column (a municipality belongs to one office), and the sum.
  void AddCaseConferences();

  v1::ReportCell CellOf(const CountGrid& grid, int cell) const;
  void Emit(const Table& t, v1::ReportTable* out) const;
  void AddNotes(v1::Report& out) const;

  const ReportSpec& spec_;
  CountGrid now_;
  CountGrid before_;
  std::vector<Table> tables_;
};

// ---- Reading snapshots.

template <typename Repeated, typename KeyOf>
int64_t CountOf(const Repeated& counts, KeyOf key_of, int key) {
  for (const auto& c : counts) {
    if (key_of(c) == key) return c.count();
  }
  return 0;
}

int64_t HeldOfKind(const Snapshot& s, int kind) {
  for (const v1::EventKindCount& c : s.events().by_kind()) {
    if (static_cast<int>(c.kind()) == kind) return c.counts().held();
  }
  return 0;
}

int64_t HeldOfScope(const Snapshot& s, int scope) {
  for (const v1::EventScopeCount& c : s.events().by_scope()) {
    if (static_cast<int>(c.scope()) == scope) return c.counts().held();
  }
  return 0;
}

// ---- Building cells.

// Whether a column has figures for the year. The previous year counts only offices that have
// figures this year too, so that the totals of both years cover the same offices.
bool HasFigures(const ReportColumn& c, bool previous) {
  return c.current.has_value() && (!previous || c.previous.has_value());
}

Cells Builder::Fill(CountGrid& grid, bool previous, const Extract& extract, bool sensitive) {
  Cells cells;
  std::vector<int> present;
  int64_t total = 0;
  for (const ReportColumn& c : spec_.columns) {
    const std::optional<Snapshot>& s = previous ? c.previous : c.current;
    if (!HasFigures(c, previous)) {
      cells.by_column.push_back(-1);
      continue;
    }
    int64_t v = extract(*s);
    total += v;
    cells.by_column.push_back(grid.Add(v, sensitive));
    present.push_back(cells.by_column.back());
  }
  if (!spec_.total_label.empty() && !present.empty()) {  // no office has figures: no total
    cells.total = grid.Add(total, sensitive);
    grid.AddSum(cells.total, present);
  }
  return cells;
}

Cells Builder::SumOf(CountGrid& grid, bool previous, const std::vector<const Cells*>& parts,
                     bool sensitive) {
  Cells cells;
  for (size_t col = 0; col < spec_.columns.size(); ++col) {
    if (!HasFigures(spec_.columns[col], previous)) {
      cells.by_column.push_back(-1);
      continue;
    }
    std::vector<int> column_parts;
    int64_t v = 0;
    for (const Cells* p : parts) {
      column_parts.push_back(p->by_column[col]);
      v += grid.value(p->by_column[col]);
    }
    cells.by_column.push_back(grid.Add(v, sensitive));
    grid.AddSum(cells.by_column.back(), column_parts);
  }
  std::vector<int> columns;
  for (int c : cells.by_column) {
    if (c >= 0) columns.push_back(c);
  }
  if (!spec_.total_label.empty() && !columns.empty()) {
    std::vector<int> totals;
    int64_t v = 0;
    for (const Cells* p : parts) {
      totals.push_back(p->total);
      v += grid.value(p->total);
    }
    cells.total = grid.Add(v, sensitive);
    grid.AddSum(cells.total, totals);
    grid.AddSum(cells.total, columns);
  }
  return cells;
}

void Builder::LinkCells(CountGrid& grid, const Cells& a, const Cells& b) {
  auto link = [&](int x, int y) {
    if (x < 0 || y < 0 || grid.value(x) != grid.value(y)) return;
    grid.AddSum(x, {y});
    grid.AddSum(y, {x});
  };
  for (size_t col = 0; col < a.by_column.size(); ++col) link(a.by_column[col], b.by_column[col]);
  link(a.total, b.total);
}

Row Builder::Figure(std::string label, const Extract& extract, bool sensitive) {
  Row r;
  r.label = std::move(label);
  r.now = Fill(now_, false, extract, sensitive);
  r.before = Fill(before_, true, extract, sensitive);
  return r;
}

Row Builder::Sum(std::string label, const std::vector<Row>& rows, bool sensitive) {
  std::vector<const Cells*> now;
  std::vector<const Cells*> before;
  for (const Row& r : rows) {
    now.push_back(&r.now);
    before.push_back(&r.before);
  }
  Row r;
  r.label = std::move(label);
  r.now = SumOf(now_, false, now, sensitive);
  r.before = SumOf(before_, true, before, sensitive);
  r.sum = true;
  return r;
}

void Builder::Link(const Row& a, const Row& b) {
  LinkCells(now_, a.now, b.now);
  LinkCells(before_, a.before, b.before);
}

// ---- The tables.

void Builder::AddBreakdown(std::string id, std::string title, bool sensitive,
                           const std::vector<std::pair<std::string, Extract>>& figures,
                           const Row* same_as_sum, std::string note) {
  Table t{std::move(id), std::move(title), std::move(note), true, {}};
  for (const auto& [label, extract] : figures) t.rows.push_back(Figure(label, extract, sensitive));
  Row sum = Sum("Summe", t.rows, sensitive);
  if (same_as_sum != nullptr) Link(sum, *same_as_sum);
  t.rows.push_back(std::move(sum));
  tables_.push_back(std::move(t));
}

void Builder::AddTables() {
  // Members.
  Table members{"members", "Mitglieder (Fachkräfte)",
                "aktiv: Mitglied am Ende des Zeitraums; neu: im Zeitraum aufgenommen", false, {}};
  members.rows.push_back(
      Figure("aktiv", [](const Snapshot& s) { return s.members().active(); }, true));
  members.rows.push_back(
      Figure("neu aufgenommen", [](const Snapshot& s) { return s.members().joined(); }, true));
  members.rows.push_back(
      Figure("ausgeschieden", [](const Snapshot& s) { return s.members().left(); }, true));
  tables_.push_back(members);
  const Row active = members.rows[0];

  std::vector<std::pair<std::string, Extract>> sectors;
  for (domain::Sector sector : domain::AllSectors()) {
    int key = static_cast<int>(sector);
    sectors.emplace_back(std::string(domain::SectorLabel(sector)), [key](const Snapshot& s) {
      return CountOf(s.members().active_by_sector(),
                     [](const v1::SectorCount& c) { return static_cast<int>(c.sector()); }, key);
    });
  }
  AddBreakdown("members_by_sector", "Aktive Mitglieder nach Handlungsfeld", true, sectors,
               &active);

  std::vector<std::pair<std::string, Extract>> categories;
  for (domain::ActorCategory category : domain::AllActorCategories()) {
    int key = static_cast<int>(category);
    categories.emplace_back(std::string(domain::ActorCategoryLabel(category)),
                            [key](const Snapshot& s) {
                              return CountOf(s.members().active_by_actor_category(),
                                             [](const v1::ActorCategoryCount& c) {
                                               return static_cast<int>(c.actor_category());
                                             },
                                             key);
                            });
  }
  AddBreakdown("members_by_category", "Aktive Mitglieder nach Akteursgruppe (§ 9 LKSG)", true,
               categories, &active);

  // Events (counts of events, not of persons).
  Table states{"events_by_state", "Veranstaltungen nach Stand", "", false, {}};
  states.rows.push_back(
      Figure("durchgeführt", [](const Snapshot& s) { return s.events().total().held(); }, false));
  states.rows.push_back(
      Figure("geplant", [](const Snapshot& s) { return s.events().total().planned(); }, false));
  states.rows.push_back(
      Figure("abgesagt", [](const Snapshot& s) { return s.events().total().cancelled(); }, false));
  tables_.push_back(states);

  std::vector<std::pair<std::string, Extract>> kinds;
  for (domain::EventKind kind : domain::AllEventKinds()) {
    int key = static_cast<int>(kind);
    kinds.emplace_back(std::string(domain::EventKindLabel(kind)),
                       [key](const Snapshot& s) { return HeldOfKind(s, key); });
  }
  AddBreakdown("events_by_kind", "Durchgeführte Veranstaltungen nach Art", false, kinds, nullptr);

  std::vector<std::pair<std::string, Extract>> scopes;
  for (domain::EventScope scope : {domain::EventScope::kLocal, domain::EventScope::kDistrict,
                                   domain::EventScope::kPublic}) {
    int key = static_cast<int>(scope);
    scopes.emplace_back(std::string(domain::EventScopeLabel(scope)),
                        [key](const Snapshot& s) { return HeldOfScope(s, key); });
  }
  AddBreakdown("events_by_scope", "Durchgeführte Veranstaltungen nach Reichweite", false, scopes,
               nullptr);

  // Participation.
  Table participation{"participation", "Teilnahme und Fortbildungen",
                      "Teilnehmende: anwesende Angemeldete durchgeführter Veranstaltungen (eine "
                      "Person bei zwei Veranstaltungen zählt zweimal)",
                      false,
                      {}};
  participation.rows.push_back(Figure(
      "Teilnehmende an Veranstaltungen", [](const Snapshot& s) { return s.events().participants(); },
      true));
  participation.rows.push_back(Figure(
      "durchgeführte Fortbildungen", [](const Snapshot& s) { return s.trainings().held(); },
      false));
  participation.rows.push_back(Figure("Teilnehmende an Fortbildungen",
                                      [](const Snapshot& s) { return s.trainings().participants(); },
                                      true));
  tables_.push_back(participation);
  const Row training_participants = participation.rows[2];

  std::vector<std::pair<std::string, Extract>> training_sectors;
  for (domain::Sector sector : domain::AllSectors()) {
    int key = static_cast<int>(sector);
    training_sectors.emplace_back(std::string(domain::SectorLabel(sector)),
                                  [key](const Snapshot& s) {
                                    return CountOf(s.trainings().participants_by_sector(),
                                                   [](const v1::SectorCount& c) {
                                                     return static_cast<int>(c.sector());
                                                   },
                                                   key);
                                  });
  }
  AddBreakdown("training_participants_by_sector",
               "Teilnehmende an Fortbildungen nach Handlungsfeld", true, training_sectors,
               &training_participants);

  AddCaseConferences();

  // District cooperation.
  Table district{"district_cooperation", "Kreisweite Zusammenarbeit", "", false, {}};
  district.rows.push_back(Figure(
      "durchgeführte kreisweite und öffentliche Veranstaltungen",
      [](const Snapshot& s) { return s.events().district_events_held(); }, false));
  district.rows.push_back(Figure("Anmeldungen eigener Mitglieder bei anderen Jugendämtern",
                                 [](const Snapshot& s) { return s.cross_office_registrations(); },
                                 true));
  tables_.push_back(district);
}

void Builder::AddCaseConferences() {
  const bool several = spec_.columns.size() > 1;
  Table t{"case_conferences", "Anonymisierte Fallkonferenzen nach Kommune", "", true, {},
          {several ? "Anzahl" : spec_.columns.empty() ? "Anzahl" : spec_.columns[0].name}};
  std::vector<int> now_parts;
  std::vector<int> before_parts;
  int64_t now_sum = 0, before_sum = 0;
  bool any_before = false;
  auto count_in = [](const std::optional<Snapshot>& s, const std::string& m) -> int64_t {
    if (!s.has_value()) return 0;
    for (const v1::MunicipalityCount& c : s->case_conferences().by_municipality()) {
      if (c.municipality() == m) return c.count();
    }
    return 0;
  };
  for (const ReportColumn& c : spec_.columns) {
    if (!HasFigures(c, false)) continue;
    std::set<std::string> municipalities;
    for (const auto* s : {&c.current, &c.previous}) {
      if (!s->has_value()) continue;
      for (const v1::MunicipalityCount& m : (*s)->case_conferences().by_municipality()) {
        municipalities.insert(m.municipality());
      }
    }
    for (const std::string& m : municipalities) {
      Row r;
      r.label = several ? absl::StrCat(m, " (", c.name, ")") : m;
      int64_t now = count_in(c.current, m);
      r.now.by_column = {now_.Add(now, true)};
      now_parts.push_back(r.now.by_column[0]);
      now_sum += now;
      if (HasFigures(c, true)) {
        int64_t before = count_in(c.previous, m);
        r.before.by_column = {before_.Add(before, true)};
        before_parts.push_back(r.before.by_column[0]);
        before_sum += before;
        any_before = true;
      } else {
        r.before.by_column = {-1};
      }
      t.rows.push_back(std::move(r));
    }
  }
  Row sum;
  sum.label = "Summe";
  sum.sum = true;
  sum.now.by_column = {now_.Add(now_sum, true)};
  now_.AddSum(sum.now.by_column[0], now_parts);
  sum.before.by_column = {any_before ? before_.Add(before_sum, true) : -1};
  if (any_before) before_.AddSum(sum.before.by_column[0], before_parts);
  t.rows.push_back(std::move(sum));
  tables_.push_back(std::move(t));
}

// ---- Output.

v1::ReportCell Builder::CellOf(const CountGrid& grid, int cell) const {
  v1::ReportCell out;
  if (cell < 0) {
    out.set_display(kNoData);
    out.set_no_data(true);
    return out;
  }
  switch (grid.mark(cell)) {
    case CountGrid::Mark::kShown:
      out.set_value(grid.value(cell));
      out.set_display(FormatCount(grid.value(cell)));
      break;
    case CountGrid::Mark::kSmall:
      out.set_display("< 3");
      out.set_withheld(true);
      break;
    case CountGrid::Mark::kComplementary:
      out.set_display("x");
      out.set_withheld(true);
      break;
  }
  return out;
}

void Builder::Emit(const Table& t, v1::ReportTable* out) const {
  out->set_id(t.id);
  out->set_title(t.title);
  out->set_note(t.note);
  out->set_chart(t.chart);
  out->set_year_over_year(true);
  if (!t.columns.empty()) {
    for (const std::string& c : t.columns) out->add_columns(c);
  } else {
    for (const ReportColumn& c : spec_.columns) out->add_columns(c.name);
    if (!spec_.total_label.empty()) out->add_columns(spec_.total_label);
  }
  for (const Row& r : t.rows) {
    v1::ReportRow* row = out->add_rows();
    row->set_label(r.label);
    row->set_sum(r.sum);
    for (int c : r.now.by_column) *row->add_cells() = CellOf(now_, c);
    if (r.now.total >= 0) *row->add_cells() = CellOf(now_, r.now.total);
    int now = r.now.last();
    int before = r.before.last();
    *row->mutable_previous() = CellOf(before_, before);
    if (now < 0 || before < 0 || now_.withheld(now) || before_.withheld(before)) {
      row->set_change(kNoData);
    } else {
      row->set_change(FormatChange(now_.value(now), before_.value(before)));
    }
  }
}

// Meetings of every group against its cadence: counts of meetings, not of persons.
void Builder::AddGroupMeetings(v1::Report& out) const {
  const domain::PeriodBounds bounds = domain::BoundsOf(spec_.period);
  const bool over = spec_.generated_at >= bounds.end;
  v1::ReportTable* t = out.add_tables();
  t->set_id("group_meetings");
  t->set_title("Sitzungen der Gremien im Vergleich zum geplanten Turnus");
  t->set_note(spec_.period.quarter == 0
                  ? "Soll: Sitzungen pro Jahr laut Turnus"
                  : "Soll: ein Viertel der Sitzungen pro Jahr laut Turnus, aufgerundet");
  for (const char* c : {"Soll", "durchgeführt", "noch geplant", "Turnus"}) t->add_columns(c);
  auto count = [](int64_t v) {
    v1::ReportCell cell;
    cell.set_value(v);
    cell.set_display(FormatCount(v));
    return cell;
  };
  const bool several = spec_.columns.size() > 1;
  for (const ReportColumn& c : spec_.columns) {
    if (!c.current.has_value()) continue;
    for (const v1::GroupMeetingCount& g : c.current->group_meetings()) {
      int64_t due = spec_.period.quarter == 0 ? g.meetings_per_year()
                                              : (g.meetings_per_year() + 3) / 4;
      v1::ReportRow* row = t->add_rows();
      row->set_label(several ? absl::StrCat(c.name, ": ", g.name()) : g.name());
      *row->add_cells() = count(due);
      *row->add_cells() = count(g.held());
      *row->add_cells() = count(g.planned());
      v1::ReportCell verdict;
      bool met = g.held() >= due;
      verdict.set_value(met ? 1 : 0);
      verdict.set_display(met ? "erfüllt"
                              : (!over && g.held() + g.planned() >= due) ? "offen"
                                                                          : "nicht erfüllt");
      *row->add_cells() = verdict;
    }
  }
}

void Builder::AddNotes(v1::Report& out) const {
  std::vector<std::string> missing;
  std::vector<std::string> no_previous;
  for (const ReportColumn& c : spec_.columns) {
    v1::ReportOffice* o = out.add_offices();
    o->set_office_id(c.office_id);
    o->set_name(c.name);
    if (c.last_contact != absl::InfinitePast()) {
      rpc::ToProto(c.last_contact, o->mutable_last_contact_time());
    }
    if (!c.current.has_value()) {
      o->set_status(v1::ReportOffice::STATUS_MISSING);
      o->set_note(c.note.empty() ? "keine Statistik für diesen Zeitraum übermittelt" : c.note);
      missing.push_back(c.name);
    } else {
      *o->mutable_computed_time() = c.current->computed_at();
      o->set_status(c.stale ? v1::ReportOffice::STATUS_STALE : v1::ReportOffice::STATUS_OK);
      o->set_note(c.note);
      if (c.stale) out.add_notes(absl::StrCat("Möglicherweise nicht aktuell: ", c.name, " – ", c.note));
    }
    if (c.current.has_value() && !c.previous.has_value()) no_previous.push_back(c.name);
  }
  if (!missing.empty()) {
    out.add_notes(absl::StrCat("Ohne Zahlen (keine Statistik übermittelt; nicht in den Summen): ",
                               absl::StrJoin(missing, ", ")));
  }
  if (!no_previous.empty()) {
    out.add_notes(absl::StrCat("Ohne Vorjahreszahlen: ", absl::StrJoin(no_previous, ", ")));
  }
  if (spec_.exact) {
    out.add_notes("Interne Fassung mit exakten Zahlen – nicht zur Veröffentlichung bestimmt.");
  } else {
    out.add_notes(
        "Veröffentlichungsfassung: Personenzahlen von 1 oder 2 sind als „< 3“ dargestellt; mit "
        "„x“ markierte Zahlen sind ausgeblendet, damit kleine Zahlen nicht aus Summen "
        "zurückgerechnet werden können.");
  }
}

v1::Report Builder::Build() {
  AddTables();
  if (!spec_.exact) {
    now_.Suppress();
    before_.Suppress();
  }
  v1::Report out;
  out.set_title(spec_.title);
  out.mutable_period()->set_year(spec_.period.year);
  out.mutable_period()->set_quarter(spec_.period.quarter);
  out.set_period_label(domain::PeriodLabel(spec_.period));
  out.set_disclosure(spec_.exact ? v1::DISCLOSURE_EXACT : v1::DISCLOSURE_PUBLISHED);
  rpc::ToProto(spec_.generated_at, out.mutable_generated_time());
  AddNotes(out);
  for (const Table& t : tables_) Emit(t, out.add_tables());
  AddGroupMeetings(out);
  AddDuties(spec_, out);
  AddInsofaConsultations(spec_, out);
  return out;
}

}  // namespace

std::string FormatCount(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

std::string FormatChange(int64_t now, int64_t before) {
  if (before == 0) return now == 0 ? "±0 %" : "neu";
  int64_t pct = static_cast<int64_t>(
      std::llround(100.0 * static_cast<double>(now - before) / static_cast<double>(before)));
  if (pct == 0) return "±0 %";
  return absl::StrCat(pct > 0 ? "+" : "-", FormatCount(pct > 0 ? pct : -pct), " %");
}

v1::Report BuildReport(const ReportSpec& spec) { return Builder(spec).Build(); }

}  // namespace schutznetz::report
