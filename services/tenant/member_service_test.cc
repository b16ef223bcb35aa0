// MemberService over an in-process channel on a real PostgreSQL database.
#include "libs/sync/outbox.h"
#include "services/tenant/consent_book.h"
#include "services/tenant/erasure_link.h"
#include "services/tenant/member_service.h"

#include <gtest/gtest.h>

#include "absl/time/clock.h"
#include "libs/common/time.h"
#include "libs/rpc/proto_util.h"
#include "libs/rpc/server.h"
#include "services/tenant/organisation_service.h"
#include "tests/support/test_database.h"
#include "tests/support/test_tokens.h"

namespace schutznetz::tenant {
namespace {

class MemberServiceTest : public schutznetz::testing::DbTest {
 protected:
  void SetUp() override {
    DbTest::SetUp();
    organisations_ = std::make_unique<OrganisationService>(db());
    outbox_ = std::make_unique<sync::Outbox>("lippstadt", nullptr);
    erasure_ = std::make_unique<ErasureLink>(*outbox_, SystemClock());
    consent_book_ = std::make_unique<ConsentBook>(*erasure_);
    members_ = std::make_unique<MemberService>(db(), *consent_book_);
    gate_ = std::make_unique<schutznetz::testing::TestGate>(db(), domain::ServerKind::kOffice);
    rpc::ServerOptions options{.listen = "127.0.0.1:0"};
    gate_->InstallOn(options);
    auto server = rpc::RpcServer::Start(options, {organisations_.get(), members_.get()});
    ASSERT_TRUE(server.ok());
    server_ = *std::move(server);
    orgs_ = v1::OrganisationService::NewStub(server_->InProcessChannel(gate_->secret()));
    stub_ = v1::MemberService::NewStub(server_->InProcessChannel(gate_->secret()));
    school_ = CreateOrganisation("Grundschule Am Park", v1::SECTOR_SCHOOL, v1::ACTOR_CATEGORY_SCHOOL);
    clinic_ = CreateOrganisation("Kinderklinik", v1::SECTOR_HEALTH,
                                 v1::ACTOR_CATEGORY_SECRECY_HOLDER);
  }

  std::string CreateOrganisation(const std::string& name, v1::Sector sector,
                                 v1::ActorCategory category) {
    v1::CreateOrganisationRequest req;
    req.mutable_organisation()->set_name(name);
    req.mutable_organisation()->set_sector(sector);
    req.mutable_organisation()->set_actor_category(category);
    req.mutable_organisation()->set_municipality("Lippstadt");
    v1::CreateOrganisationResponse resp;
    grpc::ClientContext ctx;
    EXPECT_TRUE(orgs_->CreateOrganisation(&ctx, req, &resp).ok());
    return resp.organisation().id();
  }

  grpc::Status Create(const std::string& first, const std::string& last, const std::string& org,
                      v1::Member* out = nullptr, bool approve = false,
                      const std::string& email = "") {
    v1::CreateMemberRequest req;
    req.mutable_member()->set_organisation_id(org);
    req.mutable_member()->set_first_name(first);
    req.mutable_member()->set_last_name(last);
    req.mutable_member()->set_email(email);
    req.set_approve(approve);
    v1::CreateMemberResponse resp;
    grpc::ClientContext ctx;
    grpc::Status s = stub_->CreateMember(&ctx, req, &resp);
    if (out != nullptr) *out = resp.member();
    return s;
  }

  std::string Count() { return QueryScalar("SELECT count(*) FROM members"); }

  std::unique_ptr<OrganisationService> organisations_;
  std::unique_ptr<sync::Outbox> outbox_;
  std::unique_ptr<ErasureLink> erasure_;
  std::unique_ptr<ConsentBook> consent_book_;
  std::unique_ptr<MemberService> members_;
  std::unique_ptr<schutznetz::testing::TestGate> gate_;
  std::unique_ptr<rpc::RpcServer> server_;
  std::unique_ptr<v1::OrganisationService::Stub> orgs_;
  std::unique_ptr<v1::MemberService::Stub> stub_;
  std::string school_;
  std::string clinic_;
};

TEST_F(MemberServiceTest, RequestThenApproveMakesAnActiveMember) {
  v1::Member m;
  ASSERT_TRUE(Create("Anna", "Beispiel", school_, &m).ok());
  EXPECT_EQ(m.state(), v1::MEMBERSHIP_STATE_REQUESTED);
  EXPECT_EQ(m.organisation_name(), "Grundschule Am Park");
  EXPECT_EQ(m.sector(), v1::SECTOR_SCHOOL);
  EXPECT_FALSE(m.has_join_time());
  v1::ApproveMembershipRequest req;
  req.set_id(m.id());
  req.set_etag(m.etag());
  v1::ApproveMembershipResponse resp;
  grpc::ClientContext ctx;
  ASSERT_TRUE(stub_->ApproveMembership(&ctx, req, &resp).ok());
  EXPECT_EQ(resp.member().state(), v1::MEMBERSHIP_STATE_ACTIVE);
  EXPECT_TRUE(resp.member().has_join_time());
}

TEST_F(MemberServiceTest, DeclineNeedsAReasonAndKeepsIt) {
  v1::Member m;
  ASSERT_TRUE(Create("Ben", "Muster", school_, &m).ok());
  v1::DeclineMembershipRequest req;
  req.set_id(m.id());
  v1::DeclineMembershipResponse resp;
  grpc::ClientContext c1;
  grpc::Status no_reason = stub_->DeclineMembership(&c1, req, &resp);
  EXPECT_EQ(no_reason.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(no_reason.error_message().find("reason"), std::string::npos);
  EXPECT_EQ(QueryScalar("SELECT state FROM members"), "requested");
  req.set_reason("Nicht im Zuständigkeitsbereich des Netzwerks");
  grpc::ClientContext c2;
  ASSERT_TRUE(stub_->DeclineMembership(&c2, req, &resp).ok());
  EXPECT_EQ(resp.member().state(), v1::MEMBERSHIP_STATE_DECLINED);
  EXPECT_EQ(resp.member().decision_reason(), "Nicht im Zuständigkeitsbereich des Netzwerks");
}

TEST_F(MemberServiceTest, InvalidTransitionIsFailedPreconditionAndChangesNothing) {
  v1::Member m;
  ASSERT_TRUE(Create("Clara", "Test", school_, &m).ok());
  v1::EndMembershipRequest req;
  req.set_id(m.id());
  v1::EndMembershipResponse resp;
  grpc::ClientContext ctx;
  EXPECT_EQ(stub_->EndMembership(&ctx, req, &resp).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(QueryScalar("SELECT state || version FROM members"), "requested1");
}

TEST_F(MemberServiceTest, AnonymiseAfterLeavingClearsPersonalDataButKeepsTheRow) {
  v1::Member m;
  ASSERT_TRUE(Create("Dora", "Vorlage", clinic_, &m, true, "d.vorlage@klinik.example").ok());
  v1::AnonymiseMemberRequest anon;
  anon.set_id(m.id());
  v1::AnonymiseMemberResponse anon_resp;
  grpc::ClientContext c1;
  EXPECT_EQ(stub_->AnonymiseMember(&c1, anon, &anon_resp).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  v1::EndMembershipRequest end;
  end.set_id(m.id());
  end.set_reason("Stellenwechsel");
  v1::EndMembershipResponse end_resp;
  grpc::ClientContext c2;
  ASSERT_TRUE(stub_->EndMembership(&c2, end, &end_resp).ok());
  grpc::ClientContext c3;
  ASSERT_TRUE(stub_->AnonymiseMember(&c3, anon, &anon_resp).ok());
  const v1::Member& a = anon_resp.member();
  EXPECT_TRUE(a.anonymised());
  EXPECT_EQ(a.first_name() + a.last_name() + a.email() + a.decision_reason(), "");
  EXPECT_EQ(a.state(), v1::MEMBERSHIP_STATE_LEFT);
  EXPECT_EQ(a.organisation_id(), clinic_);
  EXPECT_EQ(Count(), "1");
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM members WHERE first_name || last_name || email || "
                        "role || phone || decision_reason <> ''"),
            "0");
  // Nothing personal in the audit log either.
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM audit_log WHERE detail LIKE '%Dora%' OR detail "
                        "LIKE '%Stellenwechsel%'"),
            "0");
  EXPECT_EQ(QueryScalar("SELECT string_agg(action, ',' ORDER BY id) FROM audit_log WHERE "
                        "resource_type = 'member'"),
            "create,end,anonymise");
}

TEST_F(MemberServiceTest, DuplicateNameOrEmailIsRefusedUnlessAllowed) {
  ASSERT_TRUE(Create("Emil", "Dopplung", school_, nullptr, false, "emil@schule.example").ok());
  EXPECT_EQ(Create("emil", "DOPPLUNG", clinic_).error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(Create("Emilia", "Anders", clinic_, nullptr, false, "EMIL@schule.example").error_code(),
            grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(Count(), "1");
  v1::CreateMemberRequest req;
  req.mutable_member()->set_organisation_id(clinic_);
  req.mutable_member()->set_first_name("Emil");
  req.mutable_member()->set_last_name("Dopplung");
  req.set_allow_duplicate(true);
  v1::CreateMemberResponse resp;
  grpc::ClientContext ctx;
  EXPECT_TRUE(stub_->CreateMember(&ctx, req, &resp).ok());
  EXPECT_EQ(Count(), "2");
}

TEST_F(MemberServiceTest, AnApprovedMemberCanBeEnteredWithTheDateTheyJoined) {
  auto create = [&](const std::string& last, bool approve, absl::Time since, v1::Member* out) {
    v1::CreateMemberRequest req;
    req.mutable_member()->set_organisation_id(clinic_);
    req.mutable_member()->set_first_name("Greta");
    req.mutable_member()->set_last_name(last);
    req.set_approve(approve);
    rpc::ToProto(since, req.mutable_member_since());
    v1::CreateMemberResponse resp;
    grpc::ClientContext ctx;
    grpc::Status s = stub_->CreateMember(&ctx, req, &resp);
    *out = resp.member();
    return s;
  };
  absl::Time since = ParseLocalDateTime("01.03.2023 00:00", "since").value();
  v1::Member m;
  ASSERT_TRUE(create("Altmitglied", true, since, &m).ok());
  EXPECT_EQ(rpc::FromProto(m.join_time()), since);
  EXPECT_EQ(m.state(), v1::MEMBERSHIP_STATE_ACTIVE);

  grpc::Status request = create("Antrag", false, since, &m);
  EXPECT_EQ(request.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(request.error_message().find("member_since"), std::string::npos);
  grpc::Status future = create("Zukunft", true, absl::Now() + absl::Hours(48), &m);
  EXPECT_EQ(future.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(future.error_message().find("member_since"), std::string::npos);
  EXPECT_EQ(Count(), "1");
}

TEST_F(MemberServiceTest, UnknownOrganisationIsNotFoundNamingTheField) {
  grpc::Status s = Create("Fritz", "Fehler", "6f1c2b9e-3d4a-4c5b-8e7f-0123456789ab");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_NE(s.error_message().find("member.organisation_id"), std::string::npos);
  grpc::Status bad = Create("Fritz", "Fehler", "kaputt");
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Count(), "0");
}

TEST_F(MemberServiceTest, InvalidContactDataIsRefusedWithEveryFieldNamed) {
  v1::CreateMemberRequest req;
  req.mutable_member()->set_organisation_id(school_);
  req.mutable_member()->set_email("kein-at");
  req.mutable_member()->set_phone("call me");
  v1::CreateMemberResponse resp;
  grpc::ClientContext ctx;
  grpc::Status s = stub_->CreateMember(&ctx, req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  for (const char* f : {"member.first_name", "member.last_name", "member.email", "member.phone"}) {
    EXPECT_NE(s.error_message().find(f), std::string::npos) << f;
  }
  EXPECT_EQ(Count(), "0");
}

TEST_F(MemberServiceTest, ListFiltersBySectorStateAndName) {
  v1::Member a, b, c;
  ASSERT_TRUE(Create("Greta", "Lehrerin", school_, &a, true).ok());
  ASSERT_TRUE(Create("Hans", "Arzt", clinic_, &b, true).ok());
  ASSERT_TRUE(Create("Ida", "Anfrage", clinic_, &c).ok());
  auto list = [&](v1::ListMembersRequest req) {
    v1::ListMembersResponse resp;
    grpc::ClientContext ctx;
    EXPECT_TRUE(stub_->ListMembers(&ctx, req, &resp).ok());
    std::vector<std::string> names;
    for (const auto& m : resp.members()) names.push_back(m.last_name());
    return names;
  };
  v1::ListMembersRequest all;
  EXPECT_EQ(list(all), (std::vector<std::string>{"Anfrage", "Arzt", "Lehrerin"}));
  v1::ListMembersRequest health;
  health.set_sector(v1::SECTOR_HEALTH);
  EXPECT_EQ(list(health), (std::vector<std::string>{"Anfrage", "Arzt"}));
  v1::ListMembersRequest requested;
  requested.set_state(v1::MEMBERSHIP_STATE_REQUESTED);
  EXPECT_EQ(list(requested), (std::vector<std::string>{"Anfrage"}));
  v1::ListMembersRequest by_name;
  by_name.set_name_contains("gret");
  EXPECT_EQ(list(by_name), (std::vector<std::string>{"Lehrerin"}));
  v1::ListMembersRequest by_org;
  by_org.set_organisation_id(school_);
  EXPECT_EQ(list(by_org), (std::vector<std::string>{"Lehrerin"}));
}

TEST_F(MemberServiceTest, UpdateWithStaleEtagIsAbortedAndAnonymisedIsImmutable) {
  v1::Member m;
  ASSERT_TRUE(Create("Jana", "Wechsel", school_, &m).ok());
  v1::UpdateMemberRequest req;
  *req.mutable_member() = m;
  req.mutable_member()->set_role("Schulleitung");
  req.mutable_update_mask()->add_paths("role");
  v1::UpdateMemberResponse resp;
  grpc::ClientContext c1;
  ASSERT_TRUE(stub_->UpdateMember(&c1, req, &resp).ok());
  EXPECT_EQ(resp.member().role(), "Schulleitung");
  grpc::ClientContext c2;
  EXPECT_EQ(stub_->UpdateMember(&c2, req, &resp).error_code(), grpc::StatusCode::ABORTED);
}

TEST_F(MemberServiceTest, OnlyNeverApprovedMembersCanBeDeleted) {
  v1::Member active, requested;
  ASSERT_TRUE(Create("Karl", "Aktiv", school_, &active, true).ok());
  ASSERT_TRUE(Create("Lena", "Antrag", school_, &requested).ok());
  v1::DeleteMemberRequest req;
  v1::DeleteMemberResponse resp;
  req.set_id(active.id());
  grpc::ClientContext c1;
  EXPECT_EQ(stub_->DeleteMember(&c1, req, &resp).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  req.set_id(requested.id());
  grpc::ClientContext c2;
  EXPECT_TRUE(stub_->DeleteMember(&c2, req, &resp).ok());
  EXPECT_EQ(Count(), "1");
}

TEST_F(MemberServiceTest, OrganisationWithMembersCannotBeDeleted) {
  ASSERT_TRUE(Create("Max", "Bleibt", school_, nullptr, true).ok());
  v1::DeleteOrganisationRequest req;
  req.set_id(school_);
  v1::DeleteOrganisationResponse resp;
  grpc::ClientContext ctx;
  EXPECT_EQ(orgs_->DeleteOrganisation(&ctx, req, &resp).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM organisations"), "2");
}

}  // namespace
}  // namespace schutznetz::tenant
