// ConsentService and consents set through members, on a real database. The erasure a withdrawal
// causes is in district_service_test.cc (one office) and tests/e2e/erasure_test.cc (the district).
#include <gtest/gtest.h>

#include "libs/common/sha256.h"
#include "schutznetz/v1/member_service.grpc.pb.h"
#include "services/tenant/tenant_fixture.h"

namespace schutznetz::tenant {
namespace {

class ConsentServiceTest : public TenantServicesTest {
 protected:
  v1::ConsentText Current(v1::ConsentPurpose purpose) {
    v1::ListConsentTextsRequest req;
    req.set_purpose(purpose);
    v1::ListConsentTextsResponse resp;
    grpc::ClientContext ctx;
    EXPECT_TRUE(consents_->ListConsentTexts(&ctx, req, &resp).ok());
    EXPECT_GT(resp.texts_size(), 0);
    return resp.texts_size() > 0 ? resp.texts(0) : v1::ConsentText();
  }

  grpc::Status Give(const std::string& member, const v1::ConsentText& text,
                    const std::string& sha256, v1::GiveConsentResponse* out = nullptr) {
    v1::GiveConsentRequest req;
    req.set_member_id(member);
    req.set_purpose(text.purpose());
    req.set_text_version(text.version());
    req.set_text_sha256(sha256);
    req.set_source(v1::CONSENT_SOURCE_PAPER);
    v1::GiveConsentResponse resp;
    grpc::ClientContext ctx;
    grpc::Status s = consents_->GiveConsent(&ctx, req, &resp);
    if (out != nullptr) *out = resp;
    return s;
  }

  std::vector<v1::Consent> History(const std::string& member) {
    v1::ListConsentsRequest req;
    req.set_member_id(member);
    v1::ListConsentsResponse resp;
    grpc::ClientContext ctx;
    EXPECT_TRUE(consents_->ListConsents(&ctx, req, &resp).ok());
    return {resp.consents().begin(), resp.consents().end()};
  }

  v1::Member GetMember(const std::string& id, const std::string& token = "") {
    v1::GetMemberRequest req;
    req.set_id(id);
    v1::GetMemberResponse resp;
    auto stub = token.empty() ? nullptr
                              : v1::MemberService::NewStub(server_->InProcessChannel(token));
    grpc::ClientContext ctx;
    EXPECT_TRUE((stub ? stub.get() : members_.get())->GetMember(&ctx, req, &resp).ok());
    return resp.member();
  }
};

TEST_F(ConsentServiceTest, EveryPurposeStartsWithVersionOneAndNewWordingsGetTheNextVersion) {
  for (v1::ConsentPurpose p : {v1::CONSENT_PURPOSE_INTERNAL_DIRECTORY,
                               v1::CONSENT_PURPOSE_PUBLIC_CONTACT,
                               v1::CONSENT_PURPOSE_SHARE_REGISTRATIONS}) {
    v1::ConsentText t = Current(p);
    EXPECT_EQ(t.version(), 1);
    EXPECT_EQ(t.sha256(), Sha256Hex(t.body()));
  }
  v1::PublishConsentTextRequest req;
  req.set_purpose(v1::CONSENT_PURPOSE_SHARE_REGISTRATIONS);
  req.set_body("Ich willige ein, dass Name, Organisation und Handlungsfeld weitergegeben werden.");
  v1::PublishConsentTextResponse resp;
  grpc::ClientContext c1;
  ASSERT_TRUE(consents_->PublishConsentText(&c1, req, &resp).ok());
  EXPECT_EQ(resp.text().version(), 2);
  EXPECT_EQ(resp.text().sha256(), Sha256Hex(req.body()));
  EXPECT_EQ(Current(v1::CONSENT_PURPOSE_SHARE_REGISTRATIONS).version(), 2);
  // Bad input names the field and publishes nothing.
  req.set_body("  ");
  grpc::ClientContext c2;
  grpc::Status empty = consents_->PublishConsentText(&c2, req, &resp);
  EXPECT_EQ(empty.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(empty.error_message().find("body"), std::string::npos);
  req.set_body("Text");
  req.set_purpose(v1::CONSENT_PURPOSE_UNSPECIFIED);
  grpc::ClientContext c3;
  EXPECT_EQ(consents_->PublishConsentText(&c3, req, &resp).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Current(v1::CONSENT_PURPOSE_SHARE_REGISTRATIONS).version(), 2);
}

TEST_F(ConsentServiceTest, AConsentBindsToTheHashOfTheTextShownAndANewerTextReplacesIt) {
  std::string member = CreateActiveMember("Mia", "Meier");
  v1::ConsentText v1_text = Current(v1::CONSENT_PURPOSE_INTERNAL_DIRECTORY);
  grpc::Status wrong = Give(member, v1_text, Sha256Hex(v1_text.body() + " "));
  EXPECT_EQ(wrong.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(wrong.error_message().find("text_sha256"), std::string::npos);
  EXPECT_TRUE(History(member).empty());
  EXPECT_FALSE(GetMember(member).consent_internal_directory());

  v1::GiveConsentResponse given;
  ASSERT_TRUE(Give(member, v1_text, v1_text.sha256(), &given).ok());
  EXPECT_TRUE(given.consent().live());
  EXPECT_EQ(given.consent().text_version(), 1);
  EXPECT_EQ(given.consent().source(), v1::CONSENT_SOURCE_PAPER);
  EXPECT_TRUE(GetMember(member).consent_internal_directory());
  // The same text again changes nothing.
  ASSERT_TRUE(Give(member, v1_text, v1_text.sha256()).ok());
  EXPECT_EQ(History(member).size(), 1u);

  v1::PublishConsentTextRequest publish;
  publish.set_purpose(v1::CONSENT_PURPOSE_INTERNAL_DIRECTORY);
  publish.set_body("Neue Fassung: Ich willige ein, im internen Verzeichnis zu stehen.");
  v1::PublishConsentTextResponse published;
  grpc::ClientContext c1;
  ASSERT_TRUE(consents_->PublishConsentText(&c1, publish, &published).ok());
  ASSERT_TRUE(Give(member, published.text(), published.text().sha256()).ok());
  std::vector<v1::Consent> history = History(member);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_FALSE(history[0].live());
  EXPECT_EQ(history[0].text_version(), 1);
  EXPECT_TRUE(history[1].live());
  EXPECT_EQ(history[1].text_version(), 2);

  v1::WithdrawConsentRequest withdraw;
  withdraw.set_member_id(member);
  withdraw.set_purpose(v1::CONSENT_PURPOSE_INTERNAL_DIRECTORY);
  withdraw.set_source(v1::CONSENT_SOURCE_FORM);
  v1::WithdrawConsentResponse withdrawn;
  grpc::ClientContext c2;
  ASSERT_TRUE(consents_->WithdrawConsent(&c2, withdraw, &withdrawn).ok());
  EXPECT_FALSE(withdrawn.consent().live());
  EXPECT_EQ(withdrawn.consent().withdrawal_source(), v1::CONSENT_SOURCE_FORM);
  EXPECT_EQ(withdrawn.erasure_requests(), 0);
  EXPECT_FALSE(GetMember(member).consent_internal_directory());
}

TEST_F(ConsentServiceTest, FlagsSetThroughMembersAreRecordedAsConsentsOfTheCoordination) {
  std::string member = CreateActiveMember("Mia", "Meier");
  v1::Member m = GetMember(member);
  v1::UpdateMemberRequest update;
  update.mutable_member()->set_id(member);
  update.mutable_member()->set_etag(m.etag());
  update.mutable_member()->set_consent_share_registrations(true);
  update.mutable_update_mask()->add_paths("consent_share_registrations");
  v1::UpdateMemberResponse updated;
  grpc::ClientContext c1;
  ASSERT_TRUE(members_->UpdateMember(&c1, update, &updated).ok());
  EXPECT_TRUE(updated.member().consent_share_registrations());
  // The etag returned is the member's current one: a second update with it succeeds.
  update.mutable_member()->set_etag(updated.member().etag());
  update.mutable_member()->set_consent_share_registrations(false);
  grpc::ClientContext c2;
  ASSERT_TRUE(members_->UpdateMember(&c2, update, &updated).ok());
  std::vector<v1::Consent> history = History(member);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].purpose(), v1::CONSENT_PURPOSE_SHARE_REGISTRATIONS);
  EXPECT_EQ(history[0].source(), v1::CONSENT_SOURCE_COORDINATOR);
  EXPECT_EQ(history[0].text_version(), 1);
  EXPECT_FALSE(history[0].live());
  EXPECT_EQ(history[0].withdrawal_source(), v1::CONSENT_SOURCE_COORDINATOR);
}

TEST_F(ConsentServiceTest, LeftAnonymisedOrUnknownMembersCannotConsentAndBadInputNamesTheField) {
  std::string member = CreateActiveMember("Mia", "Meier");
  v1::ConsentText text = Current(v1::CONSENT_PURPOSE_PUBLIC_CONTACT);
  v1::EndMembershipRequest end;
  end.set_id(member);
  v1::EndMembershipResponse ended;
  grpc::ClientContext c1;
  ASSERT_TRUE(members_->EndMembership(&c1, end, &ended).ok());
  EXPECT_EQ(Give(member, text, text.sha256()).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Give("5b0c6a3e-0000-4000-8000-000000000000", text, text.sha256()).error_code(),
            grpc::StatusCode::NOT_FOUND);
  grpc::Status malformed = Give("nicht-eine-id", text, text.sha256());
  EXPECT_EQ(malformed.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(malformed.error_message().find("member_id"), std::string::npos);
  text.set_version(99);
  EXPECT_EQ(Give(CreateActiveMember("Ole", "Otto"), text, text.sha256()).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_TRUE(History(member).empty());
}

TEST_F(ConsentServiceTest, ViewersSeeContactDataOnlyOfMembersListedInTheDirectory) {
  std::string listed = CreateActiveMember("Lena", "Liste");
  std::string unlisted = CreateActiveMember("Uwe", "Ungelistet");
  for (const std::string& id : {listed, unlisted}) {
    v1::Member m = GetMember(id);
    v1::UpdateMemberRequest update;
    update.mutable_member()->set_id(id);
    update.mutable_member()->set_etag(m.etag());
    update.mutable_member()->set_email("kontakt@example.org");
    update.mutable_member()->set_consent_internal_directory(id == listed);
    update.mutable_update_mask()->add_paths("email");
    update.mutable_update_mask()->add_paths("consent_internal_directory");
    v1::UpdateMemberResponse resp;
    grpc::ClientContext ctx;
    ASSERT_TRUE(members_->UpdateMember(&ctx, update, &resp).ok());
  }
  std::string viewer = schutznetz::testing::CreateTestToken(db(), domain::Role::kViewer);
  EXPECT_EQ(GetMember(listed, viewer).email(), "kontakt@example.org");
  v1::Member hidden = GetMember(unlisted, viewer);
  EXPECT_EQ(hidden.email(), "");
  EXPECT_TRUE(hidden.contact_withheld());
  EXPECT_EQ(hidden.last_name(), "Ungelistet");
  // The office's staff administer the data and see it.
  EXPECT_EQ(GetMember(unlisted).email(), "kontakt@example.org");
  EXPECT_FALSE(GetMember(unlisted).contact_withheld());
}

}  // namespace
}  // namespace schutznetz::tenant
