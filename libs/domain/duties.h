// The duties of a child-protection network under § 9 LKSG NRW for one year, assessed from the
// figures an office reports: met, not met, or not yet due (the year is still running and can
// still meet it).
//
//   trainings         interdisciplinary trainings held ≥ the office's minimum (commonly 3)
//   network meetings  meetings of the regional groups held ≥ their planned cadence
//   actor categories  every category the law names has an active member (a gap is "not met" at
//                     once: it is the network's state now, not a count the year can still reach)
//   other networks    at least one report from a representation in another network
//   public info       a public event, or reporting paths published with public entries
//
// For the district, the categories count over all offices together (the district network as a
// whole); every other duty is met when every office with figures meets it.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "libs/domain/sector.h"

namespace schutznetz::domain {

// The numeric values equal schutznetz.v1.NetworkDuty / DutyStatus.
enum class Duty {
  kTrainings = 1,
  kNetworkMeetings = 2,
  kActorCategories = 3,
  kOtherNetworks = 4,
  kPublicInformation = 5,
};
enum class DutyStatus { kMet = 1, kNotMet = 2, kNotYetDue = 3 };

// One office's figures for the year.
struct DutyFacts {
  int min_trainings = 3;
  int64_t trainings_held = 0;     // interdisciplinary, held
  int64_t trainings_planned = 0;  // interdisciplinary, still planned
  int64_t meetings_due = 0;       // Σ meetings_per_year of the regional groups
  int64_t meetings_held = 0;
  int64_t meetings_planned = 0;
  std::set<ActorCategory> represented;  // categories with at least one active member
  int64_t representations = 0;          // active in the year
  int64_t representation_reports = 0;   // meetings reported in the year
  int64_t public_events_held = 0;
  int64_t public_events_planned = 0;
  int public_reporting_paths_version = 0;  // 0: none published
};

struct DutyAssessment {
  Duty duty = Duty::kTrainings;
  DutyStatus status = DutyStatus::kNotMet;
  std::string figures;                 // German, e.g. "2 durchgeführt, 1 geplant; Soll: mindestens 3"
  std::vector<ActorCategory> missing;  // kActorCategories only
};

// The categories § 9 LKSG NRW names for the network (every one but "Sonstige"), in enum order.
const std::vector<ActorCategory>& NamedActorCategories();

// The five duties of one office; `year_over`: the year has ended.
std::vector<DutyAssessment> AssessDuties(const DutyFacts& facts, bool year_over);
// The five duties of the district from the offices' figures (offices without figures left out).
std::vector<DutyAssessment> AssessDistrictDuties(const std::vector<DutyFacts>& offices,
                                                 bool year_over);

// "Interdisziplinäre Fortbildungen (§ 9 Abs. 5 LKSG NRW)", …
std::string DutyLabel(Duty duty);
// "erfüllt", "nicht erfüllt", "noch nicht fällig".
std::string DutyStatusLabel(DutyStatus status);

}  // namespace schutznetz::domain
