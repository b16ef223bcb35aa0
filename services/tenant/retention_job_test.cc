// The retention job on a real database, with the services' clock set by the test: the boundaries
// of both rules, statistics unchanged by erasure, a second run that finds nothing, disabled rules,
// and the record of each run (counts only).
#include "services/tenant/retention_job.h"

#include <gtest/gtest.h>

#include "libs/api/statistics_convert.h"
#include "libs/common/time.h"
#include "libs/domain/retention.h"
#include "libs/rpc/proto_util.h"
#include "libs/storage/statistics_repository.h"
#include "libs/storage/tx.h"
#include "services/tenant/tenant_fixture.h"

namespace schutznetz::tenant {
namespace {

using domain::RetentionRule;
using domain::RetentionRun;

class RetentionJobTest : public CrossOfficeTest {
 protected:
  // The time of the run: 15.01.2025 13:00 local (winter time).
  const absl::Time run_time_ = ParseLocalDateTime("15.01.2025 13:00", "t").value();

  std::unique_ptr<RetentionJob> Job(int days, int months) {
    return std::make_unique<RetentionJob>(db(), *consent_book_, domain::RetentionPolicy{days, months},
                                          RetentionSchedule{absl::Hours(1), absl::Hours(24)},
                                          [this] { return now_; });
  }

  std::vector<RetentionRun> Run(RetentionJob& job) {
    now_ = run_time_;
    absl::StatusOr<std::vector<RetentionRun>> runs = job.RunOnce();
    EXPECT_TRUE(runs.ok()) << runs.status();
    return runs.ok() ? *runs : std::vector<RetentionRun>{};
  }

  // A shared own event that ends at `end` (two hours long), created while open for registration.
  v1::Event SharedEndingAt(absl::Time end) {
    now_ = end - absl::Hours(24 * 7);
    v1::Event e = EventAt("03.04.2025 09:00");
    e.set_scope(v1::EVENT_SCOPE_DISTRICT);
    e.set_title("Fachtag Kinderschutz");
    rpc::ToProto(end - absl::Hours(2), e.mutable_start_time());
    rpc::ToProto(end, e.mutable_end_time());
    return CreateEvent(e);
  }

  // Marks the event held and records every registration as attended (at its end).
  void HoldWithAttendance(const v1::Event& e) {
    now_ = rpc::FromProto(e.end_time());
    v1::MarkEventHeldRequest held;
    held.set_id(e.id());
    v1::MarkEventHeldResponse held_resp;
    grpc::ClientContext c1;
    ASSERT_TRUE(events_->MarkEventHeld(&c1, held, &held_resp).ok());
    v1::RecordAttendanceRequest req;
    req.set_event_id(e.id());
    for (const v1::Registration& r : List(e.id())) {
      v1::AttendanceEntry* entry = req.add_entries();
      entry->set_registration_id(r.id());
      entry->set_attended(true);
    }
    v1::RecordAttendanceResponse resp;
    grpc::ClientContext c2;
    grpc::Status s = registrations_->RecordAttendance(&c2, req, &resp);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  // An ACTIVE member since 01.01.2020.
  v1::Member Member(const std::string& last) {
    v1::CreateMemberRequest req;
    req.mutable_member()->set_organisation_id(CreateOrganisation("Beratungsstelle " + last));
    req.mutable_member()->set_first_name("Jonas");
    req.mutable_member()->set_last_name(last);
    req.mutable_member()->set_role("Schulsozialarbeiter");
    req.mutable_member()->set_email(last + "@beratung.example");
    req.mutable_member()->set_phone("02941 12345");
    req.mutable_member()->set_consent_internal_directory(true);
    req.set_approve(true);
    req.set_allow_duplicate(true);
    rpc::ToProto(ParseLocalDateTime("01.01.2020 00:00", "t").value(), req.mutable_member_since());
    v1::CreateMemberResponse resp;
    grpc::ClientContext ctx;
    grpc::Status s = members_->CreateMember(&ctx, req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp.member();
  }

  // Ends the membership of `id` at `when`.
  void EndAt(const std::string& id, absl::Time when) {
    now_ = when;
    v1::EndMembershipRequest req;
    req.set_id(id);
    v1::EndMembershipResponse resp;
    grpc::ClientContext ctx;
    grpc::Status s = members_->EndMembership(&ctx, req, &resp);
    ASSERT_TRUE(s.ok()) << s.error_message();
    EXPECT_EQ(rpc::FromProto(resp.member().leave_time()), when);
  }

  v1::Member Get(const std::string& id) {
    v1::GetMemberRequest req;
    req.set_id(id);
    v1::GetMemberResponse resp;
    grpc::ClientContext ctx;
    EXPECT_TRUE(members_->GetMember(&ctx, req, &resp).ok());
    return resp.member();
  }

  // The content hashes of the office's statistics of 2019–2025, every year and quarter.
  std::vector<std::string> Statistics() {
    std::unique_ptr<storage::StatisticsRepository> repo = storage::NewStatisticsRepository();
    std::vector<std::string> out;
    EXPECT_TRUE(db().Transact([&](storage::Tx& tx) -> absl::Status {
                      for (int year = 2019; year <= 2025; ++year) {
                        for (int quarter = 0; quarter <= 4; ++quarter) {
                          domain::StatisticsPeriod period{year, quarter};
                          absl::StatusOr<domain::StatisticsFigures> f =
                              repo->Compute(tx, "lippstadt", period);
                          if (!f.ok()) return f.status();
                          v1::StatisticsSnapshot snapshot;
                          api::StatisticsToProto("lippstadt", period, *f, run_time_, &snapshot);
                          out.push_back(api::SnapshotContentHash(snapshot));
                        }
                      }
                      return absl::OkStatus();
                    })
                    .ok());
    return out;
  }

  static const RetentionRun& RunOf(const std::vector<RetentionRun>& runs, RetentionRule rule) {
    for (const RetentionRun& r : runs) {
      if (r.rule == rule) return r;
    }
    static const RetentionRun none;
    ADD_FAILURE() << "no run of rule " << domain::RetentionRuleSlug(rule);
    return none;
  }
};

TEST_F(RetentionJobTest, ParticipantsFromOtherOfficesAreErasedNDaysAfterTheEventEnded) {
  const absl::Time cutoff = domain::DaysBefore(run_time_, 90);
  // Ended 90 days minus a minute ago: kept. Ended 90 days plus a minute ago: erased.
  v1::Event recent = SharedEndingAt(cutoff + absl::Minutes(1));
  Request(recent.id(), "soest", "Nachbar, Nora");
  v1::Event old = SharedEndingAt(cutoff - absl::Minutes(1));
  Request(old.id(), "soest", "Beispiel, Berta");
  Request(old.id(), "warstein", "Muster, Max");
  // A member of this office at the old event stays as it is: only other offices' participants.
  v1::Registration own;
  now_ = cutoff - absl::Hours(24 * 3);
  ASSERT_TRUE(Register(old.id(), CreateActiveMember("Olga", "Eigen"), &own).ok());

  std::unique_ptr<RetentionJob> job = Job(90, 24);
  std::vector<RetentionRun> runs = Run(*job);
  const RetentionRun& erased = RunOf(runs, RetentionRule::kExternalRegistrations);
  EXPECT_EQ(erased.rows_affected, 2);
  EXPECT_EQ(erased.setting, 90);
  EXPECT_EQ(erased.cutoff, cutoff);
  EXPECT_EQ(erased.actor, "system:retention");

  for (const v1::Registration& r : List(old.id())) {
    if (r.origin_office().empty()) {
      EXPECT_EQ(r.member_name(), "Eigen, Olga");
      EXPECT_FALSE(r.has_erase_time());
      continue;
    }
    EXPECT_EQ(r.member_name(), "(gelöscht)") << r.origin_office();
    EXPECT_EQ(r.organisation_name(), "");
    EXPECT_EQ(rpc::FromProto(r.erase_time()), run_time_);
    EXPECT_EQ(r.state(), v1::REGISTRATION_STATE_REGISTERED);
  }
  std::vector<v1::Registration> kept = List(recent.id());
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0].member_name(), "Nachbar, Nora");
  EXPECT_EQ(kept[0].organisation_name(), "Kita Sonnenschein");
  EXPECT_FALSE(kept[0].has_erase_time());
  // Nothing of the erased persons is left in the table; the sector they shared stays.
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM registrations WHERE person_name LIKE '%Beispiel%' "
                        "OR person_name LIKE '%Muster%' OR person_organisation <> '' "
                        "AND erased_at IS NOT NULL"),
            "0");
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM registrations WHERE erased_at IS NOT NULL "
                        "AND person_sector = 'child_youth_welfare'"),
            "2");
}

TEST_F(RetentionJobTest, ErasureLeavesTheStatisticsAsTheyWere) {
  const absl::Time cutoff = domain::DaysBefore(run_time_, 90);
  v1::Event old = SharedEndingAt(cutoff - absl::Hours(24 * 10));
  Request(old.id(), "soest", "Beispiel, Berta");
  Request(old.id(), "warstein", "Muster, Max");
  ASSERT_TRUE(Register(old.id(), CreateActiveMember("Olga", "Eigen")).ok());
  HoldWithAttendance(old);
  v1::Member left = Member("Gegangen");
  EndAt(left.id(), domain::MonthsBefore(run_time_, 24) - absl::Hours(24 * 40));
  std::vector<std::string> before = Statistics();

  std::unique_ptr<RetentionJob> job = Job(90, 24);
  std::vector<RetentionRun> runs = Run(*job);
  EXPECT_EQ(RunOf(runs, RetentionRule::kExternalRegistrations).rows_affected, 2);
  EXPECT_EQ(RunOf(runs, RetentionRule::kLeftMembers).rows_affected, 1);

  EXPECT_EQ(Statistics(), before);
  // The figures are not trivially empty: three participants of a held training (two from other
  // offices, by the sector they shared) in 2024, a member who left in 2022.
  std::unique_ptr<storage::StatisticsRepository> repo = storage::NewStatisticsRepository();
  ASSERT_TRUE(db().Transact([&](storage::Tx& tx) -> absl::Status {
                    absl::StatusOr<domain::StatisticsFigures> y2024 =
                        repo->Compute(tx, "lippstadt", {2024, 0});
                    if (!y2024.ok()) return y2024.status();
                    EXPECT_EQ(y2024->participants, 3);
                    EXPECT_EQ(
                        y2024->training_participants_by_sector[domain::Sector::kChildYouthWelfare],
                        2);
                    absl::StatusOr<domain::StatisticsFigures> y2022 =
                        repo->Compute(tx, "lippstadt", {2022, 0});
                    if (!y2022.ok()) return y2022.status();
                    EXPECT_EQ(y2022->members_left, 1);
                    return absl::OkStatus();
                  })
                  .ok());
}

TEST_F(RetentionJobTest, MembersAreAnonymisedMMonthsAfterLeavingOrTheDecline) {
  const absl::Time cutoff = domain::MonthsBefore(run_time_, 24);
  v1::Member due = Member("Langweg");
  EndAt(due.id(), cutoff - absl::Hours(24));  // left 24 months plus a day ago
  v1::Member kept = Member("Kurzweg");
  EndAt(kept.id(), cutoff + absl::Hours(24));  // left 24 months minus a day ago
  v1::Member active = Member("Aktiv");

  // A request declined 24 months and a day ago: the decline counts like leaving.
  now_ = cutoff - absl::Hours(24);
  v1::CreateMemberRequest request;
  request.mutable_member()->set_organisation_id(CreateOrganisation("Praxis Abgelehnt"));
  request.mutable_member()->set_first_name("Dora");
  request.mutable_member()->set_last_name("Abgelehnt");
  v1::CreateMemberResponse requested;
  grpc::ClientContext c1;
  ASSERT_TRUE(members_->CreateMember(&c1, request, &requested).ok());
  v1::DeclineMembershipRequest decline;
  decline.set_id(requested.member().id());
  decline.set_reason("Nicht im Zuständigkeitsbereich");
  v1::DeclineMembershipResponse declined;
  grpc::ClientContext c2;
  ASSERT_TRUE(members_->DeclineMembership(&c2, decline, &declined).ok());
  EXPECT_EQ(rpc::FromProto(declined.member().leave_time()), cutoff - absl::Hours(24));

  std::unique_ptr<RetentionJob> job = Job(90, 24);
  std::vector<RetentionRun> runs = Run(*job);
  const RetentionRun& anonymised = RunOf(runs, RetentionRule::kLeftMembers);
  EXPECT_EQ(anonymised.rows_affected, 2);
  EXPECT_EQ(anonymised.cutoff, cutoff);

  // Exactly what AnonymiseMember leaves: no personal field, no consent; state and dates stay.
  v1::Member gone = Get(due.id());
  EXPECT_TRUE(gone.anonymised());
  EXPECT_EQ(gone.first_name() + gone.last_name() + gone.role() + gone.email() + gone.phone() +
                gone.decision_reason(),
            "");
  EXPECT_FALSE(gone.consent_internal_directory());
  EXPECT_EQ(gone.state(), v1::MEMBERSHIP_STATE_LEFT);
  EXPECT_EQ(rpc::FromProto(gone.leave_time()), cutoff - absl::Hours(24));
  EXPECT_EQ(gone.organisation_id(), due.organisation_id());
  EXPECT_TRUE(Get(requested.member().id()).anonymised());
  EXPECT_FALSE(Get(kept.id()).anonymised());
  EXPECT_EQ(Get(kept.id()).last_name(), "Kurzweg");
  EXPECT_FALSE(Get(active.id()).anonymised());

  // Each anonymisation is audited like the RPC's, with the job as actor.
  EXPECT_EQ(QueryScalar("SELECT string_agg(actor || ' ' || method || ' ' || detail, ',') FROM "
                        "audit_log WHERE resource_type = 'member' AND action = 'anonymise' AND "
                        "resource_id = '" +
                        due.id() + "'"),
            "system:retention RetentionJob/Run retention left_members_months=24");
}

TEST_F(RetentionJobTest, ASecondRunChangesNothing) {
  const absl::Time cutoff = domain::DaysBefore(run_time_, 90);
  v1::Event old = SharedEndingAt(cutoff - absl::Hours(1));
  Request(old.id(), "soest", "Beispiel, Berta");
  v1::Member left = Member("Gegangen");
  EndAt(left.id(), domain::MonthsBefore(run_time_, 24) - absl::Hours(1));
  std::unique_ptr<RetentionJob> job = Job(90, 24);
  std::vector<RetentionRun> first = Run(*job);
  EXPECT_EQ(RunOf(first, RetentionRule::kExternalRegistrations).rows_affected, 1);
  EXPECT_EQ(RunOf(first, RetentionRule::kLeftMembers).rows_affected, 1);
  std::string registrations =
      QueryScalar("SELECT string_agg(r::text, ',' ORDER BY id) FROM registrations r");
  std::string members = QueryScalar("SELECT string_agg(m::text, ',' ORDER BY id) FROM members m");

  std::vector<RetentionRun> second = Run(*job);
  EXPECT_EQ(RunOf(second, RetentionRule::kExternalRegistrations).rows_affected, 0);
  EXPECT_EQ(RunOf(second, RetentionRule::kLeftMembers).rows_affected, 0);
  EXPECT_EQ(QueryScalar("SELECT string_agg(r::text, ',' ORDER BY id) FROM registrations r"),
            registrations);
  EXPECT_EQ(QueryScalar("SELECT string_agg(m::text, ',' ORDER BY id) FROM members m"), members);
  EXPECT_NE(first[0].run_id, second[0].run_id);
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM retention_runs"), "4");
}

TEST_F(RetentionJobTest, ARuleSetToZeroIsDisabled) {
  const absl::Time cutoff = domain::DaysBefore(run_time_, 90);
  v1::Event old = SharedEndingAt(cutoff - absl::Hours(24 * 400));
  Request(old.id(), "soest", "Beispiel, Berta");
  v1::Member left = Member("Gegangen");
  EndAt(left.id(), domain::MonthsBefore(run_time_, 24 * 5));

  std::unique_ptr<RetentionJob> off = Job(0, 0);
  std::vector<RetentionRun> runs = Run(*off);
  ASSERT_EQ(runs.size(), 2u);
  for (const RetentionRun& r : runs) {
    EXPECT_EQ(r.setting, 0);
    EXPECT_FALSE(r.cutoff.has_value());
    EXPECT_EQ(r.rows_affected, 0);
  }
  EXPECT_EQ(List(old.id())[0].member_name(), "Beispiel, Berta");
  EXPECT_FALSE(Get(left.id()).anonymised());

  // One rule on, the other off.
  std::unique_ptr<RetentionJob> members_only = Job(0, 24);
  runs = Run(*members_only);
  EXPECT_EQ(RunOf(runs, RetentionRule::kExternalRegistrations).rows_affected, 0);
  EXPECT_EQ(RunOf(runs, RetentionRule::kLeftMembers).rows_affected, 1);
  EXPECT_EQ(List(old.id())[0].member_name(), "Beispiel, Berta");
  EXPECT_TRUE(Get(left.id()).anonymised());
}

TEST_F(RetentionJobTest, EveryRunIsRecordedAndAuditedWithCountsOnly) {
  const absl::Time cutoff = domain::DaysBefore(run_time_, 90);
  v1::Event old = SharedEndingAt(cutoff - absl::Hours(1));
  Request(old.id(), "soest", "Beispiel, Berta");
  v1::Member left = Member("Gegangen");
  EndAt(left.id(), domain::MonthsBefore(run_time_, 30));
  std::unique_ptr<RetentionJob> job = Job(90, 24);
  std::vector<RetentionRun> runs = Run(*job);
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0].run_id, runs[1].run_id);

  EXPECT_EQ(QueryScalar("SELECT string_agg(rule || ' ' || setting || ' ' || rows_affected || ' ' "
                        "|| actor, ',' ORDER BY id) FROM retention_runs"),
            "external_registrations 90 1 system:retention,left_members 24 1 system:retention");
  EXPECT_EQ(QueryScalar("SELECT string_agg(action || ' ' || resource_id, ',' ORDER BY id) FROM "
                        "audit_log WHERE resource_type = 'retention_run'"),
            "external_registrations " + runs[0].run_id + ",left_members " + runs[0].run_id);
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM audit_log WHERE resource_type = 'retention_run' "
                        "AND actor = 'system:retention' AND detail LIKE '%rows=1'"),
            "2");
  // No name, organisation or contact data in the records.
  for (const char* table : {"retention_runs", "audit_log"}) {
    EXPECT_EQ(QueryScalar(std::string("SELECT count(*) FROM ") + table +
                          " t WHERE t::text ~ '(Beispiel|Gegangen|Jonas|Berta|Beratungsstelle|"
                          "Sonnenschein|beratung.example)'"),
              "0")
        << table;
  }
}

TEST_F(RetentionJobTest, TheScheduledJobRunsAfterItsDelayAndStopsPromptly) {
  v1::Member left = Member("Gegangen");
  EndAt(left.id(), domain::MonthsBefore(run_time_, 30));
  now_ = run_time_;
  RetentionJob job(db(), *consent_book_, {90, 24}, {absl::ZeroDuration(), absl::Hours(24)},
                   [this] { return run_time_; });
  job.Start();
  absl::Time deadline = absl::Now() + absl::Seconds(20);
  while (QueryScalar("SELECT count(*) FROM retention_runs") != "2" && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(20));
  }
  absl::Time stop = absl::Now();
  job.Stop();
  EXPECT_LT(absl::Now() - stop, absl::Seconds(5));
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM retention_runs"), "2");
  EXPECT_TRUE(Get(left.id()).anonymised());

  // A job whose first run is an hour away stops at once and has done nothing.
  RetentionJob later(db(), *consent_book_, {90, 24}, {absl::Hours(1), absl::Hours(24)});
  later.Start();
  absl::Time start = absl::Now();
  later.Stop();
  EXPECT_LT(absl::Now() - start, absl::Seconds(5));
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM retention_runs"), "2");
}

}  // namespace
}  // namespace schutznetz::tenant
