#include "services/cli/command.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "libs/rpc/status.h"
#include "services/cli/output.h"

namespace schutznetz::cli {

std::unique_ptr<grpc::ClientContext> Context::NewCall() const {
  auto call = std::make_unique<grpc::ClientContext>();
  call->set_deadline(std::chrono::system_clock::now() +
                     std::chrono::milliseconds(absl::ToInt64Milliseconds(timeout)));
  if (!token.empty()) call->AddMetadata("authorization", "Bearer " + token);
  return call;
}

int ReportRpcError(const Context& ctx, const grpc::Status& status) {
  if (status.error_code() == grpc::StatusCode::UNAUTHENTICATED && ctx.token.empty()) {
    *ctx.err << "Fehler (UNAUTHENTICATED): " << status.error_message()
             << "\nToken angeben mit / give a token with --token, SCHUTZNETZ_TOKEN or the netzctl "
                "configuration (SCHUTZNETZ_NETZCTL_CONFIG)\n";
    return kExitFailed;
  }
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

int ReportRefusal(const Context& ctx, const grpc::Status& status) {
  if (status.error_code() != grpc::StatusCode::INVALID_ARGUMENT) {
    return ReportRpcError(ctx, status);
  }
  *ctx.err << "Fehler (INVALID_ARGUMENT): nichts gespeichert / nothing stored\n";
  for (absl::string_view part : absl::StrSplit(status.error_message(), "; ")) {
    *ctx.err << "  " << part << "\n";
  }
  return kExitFailed;
}

int ReportUsageError(const Context& ctx, const absl::Status& status) {
  *ctx.err << "Fehler: " << status.message() << "\n"
           << "Hilfe / help: netzctl --help\n";
  return kExitUsage;
}

absl::Status ParsePageSize(const Args& args, int32_t* page_size) {
  if (auto v = args.Get("page-size")) {
    if (!absl::SimpleAtoi(*v, page_size)) {
      return absl::InvalidArgumentError("--page-size: a number / eine Zahl");
    }
  }
  return absl::OkStatus();
}

int Finish(const Context& ctx, const grpc::Status& status, const google::protobuf::Message& message,
           const std::function<void()>& print_table) {
  if (!status.ok()) return ReportRpcError(ctx, status);
  if (ctx.json) {
    *ctx.out << ToJson(message);
  } else {
    print_table();
  }
  return kExitOk;
}

void PrintListFooter(const Context& ctx, int shown, int total, const std::string& noun,
                     const std::string& next_page_token) {
  *ctx.out << shown << " von " << total << " " << noun;
  if (!next_page_token.empty()) *ctx.out << "; weitere mit --page-token " << next_page_token;
  *ctx.out << "\n";
}

absl::StatusOr<bool> BoolFlag(const Args& args, const std::string& flag, bool* out) {
  std::optional<std::string> v = args.Get(flag);
  if (!v) return false;
  if (*v != "true" && *v != "false") {
    return absl::InvalidArgumentError("--" + flag + ": true or false / true oder false");
  }
  *out = *v == "true";
  return true;
}

absl::StatusOr<std::string> ReadFileFlag(const Args& args, const std::string& flag) {
  std::optional<std::string> path = args.Get(flag);
  if (!path) return absl::InvalidArgumentError("--" + flag + " is required / fehlt");
  std::ifstream in(*path, std::ios::binary);
  std::string text;
  if (in) text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  std::error_code ec;
  if (!std::filesystem::is_regular_file(*path, ec) || !in.is_open() || in.bad()) {
    return absl::InvalidArgumentError("--" + flag + ": cannot read " + *path +
                                      " / Datei kann nicht gelesen werden");
  }
  return text;
}

}  // namespace schutznetz::cli
