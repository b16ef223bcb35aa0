#include "libs/api/audit_service.h"

#include <gtest/gtest.h>

#include "libs/rpc/server.h"
#include "libs/storage/tx.h"
#include "tests/support/test_database.h"
#include "tests/support/test_tokens.h"

namespace schutznetz::api {
namespace {

class AuditServiceTest : public schutznetz::testing::DbTest {
 protected:
  void SetUp() override {
    DbTest::SetUp();
    service_ = std::make_unique<AuditService>(db());
    gate_ = std::make_unique<schutznetz::testing::TestGate>(db(), domain::ServerKind::kOffice);
    rpc::ServerOptions options{.listen = "127.0.0.1:0"};
    gate_->InstallOn(options);
    auto server = rpc::RpcServer::Start(options, {service_.get()});
    ASSERT_TRUE(server.ok());
    server_ = *std::move(server);
    stub_ = v1::AuditService::NewStub(server_->InProcessChannel(gate_->secret()));
    auto repo = storage::NewAuditRepository();
    ASSERT_TRUE(db().Transact([&](storage::Tx& tx) -> absl::Status {
                      for (int i = 0; i < 5; ++i) {
                        domain::AuditEntry e;
                        e.actor = "token:t1";
                        e.method = "X/Y";
                        e.resource_type = i < 3 ? "member" : "event";
                        e.resource_id = "id" + std::to_string(i);
                        e.action = "create";
                        absl::Status s = repo->Record(tx, e);
                        if (!s.ok()) return s;
                      }
                      return absl::OkStatus();
                    }).ok());
  }
  std::unique_ptr<AuditService> service_;
  std::unique_ptr<schutznetz::testing::TestGate> gate_;
  std::unique_ptr<rpc::RpcServer> server_;
  std::unique_ptr<v1::AuditService::Stub> stub_;
};

TEST_F(AuditServiceTest, ListsNewestFirstWithPaging) {
  v1::ListAuditEntriesRequest req;
  req.set_page_size(3);
  v1::ListAuditEntriesResponse first;
  grpc::ClientContext c1;
  ASSERT_TRUE(stub_->ListAuditEntries(&c1, req, &first).ok());
  ASSERT_EQ(first.entries_size(), 3);
  EXPECT_EQ(first.entries(0).resource_id(), "id4");
  EXPECT_EQ(first.total_size(), 5);
  req.set_page_token(first.next_page_token());
  v1::ListAuditEntriesResponse second;
  grpc::ClientContext c2;
  ASSERT_TRUE(stub_->ListAuditEntries(&c2, req, &second).ok());
  ASSERT_EQ(second.entries_size(), 2);
  EXPECT_EQ(second.entries(1).resource_id(), "id0");
  EXPECT_TRUE(second.next_page_token().empty());
}

TEST_F(AuditServiceTest, FiltersByResourceType) {
  v1::ListAuditEntriesRequest req;
  req.set_resource_type("event");
  v1::ListAuditEntriesResponse resp;
  grpc::ClientContext ctx;
  ASSERT_TRUE(stub_->ListAuditEntries(&ctx, req, &resp).ok());
  EXPECT_EQ(resp.total_size(), 2);
}

TEST_F(AuditServiceTest, NegativePageSizeIsInvalid) {
  v1::ListAuditEntriesRequest req;
  req.set_page_size(-5);
  v1::ListAuditEntriesResponse resp;
  grpc::ClientContext ctx;
  EXPECT_EQ(stub_->ListAuditEntries(&ctx, req, &resp).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

}  // namespace
}  // namespace schutznetz::api
