// netzctl: the command-line client for network coordinators and operators.
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "services/cli/command.h"
#include "services/cli/netzctl_config.h"
#include "services/cli/transport.h"

namespace {

using schutznetz::cli::Args;
using schutznetz::cli::Command;
using schutznetz::cli::Context;

const std::set<std::string> kGlobalFlags = {"target", "token", "json", "timeout", "help"};
const std::set<std::string> kBoolFlags = {
    "json", "help", "include-inactive", "all", "allow-duplicate", "approve", "replace-chair",
    "required", "by-sector", "show-text", "exact", "outstanding", schutznetz::cli::kInsecureDevFlag};

std::vector<Command> AllCommands() {
  std::vector<Command> all;
  for (auto group :
       {schutznetz::cli::OrganisationCommands(), schutznetz::cli::MemberCommands(),
        schutznetz::cli::GroupCommands(), schutznetz::cli::EventCommands(),
        schutznetz::cli::RegistrationCommands(), schutznetz::cli::CaseConferenceCommands(),
        schutznetz::cli::SurveyCommands(), schutznetz::cli::StatisticsCommands(),
        schutznetz::cli::DistrictStatisticsCommands(), schutznetz::cli::AgreementCommands(),
        schutznetz::cli::DistrictAgreementCommands(), schutznetz::cli::AuditCommands(),
        schutznetz::cli::TrailCommands(), schutznetz::cli::TokenCommands(), schutznetz::cli::RetentionCommands(),
        schutznetz::cli::SyncCommands(), schutznetz::cli::ReportCommands(),
        schutznetz::cli::PublicCommands(), schutznetz::cli::HealthCommands(),
        schutznetz::cli::ConsentCommands(), schutznetz::cli::RepresentationCommands(),
        schutznetz::cli::InsofaCommands(),
        schutznetz::cli::ReportingPathCommands()}) {
    all.insert(all.end(), group.begin(), group.end());
  }
  return all;
}

// Whether the positionals name `c`: its resource word(s), then its verb.
bool Names(const Command& c, const Args& args) {
  std::vector<std::string> words = absl::StrSplit(c.resource, ' ');
  for (size_t i = 0; i < words.size(); ++i) {
    if (args.Positional(i) != words[i]) return false;
  }
  return args.Positional(words.size()) == c.verb;
}

void PrintHelp(const std::vector<Command>& commands) {
  std::cout << "netzctl – Schutznetz Kommandozeile / command line\n\n"
               "usage: netzctl [--target HOST:PORT] [--token SECRET] [--json] [--timeout SECONDS] "
               "RESOURCE VERB [ARGS]\n\n"
               "  --target   address of the tenant service, or of the aggregator for `district "
               "…`\n             (default: $SCHUTZNETZ_TARGET)\n"
               "  --token    API token (default: $SCHUTZNETZ_TOKEN, else the target's token in\n"
               "             $SCHUTZNETZ_NETZCTL_CONFIG or ~/.config/schutznetz/netzctl.yaml)\n"
               "  --json     JSON output for scripts\n"
               "  --timeout  deadline per call in seconds (default 15)\n"
               "  --ca-file FILE     district CA (default: $SCHUTZNETZ_CA_FILE, else the system's)\n"
               "  --cert-file FILE / --key-file FILE\n"
               "             client certificate, required by the aggregator\n"
               "             (default: $SCHUTZNETZ_CERT_FILE / $SCHUTZNETZ_KEY_FILE)\n"
               "  --insecure-dev     plaintext, for a service started with --insecure-dev\n\n"
               "Befehle / commands:\n";
  for (const Command& c : commands) {
    std::cout << "  " << c.resource << (c.verb.empty() ? "" : " ") << c.verb << " " << c.usage
              << "\n      " << c.summary << "\n";
  }
}

// The token for ctx.target: --token, else $SCHUTZNETZ_TOKEN, else the configuration file's entry
// for the target. No token at all is fine: public methods need none, and the service says
// UNAUTHENTICATED for the others.
absl::Status ResolveToken(const Args& args, Context* ctx) {
  if (auto t = args.Get("token")) {
    ctx->token = *t;
    return absl::OkStatus();
  }
  if (const char* env = std::getenv("SCHUTZNETZ_TOKEN"); env != nullptr && *env != '\0') {
    ctx->token = env;
    return absl::OkStatus();
  }
  std::optional<std::string> path = schutznetz::cli::NetzctlConfigPath();
  if (!path.has_value()) return absl::OkStatus();
  absl::StatusOr<schutznetz::cli::NetzctlConfig> config = schutznetz::cli::LoadNetzctlConfig(*path);
  if (!config.ok()) return config.status();
  std::error_code ec;
  auto perms = std::filesystem::status(*path, ec).permissions();
  if (!ec && (perms & std::filesystem::perms::others_read) != std::filesystem::perms::none) {
    std::cerr << "Warnung: " << *path
              << " ist für alle lesbar / is world-readable (chmod 600), it holds secrets\n";
  }
  if (const schutznetz::cli::TargetSettings* t = config->Find(ctx->target)) ctx->token = t->token;
  return absl::OkStatus();
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> tokens(argv + 1, argv + argc);
  Context ctx;
  std::vector<Command> commands = AllCommands();
  absl::StatusOr<Args> args = Args::Parse(tokens, kBoolFlags);
  if (!args.ok()) return schutznetz::cli::ReportUsageError(ctx, args.status());
  if (args->Has("help") || args->positionals().empty()) {
    PrintHelp(commands);
    return args->positionals().empty() && !args->Has("help") ? schutznetz::cli::kExitUsage : 0;
  }
  const Command* command = nullptr;
  for (const Command& c : commands) {
    if (Names(c, *args)) command = &c;
  }
  if (command == nullptr) {
    return schutznetz::cli::ReportUsageError(
        ctx, absl::InvalidArgumentError(absl::StrCat("unknown command '", args->Positional(0), " ",
                                                     args->Positional(1),
                                                     "' / unbekannter Befehl")));
  }
  std::set<std::string> allowed = command->flags;
  allowed.insert(kGlobalFlags.begin(), kGlobalFlags.end());
  allowed.insert(schutznetz::cli::kTransportFlags.begin(), schutznetz::cli::kTransportFlags.end());
  if (absl::Status s = args->OnlyFlags(allowed); !s.ok()) {
    return schutznetz::cli::ReportUsageError(ctx, s);
  }

  ctx.json = args->Has("json");
  if (auto t = args->Get("target")) {
    ctx.target = *t;
  } else if (const char* env = std::getenv("SCHUTZNETZ_TARGET"); env != nullptr) {
    ctx.target = env;
  } else {
    return schutznetz::cli::ReportUsageError(
        ctx, absl::InvalidArgumentError("--target HOST:PORT or SCHUTZNETZ_TARGET is required / "
                                        "Zieladresse fehlt"));
  }
  if (auto t = args->Get("timeout")) {
    int seconds = std::atoi(t->c_str());
    if (seconds <= 0) {
      return schutznetz::cli::ReportUsageError(
          ctx, absl::InvalidArgumentError("--timeout: seconds > 0 / Sekunden > 0"));
    }
    ctx.timeout = absl::Seconds(seconds);
  }
  absl::Status token = ResolveToken(*args, &ctx);
  if (!token.ok()) return schutznetz::cli::ReportUsageError(ctx, token);
  auto credentials = schutznetz::cli::ChannelCredentialsFrom(*args);
  if (!credentials.ok()) return schutznetz::cli::ReportUsageError(ctx, credentials.status());
  ctx.channel = grpc::CreateChannel(ctx.target, *credentials);
  return command->run(ctx, *args);
}
