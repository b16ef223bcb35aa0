// AgreementService and the "agreement" item handler of an office, on a real office database:
// the local copy follows the aggregator's items; ratifications and rejections are checked against
// it, recorded as awaiting confirmation and sent in one transaction; refused requests change
// nothing.
#include "services/tenant/agreement_service.h"

#include <gtest/gtest.h>

#include "absl/strings/escaping.h"
#include "libs/api/agreement_convert.h"
#include "libs/common/sha256.h"
#include "libs/common/uuid.h"
#include "libs/domain/sync_item.h"
#include "libs/rpc/server.h"
#include "libs/storage/tx.h"
#include "libs/sync/applier.h"
#include "libs/sync/outbox.h"
#include "services/tenant/agreement_items.h"
#include "tests/support/test_database.h"
#include "tests/support/test_tokens.h"

namespace schutznetz::tenant {
namespace {

using Outcome = sync::ApplyResult::Outcome;

constexpr char kText[] = "§ 1 Zweck\nDie Jugendämter im Kreis Soest arbeiten zusammen.\n";
const std::vector<std::string> kOffices = {"kreis-soest", "lippstadt", "soest", "warstein"};

class AgreementServiceTest : public schutznetz::testing::DbTest {
 protected:
  void SetUp() override {
    DbTest::SetUp();
    outbox_ = std::make_unique<sync::Outbox>("lippstadt", nullptr);
    applier_.Register(domain::kAgreementItem, &handler_);
    service_ =
        std::make_unique<AgreementService>(db(), "lippstadt", *outbox_, [this] { return now_; });
    gate_ = std::make_unique<schutznetz::testing::TestGate>(db(), domain::ServerKind::kOffice);
    rpc::ServerOptions options{.listen = "127.0.0.1:0"};
    gate_->InstallOn(options);
    auto server = rpc::RpcServer::Start(options, {service_.get()});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    stub_ = v1::AgreementService::NewStub(server_->InProcessChannel(gate_->secret()));
  }

  // An agreement as the aggregator holds it, version 1 open for the four offices.
  domain::Agreement District(const std::string& title = "Kooperationsvereinbarung") {
    domain::Agreement a =
        domain::NewAgreement(domain::AgreementId(NewUuid()),
                             domain::AgreementKind::kCooperationAgreement, title, kText, "", now_);
    EXPECT_TRUE(
        domain::OpenForRatification(a, 1, domain::RatificationRule::kUnanimity, kOffices, now_)
            .ok());
    return a;
  }

  // The aggregator's "agreement" item for the current state of `a` (raises its sync version).
  domain::SyncItem ItemOf(domain::Agreement& a) {
    a.sync_version = domain::NextSyncVersion(a.sync_version, now_);
    ++a.revision;
    v1::Agreement message;
    api::AgreementToProto(a, &message);
    return {domain::kAgreementItem,
            a.id.value(),
            domain::kAggregatorOrigin,
            a.sync_version,
            domain::kToEveryOffice,
            message.SerializeAsString(),
            now_};
  }

  sync::ApplyResult Apply(const domain::SyncItem& item) {
    sync::ApplyResult out;
    EXPECT_TRUE(db().Transact([&](storage::Tx& tx) -> absl::Status {
                      absl::StatusOr<sync::ApplyResult> r = applier_.Apply(tx, item);
                      if (!r.ok()) return r.status();
                      out = *r;
                      return absl::OkStatus();
                    })
                    .ok());
    return out;
  }

  // Sends the current state of `a` to the office.
  void Receive(domain::Agreement& a) { ASSERT_EQ(Apply(ItemOf(a)).outcome, Outcome::kApplied); }

  grpc::Status Decide(bool ratify, const std::string& id, int version, const std::string& hash,
                      v1::DecideAgreementResponse* out = nullptr) {
    v1::DecideAgreementRequest req;
    req.set_agreement_id(id);
    req.set_version_number(version);
    req.set_text_sha256(hash);
    req.set_comment("Beschluss JHA vom 12.03.");
    v1::DecideAgreementResponse resp;
    grpc::ClientContext ctx;
    grpc::Status s = ratify ? stub_->RatifyAgreement(&ctx, req, &resp)
                            : stub_->RejectAgreement(&ctx, req, &resp);
    if (out != nullptr) *out = resp;
    return s;
  }

  v1::Agreement Get(const std::string& id) {
    v1::GetOfficeAgreementRequest req;
    req.set_id(id);
    v1::GetOfficeAgreementResponse resp;
    grpc::ClientContext ctx;
    grpc::Status s = stub_->GetAgreement(&ctx, req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp.agreement();
  }

  std::string Count(const std::string& table) {
    return QueryScalar("SELECT count(*) FROM " + table);
  }

  absl::Time now_ = absl::FromCivil(absl::CivilMinute(2025, 3, 12, 9, 0), absl::UTCTimeZone());
  std::unique_ptr<sync::Outbox> outbox_;
  AgreementItemHandler handler_;
  sync::Applier applier_;
  std::unique_ptr<AgreementService> service_;
  std::unique_ptr<schutznetz::testing::TestGate> gate_;
  std::unique_ptr<rpc::RpcServer> server_;
  std::unique_ptr<v1::AgreementService::Stub> stub_;
};

TEST_F(AgreementServiceTest, AgreementItemFillsTheLocalCopyWithTheWholeHistory) {
  domain::Agreement a = District();
  Receive(a);
  v1::Agreement copy = Get(a.id.value());
  EXPECT_EQ(copy.title(), "Kooperationsvereinbarung");
  ASSERT_EQ(copy.versions_size(), 1);
  EXPECT_EQ(copy.versions(0).text(), kText);
  EXPECT_EQ(copy.versions(0).text_sha256(), Sha256Hex(kText));
  EXPECT_EQ(copy.versions(0).state(), v1::AGREEMENT_VERSION_STATE_OPEN_FOR_RATIFICATION);
  EXPECT_EQ(copy.versions(0).offices_size(), 4);
  EXPECT_TRUE(copy.versions(0).has_open_time());
  EXPECT_FALSE(copy.versions(0).has_in_force_time());
  EXPECT_EQ(QueryScalar("SELECT actor || ' ' || action FROM audit_log"), "aggregator sync");
}

TEST_F(AgreementServiceTest, OnlyANewerItemReplacesTheCopy) {
  domain::Agreement a = District();
  domain::SyncItem first = ItemOf(a);
  domain::AgreementVersion& v = domain::AddDraft(a, "Fassung 2", "", now_);
  (void)v;
  domain::SyncItem second = ItemOf(a);
  ASSERT_EQ(Apply(second).outcome, Outcome::kApplied);
  ASSERT_EQ(Apply(first).outcome, Outcome::kApplied);  // arrives late: changes nothing
  EXPECT_EQ(Get(a.id.value()).versions_size(), 2);
  EXPECT_EQ(Apply(second).outcome, Outcome::kDuplicate);
}

TEST_F(AgreementServiceTest, AgreementsFromAnOfficeAreRejected) {
  domain::Agreement a = District();
  domain::SyncItem item = ItemOf(a);
  item.origin = "soest";
  EXPECT_EQ(Apply(item).outcome, Outcome::kRejected);
  EXPECT_EQ(Count("agreement_mirror"), "0");
}

TEST_F(AgreementServiceTest, ListReadsTheCopyWithoutTexts) {
  domain::Agreement a = District("Kooperationsvereinbarung");
  domain::Agreement b = District("Ärztliche Mitteilungswege");
  b.kind = domain::AgreementKind::kReportingPaths;
  Receive(a);
  Receive(b);
  v1::ListOfficeAgreementsRequest req;
  v1::ListOfficeAgreementsResponse resp;
  grpc::ClientContext c1;
  ASSERT_TRUE(stub_->ListAgreements(&c1, req, &resp).ok());
  ASSERT_EQ(resp.agreements_size(), 2);
  EXPECT_EQ(resp.agreements(0).title(), "Ärztliche Mitteilungswege");
  EXPECT_TRUE(resp.agreements(0).versions(0).text().empty());
  EXPECT_FALSE(resp.agreements(0).versions(0).text_sha256().empty());
  req.set_kind(v1::AGREEMENT_KIND_COOPERATION_AGREEMENT);
  grpc::ClientContext c2;
  ASSERT_TRUE(stub_->ListAgreements(&c2, req, &resp).ok());
  ASSERT_EQ(resp.agreements_size(), 1);
  EXPECT_EQ(resp.agreements(0).id(), a.id.value());
}

TEST_F(AgreementServiceTest, RatifyRecordsTheDecisionAndSendsItInOneTransaction) {
  domain::Agreement a = District();
  Receive(a);
  v1::DecideAgreementResponse resp;
  grpc::Status s = Decide(true, a.id.value(), 1, Sha256Hex(kText), &resp);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(resp.decision().status(), v1::SentDecision::STATUS_AWAITING_CONFIRMATION);
  ASSERT_EQ(resp.agreement().versions(0).sent_decisions_size(), 1);
  EXPECT_EQ(resp.agreement().versions(0).offices(1).standing(), v1::OFFICE_STANDING_PENDING);

  EXPECT_EQ(QueryScalar("SELECT item_type || '|' || item_id || '|' || origin || '|' || "
                        "destination FROM change_log"),
            "ratification|" + resp.decision().decision_id() + "|lippstadt|aggregator");
  v1::RatificationItem sent;
  ASSERT_TRUE(sent.ParseFromString(
      absl::HexStringToBytes(QueryScalar("SELECT encode(payload, 'hex') FROM change_log"))));
  EXPECT_EQ(sent.office_id(), "lippstadt");
  EXPECT_EQ(sent.agreement_id(), a.id.value());
  EXPECT_EQ(sent.version_number(), 1);
  EXPECT_EQ(sent.text_sha256(), Sha256Hex(kText));
  EXPECT_EQ(sent.decision(), v1::RATIFICATION_DECISION_RATIFY);
  EXPECT_EQ(sent.comment(), "Beschluss JHA vom 12.03.");
  EXPECT_EQ(QueryScalar("SELECT action || ': ' || detail FROM audit_log ORDER BY id DESC LIMIT 1"),
            "ratify: version 1; decision " + resp.decision().decision_id());
  // Chained in the office's trail, bound to the text's hash; the comment (free text) is not.
  EXPECT_EQ(QueryScalar("SELECT concat_ws('|', seq, kind, subject, counterpart, details) "
                        "FROM trail"),
            "1|ratification|" + a.id.value() + "/1||agreement " + a.id.value() +
                " version 1 sha256 " + Sha256Hex(kText) + " decision " +
                resp.decision().decision_id());
  EXPECT_EQ(QueryScalar("SELECT actor FROM trail"), gate_->actor());
}

TEST_F(AgreementServiceTest, DecisionIsConfirmedWhenTheDistrictsCopyListsIt) {
  domain::Agreement a = District();
  Receive(a);
  v1::DecideAgreementResponse resp;
  ASSERT_TRUE(Decide(true, a.id.value(), 1, Sha256Hex(kText), &resp).ok());
  // The aggregator records the decision and sends the agreement back.
  domain::OfficeDecision d;
  d.decision_id = resp.decision().decision_id();
  d.office_id = "lippstadt";
  d.decision = domain::Decision::kRatify;
  d.text_sha256 = Sha256Hex(kText);
  d.decide_time = now_;
  ASSERT_TRUE(domain::RecordDecision(a, 1, d, now_).ok());
  Receive(a);
  v1::Agreement copy = Get(a.id.value());
  EXPECT_EQ(copy.versions(0).offices(1).standing(), v1::OFFICE_STANDING_RATIFIED);
  ASSERT_EQ(copy.versions(0).sent_decisions_size(), 1);
  EXPECT_EQ(copy.versions(0).sent_decisions(0).status(), v1::SentDecision::STATUS_CONFIRMED);
}

TEST_F(AgreementServiceTest, StaleHashIsFailedPreconditionAndNothingIsStored) {
  domain::Agreement a = District();
  Receive(a);
  grpc::Status s = Decide(true, a.id.value(), 1, Sha256Hex("§ 1 Zweck (ältere Fassung)"));
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(s.error_message().find("text_sha256: the text changed; read it again"),
            std::string::npos)
      << s.error_message();
  EXPECT_NE(s.error_message().find("bitte neu lesen"), std::string::npos);
  EXPECT_EQ(Count("agreement_decisions_sent"), "0");
  EXPECT_EQ(Count("change_log"), "0");
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM audit_log WHERE action = 'ratify'"), "0");
  EXPECT_EQ(Count("trail"), "0");
}

TEST_F(AgreementServiceTest, UpperCaseHashIsAccepted) {
  domain::Agreement a = District();
  Receive(a);
  std::string upper = Sha256Hex(kText);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_TRUE(Decide(true, a.id.value(), 1, upper).ok());
}

TEST_F(AgreementServiceTest, DraftCannotBeRatified) {
  domain::Agreement a = District();
  domain::AddDraft(a, "Entwurf 2", "", now_);
  Receive(a);
  grpc::Status s = Decide(true, a.id.value(), 2, Sha256Hex("Entwurf 2"));
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(s.error_message().find("not open for ratification"), std::string::npos);
  EXPECT_EQ(Count("change_log"), "0");
}

TEST_F(AgreementServiceTest, RatificationIsFinalEvenBeforeTheDistrictConfirmedIt) {
  domain::Agreement a = District();
  Receive(a);
  ASSERT_TRUE(Decide(true, a.id.value(), 1, Sha256Hex(kText)).ok());
  EXPECT_EQ(Decide(true, a.id.value(), 1, Sha256Hex(kText)).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Decide(false, a.id.value(), 1, Sha256Hex(kText)).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Count("change_log"), "1");
}

TEST_F(AgreementServiceTest, RejectionCanBeFollowedByARatification) {
  domain::Agreement a = District();
  Receive(a);
  ASSERT_TRUE(Decide(false, a.id.value(), 1, Sha256Hex(kText)).ok());
  EXPECT_EQ(Decide(false, a.id.value(), 1, Sha256Hex(kText)).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_TRUE(Decide(true, a.id.value(), 1, Sha256Hex(kText)).ok());
  EXPECT_EQ(QueryScalar("SELECT string_agg(item_type, ',' ORDER BY id) FROM change_log"),
            "ratification,ratification");
  EXPECT_EQ(QueryScalar("SELECT string_agg(seq || ':' || kind, ',' ORDER BY seq) FROM trail"),
            "1:rejection,2:ratification");
}

TEST_F(AgreementServiceTest, OfficeNotAskedCannotDecide) {
  domain::Agreement a = domain::NewAgreement(
      domain::AgreementId(NewUuid()), domain::AgreementKind::kOther, "Nur Soest", kText, "", now_);
  ASSERT_TRUE(domain::OpenForRatification(a, 1, domain::RatificationRule::kUnanimity,
                                          {"soest", "warstein"}, now_)
                  .ok());
  Receive(a);
  grpc::Status s = Decide(true, a.id.value(), 1, Sha256Hex(kText));
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(s.error_message().find("not asked"), std::string::npos);
}

TEST_F(AgreementServiceTest, DecisionNotRecordedWhenTheVersionClosedWithoutIt) {
  domain::Agreement a = District();
  Receive(a);
  ASSERT_TRUE(Decide(true, a.id.value(), 1, Sha256Hex(kText)).ok());
  ASSERT_TRUE(domain::Withdraw(a, 1, "", now_).ok());  // before the decision reached the district
  Receive(a);
  v1::Agreement copy = Get(a.id.value());
  ASSERT_EQ(copy.versions(0).sent_decisions_size(), 1);
  EXPECT_EQ(copy.versions(0).sent_decisions(0).status(), v1::SentDecision::STATUS_NOT_RECORDED);
}

TEST_F(AgreementServiceTest, InvalidDecisionNamesEveryFieldAndStoresNothing) {
  v1::DecideAgreementRequest req;
  req.set_agreement_id("42");
  req.set_version_number(0);
  req.set_text_sha256("abc");
  req.set_comment(std::string(2001, 'x'));
  v1::DecideAgreementResponse resp;
  grpc::ClientContext ctx;
  grpc::Status s = stub_->RatifyAgreement(&ctx, req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  for (const char* field : {"agreement_id:", "version_number:", "text_sha256:", "comment:"}) {
    EXPECT_NE(s.error_message().find(field), std::string::npos) << field << s.error_message();
  }
  EXPECT_EQ(Count("agreement_decisions_sent"), "0");
  EXPECT_EQ(Count("change_log"), "0");
}

TEST_F(AgreementServiceTest, UnknownAgreementIsNotFoundNamingTheField) {
  grpc::Status s = Decide(true, "0d5b3a3e-2c49-4b8e-9d6c-1f2e3d4c5b6a", 1, Sha256Hex(kText));
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(s.error_message().rfind("agreement_id: ", 0), 0u) << s.error_message();
}

TEST_F(AgreementServiceTest, ProposalIsSentToTheAggregator) {
  v1::ProposeAgreementRequest req;
  req.set_kind(v1::AGREEMENT_KIND_REPORTING_PATHS);
  req.set_title("Mitteilungswege Kita");
  req.set_text("Kita → ASD: Meldebogen, telefonische Vorabinformation.");
  req.set_comment("aus dem AK Kita");
  v1::ProposeAgreementResponse resp;
  grpc::ClientContext ctx;
  grpc::Status s = stub_->ProposeAgreement(&ctx, req, &resp);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(resp.proposal().office_id(), "lippstadt");
  EXPECT_EQ(QueryScalar("SELECT item_type || '|' || item_id || '|' || destination FROM change_log"),
            "agreement_proposal|" + resp.proposal().id() + "|aggregator");
  v1::AgreementProposalItem sent;
  ASSERT_TRUE(sent.ParseFromString(
      absl::HexStringToBytes(QueryScalar("SELECT encode(payload, 'hex') FROM change_log"))));
  EXPECT_EQ(sent.title(), "Mitteilungswege Kita");
  EXPECT_EQ(sent.kind(), v1::AGREEMENT_KIND_REPORTING_PATHS);
  EXPECT_EQ(Count("agreement_proposals_sent"), "1");
  EXPECT_EQ(QueryScalar("SELECT detail FROM audit_log"), "new agreement");
}

TEST_F(AgreementServiceTest, AmendmentTakesKindAndTitleFromTheCopy) {
  domain::Agreement a = District();
  Receive(a);
  v1::ProposeAgreementRequest req;
  req.set_agreement_id(a.id.value());
  req.set_text("§ 1 Zweck, ergänzt um Frühe Hilfen");
  v1::ProposeAgreementResponse resp;
  grpc::ClientContext ctx;
  ASSERT_TRUE(stub_->ProposeAgreement(&ctx, req, &resp).ok());
  EXPECT_EQ(resp.proposal().title(), "Kooperationsvereinbarung");
  EXPECT_EQ(resp.proposal().kind(), v1::AGREEMENT_KIND_COOPERATION_AGREEMENT);
}

TEST_F(AgreementServiceTest, InvalidProposalNamesTheFieldsAndSendsNothing) {
  v1::ProposeAgreementRequest req;
  req.set_title("");
  req.set_text("");
  v1::ProposeAgreementResponse resp;
  grpc::ClientContext c1;
  grpc::Status s = stub_->ProposeAgreement(&c1, req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  for (const char* field : {"kind:", "title:", "text:"}) {
    EXPECT_NE(s.error_message().find(field), std::string::npos) << field << s.error_message();
  }
  req.set_agreement_id("0d5b3a3e-2c49-4b8e-9d6c-1f2e3d4c5b6a");
  req.set_text("Änderung");
  grpc::ClientContext c2;
  s = stub_->ProposeAgreement(&c2, req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(s.error_message().rfind("agreement_id: ", 0), 0u) << s.error_message();
  EXPECT_EQ(Count("change_log"), "0");
  EXPECT_EQ(Count("agreement_proposals_sent"), "0");
}

}  // namespace
}  // namespace schutznetz::tenant
