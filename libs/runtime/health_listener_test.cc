#include "libs/runtime/health_listener.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <gtest/gtest.h>

#include <atomic>

#include "absl/strings/str_cat.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "tests/support/raw_call.h"

namespace schutznetz::runtime {
namespace {

using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;

class HealthListenerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // As in every service: reflection is registered for all servers built afterwards.
    grpc::reflection::InitProtoReflectionServerBuilderPlugin();
    auto listener = HealthListener::Start("127.0.0.1:0", [this] { return serving_.load(); });
    ASSERT_TRUE(listener.ok()) << listener.status();
    listener_ = *std::move(listener);
    channel_ = grpc::CreateChannel(absl::StrCat("127.0.0.1:", listener_->port()),
                                   grpc::InsecureChannelCredentials());
  }

  grpc::Status Check(const std::string& service, HealthCheckResponse* resp) {
    auto stub = grpc::health::v1::Health::NewStub(channel_);
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    HealthCheckRequest req;
    req.set_service(service);
    return stub->Check(&ctx, req, resp);
  }

  std::atomic<bool> serving_{true};
  std::unique_ptr<HealthListener> listener_;
  std::shared_ptr<grpc::Channel> channel_;
};

TEST_F(HealthListenerTest, AnswersServingInPlaintextWhileServing) {
  HealthCheckResponse resp;
  grpc::Status s = Check("", &resp);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(resp.status(), HealthCheckResponse::SERVING);
}

TEST_F(HealthListenerTest, AnswersNotServingAsSoonAsTheStateSaysSo) {
  serving_ = false;
  HealthCheckResponse resp;
  ASSERT_TRUE(Check("", &resp).ok());
  EXPECT_EQ(resp.status(), HealthCheckResponse::NOT_SERVING);
  serving_ = true;
  ASSERT_TRUE(Check("", &resp).ok());
  EXPECT_EQ(resp.status(), HealthCheckResponse::SERVING);
}

TEST_F(HealthListenerTest, OtherServiceNamesAreNotFound) {
  HealthCheckResponse resp;
  EXPECT_EQ(Check("schutznetz.v1.EventService", &resp).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(HealthListenerTest, OffersNoOtherServiceAndNoReflection) {
  for (const char* method :
       {"/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
        "/schutznetz.v1.EventService/ListEvents", "/grpc.health.v1.Health/Watch"}) {
    EXPECT_EQ(testing::CallUnaryRaw(channel_, method).error_code(), grpc::StatusCode::UNIMPLEMENTED)
        << method;
  }
}

TEST_F(HealthListenerTest, StopClosesThePortAndIsIdempotent) {
  listener_->Stop();
  listener_->Stop();
  HealthCheckResponse resp;
  EXPECT_EQ(Check("", &resp).error_code(), grpc::StatusCode::UNAVAILABLE);
}

TEST(HealthListenerStartTest, AddressInUseIsUnavailable) {
  auto first = HealthListener::Start("127.0.0.1:0", [] { return true; });
  ASSERT_TRUE(first.ok());
  auto second =
      HealthListener::Start(absl::StrCat("127.0.0.1:", (*first)->port()), [] { return true; });
  EXPECT_EQ(second.status().code(), absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace schutznetz::runtime
