// TrailService on a real office database: lists the trail newest first, verifies an intact chain
// and names the first broken seq once a row was changed behind the service's back; an anchor
// must be complete.
#include "libs/api/trail_service.h"

#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "libs/rpc/server.h"
#include "libs/storage/tx.h"
#include "tests/support/test_database.h"
#include "tests/support/test_tokens.h"

namespace schutznetz::api {
namespace {

class TrailServiceTest : public schutznetz::testing::DbTest {
 protected:
  void SetUp() override {
    DbTest::SetUp();
    service_ = std::make_unique<TrailService>(db());
    gate_ = std::make_unique<schutznetz::testing::TestGate>(db(), domain::ServerKind::kOffice);
    rpc::ServerOptions options{.listen = "127.0.0.1:0"};
    gate_->InstallOn(options);
    auto server = rpc::RpcServer::Start(options, {service_.get()});
    ASSERT_TRUE(server.ok());
    server_ = *std::move(server);
    stub_ = v1::TrailService::NewStub(server_->InProcessChannel(gate_->secret()));
    storage::Trail trail([] { return absl::FromUnixSeconds(1750000000); });
    ASSERT_TRUE(db().Transact([&](storage::Tx& tx) -> absl::Status {
                      for (int i = 1; i <= 4; ++i) {
                        absl::Status s = trail.Record(
                            tx, domain::HandoverRecord("r-" + std::to_string(i), "soest",
                                                       "e-" + std::to_string(i), "token:t1"));
                        if (!s.ok()) return s;
                      }
                      return absl::OkStatus();
                    })
                    .ok());
  }

  v1::VerifyTrailResponse Verify(grpc::Status* status, const v1::VerifyTrailRequest& req = {}) {
    v1::VerifyTrailResponse resp;
    grpc::ClientContext ctx;
    *status = stub_->VerifyTrail(&ctx, req, &resp);
    return resp;
  }

  std::unique_ptr<TrailService> service_;
  std::unique_ptr<schutznetz::testing::TestGate> gate_;
  std::unique_ptr<rpc::RpcServer> server_;
  std::unique_ptr<v1::TrailService::Stub> stub_;
};

TEST_F(TrailServiceTest, ListsNewestFirstWithPaging) {
  v1::ListTrailRequest req;
  req.set_page_size(3);
  v1::ListTrailResponse first;
  grpc::ClientContext c1;
  ASSERT_TRUE(stub_->ListTrail(&c1, req, &first).ok());
  ASSERT_EQ(first.entries_size(), 3);
  EXPECT_EQ(first.total_size(), 4);
  const v1::TrailEntry& newest = first.entries(0);
  EXPECT_EQ(newest.seq(), 4);
  EXPECT_EQ(newest.kind(), "handover");
  EXPECT_EQ(newest.subject(), "r-4");
  EXPECT_EQ(newest.counterpart(), "soest");
  EXPECT_EQ(newest.details(), "registration data (name, organisation, sector) for event e-4");
  EXPECT_EQ(newest.actor(), "token:t1");
  EXPECT_EQ(newest.recorded_at().seconds(), 1750000000);
  EXPECT_EQ(newest.prev_hash(), first.entries(1).hash());
  req.set_page_token(first.next_page_token());
  v1::ListTrailResponse second;
  grpc::ClientContext c2;
  ASSERT_TRUE(stub_->ListTrail(&c2, req, &second).ok());
  ASSERT_EQ(second.entries_size(), 1);
  EXPECT_EQ(second.entries(0).seq(), 1);
  EXPECT_EQ(second.entries(0).prev_hash(), std::string(64, '0'));
  EXPECT_TRUE(second.next_page_token().empty());
}

TEST_F(TrailServiceTest, NegativePageSizeIsInvalid) {
  v1::ListTrailRequest req;
  req.set_page_size(-1);
  v1::ListTrailResponse resp;
  grpc::ClientContext ctx;
  grpc::Status s = stub_->ListTrail(&ctx, req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("page_size"), std::string::npos) << s.error_message();
}

TEST_F(TrailServiceTest, IntactTrailVerifiesWithItsLastHash) {
  grpc::Status s;
  v1::VerifyTrailResponse v = Verify(&s);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_TRUE(v.intact());
  EXPECT_EQ(v.entries_checked(), 4);
  EXPECT_EQ(v.first_broken_seq(), 0);
  EXPECT_EQ(v.problem(), v1::TRAIL_PROBLEM_UNSPECIFIED);
  EXPECT_EQ(v.last_seq(), 4);
  EXPECT_EQ(v.last_hash().size(), 64u);

  v1::VerifyTrailRequest anchored;
  anchored.set_anchor_seq(v.last_seq());
  anchored.set_anchor_hash(v.last_hash());
  EXPECT_TRUE(Verify(&s, anchored).intact());
  anchored.set_anchor_hash(std::string(64, 'a'));
  v1::VerifyTrailResponse mismatch = Verify(&s, anchored);
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE(mismatch.intact());
  EXPECT_EQ(mismatch.problem(), v1::TRAIL_PROBLEM_ANCHOR_MISMATCH);
  EXPECT_EQ(mismatch.first_broken_seq(), 4);
}

TEST_F(TrailServiceTest, RowChangedBySqlIsReportedAtItsSeq) {
  {
    pqxx::connection conn(dsn());
    pqxx::work w(conn);
    w.exec("ALTER TABLE trail DISABLE TRIGGER USER");
    w.exec("UPDATE trail SET counterpart = 'warstein' WHERE seq = 2");
    w.exec("ALTER TABLE trail ENABLE TRIGGER USER");
    w.commit();
  }
  grpc::Status s;
  v1::VerifyTrailResponse v = Verify(&s);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_FALSE(v.intact());
  EXPECT_EQ(v.first_broken_seq(), 2);
  EXPECT_EQ(v.problem(), v1::TRAIL_PROBLEM_ALTERED);
  EXPECT_EQ(v.reason(),
            "Eintrag 2 wurde verändert (Hash stimmt nicht) / entry 2 was altered (hash mismatch)");
  EXPECT_EQ(v.entries_checked(), 4);
}

TEST_F(TrailServiceTest, IncompleteAnchorIsInvalidNamingTheField) {
  v1::VerifyTrailRequest req;
  req.set_anchor_seq(3);
  grpc::Status s;
  Verify(&s, req);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("anchor_hash"), std::string::npos) << s.error_message();
  req.set_anchor_seq(-2);
  req.set_anchor_hash(std::string(64, 'b'));
  Verify(&s, req);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("anchor_seq"), std::string::npos) << s.error_message();
}

}  // namespace
}  // namespace schutznetz::api
