// Client side of API tokens: channels that send "authorization: Bearer <token>" with every call.
//
// netzctl adds the header per call; programs that use generated stubs directly (the demo
// loaders, tests) wrap their channel instead, so no call can forget it:
//
//   auto channel = rpc::CreateChannelWithToken("localhost:7101", secret);
//   auto stub = v1::OrganisationService::NewStub(channel);
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>
#include <grpcpp/support/client_interceptor.h>

namespace schutznetz::rpc {

// Client interceptors that add the bearer token to every call's metadata.
std::vector<std::unique_ptr<grpc::experimental::ClientInterceptorFactoryInterface>>
BearerTokenInterceptors(const std::string& token);

// A channel to `target` that sends `token` with every call: over `credentials` (TLS), or in
// plaintext if they are null.
std::shared_ptr<grpc::Channel> CreateChannelWithToken(
    const std::string& target, const std::string& token,
    const grpc::ChannelArguments& args = grpc::ChannelArguments(),
    std::shared_ptr<grpc::ChannelCredentials> credentials = nullptr);

}  // namespace schutznetz::rpc
