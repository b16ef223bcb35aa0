#include "libs/rpc/request_metrics.h"

#include <gtest/gtest.h>

#include "grpc/health/v1/health.grpc.pb.h"
#include "libs/rpc/server.h"
#include "tests/support/raw_call.h"

namespace schutznetz::rpc {
namespace {

constexpr char kCheck[] = "/grpc.health.v1.Health/Check";

class RequestMetricsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto metrics = RequestMetrics::Create(registry_);
    ASSERT_TRUE(metrics.ok()) << metrics.status();
    metrics_ = *std::move(metrics);
    ServerOptions options;
    options.listen = "127.0.0.1:0";
    options.request_metrics = metrics_.get();
    auto server = RpcServer::Start(options, {});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
  }

  grpc::Status Check(const std::string& service) {
    auto stub = grpc::health::v1::Health::NewStub(server_->InProcessChannel());
    grpc::ClientContext ctx;
    grpc::health::v1::HealthCheckRequest req;
    req.set_service(service);
    grpc::health::v1::HealthCheckResponse resp;
    return stub->Check(&ctx, req, &resp);
  }

  bool Has(const std::string& line) {
    return registry_.Scrape().find("\n" + line + "\n") != std::string::npos;
  }

  metrics::Registry registry_;
  std::unique_ptr<RequestMetrics> metrics_;
  std::unique_ptr<RpcServer> server_;
};

TEST_F(RequestMetricsTest, CallsAreCountedByMethodAndCode) {
  ASSERT_TRUE(Check("").ok());
  ASSERT_TRUE(Check("").ok());
  ASSERT_EQ(Check("no.such.Service").error_code(), grpc::StatusCode::NOT_FOUND);
  std::string text = registry_.Scrape();
  EXPECT_TRUE(
      Has("schutznetz_grpc_requests_total{method=\"/grpc.health.v1.Health/Check\","
          "code=\"OK\"} 2"))
      << text;
  EXPECT_TRUE(
      Has("schutznetz_grpc_requests_total{method=\"/grpc.health.v1.Health/Check\","
          "code=\"NOT_FOUND\"} 1"))
      << text;
  EXPECT_TRUE(
      Has("schutznetz_grpc_request_duration_seconds_count{method=\"/grpc.health.v1."
          "Health/Check\"} 3"))
      << text;
  EXPECT_TRUE(
      Has("schutznetz_grpc_request_duration_seconds_bucket{method=\"/grpc.health.v1."
          "Health/Check\",le=\"+Inf\"} 3"))
      << text;
}

TEST_F(RequestMetricsTest, MadeUpMethodNamesAreCountedAsUnknown) {
  for (const char* method : {"/made.Up/One", "/made.Up/Two", "/schutznetz.v1.NoSuch/Call"}) {
    EXPECT_EQ(testing::CallUnaryRaw(server_->InProcessChannel(), method).error_code(),
              grpc::StatusCode::UNIMPLEMENTED);
  }
  std::string text = registry_.Scrape();
  EXPECT_EQ(text.find("made.Up"), std::string::npos) << text;
  EXPECT_EQ(text.find("NoSuch"), std::string::npos) << text;
  EXPECT_TRUE(Has("schutznetz_grpc_requests_total{method=\"unknown\",code=\"UNIMPLEMENTED\"} 3"))
      << text;
}

TEST_F(RequestMetricsTest, MethodLabelKeepsCompiledInMethodsOnly) {
  EXPECT_EQ(metrics_->MethodLabel(kCheck), kCheck);
  EXPECT_EQ(metrics_->MethodLabel(kCheck), kCheck);  // from the cache
  EXPECT_EQ(metrics_->MethodLabel("/grpc.health.v1.Health/Nope"), "unknown");
  EXPECT_EQ(metrics_->MethodLabel("grpc.health.v1.Health/Check"), "unknown");
  EXPECT_EQ(metrics_->MethodLabel("/"), "unknown");
  EXPECT_EQ(metrics_->MethodLabel(""), "unknown");
}

TEST_F(RequestMetricsTest, CreatingTwiceOnOneRegistryIsRefused) {
  EXPECT_FALSE(RequestMetrics::Create(registry_).ok());
}

}  // namespace
}  // namespace schutznetz::rpc
