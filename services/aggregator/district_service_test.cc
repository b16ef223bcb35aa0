// DistrictService (agreements) over an in-process channel on a real aggregator database: every
// change is stored, audited and sent to every office as an "agreement" item in one transaction;
// invalid input changes nothing.
#include "services/aggregator/district_service.h"

#include <gtest/gtest.h>

#include "libs/common/sha256.h"
#include "services/aggregator/district_fixture.h"

namespace schutznetz::aggregator {
namespace {

TEST_F(DistrictServiceTest, CreateMakesDraftVersionOneAndSendsItToEveryOffice) {
  v1::Agreement a = Create();
  ASSERT_EQ(a.versions_size(), 1);
  EXPECT_EQ(a.kind(), v1::AGREEMENT_KIND_COOPERATION_AGREEMENT);
  EXPECT_EQ(a.versions(0).number(), 1);
  EXPECT_EQ(a.versions(0).state(), v1::AGREEMENT_VERSION_STATE_DRAFT);
  EXPECT_EQ(a.versions(0).text(), kText);
  EXPECT_EQ(a.versions(0).text_sha256(), Sha256Hex(kText));
  EXPECT_EQ(a.in_force_version(), 0);
  // Dates a version does not (yet) have stay unset.
  EXPECT_TRUE(a.versions(0).has_create_time());
  EXPECT_FALSE(a.versions(0).has_open_time());
  EXPECT_FALSE(a.versions(0).has_in_force_time());
  EXPECT_FALSE(a.versions(0).has_superseded_time());
  EXPECT_FALSE(a.versions(0).has_withdrawn_time());
  EXPECT_EQ(QueryScalar("SELECT origin || '|' || destination || '|' || item_id || '|' || version "
                        "FROM change_log"),
            "aggregator||" + a.id() + "|" + std::to_string(a.sync_version()));
  v1::Agreement sent = LastItem();
  EXPECT_EQ(sent.SerializeAsString(), a.SerializeAsString());
  EXPECT_EQ(QueryScalar("SELECT action || ': ' || detail FROM audit_log"), "create: version 1");
}

TEST_F(DistrictServiceTest, InvalidCreateNamesEveryFieldAndStoresNothing) {
  v1::CreateAgreementRequest req;
  req.set_kind(static_cast<v1::AgreementKind>(17));
  req.set_title("   ");
  req.set_text("");
  v1::CreateAgreementResponse resp;
  grpc::ClientContext ctx;
  grpc::Status s = stub_->CreateAgreement(&ctx, req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("kind: unknown value 17"), std::string::npos)
      << s.error_message();
  EXPECT_NE(s.error_message().find("title:"), std::string::npos);
  EXPECT_NE(s.error_message().find("text:"), std::string::npos);
  EXPECT_EQ(Count("agreements"), "0");
  EXPECT_EQ(Count("change_log"), "0");
  EXPECT_EQ(Count("audit_log"), "0");
}

TEST_F(DistrictServiceTest, DraftTextChangesWithItsHashAndAStaleEtagIsAborted) {
  v1::Agreement a = Create();
  std::string etag = a.versions(0).etag();
  v1::UpdateDraftRequest req;
  req.set_agreement_id(a.id());
  req.set_version_number(1);
  req.set_text("§ 1 Zweck (neu gefasst)");
  req.set_etag(etag);
  v1::UpdateDraftResponse resp;
  grpc::ClientContext c1;
  ASSERT_TRUE(stub_->UpdateDraft(&c1, req, &resp).ok());
  EXPECT_EQ(resp.agreement().versions(0).text_sha256(), Sha256Hex("§ 1 Zweck (neu gefasst)"));
  EXPECT_EQ(resp.agreement().versions(0).change_note(), "Entwurf der Steuerungsgruppe");
  EXPECT_EQ(Count("change_log"), "2");

  req.set_text("noch einmal anders");  // the etag read before the first change
  grpc::ClientContext c2;
  grpc::Status stale = stub_->UpdateDraft(&c2, req, &resp);
  EXPECT_EQ(stale.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(Get(a.id()).versions(0).text(), "§ 1 Zweck (neu gefasst)");
  EXPECT_EQ(Count("change_log"), "2");
}

TEST_F(DistrictServiceTest, OpeningFreezesTheTextAndFixesRuleAndOffices) {
  v1::Agreement a = Create();
  v1::Agreement opened;
  ASSERT_TRUE(Open(a.id(), 1, &opened, a.versions(0).etag()).ok());
  const v1::AgreementVersion& v = opened.versions(0);
  EXPECT_EQ(v.state(), v1::AGREEMENT_VERSION_STATE_OPEN_FOR_RATIFICATION);
  EXPECT_EQ(v.rule(), v1::RATIFICATION_RULE_UNANIMITY);
  ASSERT_EQ(v.required_offices_size(), 4);
  ASSERT_EQ(v.offices_size(), 4);
  EXPECT_EQ(v.offices(1).office_id(), "lippstadt");
  EXPECT_EQ(v.offices(1).standing(), v1::OFFICE_STANDING_PENDING);
  EXPECT_TRUE(v.has_open_time());
  EXPECT_EQ(LastItem().versions(0).state(), v1::AGREEMENT_VERSION_STATE_OPEN_FOR_RATIFICATION);

  v1::UpdateDraftRequest req;
  req.set_agreement_id(a.id());
  req.set_version_number(1);
  req.set_text("geändert");
  v1::UpdateDraftResponse resp;
  grpc::ClientContext ctx;
  grpc::Status s = stub_->UpdateDraft(&ctx, req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Get(a.id()).versions(0).text(), kText);
  EXPECT_EQ(Count("change_log"), "2");
}

TEST_F(DistrictServiceTest, OnlyOneVersionIsOpenAtATime) {
  v1::Agreement a = Create();
  ASSERT_TRUE(Open(a.id(), 1).ok());
  v1::AddVersionRequest add;
  add.set_agreement_id(a.id());
  add.set_text("Fassung 2");
  add.set_change_note("Mitteilungswege ergänzt");
  v1::AddVersionResponse added;
  grpc::ClientContext ctx;
  ASSERT_TRUE(stub_->AddVersion(&ctx, add, &added).ok());
  ASSERT_EQ(added.agreement().versions_size(), 2);
  EXPECT_EQ(added.agreement().versions(1).state(), v1::AGREEMENT_VERSION_STATE_DRAFT);
  grpc::Status second = Open(a.id(), 2);
  EXPECT_EQ(second.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(second.error_message().find("version 1 is open"), std::string::npos);
}

TEST_F(DistrictServiceTest, WithdrawRecordsTheReasonAndSendsIt) {
  v1::Agreement a = Create();
  ASSERT_TRUE(Open(a.id(), 1).ok());
  v1::WithdrawVersionRequest req;
  req.set_agreement_id(a.id());
  req.set_version_number(1);
  req.set_reason("Rechtsänderung abwarten");
  v1::WithdrawVersionResponse resp;
  grpc::ClientContext c1;
  ASSERT_TRUE(stub_->WithdrawVersion(&c1, req, &resp).ok());
  EXPECT_EQ(resp.agreement().versions(0).state(), v1::AGREEMENT_VERSION_STATE_WITHDRAWN);
  EXPECT_EQ(LastItem().versions(0).withdraw_reason(), "Rechtsänderung abwarten");
  grpc::ClientContext c2;
  EXPECT_EQ(stub_->WithdrawVersion(&c2, req, &resp).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(DistrictServiceTest, RequestsNameTheFieldAndChangeNothing) {
  v1::Agreement a = Create();
  std::string log = Count("change_log");
  v1::OpenForRatificationRequest bad;
  bad.set_agreement_id("not-a-uuid");
  bad.set_version_number(0);
  v1::OpenForRatificationResponse resp;
  grpc::ClientContext c1;
  grpc::Status s = stub_->OpenForRatification(&c1, bad, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("agreement_id:"), std::string::npos);
  EXPECT_NE(s.error_message().find("version_number: must be 1 or more"), std::string::npos);
  grpc::Status missing = Open(a.id(), 5);
  EXPECT_EQ(missing.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(missing.error_message().rfind("version_number: ", 0), 0u) << missing.error_message();
  grpc::Status unknown = Open("6f1c2f7e-1111-4222-8333-944455556666", 1);
  EXPECT_EQ(unknown.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(unknown.error_message().rfind("agreement_id: ", 0), 0u) << unknown.error_message();
  EXPECT_EQ(Get(a.id()).versions(0).state(), v1::AGREEMENT_VERSION_STATE_DRAFT);
  EXPECT_EQ(Count("change_log"), log);
}

TEST_F(DistrictServiceTest, ListOmitsTextsFiltersByKindAndPages) {
  Create("Kooperationsvereinbarung Kinderschutz");
  Create("Ärztliche Mitteilungswege");
  v1::CreateAgreementRequest rules;
  rules.set_kind(v1::AGREEMENT_KIND_RULES_OF_PROCEDURE);
  rules.set_title("Geschäftsordnung des Netzwerks");
  rules.set_text("§ 1 Vorsitz");
  v1::CreateAgreementResponse created;
  grpc::ClientContext c0;
  ASSERT_TRUE(stub_->CreateAgreement(&c0, rules, &created).ok());

  v1::ListAgreementsRequest req;
  req.set_page_size(2);
  v1::ListAgreementsResponse page1;
  grpc::ClientContext c1;
  ASSERT_TRUE(stub_->ListAgreements(&c1, req, &page1).ok());
  ASSERT_EQ(page1.agreements_size(), 2);
  EXPECT_EQ(page1.total_size(), 3);
  EXPECT_EQ(page1.agreements(0).title(), "Ärztliche Mitteilungswege");  // German order
  EXPECT_TRUE(page1.agreements(0).versions(0).text().empty());
  EXPECT_EQ(page1.agreements(0).versions(0).text_sha256(), Sha256Hex(kText));
  req.set_page_token(page1.next_page_token());
  v1::ListAgreementsResponse page2;
  grpc::ClientContext c2;
  ASSERT_TRUE(stub_->ListAgreements(&c2, req, &page2).ok());
  ASSERT_EQ(page2.agreements_size(), 1);
  EXPECT_EQ(page2.agreements(0).title(), "Kooperationsvereinbarung Kinderschutz");

  v1::ListAgreementsRequest by_kind;
  by_kind.set_kind(v1::AGREEMENT_KIND_RULES_OF_PROCEDURE);
  v1::ListAgreementsResponse only;
  grpc::ClientContext c3;
  ASSERT_TRUE(stub_->ListAgreements(&c3, by_kind, &only).ok());
  ASSERT_EQ(only.agreements_size(), 1);
  EXPECT_EQ(only.agreements(0).title(), "Geschäftsordnung des Netzwerks");
}

TEST_F(DistrictServiceTest, AuditEntriesCarryIdsAndNumbersNeverText) {
  v1::Agreement a = Create();
  ASSERT_TRUE(Open(a.id(), 1).ok());
  EXPECT_EQ(QueryScalar("SELECT string_agg(action || ': ' || detail, ', ' ORDER BY id) "
                        "FROM audit_log"),
            "create: version 1, open: version 1; rule unanimity; 4 offices");
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM audit_log WHERE detail LIKE '%Jugendämter%' "
                        "OR detail LIKE '%Kinderschutz%'"),
            "0");
}

}  // namespace
}  // namespace schutznetz::aggregator
