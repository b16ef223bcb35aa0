// The federation with real processes and real PostgreSQL (DESIGN.md §4, §4.2): the aggregator and
// the four Kreis Soest offices as separate processes, each with its own database. Bursts of
// district changes in every office at once converge to one district state; killing the aggregator
// mid-batch, killing an office while it applies, and an office hanging offline while the others
// make hundreds of changes end in the state without the fault — nothing lost, nothing twice; an
// agreement goes through rejection, an offline office and supersession.
//
// Duplicated and reordered batches are covered in-process by tests/sync/chaos_test.cc.
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "libs/common/sha256.h"
#include "tests/e2e/federation_support.h"
#include "tests/e2e/federation_workload.h"

namespace schutznetz::testing {
namespace {

constexpr char kKreis[] = "kreis-soest";
constexpr char kLippstadt[] = "lippstadt";
constexpr char kSoest[] = "soest";
constexpr char kWarstein[] = "warstein";

const v1::AgreementVersion* Version(const v1::Agreement& a, int number) {
  for (const v1::AgreementVersion& v : a.versions()) {
    if (v.number() == number) return &v;
  }
  return nullptr;
}

v1::AgreementVersionState StateOf(const v1::Agreement& a, int number) {
  const v1::AgreementVersion* v = Version(a, number);
  return v == nullptr ? v1::AGREEMENT_VERSION_STATE_UNSPECIFIED : v->state();
}

v1::OfficeStanding StandingOf(const v1::Agreement& a, int number, const std::string& office) {
  const v1::AgreementVersion* v = Version(a, number);
  if (v == nullptr) return v1::OFFICE_STANDING_UNSPECIFIED;
  for (const v1::OfficeRatification& r : v->offices()) {
    if (r.office_id() == office) return r.standing();
  }
  return v1::OFFICE_STANDING_UNSPECIFIED;
}

class FederationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    district_ = FederationDistrict::Start();
    ASSERT_NE(district_, nullptr);
  }

  FederationDistrict& d() { return *district_; }

  // District coordination's copy of agreement `id`.
  v1::Agreement AtAggregator(const std::string& id) {
    v1::GetAgreementRequest req;
    req.set_id(id);
    v1::GetAgreementResponse resp;
    grpc::Status s = d().coordination().GetAgreement(CallContext().get(), req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp.agreement();
  }

  // The copy of agreement `id` in `office` (empty until it arrived).
  v1::Agreement InOffice(const std::string& office, const std::string& id) {
    v1::GetOfficeAgreementRequest req;
    req.set_id(id);
    v1::GetOfficeAgreementResponse resp;
    (void)d().office(office).agreements->GetAgreement(CallContext().get(), req, &resp);
    return resp.agreement();
  }

  // Waits until `office` ("aggregator" or an office) holds agreement `id` such that `done`.
  void AwaitAgreement(const std::string& where, const std::string& id,
                      const std::function<bool(const v1::Agreement&)>& done,
                      const std::string& what) {
    v1::Agreement a;
    EXPECT_TRUE(Eventually([&] {
      a = where == kAggregatorId ? AtAggregator(id) : InOffice(where, id);
      return done(a);
    })) << where
        << ": " << what << "\n"
        << a.DebugString();
  }

  v1::Agreement CreateAgreement(const std::string& text) {
    v1::CreateAgreementRequest req;
    req.set_kind(v1::AGREEMENT_KIND_RULES_OF_PROCEDURE);
    req.set_title("Geschäftsordnung des Netzwerks Kinderschutz");
    req.set_text(text);
    v1::CreateAgreementResponse resp;
    grpc::Status s = d().coordination().CreateAgreement(CallContext().get(), req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp.agreement();
  }

  void Open(const std::string& id, int version) {
    v1::OpenForRatificationRequest req;
    req.set_agreement_id(id);
    req.set_version_number(version);
    v1::OpenForRatificationResponse resp;
    grpc::Status s = d().coordination().OpenForRatification(CallContext().get(), req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
  }

  grpc::Status Decide(const std::string& office, const std::string& id, int version,
                      const std::string& text, bool ratify) {
    v1::DecideAgreementRequest req;
    req.set_agreement_id(id);
    req.set_version_number(version);
    req.set_text_sha256(Sha256Hex(text));
    req.set_comment(ratify ? "Beschluss vom 12.03." : "§ 3 ist unklar");
    v1::DecideAgreementResponse resp;
    OfficeClient& o = d().office(office);
    return ratify ? o.agreements->RatifyAgreement(CallContext().get(), req, &resp)
                  : o.agreements->RejectAgreement(CallContext().get(), req, &resp);
  }

  int64_t PendingPush(const std::string& office) {
    v1::GetSyncStatusResponse status;
    grpc::Status s = d().office(office).sync->GetSyncStatus(CallContext().get(), {}, &status);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return status.push().pending();
  }

  std::unique_ptr<FederationDistrict> district_;
};

TEST_F(FederationTest, BurstInEveryOfficeAtOnceConvergesToOneDistrictState) {
  Workload w(d(), {.seed = 1});
  w.Prepare(d().office_ids());
  absl::Time start = absl::Now();
  w.Start(d().office_ids());
  // Seats are never overbooked, also not while the changes are still travelling.
  int samples = 0;
  while (!w.offices_done()) {
    std::vector<std::string> violations = Violations(ReadDistrictState(d()));
    EXPECT_TRUE(violations.empty()) << absl::StrJoin(violations, "\n");
    ++samples;
  }
  w.Join();
  absl::Duration burst = absl::Now() - start;
  DistrictState state = AwaitConvergence(d(), absl::Seconds(60));
  w.ExpectMatches(state);
  // Every office rejected or ratified, all four ratified in the end: version 1 in force.
  EXPECT_EQ(state.agreements.at(w.agreement_id()).in_force_version(), 1);
  int registrations = 0;
  int waitlisted = 0;
  for (const auto& [id, o] : state.offices) registrations += static_cast<int>(o.outgoing.size());
  for (const auto& [id, e] : state.registry) waitlisted += e.waitlisted;
  EXPECT_GT(registrations, 20);
  std::cout << "burst of " << w.progress() << " operations in " << absl::ToDoubleSeconds(burst)
            << " s, converged after " << absl::ToDoubleSeconds(absl::Now() - start) << " s; "
            << state.registry.size() << " district events, " << registrations
            << " registrations across offices, " << waitlisted << " waitlisted; " << samples
            << " reads during the burst\n";
}

TEST_F(FederationTest, AggregatorKilledMidBatchLosesNothingAndAppliesNothingTwice) {
  Workload w(d(), {.seed = 2, .events = 30, .event_changes = 25, .registrations = 20});
  w.Prepare(d().office_ids());
  int64_t before = d().Count(kAggregatorId, "SELECT count(*) FROM district_events");
  w.Start(d().office_ids());
  // Twice: kill the aggregator while it applies a pushed batch, let the offices go on changing
  // while it is down (their changes wait in the outbox), start it again.
  int caught = 0;
  for (int round = 1; round <= 2; ++round) {
    ASSERT_TRUE(Eventually([&] {
      return d().Count(kAggregatorId, "SELECT count(*) FROM district_events") >=
             before + 20 * round;
    }));
    caught += d().KillWhileWriting(kAggregatorId, "sync_inbox|district_events") ? 1 : 0;
    int progress = w.progress();
    EXPECT_TRUE(Eventually([&] { return w.progress() >= progress + 20 || w.offices_done(); }));
    d().Restart(kAggregatorId);
  }
  w.Join();
  DistrictState state = AwaitConvergence(d(), absl::Seconds(60));
  w.ExpectMatches(state);
  EXPECT_EQ(state.relayed_twice, 0);
  std::cout << caught << " of 2 kills hit a batch being applied\n";
}

TEST_F(FederationTest, OfficeKilledWhileApplyingHundredsOfChangesCatchesUpExactly) {
  const std::vector<std::string> others = {kKreis, kLippstadt, kSoest};
  Workload w(d(), {.seed = 3,
                   .events = 45,
                   .event_changes = 55,
                   .registrations = 15,
                   .cancellations = 3,
                   .proposals = 0});
  w.Prepare(d().office_ids());
  int64_t mirrored = d().Count(kWarstein, "SELECT count(*) FROM district_events");
  w.Start(others);
  // Warstein applies the others' changes as they come; kill it in the middle of that.
  ASSERT_TRUE(Eventually([&] {
    return d().Count(kWarstein, "SELECT count(*) FROM district_events") >= mirrored + 40;
  }));
  bool caught = d().KillWhileWriting(kWarstein, "district_events|sync_inbox");
  int progress = w.progress();
  EXPECT_TRUE(Eventually([&] { return w.progress() >= progress + 60 || w.offices_done(); }));
  d().Restart(kWarstein);
  w.Join();
  DistrictState state = AwaitConvergence(d(), absl::Seconds(60));
  w.ExpectMatches(state);
  EXPECT_GE(state.offices.at(kWarstein).mirror.size(), 3u * 45);
  std::cout << "killed " << (caught ? "while applying a batch" : "between batches") << "\n";
}

TEST_F(FederationTest, OfficeOfflineWhileOthersMakeHundredsOfChangesCatchesUpAndSendsItsOwn) {
  const std::vector<std::string> others = {kKreis, kLippstadt, kSoest};
  Workload w(d(), {.seed = 4,
                   .events = 34,
                   .event_changes = 66,
                   .registrations = 12,
                   .cancellations = 2,
                   .proposals = 0,
                   .agreement = false});
  w.Prepare(d().office_ids());

  // Warstein's own changes while the aggregator is unreachable: they wait in its outbox.
  d().Kill(kAggregatorId);
  std::set<std::string> queued;
  for (int i = 0; i < 3; ++i) queued.insert(w.CreateEventIn(kWarstein));
  std::string request;
  for (const auto& [id, e] : w.events()) {
    if (e.organiser == kKreis && request.empty()) request = w.RegisterIn(kWarstein, id);
  }
  ASSERT_FALSE(request.empty());
  v1::ProposeAgreementRequest propose;
  propose.set_kind(v1::AGREEMENT_KIND_OTHER);
  propose.set_title("Notfallkette Warstein");
  propose.set_text("Erreichbarkeit des Jugendamts außerhalb der Dienstzeiten.\n");
  v1::ProposeAgreementResponse proposed;
  ASSERT_TRUE(d().office(kWarstein)
                  .agreements->ProposeAgreement(CallContext().get(), propose, &proposed)
                  .ok());
  EXPECT_EQ(PendingPush(kWarstein), 5);
  // Warstein hangs (SIGSTOP) with its changes unsent; the aggregator comes back.
  d().Pause(kWarstein);
  d().Restart(kAggregatorId);

  // Meanwhile: hundreds of changes in the other offices, and an agreement they all ratify.
  const std::string text = "Geschäftsordnung: Das Netzwerk tagt dreimal im Jahr.\n";
  v1::Agreement agreement = CreateAgreement(text);
  Open(agreement.id(), 1);
  w.Start(others);
  for (const std::string& office : others) {
    AwaitAgreement(
        office, agreement.id(),
        [](const v1::Agreement& a) {
          return StateOf(a, 1) == v1::AGREEMENT_VERSION_STATE_OPEN_FOR_RATIFICATION;
        },
        "version 1 open");
    grpc::Status s = Decide(office, agreement.id(), 1, text, true);
    EXPECT_TRUE(s.ok()) << office << ": " << s.error_message();
  }
  w.Join();
  // Unanimity: without Warstein the version stays open — at the aggregator and in every office.
  for (const std::string& where : {std::string(kAggregatorId), std::string(kKreis),
                                   std::string(kLippstadt), std::string(kSoest)}) {
    AwaitAgreement(
        where, agreement.id(),
        [&](const v1::Agreement& a) {
          if (Version(a, 1) == nullptr || Version(a, 1)->decisions_size() != 3) {
            return false;
          }
          for (const std::string& o : others) {
            if (StandingOf(a, 1, o) != v1::OFFICE_STANDING_RATIFIED) return false;
          }
          return true;
        },
        "three ratifications recorded");
    v1::Agreement a =
        where == kAggregatorId ? AtAggregator(agreement.id()) : InOffice(where, agreement.id());
    EXPECT_EQ(StateOf(a, 1), v1::AGREEMENT_VERSION_STATE_OPEN_FOR_RATIFICATION) << where;
    EXPECT_EQ(StandingOf(a, 1, kWarstein), v1::OFFICE_STANDING_PENDING) << where;
  }
  EXPECT_EQ(d().Count(kAggregatorId,
                      "SELECT count(*) FROM district_events WHERE "
                      "organiser_office = 'warstein'"),
            3);  // only those of Prepare: the queued ones have not arrived

  // Warstein returns: it catches up, and its queued changes arrive everywhere.
  d().Resume(kWarstein);
  DistrictState state = AwaitConvergence(d(), absl::Seconds(60));
  w.ExpectMatches(state);
  for (const std::string& id : queued) {
    ASSERT_EQ(state.registry.count(id), 1u) << id;
    EXPECT_EQ(state.registry.at(id).organiser, kWarstein);
  }
  EXPECT_GE(state.offices.at(kWarstein).mirror.size(), 3u * 34);
  EXPECT_EQ(state.offices.at(kWarstein).outgoing.count(request), 1u);
  EXPECT_EQ(state.offices.at(kWarstein).answered.count(request), 1u);
  v1::ListProposalsRequest list;
  v1::ListProposalsResponse proposals;
  ASSERT_TRUE(d().coordination().ListProposals(CallContext().get(), list, &proposals).ok());
  ASSERT_EQ(proposals.proposals_size(), 1);
  EXPECT_EQ(proposals.proposals(0).id(), proposed.proposal().id());
  EXPECT_EQ(StateOf(state.agreements.at(agreement.id()), 1),
            v1::AGREEMENT_VERSION_STATE_OPEN_FOR_RATIFICATION);

  // Its ratification completes the unanimity; in force everywhere.
  ASSERT_TRUE(Decide(kWarstein, agreement.id(), 1, text, true).ok());
  AwaitAgreement(
      kAggregatorId, agreement.id(),
      [](const v1::Agreement& a) { return a.in_force_version() == 1; }, "in force");
  state = AwaitConvergence(d(), absl::Seconds(60));
  EXPECT_EQ(StateOf(state.agreements.at(agreement.id()), 1), v1::AGREEMENT_VERSION_STATE_IN_FORCE);
}

TEST_F(FederationTest, AgreementRejectedRatifiedWithAnOfficeOfflineAndSupersededEverywhere) {
  const std::string v1_text = "Geschäftsordnung 2025: Das Netzwerk tagt dreimal im Jahr.\n";
  const std::string v2_text = v1_text + "Die Sprecherin wird für zwei Jahre gewählt.\n";
  v1::Agreement a = CreateAgreement(v1_text);
  Open(a.id(), 1);
  for (const std::string& office : d().office_ids()) {
    AwaitAgreement(
        office, a.id(),
        [](const v1::Agreement& x) {
          return StateOf(x, 1) == v1::AGREEMENT_VERSION_STATE_OPEN_FOR_RATIFICATION;
        },
        "version 1 open");
    ASSERT_TRUE(Decide(office, a.id(), 1, v1_text, true).ok()) << office;
  }
  AwaitAgreement(
      kAggregatorId, a.id(), [](const v1::Agreement& x) { return x.in_force_version() == 1; },
      "version 1 in force");

  // Version 2: Lippstadt rejects it, Soest goes offline, the others ratify.
  v1::AddVersionRequest add;
  add.set_agreement_id(a.id());
  add.set_text(v2_text);
  add.set_change_note("Wahl der Sprecherin");
  v1::AddVersionResponse added;
  ASSERT_TRUE(d().coordination().AddVersion(CallContext().get(), add, &added).ok());
  Open(a.id(), 2);
  AwaitAgreement(
      kLippstadt, a.id(),
      [](const v1::Agreement& x) {
        return StateOf(x, 2) == v1::AGREEMENT_VERSION_STATE_OPEN_FOR_RATIFICATION;
      },
      "version 2 open");
  ASSERT_TRUE(Decide(kLippstadt, a.id(), 2, v2_text, false).ok());
  AwaitAgreement(
      kAggregatorId, a.id(),
      [](const v1::Agreement& x) {
        return StandingOf(x, 2, kLippstadt) == v1::OFFICE_STANDING_REJECTED;
      },
      "rejection recorded");
  d().Kill(kSoest);
  for (std::string office : {kKreis, kWarstein, kLippstadt}) {
    AwaitAgreement(
        office, a.id(),
        [](const v1::Agreement& x) {
          return StateOf(x, 2) == v1::AGREEMENT_VERSION_STATE_OPEN_FOR_RATIFICATION;
        },
        "version 2 open");
    // A decision on a text the office did not read is refused.
    EXPECT_EQ(Decide(office, a.id(), 2, v1_text, true).error_code(),
              grpc::StatusCode::FAILED_PRECONDITION);
    ASSERT_TRUE(Decide(office, a.id(), 2, v2_text, true).ok()) << office;
  }
  // Warstein proposes an amendment meanwhile; coordination adopts it as draft 3, then withdraws it.
  v1::ProposeAgreementRequest propose;
  propose.set_agreement_id(a.id());
  propose.set_text(v2_text + "Protokolle gehen allen Jugendämtern zu.\n");
  v1::ProposeAgreementResponse proposed;
  ASSERT_TRUE(d().office(kWarstein)
                  .agreements->ProposeAgreement(CallContext().get(), propose, &proposed)
                  .ok());
  v1::AdoptProposalResponse adopted;
  ASSERT_TRUE(Eventually([&] {
    v1::AdoptProposalRequest adopt;
    adopt.set_proposal_id(proposed.proposal().id());
    return d().coordination().AdoptProposal(CallContext().get(), adopt, &adopted).ok();
  }));
  EXPECT_EQ(Version(adopted.agreement(), 3)->proposed_by_office(), kWarstein);
  v1::WithdrawVersionRequest withdraw;
  withdraw.set_agreement_id(a.id());
  withdraw.set_version_number(3);
  withdraw.set_reason("in Fassung 2 aufgegangen");
  v1::WithdrawVersionResponse withdrawn;
  ASSERT_TRUE(d().coordination().WithdrawVersion(CallContext().get(), withdraw, &withdrawn).ok());

  // Three of four ratified (Lippstadt after its rejection): version 2 stays open, 1 in force.
  AwaitAgreement(
      kAggregatorId, a.id(),
      [](const v1::Agreement& x) {
        return StandingOf(x, 2, kLippstadt) == v1::OFFICE_STANDING_RATIFIED &&
               StandingOf(x, 2, kKreis) == v1::OFFICE_STANDING_RATIFIED &&
               StandingOf(x, 2, kWarstein) == v1::OFFICE_STANDING_RATIFIED;
      },
      "three ratifications of version 2");
  v1::Agreement three = AtAggregator(a.id());
  EXPECT_EQ(StateOf(three, 2), v1::AGREEMENT_VERSION_STATE_OPEN_FOR_RATIFICATION);
  EXPECT_EQ(StandingOf(three, 2, kSoest), v1::OFFICE_STANDING_PENDING);
  EXPECT_EQ(three.in_force_version(), 1);
  EXPECT_EQ(Version(three, 2)->decisions_size(), 4);  // Lippstadt's rejection stays on record

  // Soest returns, catches up and ratifies: version 2 in force, version 1 superseded everywhere.
  d().Restart(kSoest);
  AwaitAgreement(
      kSoest, a.id(),
      [](const v1::Agreement& x) {
        return StateOf(x, 3) == v1::AGREEMENT_VERSION_STATE_WITHDRAWN &&
               StandingOf(x, 2, kLippstadt) == v1::OFFICE_STANDING_RATIFIED;
      },
      "caught up");
  ASSERT_TRUE(Decide(kSoest, a.id(), 2, v2_text, true).ok());
  AwaitAgreement(
      kAggregatorId, a.id(), [](const v1::Agreement& x) { return x.in_force_version() == 2; },
      "version 2 in force");
  DistrictState state = AwaitConvergence(d(), absl::Seconds(60));
  const v1::Agreement& final_copy = state.agreements.at(a.id());
  EXPECT_EQ(StateOf(final_copy, 1), v1::AGREEMENT_VERSION_STATE_SUPERSEDED);
  EXPECT_EQ(StateOf(final_copy, 2), v1::AGREEMENT_VERSION_STATE_IN_FORCE);
  EXPECT_EQ(StateOf(final_copy, 3), v1::AGREEMENT_VERSION_STATE_WITHDRAWN);
  EXPECT_EQ(Version(final_copy, 2)->decisions_size(), 5);
}

}  // namespace
}  // namespace schutznetz::testing
