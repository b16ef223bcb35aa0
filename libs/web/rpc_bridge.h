// RpcBridge: calls a gRPC method of the service it runs beside with a JSON request and returns
// the JSON response — the web UI's only way to the services, so every rule stays in the services.
//
// The bridge knows only the services it was given (full names such as
// "schutznetz.v1.MemberService") and finds their methods and messages in the generated descriptor
// pool. The call carries the session's token as "authorization: Bearer …" over the service's
// in-process channel, so the gate decides and audits exactly as for netzctl. JSON uses the proto
// field names; a field the message does not have is INVALID_ARGUMENT naming it.
#pragma once

#include <grpcpp/channel.h>
#include <grpcpp/support/status.h>

#include <memory>
#include <string>
#include <vector>

namespace schutznetz::web {

struct BridgeReply {
  int http_status = 200;  // 200, or the status's HTTP equivalent (400, 401, 403, 404, 409, …)
  std::string json;       // the response message, or {"code": "NOT_FOUND", "message": "…"}
};

class RpcBridge {
 public:
  RpcBridge(std::shared_ptr<grpc::Channel> channel, std::vector<std::string> services);

  // "MemberService/ListMembers" for every unary method of the services.
  std::vector<std::string> Methods() const;

  // Calls `method` ("MemberService/ListMembers") with `request_json` ("" is {}) and `token`.
  BridgeReply Call(const std::string& method, const std::string& request_json,
                   const std::string& token) const;

  // The JSON error body for a gRPC status code name and message.
  static std::string ErrorJson(const std::string& code, const std::string& message);
  // A failed call as the bridge answers it: the status's HTTP equivalent and its JSON error body.
  static BridgeReply FromStatus(const grpc::Status& status);

 private:
  std::shared_ptr<grpc::Channel> channel_;
  std::vector<std::string> services_;
};

}  // namespace schutznetz::web
