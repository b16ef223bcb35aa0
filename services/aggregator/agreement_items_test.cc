// The aggregator's handlers for ratifications and proposals sent by offices, on a real database:
// checked against the agreement, recorded, the rule evaluated and the result sent to every
// office — or rejected with the reason and nothing stored. Proposals are adopted as drafts.
#include <gtest/gtest.h>

#include "libs/common/sha256.h"
#include "libs/common/uuid.h"
#include "libs/rpc/proto_util.h"
#include "services/aggregator/district_fixture.h"

namespace schutznetz::aggregator {
namespace {

using Outcome = sync::ApplyResult::Outcome;

class AgreementItemsTest : public DistrictServiceTest {
 protected:
  domain::SyncItem Proposal(const std::string& office, const std::string& title,
                            const std::string& agreement_id = "") {
    v1::AgreementProposalItem p;
    p.set_office_id(office);
    p.set_kind(agreement_id.empty() ? v1::AGREEMENT_KIND_REPORTING_PATHS
                                    : v1::AGREEMENT_KIND_UNSPECIFIED);
    p.set_title(title);
    p.set_text("Mitteilungsweg Schule → Jugendamt: Meldebogen, Eingang im ASD binnen 24 h.");
    p.set_agreement_id(agreement_id);
    p.set_comment("aus der Regionalgruppe");
    rpc::ToProto(now_, p.mutable_propose_time());
    return {domain::kAgreementProposalItem, NewUuid(), office, 1, domain::kToAggregator,
            p.SerializeAsString(),          now_};
  }

  v1::AdoptProposalResponse Adopt(const std::string& proposal_id, grpc::Status* status) {
    v1::AdoptProposalRequest req;
    req.set_proposal_id(proposal_id);
    v1::AdoptProposalResponse resp;
    grpc::ClientContext ctx;
    *status = stub_->AdoptProposal(&ctx, req, &resp);
    return resp;
  }
};

TEST_F(AgreementItemsTest, RatificationIsRecordedAndSentToEveryOffice) {
  v1::Agreement a = CreateOpen();
  std::string log = Count("change_log");
  domain::SyncItem item = Ratification("lippstadt", a, 1);
  EXPECT_EQ(Apply(item).outcome, Outcome::kApplied);
  v1::Agreement now = Get(a.id());
  const v1::AgreementVersion& v = now.versions(0);
  ASSERT_EQ(v.decisions_size(), 1);
  EXPECT_EQ(v.decisions(0).decision_id(), item.id);
  EXPECT_EQ(v.decisions(0).office_id(), "lippstadt");
  EXPECT_EQ(v.decisions(0).comment(), "Beschluss des Jugendhilfeausschusses");
  EXPECT_EQ(v.offices(1).standing(), v1::OFFICE_STANDING_RATIFIED);
  EXPECT_EQ(v.state(), v1::AGREEMENT_VERSION_STATE_OPEN_FOR_RATIFICATION);
  EXPECT_EQ(std::stoi(Count("change_log")), std::stoi(log) + 1);
  EXPECT_EQ(LastItem().SerializeAsString(), now.SerializeAsString());
  EXPECT_EQ(QueryScalar("SELECT actor || ' ' || action || ': ' || detail FROM audit_log "
                        "ORDER BY id DESC LIMIT 1"),
            "office:lippstadt ratify: version 1");
  // Chained in the district's trail with the office as counterpart, as the office chained it.
  EXPECT_EQ(QueryScalar("SELECT concat_ws('|', seq, kind, subject, counterpart, details, actor) "
                        "FROM trail"),
            "1|ratification|" + a.id() + "/1|lippstadt|agreement " + a.id() +
                " version 1 sha256 " + a.versions(0).text_sha256() + " decision " + item.id +
                "|office:lippstadt");
}

TEST_F(AgreementItemsTest, LastRatificationPutsTheVersionInForce) {
  v1::Agreement a = CreateOpen();
  for (const char* office : {"kreis-soest", "lippstadt", "soest"}) {
    ASSERT_EQ(Apply(Ratification(office, a, 1)).outcome, Outcome::kApplied);
  }
  EXPECT_EQ(Get(a.id()).in_force_version(), 0);
  ASSERT_EQ(Apply(Ratification("warstein", a, 1)).outcome, Outcome::kApplied);
  v1::Agreement in_force = LastItem();
  EXPECT_EQ(in_force.in_force_version(), 1);
  EXPECT_EQ(in_force.versions(0).state(), v1::AGREEMENT_VERSION_STATE_IN_FORCE);
  EXPECT_TRUE(in_force.versions(0).has_in_force_time());
}

TEST_F(AgreementItemsTest, NewerVersionInForceSupersedesTheOlderOne) {
  v1::Agreement a = CreateOpen();
  for (const std::string& office : rules_.offices) {
    ASSERT_EQ(Apply(Ratification(office, a, 1)).outcome, Outcome::kApplied);
  }
  v1::AddVersionRequest add;
  add.set_agreement_id(a.id());
  add.set_text("Fassung 2: mit Mitteilungswegen der Kinderärzte");
  v1::AddVersionResponse added;
  grpc::ClientContext ctx;
  ASSERT_TRUE(stub_->AddVersion(&ctx, add, &added).ok());
  v1::Agreement v2;
  ASSERT_TRUE(Open(a.id(), 2, &v2).ok());
  for (const std::string& office : rules_.offices) {
    ASSERT_EQ(Apply(Ratification(office, v2, 2)).outcome, Outcome::kApplied);
  }
  v1::Agreement now = LastItem();
  EXPECT_EQ(now.in_force_version(), 2);
  EXPECT_EQ(now.versions(0).state(), v1::AGREEMENT_VERSION_STATE_SUPERSEDED);
  EXPECT_EQ(now.versions(1).state(), v1::AGREEMENT_VERSION_STATE_IN_FORCE);
  EXPECT_NE(QueryScalar("SELECT detail FROM audit_log ORDER BY id DESC LIMIT 1")
                .find("version 1 superseded"),
            std::string::npos);
}

TEST_F(AgreementItemsTest, RatificationWithAStaleHashIsRejectedAndNothingIsStored) {
  v1::Agreement a = CreateOpen();
  std::string log = Count("change_log");
  sync::ApplyResult r = Apply(Ratification("soest", a, 1, v1::RATIFICATION_DECISION_RATIFY,
                                           Sha256Hex("eine ältere Fassung")));
  EXPECT_EQ(r.outcome, Outcome::kRejected);
  EXPECT_NE(r.message.find("the text changed; read it again"), std::string::npos) << r.message;
  EXPECT_EQ(Count("agreement_decisions"), "0");
  EXPECT_EQ(Count("change_log"), log);
  EXPECT_EQ(Count("trail"), "0");
}

TEST_F(AgreementItemsTest, RatificationOfAVersionNotOpenIsRejected) {
  v1::Agreement a = Create();
  sync::ApplyResult r = Apply(Ratification("soest", a, 1));
  EXPECT_EQ(r.outcome, Outcome::kRejected);
  EXPECT_NE(r.message.find("not open for ratification"), std::string::npos) << r.message;
  EXPECT_EQ(Count("agreement_decisions"), "0");
}

TEST_F(AgreementItemsTest, RatificationNamingAnotherOfficeIsRejected) {
  v1::Agreement a = CreateOpen();
  domain::SyncItem forged = Ratification("soest", a, 1);
  forged.origin = "warstein";  // warstein sends a decision in soest's name
  sync::ApplyResult r = Apply(forged);
  EXPECT_EQ(r.outcome, Outcome::kRejected);
  EXPECT_NE(r.message.find("not the item's origin"), std::string::npos);
  EXPECT_EQ(Count("agreement_decisions"), "0");
}

TEST_F(AgreementItemsTest, RatificationOfAnUnknownAgreementIsRejected) {
  v1::Agreement a = CreateOpen();
  a.set_id("0d5b3a3e-2c49-4b8e-9d6c-1f2e3d4c5b6a");
  sync::ApplyResult r = Apply(Ratification("soest", a, 1));
  EXPECT_EQ(r.outcome, Outcome::kRejected);
  EXPECT_NE(r.message.find("not found"), std::string::npos) << r.message;
}

TEST_F(AgreementItemsTest, RejectionBlocksUnanimityUntilTheOfficeRatifies) {
  v1::Agreement a = CreateOpen();
  ASSERT_EQ(Apply(Ratification("warstein", a, 1, v1::RATIFICATION_DECISION_REJECT)).outcome,
            Outcome::kApplied);
  for (const char* office : {"kreis-soest", "lippstadt", "soest"}) {
    ASSERT_EQ(Apply(Ratification(office, a, 1)).outcome, Outcome::kApplied);
  }
  v1::Agreement blocked = Get(a.id());
  EXPECT_EQ(blocked.versions(0).state(), v1::AGREEMENT_VERSION_STATE_OPEN_FOR_RATIFICATION);
  EXPECT_EQ(blocked.versions(0).offices(3).standing(), v1::OFFICE_STANDING_REJECTED);
  ASSERT_EQ(Apply(Ratification("warstein", a, 1)).outcome, Outcome::kApplied);
  EXPECT_EQ(Get(a.id()).in_force_version(), 1);
}

TEST_F(AgreementItemsTest, MajorityRuleNeedsMoreThanHalfOfTheOffices) {
  rules_.rule = domain::RatificationRule::kMajority;
  server_->Shutdown();
  server_.reset();
  service_ = std::make_unique<DistrictService>(db(), *publisher_, rules_, KreisSoest(),
                                               [this] { return now_; });
  gate_ = std::make_unique<schutznetz::testing::TestGate>(db(), domain::ServerKind::kDistrict);
  rpc::ServerOptions options{.listen = "127.0.0.1:0"};
  gate_->InstallOn(options);
  auto server = rpc::RpcServer::Start(options, {service_.get()});
  ASSERT_TRUE(server.ok());
  server_ = *std::move(server);
  stub_ = v1::DistrictService::NewStub(server_->InProcessChannel(gate_->secret()));
  v1::Agreement a = CreateOpen();
  EXPECT_EQ(a.versions(0).rule(), v1::RATIFICATION_RULE_MAJORITY);
  ASSERT_EQ(Apply(Ratification("lippstadt", a, 1)).outcome, Outcome::kApplied);
  ASSERT_EQ(Apply(Ratification("soest", a, 1, v1::RATIFICATION_DECISION_REJECT)).outcome,
            Outcome::kApplied);
  ASSERT_EQ(Apply(Ratification("warstein", a, 1)).outcome, Outcome::kApplied);
  EXPECT_EQ(Get(a.id()).in_force_version(), 0);  // 2 of 4
  ASSERT_EQ(Apply(Ratification("kreis-soest", a, 1)).outcome, Outcome::kApplied);
  EXPECT_EQ(Get(a.id()).in_force_version(), 1);  // 3 of 4
}

TEST_F(AgreementItemsTest, ProposalIsStoredAndAdoptedAsTheDraftOfANewAgreement) {
  domain::SyncItem item = Proposal("soest", "Mitteilungswege Schule");
  ASSERT_EQ(Apply(item).outcome, Outcome::kApplied);
  v1::ListProposalsRequest list;
  list.set_state(v1::AgreementProposal::STATE_SUBMITTED);
  v1::ListProposalsResponse proposals;
  grpc::ClientContext ctx;
  ASSERT_TRUE(stub_->ListProposals(&ctx, list, &proposals).ok());
  ASSERT_EQ(proposals.proposals_size(), 1);
  EXPECT_EQ(proposals.proposals(0).id(), item.id);
  EXPECT_EQ(proposals.proposals(0).office_id(), "soest");

  grpc::Status s;
  v1::AdoptProposalResponse adopted = Adopt(item.id, &s);
  ASSERT_TRUE(s.ok()) << s.error_message();
  const v1::Agreement& a = adopted.agreement();
  EXPECT_EQ(a.title(), "Mitteilungswege Schule");
  EXPECT_EQ(a.kind(), v1::AGREEMENT_KIND_REPORTING_PATHS);
  EXPECT_EQ(a.proposed_by_office(), "soest");
  ASSERT_EQ(a.versions_size(), 1);
  EXPECT_EQ(a.versions(0).state(), v1::AGREEMENT_VERSION_STATE_DRAFT);
  EXPECT_EQ(a.versions(0).proposal_id(), item.id);
  EXPECT_EQ(a.versions(0).change_note(), "aus der Regionalgruppe");
  EXPECT_EQ(adopted.proposal().state(), v1::AgreementProposal::STATE_ADOPTED);
  EXPECT_EQ(LastItem().id(), a.id());

  std::string log = Count("change_log");
  Adopt(item.id, &s);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Count("agreements"), "1");
  EXPECT_EQ(Count("change_log"), log);
}

TEST_F(AgreementItemsTest, AmendmentProposalBecomesANewDraftVersion) {
  v1::Agreement a = Create();
  domain::SyncItem item = Proposal("warstein", "", a.id());
  ASSERT_EQ(Apply(item).outcome, Outcome::kApplied);
  grpc::Status s;
  v1::AdoptProposalResponse adopted = Adopt(item.id, &s);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(adopted.agreement().versions_size(), 2);
  EXPECT_EQ(adopted.agreement().id(), a.id());
  EXPECT_EQ(adopted.agreement().versions(1).proposed_by_office(), "warstein");
  EXPECT_EQ(adopted.proposal().adopted_version_number(), 2);
  // kind and title of an amendment default to the agreement's
  EXPECT_EQ(QueryScalar("SELECT title || '|' || kind FROM agreement_proposals"),
            "Kooperationsvereinbarung Kinderschutz|cooperation_agreement");
}

TEST_F(AgreementItemsTest, InvalidProposalsAreRejectedWithTheFieldNamed) {
  domain::SyncItem untitled = Proposal("soest", "");
  sync::ApplyResult r = Apply(untitled);
  EXPECT_EQ(r.outcome, Outcome::kRejected);
  EXPECT_NE(r.message.find("title:"), std::string::npos) << r.message;
  domain::SyncItem unknown = Proposal("soest", "", "0d5b3a3e-2c49-4b8e-9d6c-1f2e3d4c5b6a");
  r = Apply(unknown);
  EXPECT_EQ(r.outcome, Outcome::kRejected);
  EXPECT_NE(r.message.find("agreement_id:"), std::string::npos) << r.message;
  EXPECT_EQ(Count("agreement_proposals"), "0");
}

}  // namespace
}  // namespace schutznetz::aggregator
