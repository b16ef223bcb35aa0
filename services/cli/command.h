// The netzctl command table: every "<resource> <verb>" with its usage and handler.
#pragma once

#include <functional>
#include <iostream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <google/protobuf/message.h>
#include <grpcpp/grpcpp.h>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "services/cli/args.h"

namespace schutznetz::cli {

// What every command gets: the connection to the service and the output settings.
struct Context {
  std::string target;
  // The API token sent with every call ("authorization: Bearer …"); empty: none.
  std::string token;
  bool json = false;
  absl::Duration timeout = absl::Seconds(15);
  std::shared_ptr<grpc::Channel> channel;
  std::ostream* out = &std::cout;
  std::ostream* err = &std::cerr;

  // A call context with the deadline and the token set.
  std::unique_ptr<grpc::ClientContext> NewCall() const;
};

struct Command {
  std::string resource;      // "organisations"; several words for nested resources
                             // ("district agreements")
  std::string verb;          // "list"
  std::string usage;         // arguments and options, one line
  std::string summary;       // what it does (German)
  std::set<std::string> flags;
  int (*run)(Context& ctx, const Args& args);
};

// Exit codes.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;   // the service refused or could not be reached
inline constexpr int kExitUsage = 2;    // wrong arguments

// Prints a failed call in German and English and returns kExitFailed.
int ReportRpcError(const Context& ctx, const grpc::Status& status);
// Like ReportRpcError, but prints INVALID_ARGUMENT with one violation (or PII-guard span) per
// line, for long refusals such as the PII guard's.
int ReportRefusal(const Context& ctx, const grpc::Status& status);
// Prints a usage problem and returns kExitUsage.
int ReportUsageError(const Context& ctx, const absl::Status& status);

// Reads --page-size into `page_size`; a usage error if it is not a number.
absl::Status ParsePageSize(const Args& args, int32_t* page_size);

// Prints `message` as JSON with --json, otherwise calls `print_table`; returns kExitOk, or the
// reported error if `status` failed.
int Finish(const Context& ctx, const grpc::Status& status, const google::protobuf::Message& message,
           const std::function<void()>& print_table);

// "1 von 3 Mitgliedern; weitere mit --page-token …" under a list.
void PrintListFooter(const Context& ctx, int shown, int total, const std::string& noun,
                     const std::string& next_page_token);

// Reads an optional --<flag> true|false into `out`; returns false if absent.
absl::StatusOr<bool> BoolFlag(const Args& args, const std::string& flag, bool* out);

// The contents of the file named by --<flag>; a usage error naming the flag if unreadable.
absl::StatusOr<std::string> ReadFileFlag(const Args& args, const std::string& flag);

// The commands of each resource (one file each).
std::vector<Command> OrganisationCommands();
std::vector<Command> HealthCommands();
// Public calendar and contacts: `calendar`, `contacts` (office), `district calendar|contacts`.
std::vector<Command> PublicCommands();
std::vector<Command> AuditCommands();
// The tamper-evident trail: `trail list|verify` (office), `district trail list|verify`.
std::vector<Command> TrailCommands();
std::vector<Command> SyncCommands();
std::vector<Command> MemberCommands();
// consents texts|publish-text|list|give|withdraw, members erasures (office).
std::vector<Command> ConsentCommands();
// The district's InsoFa pool: insofa put|show|remove|search|consultations (office).
std::vector<Command> InsofaCommands();
// reporting-paths show|versions|draft|publish (office).
std::vector<Command> ReportingPathCommands();
std::vector<Command> EventCommands();
std::vector<Command> RegistrationCommands();
std::vector<Command> GroupCommands();
std::vector<Command> CaseConferenceCommands();
std::vector<Command> SurveyCommands();
std::vector<Command> StatisticsCommands();          // statistics show|send (office)
std::vector<Command> DistrictStatisticsCommands();  // district statistics (aggregator)
// District agreements: `agreements …` at an office, `district agreements …` at the aggregator.
std::vector<Command> AgreementCommands();
std::vector<Command> DistrictAgreementCommands();
std::vector<Command> TokenCommands();  // tokens create|list|revoke (both)
std::vector<Command> RetentionCommands();  // retention runs|run (office)
// representations list|add|end|report|reports (office).
std::vector<Command> RepresentationCommands();
// `report` at an office, `district report` at the aggregator.
std::vector<Command> ReportCommands();

}  // namespace schutznetz::cli
