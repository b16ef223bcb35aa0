// Statistics of one office for one period: counts only, never names (DESIGN.md §3).
//
// A period is a calendar year or one of its quarters in Europe/Berlin local time: quarter 0 is
// the whole year [01.01. 00:00, 01.01. 00:00 of the next year), quarter 2 is [01.04. 00:00,
// 01.07. 00:00). An event belongs to the period its start lies in; a member counts as active at
// the period's end if they joined before it and had not left by then.
//
// Each office computes its figures (StatisticsFigures) for the current and the previous year and
// their quarters and sends a period's snapshot to the district aggregator whenever the figures
// change (item type kStatisticsSnapshotItemType, id "<office>:<year>:<quarter>").
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "libs/domain/event.h"
#include "libs/domain/group.h"
#include "libs/domain/sector.h"

namespace schutznetz::domain {

// The sync item type of a statistics snapshot (office → aggregator).
inline constexpr char kStatisticsSnapshotItemType[] = "statistics_snapshot";

inline constexpr int kMinStatisticsYear = 2000;
inline constexpr int kMaxStatisticsYear = 2099;

struct StatisticsPeriod {
  int year = 0;
  int quarter = 0;  // 0: the whole year; 1–4: a quarter
  bool operator==(const StatisticsPeriod& o) const {
    return year == o.year && quarter == o.quarter;
  }
};

// INVALID_ARGUMENT naming `<prefix>year` / `<prefix>quarter` unless the year lies in
// kMinStatisticsYear–kMaxStatisticsYear and the quarter in 0–4.
absl::Status ValidatePeriod(const StatisticsPeriod& period, const std::string& prefix);

// Where a period begins and ends, as instants and as local days (end exclusive).
struct PeriodBounds {
  absl::Time start;          // first day 00:00 Europe/Berlin
  absl::Time end;            // first day of the next period 00:00 Europe/Berlin
  absl::CivilDay first_day;  // e.g. 2025-04-01
  absl::CivilDay end_day;    // e.g. 2025-07-01 (not part of the period)
};
PeriodBounds BoundsOf(const StatisticsPeriod& period);

// "lippstadt:2025:2": the sync item id of an office's snapshot for a period.
std::string SnapshotItemId(const std::string& office_id, const StatisticsPeriod& period);
// "2025" or "2. Quartal 2025".
std::string PeriodLabel(const StatisticsPeriod& period);

// How many years before the current one an office keeps sending at most.
inline constexpr int kPublishedYearsBack = 10;

// The periods an office keeps sending, each year as a whole and by quarter, oldest first: the
// current and the previous year (Europe/Berlin at `now`), and back to `first_activity_year` (the
// year of its earliest data, so a history entered later reaches the district), at most
// kPublishedYearsBack years back. Years outside kMinStatisticsYear–kMaxStatisticsYear are left out.
std::vector<StatisticsPeriod> PublishedPeriods(absl::Time now,
                                               std::optional<int> first_activity_year = {});

// Events in one period, by state.
struct EventStateCounts {
  int64_t held = 0;
  int64_t planned = 0;
  int64_t cancelled = 0;
  void Add(EventState state, int64_t n);
  int64_t total() const { return held + planned + cancelled; }
};

// Meetings of one group in the period against its planned cadence. A group's name is not
// personal data.
struct GroupMeetingFigures {
  GroupId group_id;
  GroupKind kind = GroupKind::kUnspecified;
  std::string name;
  int meetings_per_year = 0;
  int64_t held = 0;
  int64_t planned = 0;  // still in state planned
};

// The figures of one office for one period. Maps hold non-zero counts only, ordered by key.
struct StatisticsFigures {
  // Members (Fachkräfte), by their organisation's sector and actor category.
  int64_t members_active = 0;  // active at the end of the period
  std::map<Sector, int64_t> members_active_by_sector;
  std::map<ActorCategory, int64_t> members_active_by_category;
  int64_t members_joined = 0;  // joined in the period
  int64_t members_left = 0;    // left in the period

  // Events this office organises that start in the period.
  EventStateCounts events;
  std::map<EventKind, EventStateCounts> events_by_kind;
  std::map<EventScope, EventStateCounts> events_by_scope;
  // Held events with scope district or public.
  int64_t district_events_held = 0;
  // Attended (not cancelled) registrations of held events.
  int64_t participants = 0;

  // Held trainings and their attended registrations, by the participant's organisation sector.
  int64_t trainings_held = 0;
  int64_t training_participants = 0;
  // Trainings open to more than one sector (no audience sector named, or two and more): held,
  // and still planned.
  int64_t interdisciplinary_trainings_held = 0;
  int64_t interdisciplinary_trainings_planned = 0;
  std::map<Sector, int64_t> training_participants_by_sector;

  // Anonymised case conferences by conference date, per municipality (bytewise order).
  int64_t case_conferences = 0;
  std::map<std::string, int64_t> case_conferences_by_municipality;

  // Every group that was active or met in the period and existed before its end.
  std::vector<GroupMeetingFigures> group_meetings;

  // Registrations of this office's members for other offices' district events starting in the
  // period that hold a seat.
  int64_t cross_office_registrations = 0;

  // For the duties overview (§ 9 LKSG NRW): the office's minimum of interdisciplinary trainings
  // per year (from its configuration, set by the publisher), representations in other networks
  // active in the period and the meetings they reported on in it, and the version of the
  // reporting paths published with public entries (0: none).
  int min_trainings_per_year = 3;
  int64_t representations_active = 0;
  int64_t representation_reports = 0;
  int public_reporting_paths_version = 0;
  // Consultations by InsoFa in the period (anonymous counts per quarter).
  int64_t insofa_consultations = 0;
};

}  // namespace schutznetz::domain
