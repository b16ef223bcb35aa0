#include "libs/web/rpc_bridge.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/message.h>
#include <google/protobuf/util/json_util.h>
#include <grpcpp/client_context.h>
#include <grpcpp/impl/codegen/client_unary_call.h>
#include <grpcpp/impl/codegen/proto_utils.h>
#include <grpcpp/impl/codegen/rpc_method.h>

#include <chrono>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "libs/common/json.h"
#include "libs/rpc/status.h"

namespace schutznetz::web {
namespace {

namespace pb = google::protobuf;

int HttpStatusOf(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK: return 200;
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::OUT_OF_RANGE: return 400;
    case grpc::StatusCode::UNAUTHENTICATED: return 401;
    case grpc::StatusCode::PERMISSION_DENIED: return 403;
    case grpc::StatusCode::NOT_FOUND: return 404;
    case grpc::StatusCode::ALREADY_EXISTS:
    case grpc::StatusCode::ABORTED:
    case grpc::StatusCode::FAILED_PRECONDITION: return 409;
    case grpc::StatusCode::RESOURCE_EXHAUSTED: return 429;
    case grpc::StatusCode::UNIMPLEMENTED: return 501;
    case grpc::StatusCode::UNAVAILABLE: return 503;
    case grpc::StatusCode::DEADLINE_EXCEEDED: return 504;
    default: return 500;
  }
}

BridgeReply Error(grpc::StatusCode code, const std::string& message) {
  return RpcBridge::FromStatus(grpc::Status(code, message));
}

}  // namespace

RpcBridge::RpcBridge(std::shared_ptr<grpc::Channel> channel, std::vector<std::string> services)
    : channel_(std::move(channel)), services_(std::move(services)) {}

std::vector<std::string> RpcBridge::Methods() const {
  std::vector<std::string> out;
  for (const std::string& name : services_) {
    const pb::ServiceDescriptor* service =
        pb::DescriptorPool::generated_pool()->FindServiceByName(name);
    if (service == nullptr) continue;
    for (int i = 0; i < service->method_count(); ++i) {
      const pb::MethodDescriptor* m = service->method(i);
      if (m->client_streaming() || m->server_streaming()) continue;
      out.push_back(absl::StrCat(service->name(), "/", m->name()));
    }
  }
  return out;
}

std::string RpcBridge::ErrorJson(const std::string& code, const std::string& message) {
  return absl::StrCat("{\"code\":", JsonString(code), ",\"message\":", JsonString(message), "}");
}

BridgeReply RpcBridge::FromStatus(const grpc::Status& status) {
  return {HttpStatusOf(status.error_code()),
          ErrorJson(rpc::GrpcCodeName(status.error_code()), status.error_message())};
}

BridgeReply RpcBridge::Call(const std::string& method, const std::string& request_json,
                            const std::string& token) const {
  std::vector<std::string> parts = absl::StrSplit(method, '/');
  const pb::MethodDescriptor* m = nullptr;
  std::string package_service;
  if (parts.size() == 2) {
    for (const std::string& name : services_) {
      const pb::ServiceDescriptor* service =
          pb::DescriptorPool::generated_pool()->FindServiceByName(name);
      if (service != nullptr && service->name() == parts[0]) {
        m = service->FindMethodByName(parts[1]);
        package_service = service->full_name();
        break;
      }
    }
  }
  if (m == nullptr || m->client_streaming() || m->server_streaming()) {
    return Error(grpc::StatusCode::NOT_FOUND,
                 absl::StrCat("unknown method ", method, " / unbekannte Methode"));
  }
  pb::MessageFactory* factory = pb::MessageFactory::generated_factory();
  const pb::Message* request_prototype = factory->GetPrototype(m->input_type());
  const pb::Message* response_prototype = factory->GetPrototype(m->output_type());
  if (request_prototype == nullptr || response_prototype == nullptr) {
    return Error(grpc::StatusCode::INTERNAL, "message type not linked / Nachrichtentyp fehlt");
  }
  std::unique_ptr<pb::Message> request(request_prototype->New());
  std::unique_ptr<pb::Message> response(response_prototype->New());
  if (!request_json.empty()) {
    pb::util::JsonParseOptions options;
    options.ignore_unknown_fields = false;
    pb::util::Status parsed = pb::util::JsonStringToMessage(request_json, request.get(), options);
    if (!parsed.ok()) {
      return Error(grpc::StatusCode::INVALID_ARGUMENT,
                   absl::StrCat("request: ", std::string(parsed.message()),
                                " / Anfrage ungültig"));
    }
  }
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  if (!token.empty()) ctx.AddMetadata("authorization", absl::StrCat("Bearer ", token));
  std::string path = absl::StrCat("/", package_service, "/", m->name());
  grpc::internal::RpcMethod rpc(path.c_str(), grpc::internal::RpcMethod::NORMAL_RPC);
  grpc::Status status =
      grpc::internal::BlockingUnaryCall<pb::Message, pb::Message, pb::MessageLite,
                                        pb::MessageLite>(channel_.get(), rpc, &ctx, *request,
                                                         response.get());
  if (!status.ok()) return FromStatus(status);
  pb::util::JsonPrintOptions print;
  print.preserve_proto_field_names = true;
  print.always_print_primitive_fields = true;
  BridgeReply reply;
  pb::util::Status printed = pb::util::MessageToJsonString(*response, &reply.json, print);
  if (!printed.ok()) {
    return Error(grpc::StatusCode::INTERNAL, "response not printable / Antwort nicht lesbar");
  }
  return reply;
}

}  // namespace schutznetz::web
