// netzctl health check
#include "grpc/health/v1/health.grpc.pb.h"
#include "services/cli/command.h"
#include "services/cli/output.h"

namespace schutznetz::cli {
namespace {

int Check(Context& ctx, const Args& args) {
  grpc::health::v1::HealthCheckRequest req;
  if (auto v = args.Get("service")) req.set_service(*v);
  grpc::health::v1::HealthCheckResponse resp;
  auto stub = grpc::health::v1::Health::NewStub(ctx.channel);
  grpc::Status s = stub->Check(ctx.NewCall().get(), req, &resp);
  if (!s.ok()) return ReportRpcError(ctx, s);
  if (ctx.json) {
    *ctx.out << ToJson(resp);
  } else {
    *ctx.out << grpc::health::v1::HealthCheckResponse::ServingStatus_Name(resp.status()) << "\n";
  }
  return resp.status() == grpc::health::v1::HealthCheckResponse::SERVING ? kExitOk : kExitFailed;
}

}  // namespace

std::vector<Command> HealthCommands() {
  return {{"health", "check", "[--service NAME]",
           "Betriebsbereitschaft prüfen (grpc.health.v1)", {"service"}, &Check}};
}

}  // namespace schutznetz::cli
