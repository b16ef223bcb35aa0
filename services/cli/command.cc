#include "services/cli/command.h"

#include <chrono>

#include "libs/rpc/status.h"

namespace schutznetz::cli {

std::unique_ptr<grpc::ClientContext> Context::NewCall() const {
  auto call = std::make_unique<grpc::ClientContext>();
  call->set_deadline(std::chrono::system_clock::now() +
                     std::chrono::milliseconds(absl::ToInt64Milliseconds(timeout)));
  return call;
}

int ReportRpcError(const Context& ctx, const grpc::Status& status) {
  if (status.error_code() == grpc::StatusCode::UNAVAILABLE) {
    *ctx.err << "Fehler: Dienst unter " << ctx.target
             << " nicht erreichbar / service unreachable (" << status.error_message() << ")\n";
  } else if (status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED) {
    *ctx.err << "Fehler: keine Antwort von " << ctx.target
             << " innerhalb der Frist / no answer within the deadline\n";
  } else {
    *ctx.err << "Fehler (" << rpc::GrpcCodeName(status.error_code())
             << "): " << status.error_message() << "\n";
  }
  return kExitFailed;
}

int ReportUsageError(const Context& ctx, const absl::Status& status) {
  *ctx.err << "Fehler: " << status.message() << "\n"
           << "Hilfe / help: netzctl --help\n";
  return kExitUsage;
}

}  // namespace schutznetz::cli
