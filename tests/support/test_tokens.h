// API tokens for tests: tokens stored directly in a service's database, and the real
// authorisation gate for servers that tests assemble themselves.
//
//   testing::TestGate gate(db(), domain::ServerKind::kOffice);
//   rpc::ServerOptions options{.listen = "127.0.0.1:0"};
//   gate.InstallOn(options);
//   auto server = rpc::RpcServer::Start(options, {&service});
//   auto stub = v1::OrganisationService::NewStub((*server)->InProcessChannel(gate.secret()));
#pragma once

#include <memory>
#include <string>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "libs/auth/gate.h"
#include "libs/domain/api_token.h"
#include "libs/rpc/server.h"
#include "libs/storage/database.h"

namespace schutznetz::testing {

struct TestToken {
  std::string id;
  std::string secret;
  // "token:<id>", the actor in the audit log.
  std::string actor() const { return "token:" + id; }
};

// Stores a token with `role` in `db`, valid for `valid` from `now`. Fails the test on error.
TestToken IssueTestToken(storage::Database& db, domain::Role role,
                         const std::string& label = "Testzugang",
                         absl::Duration valid = absl::Hours(24 * 30), absl::Time now = absl::Now());
// The same, returning only the secret.
std::string CreateTestToken(storage::Database& db, domain::Role role,
                            const std::string& label = "Testzugang",
                            absl::Duration valid = absl::Hours(24 * 30));

// The strongest role of a server kind: coordinator or district-coordinator.
domain::Role TopRole(domain::ServerKind kind);

// The gate of a test server, with a token of the kind's strongest role.
class TestGate {
 public:
  TestGate(storage::Database& db, domain::ServerKind kind);
  void InstallOn(rpc::ServerOptions& options) { gate_->InstallOn(options); }
  // Secret of a coordinator (office) or district-coordinator (aggregator) token.
  const std::string& secret() const { return token_.secret; }
  // "token:<id>" of that token: the actor its calls write to the audit log.
  std::string actor() const { return token_.actor(); }
  auth::Gate& gate() { return *gate_; }

 private:
  std::unique_ptr<auth::Gate> gate_;
  TestToken token_;
};

}  // namespace schutznetz::testing
