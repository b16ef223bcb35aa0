#include "libs/rpc/grpc_log.h"

#include <grpc/support/log.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "libs/common/log.h"

namespace schutznetz::rpc {
namespace {

void WriteGrpcLog(gpr_log_func_args* args) {
  log::Level level = log::Level::kDebug;
  if (args->severity == GPR_LOG_SEVERITY_INFO) level = log::Level::kInfo;
  if (args->severity == GPR_LOG_SEVERITY_ERROR) level = log::Level::kError;
  std::string file = args->file != nullptr ? args->file : "";
  if (size_t slash = file.rfind('/'); slash != std::string::npos) file = file.substr(slash + 1);
  log::Write(level, "grpc",
             {{"source", absl::StrCat(file, ":", args->line)},
              {"detail", args->message != nullptr ? args->message : ""}});
}

}  // namespace

void RouteGrpcLogsToJsonLog() { gpr_set_log_function(&WriteGrpcLog); }

}  // namespace schutznetz::rpc
