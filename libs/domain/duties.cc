#include "libs/domain/duties.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace schutznetz::domain {
namespace {

// "1 Bericht", "3 Berichte".
std::string Counted(int64_t n, const char* one, const char* many) {
  return absl::StrCat(n, " ", n == 1 ? one : many);
}

// Met when `met`; otherwise not yet due while the year runs, else not met.
DutyStatus ByYearEnd(bool met, bool year_over) {
  if (met) return DutyStatus::kMet;
  return year_over ? DutyStatus::kNotMet : DutyStatus::kNotYetDue;
}

std::vector<ActorCategory> Missing(const std::set<ActorCategory>& represented) {
  std::vector<ActorCategory> out;
  for (ActorCategory c : NamedActorCategories()) {
    if (represented.count(c) == 0) out.push_back(c);
  }
  return out;
}

std::string CategoryFigures(const std::vector<ActorCategory>& missing) {
  size_t named = NamedActorCategories().size();
  std::string out = absl::StrCat(named - missing.size(), " von ", named, " vertreten");
  if (!missing.empty()) {
    std::vector<std::string> labels;
    for (ActorCategory c : missing) labels.emplace_back(ActorCategoryLabel(c));
    absl::StrAppend(&out, "; es fehlen: ", absl::StrJoin(labels, ", "));
  }
  return out;
}

DutyAssessment Trainings(const DutyFacts& f, bool over) {
  DutyAssessment a{Duty::kTrainings, ByYearEnd(f.trainings_held >= f.min_trainings, over), "", {}};
  a.figures = absl::StrCat(f.trainings_held, " durchgeführt");
  if (!over) absl::StrAppend(&a.figures, ", ", f.trainings_planned, " geplant");
  absl::StrAppend(&a.figures, "; Soll: mindestens ", f.min_trainings);
  return a;
}

DutyAssessment Meetings(const DutyFacts& f, bool over) {
  bool met = f.meetings_due > 0 && f.meetings_held >= f.meetings_due;
  DutyAssessment a{Duty::kNetworkMeetings, ByYearEnd(met, over), "", {}};
  if (f.meetings_due == 0) {
    a.status = DutyStatus::kNotMet;
    a.figures = "keine Regionalgruppe mit geplantem Turnus";
    return a;
  }
  a.figures = absl::StrCat(f.meetings_held, " durchgeführt");
  if (!over) absl::StrAppend(&a.figures, ", ", f.meetings_planned, " geplant");
  absl::StrAppend(&a.figures, "; Soll laut Turnus: ", f.meetings_due);
  return a;
}

DutyAssessment Categories(const std::set<ActorCategory>& represented) {
  DutyAssessment a{Duty::kActorCategories, DutyStatus::kMet, "", Missing(represented)};
  if (!a.missing.empty()) a.status = DutyStatus::kNotMet;
  a.figures = CategoryFigures(a.missing);
  return a;
}

DutyAssessment OtherNetworks(const DutyFacts& f, bool over) {
  DutyAssessment a{Duty::kOtherNetworks, ByYearEnd(f.representation_reports > 0, over), "", {}};
  a.figures = absl::StrCat(Counted(f.representations, "Vertretung", "Vertretungen"),
                           " in anderen Netzwerken, ",
                           Counted(f.representation_reports, "Bericht", "Berichte"),
                           " aus Sitzungen");
  return a;
}

DutyAssessment PublicInformation(const DutyFacts& f, bool over) {
  bool met = f.public_events_held > 0 || f.public_reporting_paths_version > 0;
  DutyAssessment a{Duty::kPublicInformation, ByYearEnd(met, over), "", {}};
  a.figures = absl::StrCat(Counted(f.public_events_held, "öffentliche Veranstaltung",
                                   "öffentliche Veranstaltungen"),
                           " durchgeführt");
  if (!over) absl::StrAppend(&a.figures, ", ", f.public_events_planned, " geplant");
  if (f.public_reporting_paths_version > 0) {
    absl::StrAppend(&a.figures, "; Mitteilungswege öffentlich (Version ",
                    f.public_reporting_paths_version, ")");
  } else {
    absl::StrAppend(&a.figures, "; keine öffentlichen Mitteilungswege");
  }
  return a;
}

}  // namespace

const std::vector<ActorCategory>& NamedActorCategories() {
  static const std::vector<ActorCategory> kNamed = [] {
    std::vector<ActorCategory> out;
    for (ActorCategory c : AllActorCategories()) {
      if (c != ActorCategory::kOther) out.push_back(c);
    }
    return out;
  }();
  return kNamed;
}

std::vector<DutyAssessment> AssessDuties(const DutyFacts& f, bool year_over) {
  return {Trainings(f, year_over), Meetings(f, year_over), Categories(f.represented),
          OtherNetworks(f, year_over), PublicInformation(f, year_over)};
}

std::vector<DutyAssessment> AssessDistrictDuties(const std::vector<DutyFacts>& offices,
                                                 bool year_over) {
  std::set<ActorCategory> represented;
  for (const DutyFacts& f : offices) represented.insert(f.represented.begin(), f.represented.end());
  std::vector<DutyAssessment> out;
  for (Duty duty : {Duty::kTrainings, Duty::kNetworkMeetings, Duty::kActorCategories,
                    Duty::kOtherNetworks, Duty::kPublicInformation}) {
    if (duty == Duty::kActorCategories) {
      DutyAssessment a = Categories(represented);
      a.figures = absl::StrCat("im Kreis zusammen ", a.figures);
      out.push_back(std::move(a));
      continue;
    }
    int met = 0;
    int not_met = 0;
    for (const DutyFacts& f : offices) {
      for (const DutyAssessment& a : AssessDuties(f, year_over)) {
        if (a.duty != duty) continue;
        if (a.status == DutyStatus::kMet) ++met;
        if (a.status == DutyStatus::kNotMet) ++not_met;
      }
    }
    DutyAssessment a{duty, DutyStatus::kNotYetDue, "", {}};
    if (offices.empty() || not_met > 0) a.status = DutyStatus::kNotMet;
    if (!offices.empty() && met == static_cast<int>(offices.size())) a.status = DutyStatus::kMet;
    a.figures = absl::StrCat(met, " von ", offices.size(), " Jugendämtern erfüllt");
    if (duty == Duty::kTrainings) {
      int64_t held = 0;
      for (const DutyFacts& f : offices) held += f.trainings_held;
      absl::StrAppend(&a.figures, "; zusammen ",
                      Counted(held, "interdisziplinäre Fortbildung", "interdisziplinäre Fortbildungen"));
    }
    out.push_back(std::move(a));
  }
  return out;
}

std::string DutyLabel(Duty duty) {
  switch (duty) {
    case Duty::kTrainings:
      return "Interdisziplinäre Fortbildungen (§ 9 Abs. 5 LKSG NRW)";
    case Duty::kNetworkMeetings:
      return "Netzwerktreffen nach geplantem Turnus";
    case Duty::kActorCategories:
      return "Vertretung der gesetzlich genannten Akteursgruppen (§ 9 Abs. 2 LKSG NRW)";
    case Duty::kOtherNetworks:
      return "Informationstransfer in andere Netzwerke und Arbeitskreise";
    case Duty::kPublicInformation:
      return "Öffentlichkeitsarbeit und Mitteilungswege (§ 9 Abs. 3 LKSG NRW)";
  }
  return "";
}

std::string DutyStatusLabel(DutyStatus status) {
  switch (status) {
    case DutyStatus::kMet:
      return "erfüllt";
    case DutyStatus::kNotMet:
      return "nicht erfüllt";
    case DutyStatus::kNotYetDue:
      return "noch nicht fällig";
  }
  return "";
}

}  // namespace schutznetz::domain
