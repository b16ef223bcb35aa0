// Recurrence of regular meetings: one rule expands into individual events.
//
// "Every 4 months, 3 times" from 03.04.2025 09:00 gives 03.04., 03.08. and 03.12.2025, each at
// 09:00 Europe/Berlin local time — across daylight-saving changes the wall-clock time stays, not
// the UTC offset. The first event is taken as given; a later one whose wall-clock end would not
// come after its start (an event across a clock change) keeps the first event's real length.
// A day that a month lacks (31st) falls back to the month's last day. An explicit
// list of start times is the alternative for irregular dates.
#pragma once

#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace schutznetz::domain {

inline constexpr int kMaxSeriesEvents = 52;

struct Recurrence {
  int interval_months = 0;  // every N months …
  int interval_weeks = 0;   // … or every N weeks
  int count = 0;            // number of events including the first …
  absl::CivilDay until;     // … or up to and including this day (when `has_until`)
  bool has_until = false;
  std::vector<absl::Time> start_times;  // or an explicit list of starts
};

struct Occurrence {
  absl::Time start;
  absl::Time end;
};

// Expands the rule for a first event [first_start, first_end). Rule errors are INVALID_ARGUMENT
// naming "recurrence.<field>"; at most kMaxSeriesEvents events.
absl::StatusOr<std::vector<Occurrence>> ExpandRecurrence(absl::Time first_start,
                                                         absl::Time first_end,
                                                         const Recurrence& rule);

}  // namespace schutznetz::domain
