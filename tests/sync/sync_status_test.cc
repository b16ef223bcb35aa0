// GetSyncStatus: what the coordinator sees of the office's sync.
#include <gtest/gtest.h>

#include <map>

#include "libs/metrics/exposition.h"
#include "services/tenant/sync_metrics.h"
#include "services/tenant/sync_service.h"
#include "tests/support/test_tokens.h"
#include "tests/sync/sync_fixture.h"

namespace schutznetz::testing {
namespace {

class SyncStatusTest : public SyncTest {
 protected:
  void SetUp() override {
    StartAggregator();
    office_ = &AddOffice("lippstadt");
    status_ = std::make_unique<tenant::SyncStatusReader>(*office_->database.db, *office_->log);
    service_ = std::make_unique<tenant::SyncService>(*status_, "lippstadt", "localhost:7100", true);
    // Served behind the office's gate, called with a viewer token: what a coordinator's netzctl
    // does.
    gate_ = std::make_unique<auth::Gate>(*office_->database.db, domain::ServerKind::kOffice);
    rpc::ServerOptions options{.listen = "127.0.0.1:0"};
    gate_->InstallOn(options);
    auto server = rpc::RpcServer::Start(options, {service_.get()});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    stub_ = v1::SyncService::NewStub(server_->InProcessChannel(
        CreateTestToken(*office_->database.db, domain::Role::kViewer)));
  }
  void TearDown() override {
    server_.reset();
    SyncTest::TearDown();
  }
  v1::GetSyncStatusResponse Status() {
    v1::GetSyncStatusRequest req;
    v1::GetSyncStatusResponse resp;
    grpc::ClientContext ctx;
    grpc::Status status = stub_->GetSyncStatus(&ctx, req, &resp);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return resp;
  }
  TestOffice* office_ = nullptr;
  std::unique_ptr<tenant::SyncStatusReader> status_;
  std::unique_ptr<tenant::SyncService> service_;
  std::unique_ptr<auth::Gate> gate_;
  std::unique_ptr<rpc::RpcServer> server_;
  std::unique_ptr<v1::SyncService::Stub> stub_;
};

TEST_F(SyncStatusTest, NewOfficeHasNothingPendingAndNoContactYet) {
  v1::GetSyncStatusResponse s = Status();
  EXPECT_EQ(s.office_id(), "lippstadt");
  EXPECT_TRUE(s.enabled());
  EXPECT_EQ(s.push().pending(), 0);
  EXPECT_FALSE(s.push().has_last_success_time());
  EXPECT_FALSE(s.subscribe().has_last_success_time());
}

TEST_F(SyncStatusTest, PendingChangesAndTheLastErrorAreShownUntilPushed) {
  WriteNote(*office_, "n1", 1, "a");
  WriteNote(*office_, "n2", 1, "b");
  absl::Time deadline = absl::Now() + absl::Seconds(20);
  while (Status().push().pending() < 2 && absl::Now() < deadline) absl::SleepFor(absl::Milliseconds(20));
  EXPECT_EQ(Status().push().pending(), 2);
  StopAggregator();
  EXPECT_FALSE(office_->agent->PushOnce().ok());
  // The agent records failures itself when running; here we record like its loop does.
  office_->agent->Start();
  while (Status().push().last_error().empty() && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(20));
  }
  office_->agent->Stop();
  v1::GetSyncStatusResponse failing = Status();
  EXPECT_NE(failing.push().last_error(), "");
  EXPECT_GT(failing.push().failures(), 0);
  EXPECT_TRUE(failing.push().has_last_error_time());

  StartAggregator(aggregator_->port, true);
  office_->agent.reset();
  auto channel = grpc::CreateCustomChannel("127.0.0.1:" + std::to_string(aggregator_->port),
                                           grpc::InsecureChannelCredentials(),
                                           sync::AgentChannelArguments());
  office_->agent = std::make_unique<sync::Agent>(*office_->database.db, office_->applier,
                                                 *office_->log, &office_->outbox_changed, channel,
                                                 sync::AgentOptions{.office_id = "lippstadt"});
  Drain(*office_);
  v1::GetSyncStatusResponse ok = Status();
  EXPECT_EQ(ok.push().pending(), 0);
  EXPECT_EQ(ok.push().last_error(), "");
  EXPECT_EQ(ok.push().failures(), 0);
  EXPECT_TRUE(ok.push().has_last_success_time());
}

TEST_F(SyncStatusTest, MetricsShowPendingChangesTheirAgeAndTheLastSuccess) {
  auto metrics = [&] {
    absl::StatusOr<tenant::OfficeSyncState> state = status_->Read();
    EXPECT_TRUE(state.ok()) << state.status();
    std::vector<metrics::FamilySnapshot> families;
    if (state.ok()) tenant::AppendSyncMetrics(*state, &families);
    std::map<std::string, double> values;
    for (const auto& f : families) {
      for (const auto& sample : f.samples) {
        values[f.name + (sample.labels.empty() ? "" : "{" + sample.labels[0].second + "}")] =
            sample.value;
      }
    }
    return values;
  };
  WriteNote(*office_, "n1", 1, "a");
  WriteNote(*office_, "n2", 1, "b");
  absl::Time deadline = absl::Now() + absl::Seconds(20);
  while (metrics()["schutznetz_sync_outbox_pending{aggregator}"] < 2 && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(20));
  }
  absl::SleepFor(absl::Milliseconds(10));
  auto before = metrics();
  EXPECT_EQ(before["schutznetz_sync_outbox_pending{aggregator}"], 2);
  EXPECT_GT(before["schutznetz_sync_lag_seconds"], 0);
  EXPECT_EQ(before["schutznetz_sync_last_success_timestamp_seconds"], 0);

  Drain(*office_);
  auto after = metrics();
  EXPECT_EQ(after["schutznetz_sync_outbox_pending{aggregator}"], 0);
  EXPECT_EQ(after["schutznetz_sync_lag_seconds"], 0);
  EXPECT_GT(after["schutznetz_sync_last_success_timestamp_seconds"],
            absl::ToUnixSeconds(absl::Now()) - 60);
}

TEST_F(SyncStatusTest, HeldItemsAreCounted) {
  TestOffice& soest = AddOffice("soest");
  WriteComment(soest, "c1", "unknown-note");
  Drain(soest);
  // The aggregator holds the comment; relayed items reach Lippstadt only when applied.
  EXPECT_EQ(Scalar(*aggregator_->database.db, "SELECT count(*) FROM sync_held"), "1");
  EXPECT_EQ(Status().held_items(), 0);
}

}  // namespace
}  // namespace schutznetz::testing
