// OrganisationService over a real gRPC channel (in-process) on a real PostgreSQL database.
#include "services/tenant/organisation_service.h"

#include <gtest/gtest.h>

#include "libs/rpc/server.h"
#include "tests/support/test_database.h"
#include "tests/support/test_tokens.h"

namespace schutznetz::tenant {
namespace {

class OrganisationServiceTest : public schutznetz::testing::DbTest {
 protected:
  void SetUp() override {
    DbTest::SetUp();
    service_ = std::make_unique<OrganisationService>(db());
    rpc::ServerOptions options;
    options.listen = "127.0.0.1:0";
    gate_ = std::make_unique<schutznetz::testing::TestGate>(db(), domain::ServerKind::kOffice);
    gate_->InstallOn(options);
    auto server = rpc::RpcServer::Start(options, {service_.get()});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    stub_ = v1::OrganisationService::NewStub(server_->InProcessChannel(gate_->secret()));
  }

  grpc::Status Create(const std::string& name, v1::Organisation* out = nullptr,
                      bool allow_duplicate = false) {
    v1::CreateOrganisationRequest req;
    req.mutable_organisation()->set_name(name);
    req.mutable_organisation()->set_sector(v1::SECTOR_HEALTH);
    req.mutable_organisation()->set_actor_category(v1::ACTOR_CATEGORY_SECRECY_HOLDER);
    req.mutable_organisation()->set_municipality("Lippstadt");
    req.set_allow_duplicate(allow_duplicate);
    v1::CreateOrganisationResponse resp;
    grpc::ClientContext ctx;
    grpc::Status s = stub_->CreateOrganisation(&ctx, req, &resp);
    if (out != nullptr) *out = resp.organisation();
    return s;
  }

  std::string Count() { return QueryScalar("SELECT count(*) FROM organisations"); }

  std::unique_ptr<OrganisationService> service_;
  std::unique_ptr<schutznetz::testing::TestGate> gate_;
  std::unique_ptr<rpc::RpcServer> server_;
  std::unique_ptr<v1::OrganisationService::Stub> stub_;
};

TEST_F(OrganisationServiceTest, CreateThenGetReturnsTheSameOrganisation) {
  v1::Organisation created;
  ASSERT_TRUE(Create("Evangelisches Krankenhaus Lippstadt", &created).ok());
  EXPECT_EQ(created.etag(), "\"v1\"");
  EXPECT_TRUE(created.active());
  v1::GetOrganisationRequest req;
  req.set_id(created.id());
  v1::GetOrganisationResponse resp;
  grpc::ClientContext ctx;
  ASSERT_TRUE(stub_->GetOrganisation(&ctx, req, &resp).ok());
  EXPECT_EQ(resp.organisation().name(), "Evangelisches Krankenhaus Lippstadt");
  EXPECT_EQ(resp.organisation().sector(), v1::SECTOR_HEALTH);
  EXPECT_EQ(resp.organisation().create_time().seconds(), created.create_time().seconds());
}

TEST_F(OrganisationServiceTest, EmptyNameIsInvalidArgumentNamingTheFieldAndStoresNothing) {
  grpc::Status s = Create("   ");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("organisation.name"), std::string::npos);
  EXPECT_EQ(Count(), "0");
}

TEST_F(OrganisationServiceTest, UnknownSectorIsInvalidArgument) {
  v1::CreateOrganisationRequest req;
  req.mutable_organisation()->set_name("X");
  req.mutable_organisation()->set_sector(static_cast<v1::Sector>(42));
  req.mutable_organisation()->set_actor_category(v1::ACTOR_CATEGORY_OTHER);
  v1::CreateOrganisationResponse resp;
  grpc::ClientContext ctx;
  grpc::Status s = stub_->CreateOrganisation(&ctx, req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("organisation.sector: unknown value 42"), std::string::npos);
  EXPECT_EQ(Count(), "0");
}

TEST_F(OrganisationServiceTest, MissingSectorAndCategoryAreBothNamed) {
  v1::CreateOrganisationRequest req;
  req.mutable_organisation()->set_name("X");
  v1::CreateOrganisationResponse resp;
  grpc::ClientContext ctx;
  grpc::Status s = stub_->CreateOrganisation(&ctx, req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("organisation.sector"), std::string::npos);
  EXPECT_NE(s.error_message().find("organisation.actor_category"), std::string::npos);
}

TEST_F(OrganisationServiceTest, DuplicateNameIsRefusedUnlessAllowed) {
  ASSERT_TRUE(Create("Caritas Lippstadt").ok());
  grpc::Status dup = Create("caritas lippstadt");
  EXPECT_EQ(dup.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_NE(dup.error_message().find("Doppelstrukturen"), std::string::npos);
  EXPECT_EQ(Count(), "1");
  EXPECT_TRUE(Create("caritas lippstadt", nullptr, true).ok());
  EXPECT_EQ(Count(), "2");
}

TEST_F(OrganisationServiceTest, NegativePageSizeIsInvalidArgument) {
  v1::ListOrganisationsRequest req;
  req.set_page_size(-1);
  v1::ListOrganisationsResponse resp;
  grpc::ClientContext ctx;
  grpc::Status s = stub_->ListOrganisations(&ctx, req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("page_size"), std::string::npos);
}

TEST_F(OrganisationServiceTest, ListPagesThroughAll) {
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(Create("Organisation " + std::to_string(i)).ok());
  v1::ListOrganisationsRequest req;
  req.set_page_size(2);
  int seen = 0;
  int pages = 0;
  do {
    v1::ListOrganisationsResponse resp;
    grpc::ClientContext ctx;
    ASSERT_TRUE(stub_->ListOrganisations(&ctx, req, &resp).ok());
    EXPECT_EQ(resp.total_size(), 5);
    seen += resp.organisations_size();
    req.set_page_token(resp.next_page_token());
    ++pages;
  } while (!req.page_token().empty());
  EXPECT_EQ(seen, 5);
  EXPECT_EQ(pages, 3);
}

TEST_F(OrganisationServiceTest, GetUnknownIdIsNotFoundAndMalformedIdIsInvalid) {
  v1::GetOrganisationRequest req;
  v1::GetOrganisationResponse resp;
  req.set_id("6f1c2b9e-3d4a-4c5b-8e7f-0123456789ab");
  grpc::ClientContext c1;
  EXPECT_EQ(stub_->GetOrganisation(&c1, req, &resp).error_code(), grpc::StatusCode::NOT_FOUND);
  req.set_id("not-a-uuid");
  grpc::ClientContext c2;
  grpc::Status s = stub_->GetOrganisation(&c2, req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message().rfind("id:", 0), 0u);
}

TEST_F(OrganisationServiceTest, UpdateChangesOnlyMaskedFieldsAndChecksEtag) {
  v1::Organisation created;
  ASSERT_TRUE(Create("Jugendhilfe Süd", &created).ok());
  v1::UpdateOrganisationRequest req;
  req.mutable_organisation()->set_id(created.id());
  req.mutable_organisation()->set_etag(created.etag());
  req.mutable_organisation()->set_name("Jugendhilfe Süd gGmbH");
  req.mutable_organisation()->set_municipality("ignored because not in mask");
  req.mutable_update_mask()->add_paths("name");
  v1::UpdateOrganisationResponse resp;
  grpc::ClientContext c1;
  ASSERT_TRUE(stub_->UpdateOrganisation(&c1, req, &resp).ok());
  EXPECT_EQ(resp.organisation().name(), "Jugendhilfe Süd gGmbH");
  EXPECT_EQ(resp.organisation().municipality(), "Lippstadt");
  EXPECT_EQ(resp.organisation().etag(), "\"v2\"");
  // The same (now stale) etag again: ABORTED, nothing changes.
  req.mutable_organisation()->set_name("Dritter Name");
  grpc::ClientContext c2;
  EXPECT_EQ(stub_->UpdateOrganisation(&c2, req, &resp).error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(QueryScalar("SELECT name FROM organisations"), "Jugendhilfe Süd gGmbH");
}

TEST_F(OrganisationServiceTest, UpdateWithUnknownMaskPathIsInvalidArgument) {
  v1::Organisation created;
  ASSERT_TRUE(Create("Verein", &created).ok());
  v1::UpdateOrganisationRequest req;
  req.mutable_organisation()->set_id(created.id());
  req.mutable_update_mask()->add_paths("id");
  v1::UpdateOrganisationResponse resp;
  grpc::ClientContext ctx;
  grpc::Status s = stub_->UpdateOrganisation(&ctx, req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("update_mask"), std::string::npos);
}

TEST_F(OrganisationServiceTest, UpdateToEmptyNameIsRefusedAndChangesNothing) {
  v1::Organisation created;
  ASSERT_TRUE(Create("Verein", &created).ok());
  v1::UpdateOrganisationRequest req;
  req.mutable_organisation()->set_id(created.id());
  req.mutable_update_mask()->add_paths("name");
  v1::UpdateOrganisationResponse resp;
  grpc::ClientContext ctx;
  EXPECT_EQ(stub_->UpdateOrganisation(&ctx, req, &resp).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(QueryScalar("SELECT name || version FROM organisations"), "Verein1");
}

TEST_F(OrganisationServiceTest, DeleteWithStaleEtagIsAbortedThenSucceeds) {
  v1::Organisation created;
  ASSERT_TRUE(Create("Verein", &created).ok());
  v1::DeleteOrganisationRequest req;
  req.set_id(created.id());
  req.set_etag("\"v7\"");
  v1::DeleteOrganisationResponse resp;
  grpc::ClientContext c1;
  EXPECT_EQ(stub_->DeleteOrganisation(&c1, req, &resp).error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(Count(), "1");
  req.set_etag(created.etag());
  grpc::ClientContext c2;
  EXPECT_TRUE(stub_->DeleteOrganisation(&c2, req, &resp).ok());
  EXPECT_EQ(Count(), "0");
}

TEST_F(OrganisationServiceTest, EveryChangeIsAuditedInTheSameTransaction) {
  v1::Organisation created;
  ASSERT_TRUE(Create("Verein", &created).ok());
  ASSERT_FALSE(Create("").ok());  // refused: no audit entry
  v1::UpdateOrganisationRequest update;
  update.mutable_organisation()->set_id(created.id());
  update.mutable_organisation()->set_website("https://verein.example");
  update.mutable_update_mask()->add_paths("website");
  v1::UpdateOrganisationResponse updated;
  grpc::ClientContext c1;
  ASSERT_TRUE(stub_->UpdateOrganisation(&c1, update, &updated).ok());
  v1::DeleteOrganisationRequest del;
  del.set_id(created.id());
  v1::DeleteOrganisationResponse deleted;
  grpc::ClientContext c2;
  ASSERT_TRUE(stub_->DeleteOrganisation(&c2, del, &deleted).ok());
  EXPECT_EQ(QueryScalar("SELECT string_agg(action || ':' || resource_id || ':' || detail, ' | ' "
                        "ORDER BY id) FROM audit_log WHERE resource_type = 'organisation'"),
            "create:" + created.id() + ": | update:" + created.id() + ":fields: website | delete:" +
                created.id() + ":");
  EXPECT_EQ(QueryScalar("SELECT DISTINCT method FROM audit_log WHERE action = 'update'"),
            "OrganisationService/UpdateOrganisation");
}

}  // namespace
}  // namespace schutznetz::tenant
