// The local admin command of the service binaries: API tokens managed directly in the service's
// database, without a running service and without a token. This is how the first coordinator
// token of an office (or district-coordinator token of the aggregator) comes about, and how
// access is regained when every coordinator token is lost. Whoever can read the configuration
// and reach the database may run it; every action is audited with actor "admin".
//
//   schutznetz-tenant admin create-token --config FILE --role coordinator --label L
//                                        [--valid-days N]
//   schutznetz-tenant admin list-tokens --config FILE
//   schutznetz-tenant admin revoke-token --config FILE TOKEN_ID
//
// create-token prints the token and, as its last line, the secret: shown only this once.
#pragma once

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "libs/config/sections.h"
#include "libs/domain/api_token.h"
#include "libs/storage/migrations.h"

namespace schutznetz::runtime {

// What the admin command needs from a service's configuration file.
struct AdminTarget {
  config::DatabaseConfig database;
  config::ApiTokensConfig tokens;
  storage::SchemaRole schema = storage::SchemaRole::kTenant;
  domain::ServerKind kind = domain::ServerKind::kOffice;
  std::string instance;  // office or district id, for messages
};

using AdminTargetLoader = std::function<absl::StatusOr<AdminTarget>(const std::string& config)>;

// True if the command line is "<program> admin …".
bool IsAdminCommand(int argc, char** argv);

// Runs "<program> admin VERB …" and returns the exit code: 0 done, 1 failed, 2 wrong arguments.
int RunAdminCommand(int argc, char** argv, const AdminTargetLoader& load);

}  // namespace schutznetz::runtime
