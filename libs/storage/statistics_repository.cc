#include "libs/storage/statistics_repository.h"

#include <map>
#include <optional>

#include "absl/time/civil_time.h"
#include "libs/common/time.h"
#include "libs/storage/pg_error.h"
#include "libs/storage/tx.h"

namespace schutznetz::storage {
namespace {

using domain::StatisticsFigures;

// Members by their organisation's sector and category: active at the end of the period (joined
// before it, not left by then), joined in it, left in it. $1, $2: period start and end (µs).
constexpr Statement kMembers{
    "statistics_members",
    "SELECT o.sector, o.actor_category, "
    "count(*) FILTER (WHERE m.leave_time IS NULL OR m.leave_time >= sn_ts($2)) AS active, "
    "count(*) FILTER (WHERE m.join_time >= sn_ts($1)) AS joined, "
    "count(*) FILTER (WHERE m.leave_time >= sn_ts($1) AND m.leave_time < sn_ts($2)) AS left_count "
    "FROM members m JOIN organisations o ON o.id = m.organisation_id "
    "WHERE m.join_time < sn_ts($2) "
    "GROUP BY o.sector, o.actor_category"};

// Events the office organises that start in the period. $1: office; $2, $3: start and end (µs).
constexpr Statement kEvents{
    "statistics_events",
    "SELECT kind, scope, state, count(*) AS n, "
    "count(*) FILTER (WHERE cardinality(audience_sectors) <> 1) AS open_n FROM events "
    "WHERE organiser_office = $1 AND start_time >= sn_ts($2) AND start_time < sn_ts($3) "
    "GROUP BY kind, scope, state"};

// Attended registrations of held events in the period, trainings apart, by the participant's
// organisation sector: of the office's members, and of participants from other offices (by the
// sector they shared).
constexpr Statement kParticipants{
    "statistics_participants",
    "SELECT e.kind = 'training' AS training, coalesce(o.sector, r.person_sector) AS sector, "
    "count(*) AS n "
    "FROM registrations r "
    "JOIN events e ON e.id = r.event_id "
    "LEFT JOIN members m ON m.id = r.member_id "
    "LEFT JOIN organisations o ON o.id = m.organisation_id "
    "WHERE e.organiser_office = $1 AND e.state = 'held' "
    "AND e.start_time >= sn_ts($2) AND e.start_time < sn_ts($3) "
    "AND r.attended AND r.state <> 'cancelled' "
    "GROUP BY 1, 2"};

// Registrations of the office's members for other offices' district events that start in the
// period and were given a seat (not waitlisted, cancelled, pending or rejected).
constexpr Statement kCrossOffice{
    "statistics_cross_office",
    "SELECT count(*) FROM registrations r "
    "JOIN district_events d ON d.id = r.district_event_id "
    "WHERE r.member_id IS NOT NULL AND r.state = 'registered' "
    "AND d.start_time >= sn_ts($1) AND d.start_time < sn_ts($2)"};

// Case conferences by their (local) date. $1, $2: first day and end day, end exclusive.
constexpr Statement kCaseConferences{
    "statistics_case_conferences",
    "SELECT municipality, count(*) AS n FROM case_conferences "
    "WHERE conference_date >= $1::date AND conference_date < $2::date "
    "GROUP BY municipality"};

// Meetings held and still planned per group: every active group, and inactive ones that met.
constexpr Statement kGroupMeetings{
    "statistics_group_meetings",
    "SELECT g.id::text AS id, g.kind, g.name, g.meetings_per_year, "
    "count(e.id) FILTER (WHERE e.state = 'held') AS held, "
    "count(e.id) FILTER (WHERE e.state = 'planned') AS planned "
    "FROM groups g "
    "LEFT JOIN events e ON e.group_id = g.id AND e.organiser_office = $1 "
    "AND e.start_time >= sn_ts($2) AND e.start_time < sn_ts($3) "
    "GROUP BY g.id "
    "HAVING g.active OR count(e.id) FILTER (WHERE e.state = 'held') > 0 "
    "ORDER BY g.kind, g.name, g.id"};

// An arbitrary constant: the advisory lock key of the statistics publishers.
constexpr int64_t kPublishLockKey = 0x5354415453;  // "STATS"

// The year of the earliest member join, own event or case conference. $1: office.
// Representations active on some day of the period, and reports on meetings in it. $1, $2: the
// period's first day and the first day after it.
constexpr Statement kRepresentations{
    "statistics_representations",
    "SELECT (SELECT count(*) FROM representations WHERE since < $2::date "
    "AND (until IS NULL OR until >= $1::date)) AS active, "
    "(SELECT count(*) FROM representation_reports WHERE meeting_date >= $1::date "
    "AND meeting_date < $2::date) AS reports"};

// Anonymous InsoFa consultation counts of the office. $1: office; $2: year; $3: quarter (0: all).
constexpr Statement kInsofaConsultations{
    "statistics_insofa_consultations",
    "SELECT coalesce(sum(count), 0) FROM insofa_consultations WHERE office = $1 AND year = $2 "
    "AND ($3 = 0 OR quarter = $3)"};

// The newest own published version of the reporting paths with a public entry, published before
// the period's end ($1, µs); 0 if none.
constexpr Statement kPublicReportingPaths{
    "statistics_public_reporting_paths",
    "SELECT coalesce(max(v.version), 0) FROM reporting_path_versions v WHERE NOT v.mirrored "
    "AND v.publish_time < sn_ts($1) AND EXISTS (SELECT 1 FROM reporting_path_entries e "
    "WHERE e.office_id = v.office_id AND e.version = v.version AND e.is_public)"};

constexpr Statement kFirstActivityYear{
    "statistics_first_activity_year",
    "SELECT extract(year FROM least("
    "(SELECT min(join_time) FROM members), "
    "(SELECT min(start_time) FROM events WHERE organiser_office = $1), "
    "(SELECT min(conference_date)::timestamp AT TIME ZONE 'Europe/Berlin' FROM case_conferences)"
    ") AT TIME ZONE 'Europe/Berlin')::int AS year"};

constexpr Statement kLock{"statistics_lock", "SELECT pg_advisory_xact_lock($1)"};

constexpr Statement kGetSent{
    "statistics_get_sent",
    "SELECT content_hash, version, sn_us(sent_time) AS sent_us FROM statistics_sent "
    "WHERE year = $1 AND quarter = $2"};

constexpr Statement kPutSent{
    "statistics_put_sent",
    "INSERT INTO statistics_sent (year, quarter, content_hash, version) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (year, quarter) DO UPDATE SET content_hash = EXCLUDED.content_hash, "
    "version = EXCLUDED.version, sent_time = now()"};

// Adds `n` under `key` unless the slug is unknown (the schema's CHECKs make that impossible).
template <typename K>
void AddCount(std::map<K, int64_t>& map, std::optional<K> key, int64_t n) {
  if (key && n != 0) map[*key] += n;
}

void ReadMembers(Tx& tx, const domain::PeriodBounds& b, StatisticsFigures& f) {
  for (const auto& r : tx.Exec(kMembers, absl::ToUnixMicros(b.start), absl::ToUnixMicros(b.end))) {
    int64_t active = r["active"].as<int64_t>();
    f.members_active += active;
    AddCount(f.members_active_by_sector, domain::SectorFromSlug(r["sector"].as<std::string>()),
             active);
    AddCount(f.members_active_by_category,
             domain::ActorCategoryFromSlug(r["actor_category"].as<std::string>()), active);
    f.members_joined += r["joined"].as<int64_t>();
    f.members_left += r["left_count"].as<int64_t>();
  }
}

void ReadEvents(Tx& tx, const std::string& office, const domain::PeriodBounds& b,
                StatisticsFigures& f) {
  for (const auto& r :
       tx.Exec(kEvents, office, absl::ToUnixMicros(b.start), absl::ToUnixMicros(b.end))) {
    std::optional<domain::EventKind> kind = domain::EventKindFromSlug(r["kind"].as<std::string>());
    std::optional<domain::EventScope> scope =
        domain::EventScopeFromSlug(r["scope"].as<std::string>());
    std::optional<domain::EventState> state =
        domain::EventStateFromSlug(r["state"].as<std::string>());
    int64_t n = r["n"].as<int64_t>();
    if (!kind || !scope || !state) continue;
    f.events.Add(*state, n);
    f.events_by_kind[*kind].Add(*state, n);
    f.events_by_scope[*scope].Add(*state, n);
    if (*kind == domain::EventKind::kTraining) {
      int64_t open = r["open_n"].as<int64_t>();
      if (*state == domain::EventState::kHeld) f.interdisciplinary_trainings_held += open;
      if (*state == domain::EventState::kPlanned) f.interdisciplinary_trainings_planned += open;
    }
    if (*state == domain::EventState::kHeld) {
      if (*kind == domain::EventKind::kTraining) f.trainings_held += n;
      if (*scope != domain::EventScope::kLocal) f.district_events_held += n;
    }
  }
}

void ReadParticipants(Tx& tx, const std::string& office, const domain::PeriodBounds& b,
                      StatisticsFigures& f) {
  for (const auto& r :
       tx.Exec(kParticipants, office, absl::ToUnixMicros(b.start), absl::ToUnixMicros(b.end))) {
    int64_t n = r["n"].as<int64_t>();
    f.participants += n;
    if (r["training"].as<bool>()) {
      f.training_participants += n;
      AddCount(f.training_participants_by_sector,
               domain::SectorFromSlug(r["sector"].as<std::string>()), n);
    }
  }
}

void ReadCrossOffice(Tx& tx, const domain::PeriodBounds& b, StatisticsFigures& f) {
  f.cross_office_registrations =
      tx.Exec(kCrossOffice, absl::ToUnixMicros(b.start), absl::ToUnixMicros(b.end))[0][0]
          .as<int64_t>();
}

void ReadCaseConferences(Tx& tx, const domain::PeriodBounds& b, StatisticsFigures& f) {
  for (const auto& r :
       tx.Exec(kCaseConferences, FormatIsoDate(b.first_day), FormatIsoDate(b.end_day))) {
    int64_t n = r["n"].as<int64_t>();
    f.case_conferences += n;
    f.case_conferences_by_municipality[r["municipality"].as<std::string>()] += n;
  }
}

void ReadGroupMeetings(Tx& tx, const std::string& office, const domain::PeriodBounds& b,
                       StatisticsFigures& f) {
  for (const auto& r :
       tx.Exec(kGroupMeetings, office, absl::ToUnixMicros(b.start), absl::ToUnixMicros(b.end))) {
    domain::GroupMeetingFigures g;
    g.group_id = domain::GroupId(r["id"].as<std::string>());
    g.kind = domain::GroupKindFromSlug(r["kind"].as<std::string>())
                 .value_or(domain::GroupKind::kUnspecified);
    g.name = r["name"].as<std::string>();
    g.meetings_per_year = r["meetings_per_year"].as<int>();
    g.held = r["held"].as<int64_t>();
    g.planned = r["planned"].as<int64_t>();
    f.group_meetings.push_back(std::move(g));
  }
}

void ReadRepresentations(Tx& tx, const domain::PeriodBounds& b, StatisticsFigures& f) {
  pqxx::row r =
      tx.Exec(kRepresentations, FormatIsoDate(b.first_day), FormatIsoDate(b.end_day)).at(0);
  f.representations_active = r["active"].as<int64_t>();
  f.representation_reports = r["reports"].as<int64_t>();
}

class PgStatisticsRepository final : public StatisticsRepository {
 public:
  absl::StatusOr<StatisticsFigures> Compute(Tx& tx, const std::string& office,
                                            const domain::StatisticsPeriod& period) override {
    domain::PeriodBounds b = domain::BoundsOf(period);
    return Guarded("statistics_compute", [&]() -> absl::StatusOr<StatisticsFigures> {
      StatisticsFigures f;
      ReadMembers(tx, b, f);
      ReadEvents(tx, office, b, f);
      ReadParticipants(tx, office, b, f);
      ReadCaseConferences(tx, b, f);
      ReadGroupMeetings(tx, office, b, f);
      ReadCrossOffice(tx, b, f);
      ReadRepresentations(tx, b, f);
      f.public_reporting_paths_version =
          tx.Exec(kPublicReportingPaths, absl::ToUnixMicros(b.end)).at(0)[0].as<int>();
      f.insofa_consultations =
          tx.Exec(kInsofaConsultations, office, period.year, period.quarter).at(0)[0].as<int64_t>();
      return f;
    });
  }

  absl::StatusOr<std::optional<int>> FirstActivityYear(Tx& tx,
                                                      const std::string& office_id) override {
    return Guarded("statistics_first_year", [&]() -> absl::StatusOr<std::optional<int>> {
      pqxx::result r = tx.Exec(kFirstActivityYear, office_id);
      if (r.empty() || r[0]["year"].is_null()) return std::optional<int>();
      return std::optional<int>(r[0]["year"].as<int>());
    });
  }

  absl::Status LockPublishing(Tx& tx) override {
    return Guarded("statistics_lock", [&]() -> absl::Status {
      tx.Exec(kLock, kPublishLockKey);
      return absl::OkStatus();
    });
  }

  absl::StatusOr<std::optional<SentSnapshot>> GetSent(
      Tx& tx, const domain::StatisticsPeriod& period) override {
    return Guarded("statistics_get_sent", [&]() -> absl::StatusOr<std::optional<SentSnapshot>> {
      pqxx::result r = tx.Exec(kGetSent, period.year, period.quarter);
      if (r.empty()) return std::optional<SentSnapshot>();
      SentSnapshot s;
      s.content_hash = r[0]["content_hash"].as<std::string>();
      s.version = r[0]["version"].as<int64_t>();
      s.sent_time = absl::FromUnixMicros(r[0]["sent_us"].as<int64_t>());
      return std::optional<SentSnapshot>(std::move(s));
    });
  }

  absl::Status PutSent(Tx& tx, const domain::StatisticsPeriod& period,
                       const std::string& content_hash, int64_t version) override {
    return Guarded("statistics_put_sent", [&]() -> absl::Status {
      tx.Exec(kPutSent, period.year, period.quarter, content_hash, version);
      return absl::OkStatus();
    });
  }
};

}  // namespace

std::unique_ptr<StatisticsRepository> NewStatisticsRepository() {
  return std::make_unique<PgStatisticsRepository>();
}

}  // namespace schutznetz::storage
