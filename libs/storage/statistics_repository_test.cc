// StatisticsRepository on a real PostgreSQL database: the exact figures of hand-built fixtures —
// members joining and leaving at period boundaries, events of several kinds, scopes and states
// (one at 31.03. 23:30 and one at 01.04. 00:30 Europe/Berlin), attendance, case conferences in two
// municipalities, groups with cadence — and the record of what was sent.
#include "libs/storage/statistics_repository.h"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "libs/common/time.h"
#include "libs/storage/tx.h"
#include "tests/support/test_database.h"

namespace schutznetz::storage {
namespace {

using domain::ActorCategory;
using domain::EventKind;
using domain::EventScope;
using domain::Sector;
using domain::StatisticsFigures;

int64_t Us(const std::string& local) {
  return absl::ToUnixMicros(ParseLocalDateTime(local, "t").value());
}

class StatisticsRepositoryTest : public schutznetz::testing::DbTest {
 protected:
  // Fixture SQL only: constants of this file, no request data.
  std::string Sql(const std::string& sql) {
    auto r = db().TransactValue<std::string>([&](Tx& tx) -> absl::StatusOr<std::string> {
      pqxx::result res = tx.ExecFixed(sql);
      return res.empty() || res[0][0].is_null() ? std::string() : res[0][0].as<std::string>();
    });
    EXPECT_TRUE(r.ok()) << r.status();
    return r.value_or("");
  }

  std::string Organisation(const std::string& name, const std::string& sector,
                           const std::string& category) {
    return Sql(absl::StrCat("INSERT INTO organisations (name, sector, actor_category) VALUES ('",
                            name, "', '", sector, "', '", category, "') RETURNING id::text"));
  }

  // A member; `joined` / `left` in local time, empty for none.
  std::string Member(const std::string& org, const std::string& last, const std::string& state,
                     const std::string& joined, const std::string& left = "") {
    std::string join = joined.empty() ? "NULL" : absl::StrCat("sn_ts(", Us(joined), ")");
    std::string leave = left.empty() ? "NULL" : absl::StrCat("sn_ts(", Us(left), ")");
    return Sql(absl::StrCat(
        "INSERT INTO members (organisation_id, first_name, last_name, state, join_time, "
        "leave_time) VALUES ('",
        org, "', 'Vorname', '", last, "', '", state, "', ", join, ", ", leave,
        ") RETURNING id::text"));
  }

  std::string Group(const std::string& kind, const std::string& name, int per_year,
                    bool active = true) {
    return Sql(absl::StrCat("INSERT INTO groups (kind, name, meetings_per_year, active) VALUES ('",
                            kind, "', '", name, "', ", per_year, ", ", active ? "true" : "false",
                            ") RETURNING id::text"));
  }

  std::string Event(const std::string& kind, const std::string& local_start,
                    const std::string& scope, const std::string& state,
                    const std::string& group = "", const std::string& office = "lippstadt") {
    int64_t start = Us(local_start);
    return Sql(absl::StrCat(
        "INSERT INTO events (kind, title, start_time, end_time, group_id, organiser_office, "
        "scope, state) VALUES ('",
        kind, "', 'Termin', sn_ts(", start, "), sn_ts(", start + 3600000000LL, "), ",
        group.empty() ? "NULL" : "'" + group + "'", ", '", office, "', '", scope, "', '", state,
        "') RETURNING id::text"));
  }

  // attended: "true", "false" or "NULL".
  void Registration(const std::string& event, const std::string& member,
                    const std::string& attended, const std::string& state = "registered") {
    Sql(absl::StrCat("INSERT INTO registrations (event_id, member_id, state, attended) VALUES ('",
                     event, "', '", member, "', '", state, "', ", attended, ")"));
  }

  void CaseConference(const std::string& municipality, const std::string& date) {
    Sql(absl::StrCat(
        "INSERT INTO case_conferences (municipality, conference_date, participating_sectors, "
        "summary) VALUES ('",
        municipality, "', '", date, "', '{school,health}', 'Kind A (7), Schule und Kinderarzt')"));
  }

  // The district-wide fixture described in the file comment; times are Europe/Berlin.
  void SetUp() override {
    DbTest::SetUp();
    std::string school = Organisation("Grundschule Am Park", "school", "school");
    std::string clinic = Organisation("Kinderklinik", "health", "secrecy_holder");
    std::string office = Organisation("Jugendamt Lippstadt", "child_youth_welfare", "youth_office");

    m1_ = Member(school, "Amsel", "active", "15.11.2024 10:00");
    m2_ = Member(clinic, "Birke", "active", "31.03.2025 23:30");    // last minutes of Q1
    m3_ = Member(office, "Kranich", "active", "01.04.2025 00:30");  // first minutes of Q2
    m4_ = Member(school, "Dachs", "left", "10.01.2025 09:00", "20.05.2025 12:00");
    Member(clinic, "Eule", "requested", "");
    Member(office, "Fink", "declined", "");
    m7_ = Member(school, "Gans", "active", "01.01.2025 00:00");  // the first instant of 2025

    std::string regional = Group("regional_group", "Regionalgruppe Lippstadt", 4);
    std::string ak = Group("working_group", "AK Frühe Hilfen", 6);
    Group("steering_group", "Steuerungsgruppe Kinderschutz", 2);
    std::string old_ak = Group("working_group", "AK Alt", 4, false);
    Group("working_group", "AK Ruhend", 4, false);

    std::string e1 = Event("training", "31.03.2025 23:30", "local", "held");
    std::string e2 = Event("talk", "01.04.2025 00:30", "public", "held");
    std::string e3 = Event("network_meeting", "12.02.2025 13:30", "local", "held", regional);
    Event("working_group_meeting", "05.05.2025 09:00", "local", "held", ak);
    std::string e5 = Event("working_group_meeting", "10.06.2025 09:00", "local", "cancelled", ak);
    std::string e6 = Event("training", "20.06.2025 09:00", "district", "planned");
    std::string e7 = Event("conference_day", "15.03.2025 09:00", "district", "held");
    // A district event of another office, held here as a copy: never counted by this office.
    std::string e8 = Event("conference_day", "10.03.2025 09:00", "district", "held", "", "soest");
    Event("working_group_meeting", "01.02.2025 09:00", "local", "held", old_ak);

    Registration(e1, m1_, "true");
    Registration(e1, m2_, "true");
    Registration(e1, m4_, "false");
    Registration(e1, m7_, "NULL");
    Registration(e1, m7_, "true", "cancelled");  // a cancelled registration never counts
    Registration(e7, m1_, "true");
    Registration(e7, m7_, "true");
    Registration(e3, m2_, "true");
    Registration(e2, m3_, "true");
    Registration(e2, m1_, "true");
    Registration(e5, m2_, "true");  // the event was cancelled
    Registration(e6, m1_, "NULL");  // planned
    Registration(e8, m1_, "true");  // another office's event

    CaseConference("Lippstadt", "2025-03-31");
    CaseConference("Lippstadt", "2025-04-01");
    CaseConference("Erwitte", "2025-02-10");
    CaseConference("Erwitte", "2025-12-31");
  }

  StatisticsFigures Compute(int year, int quarter) {
    auto r = db().TransactValue<StatisticsFigures>([&](Tx& tx) {
      return repo_->Compute(tx, "lippstadt", {year, quarter});
    });
    EXPECT_TRUE(r.ok()) << r.status();
    return r.value_or(StatisticsFigures{});
  }

  std::unique_ptr<StatisticsRepository> repo_ = NewStatisticsRepository();
  std::string m1_, m2_, m3_, m4_, m7_;
};

using SectorCounts = std::map<Sector, int64_t>;
using CategoryCounts = std::map<ActorCategory, int64_t>;

TEST_F(StatisticsRepositoryTest, MembersOfTheFirstQuarter) {
  StatisticsFigures q1 = Compute(2025, 1);
  // Amsel (2024), Birke (31.03. 23:30), Dachs (left in May), Gans (01.01. 00:00).
  EXPECT_EQ(q1.members_active, 4);
  EXPECT_EQ(q1.members_active_by_sector,
            (SectorCounts{{Sector::kHealth, 1}, {Sector::kSchool, 3}}));
  EXPECT_EQ(q1.members_active_by_category,
            (CategoryCounts{{ActorCategory::kSecrecyHolder, 1}, {ActorCategory::kSchool, 3}}));
  EXPECT_EQ(q1.members_joined, 3);
  EXPECT_EQ(q1.members_left, 0);
}

TEST_F(StatisticsRepositoryTest, MembersOfTheSecondQuarter) {
  StatisticsFigures q2 = Compute(2025, 2);
  // Kranich joined at 01.04. 00:30; Dachs left in May.
  EXPECT_EQ(q2.members_active, 4);
  EXPECT_EQ(
      q2.members_active_by_sector,
      (SectorCounts{{Sector::kChildYouthWelfare, 1}, {Sector::kHealth, 1}, {Sector::kSchool, 2}}));
  EXPECT_EQ(q2.members_active_by_category, (CategoryCounts{{ActorCategory::kYouthOffice, 1},
                                                           {ActorCategory::kSecrecyHolder, 1},
                                                           {ActorCategory::kSchool, 2}}));
  EXPECT_EQ(q2.members_joined, 1);
  EXPECT_EQ(q2.members_left, 1);
}

TEST_F(StatisticsRepositoryTest, MembersOfWholeYears) {
  StatisticsFigures y2025 = Compute(2025, 0);
  EXPECT_EQ(y2025.members_active, 4);
  EXPECT_EQ(y2025.members_joined, 4);
  EXPECT_EQ(y2025.members_left, 1);
  // Gans joined at the first instant of 2025: not yet a member at the end of 2024.
  StatisticsFigures y2024 = Compute(2024, 0);
  EXPECT_EQ(y2024.members_active, 1);
  EXPECT_EQ(y2024.members_joined, 1);
  EXPECT_EQ(y2024.members_active_by_sector, (SectorCounts{{Sector::kSchool, 1}}));
}

TEST_F(StatisticsRepositoryTest, EventsOfTheFirstQuarterByKindScopeAndState) {
  StatisticsFigures q1 = Compute(2025, 1);
  EXPECT_EQ(q1.events.held, 4);  // training 31.03. 23:30, network, conference day, AK Alt
  EXPECT_EQ(q1.events.planned, 0);
  EXPECT_EQ(q1.events.cancelled, 0);
  ASSERT_EQ(q1.events_by_kind.size(), 4u);
  EXPECT_EQ(q1.events_by_kind[EventKind::kTraining].held, 1);
  EXPECT_EQ(q1.events_by_kind[EventKind::kNetworkMeeting].held, 1);
  EXPECT_EQ(q1.events_by_kind[EventKind::kWorkingGroupMeeting].held, 1);
  EXPECT_EQ(q1.events_by_kind[EventKind::kConferenceDay].held, 1);  // not Soest's copy
  ASSERT_EQ(q1.events_by_scope.size(), 2u);
  EXPECT_EQ(q1.events_by_scope[EventScope::kLocal].held, 3);
  EXPECT_EQ(q1.events_by_scope[EventScope::kDistrict].held, 1);
  EXPECT_EQ(q1.district_events_held, 1);
  // Training: Amsel and Birke attended; Dachs did not, Gans not recorded, Gans' cancelled
  // registration does not count. Conference day: 2. Network meeting: 1.
  EXPECT_EQ(q1.participants, 5);
  EXPECT_EQ(q1.trainings_held, 1);
  EXPECT_EQ(q1.training_participants, 2);
  EXPECT_EQ(q1.training_participants_by_sector,
            (SectorCounts{{Sector::kHealth, 1}, {Sector::kSchool, 1}}));
}

TEST_F(StatisticsRepositoryTest, EventsOfTheSecondQuarterByKindScopeAndState) {
  StatisticsFigures q2 = Compute(2025, 2);
  EXPECT_EQ(q2.events.held, 2);  // talk 01.04. 00:30, AK meeting in May
  EXPECT_EQ(q2.events.planned, 1);
  EXPECT_EQ(q2.events.cancelled, 1);
  EXPECT_EQ(q2.events_by_kind[EventKind::kTalk].held, 1);
  EXPECT_EQ(q2.events_by_kind[EventKind::kWorkingGroupMeeting].held, 1);
  EXPECT_EQ(q2.events_by_kind[EventKind::kWorkingGroupMeeting].cancelled, 1);
  EXPECT_EQ(q2.events_by_kind[EventKind::kTraining].planned, 1);
  EXPECT_EQ(q2.events_by_scope[EventScope::kLocal].held, 1);
  EXPECT_EQ(q2.events_by_scope[EventScope::kLocal].cancelled, 1);
  EXPECT_EQ(q2.events_by_scope[EventScope::kDistrict].planned, 1);
  EXPECT_EQ(q2.events_by_scope[EventScope::kPublic].held, 1);
  EXPECT_EQ(q2.district_events_held, 1);  // the public talk
  EXPECT_EQ(q2.participants, 2);          // not the cancelled meeting
  EXPECT_EQ(q2.trainings_held, 0);
  EXPECT_EQ(q2.training_participants, 0);
  EXPECT_TRUE(q2.training_participants_by_sector.empty());
}

TEST_F(StatisticsRepositoryTest, EventsOfTheWholeYear) {
  StatisticsFigures year = Compute(2025, 0);
  EXPECT_EQ(year.events.held, 6);
  EXPECT_EQ(year.events.planned, 1);
  EXPECT_EQ(year.events.cancelled, 1);
  EXPECT_EQ(year.district_events_held, 2);
  EXPECT_EQ(year.participants, 7);
  EXPECT_EQ(year.trainings_held, 1);
  EXPECT_EQ(year.training_participants, 2);
  EXPECT_EQ(year.cross_office_registrations, 0);
}

TEST_F(StatisticsRepositoryTest, RegistrationsForOtherOfficesEventsAndTheirParticipantsCount) {
  // Soest's district event in May 2025: m1 has a seat, m3 waits, m7's request is pending.
  std::string soest_event = "7a0e4c1c-5d3b-4f6a-9b2e-0c1d2e3f4a5b";
  Sql(absl::StrCat("INSERT INTO district_events (id, organiser_office, version, kind, title, "
                   "start_time, end_time, scope, state) VALUES ('",
                   soest_event, "', 'soest', 1, 'conference_day', 'Fachtag', sn_ts(",
                   Us("06.05.2025 09:00"), "), sn_ts(", Us("06.05.2025 16:00"),
                   "), 'district', 'planned')"));
  for (auto [member, state] : std::vector<std::pair<std::string, std::string>>{
           {m1_, "registered"}, {m3_, "waitlisted"}, {m7_, "pending"}}) {
    Sql(absl::StrCat("INSERT INTO registrations (district_event_id, member_id, state) VALUES ('",
                     soest_event, "', '", member, "', '", state, "')"));
  }
  // A participant from Warstein attended the own conference day e7 (15.03.2025).
  Sql(absl::StrCat("INSERT INTO registrations (event_id, origin_office, remote_registration_id, "
                   "person_name, person_organisation, person_sector, state, attended) "
                   "SELECT id, 'warstein', gen_random_uuid(), 'Gast', 'Kita Warstein', "
                   "'child_youth_welfare', 'registered', true FROM events "
                   "WHERE kind = 'conference_day' AND organiser_office = 'lippstadt'"));
  StatisticsFigures year = Compute(2025, 0);
  EXPECT_EQ(year.cross_office_registrations, 1);
  EXPECT_EQ(year.participants, 8);  // 7 members and the guest from Warstein
  EXPECT_EQ(Compute(2025, 1).cross_office_registrations, 0);
  EXPECT_EQ(Compute(2025, 2).cross_office_registrations, 1);
}

TEST_F(StatisticsRepositoryTest, CaseConferencesPerMunicipalityByLocalDate) {
  StatisticsFigures q1 = Compute(2025, 1);
  EXPECT_EQ(q1.case_conferences, 2);
  EXPECT_EQ(q1.case_conferences_by_municipality,
            (std::map<std::string, int64_t>{{"Erwitte", 1}, {"Lippstadt", 1}}));
  StatisticsFigures q2 = Compute(2025, 2);
  EXPECT_EQ(q2.case_conferences_by_municipality,
            (std::map<std::string, int64_t>{{"Lippstadt", 1}}));
  StatisticsFigures q4 = Compute(2025, 4);
  EXPECT_EQ(q4.case_conferences_by_municipality, (std::map<std::string, int64_t>{{"Erwitte", 1}}));
  StatisticsFigures year = Compute(2025, 0);
  EXPECT_EQ(year.case_conferences, 4);
  EXPECT_EQ(year.case_conferences_by_municipality,
            (std::map<std::string, int64_t>{{"Erwitte", 2}, {"Lippstadt", 2}}));
}

std::string Describe(const domain::GroupMeetingFigures& g) {
  return absl::StrCat(std::string(domain::GroupKindSlug(g.kind)), " ", g.name, " ", g.held, "/",
                      g.meetings_per_year, " planned ", g.planned);
}

TEST_F(StatisticsRepositoryTest, GroupMeetingsAgainstCadence) {
  std::vector<std::string> q1;
  for (const auto& g : Compute(2025, 1).group_meetings) q1.push_back(Describe(g));
  // The inactive AK Alt met in Q1 and is listed; the inactive AK Ruhend did not and is not.
  EXPECT_EQ(q1,
            (std::vector<std::string>{"regional_group Regionalgruppe Lippstadt 1/4 planned 0",
                                      "steering_group Steuerungsgruppe Kinderschutz 0/2 planned 0",
                                      "working_group AK Alt 1/4 planned 0",
                                      "working_group AK Frühe Hilfen 0/6 planned 0"}));
  std::vector<std::string> q2;
  for (const auto& g : Compute(2025, 2).group_meetings) q2.push_back(Describe(g));
  EXPECT_EQ(q2,
            (std::vector<std::string>{"regional_group Regionalgruppe Lippstadt 0/4 planned 0",
                                      "steering_group Steuerungsgruppe Kinderschutz 0/2 planned 0",
                                      "working_group AK Frühe Hilfen 1/6 planned 0"}));
}

TEST_F(StatisticsRepositoryTest, EmptyPeriodHasOnlyZerosAndTheActiveGroups) {
  StatisticsFigures f = Compute(2030, 3);
  // Members who joined earlier and have not left are still members in 2030.
  EXPECT_EQ(f.members_active, 4);
  EXPECT_EQ(f.members_joined, 0);
  EXPECT_EQ(f.events.total(), 0);
  EXPECT_TRUE(f.events_by_kind.empty());
  EXPECT_EQ(f.participants, 0);
  EXPECT_EQ(f.case_conferences, 0);
  EXPECT_EQ(f.group_meetings.size(), 3u);
}

TEST_F(StatisticsRepositoryTest, SentSnapshotIsRecordedPerPeriod) {
  auto get = [&](int year, int quarter) {
    auto r = db().TransactValue<std::optional<SentSnapshot>>([&](Tx& tx) {
      return repo_->GetSent(tx, {year, quarter});
    });
    EXPECT_TRUE(r.ok()) << r.status();
    return r.value_or(std::nullopt);
  };
  EXPECT_FALSE(get(2025, 2).has_value());
  std::string hash_a(64, 'a'), hash_b(64, 'b');
  ASSERT_TRUE(db().Transact([&](Tx& tx) { return repo_->PutSent(tx, {2025, 2}, hash_a, 7); }).ok());
  ASSERT_TRUE(db().Transact([&](Tx& tx) { return repo_->PutSent(tx, {2025, 2}, hash_b, 9); }).ok());
  std::optional<SentSnapshot> sent = get(2025, 2);
  ASSERT_TRUE(sent.has_value());
  EXPECT_EQ(sent->content_hash, hash_b);
  EXPECT_EQ(sent->version, 9);
  EXPECT_FALSE(get(2025, 0).has_value());
}

}  // namespace
}  // namespace schutznetz::storage
