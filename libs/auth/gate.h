// Gate: decides, before a handler runs, whether a call may proceed and who makes it.
//
// Each server has one gate, built from its database and the method table of its kind
// (method_roles.cc). Its server interceptor (Interceptor()) asks it about every call as soon as
// the call's metadata has arrived, for TLS and plaintext listeners and in-process channels
// alike, and records the decision for the handler (admission.h):
//
//   public method                      admitted, no token needed
//   federation method                  admitted here; the office's client certificate is the
//                                      credential (mTLS, checked by the TLS listener); the
//                                      FederationService identifies the office from it and
//                                      audits its own refusals (office_identity.h)
//   no, malformed or unknown token     UNAUTHENTICATED
//   expired or revoked token           UNAUTHENTICATED
//   valid token, role too weak         PERMISSION_DENIED
//   method without a rule              PERMISSION_DENIED (fail closed)
//
// Messages are bilingual and name the role the method needs. Every refused call is written to
// the audit log (actor "token:<id>" or "anonymous", method, outcome "denied", the reason) — never
// the secret, never request contents.
//
//   auth::Gate gate(db, domain::ServerKind::kOffice);
//   gate.InstallOn(options);   // rpc::ServerOptions of the server
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <grpcpp/support/server_interceptor.h>

#include "libs/auth/admission.h"
#include "libs/auth/method_rules.h"
#include "libs/common/clock.h"
#include "libs/rpc/server.h"
#include "libs/storage/api_tokens_repository.h"
#include "libs/storage/audit_repository.h"
#include "libs/storage/database.h"

namespace schutznetz::auth {

class Gate {
 public:
  // The gate of a server of `kind` with that kind's method table.
  Gate(storage::Database& db, domain::ServerKind kind, Clock clock = SystemClock());
  Gate(storage::Database& db, domain::ServerKind kind, const MethodRules& rules,
       Clock clock = SystemClock());

  // The decision about a call of `method` (full name) that carries these "authorization"
  // metadata values (usually one or none). A refusal is recorded in the audit log.
  Admission Decide(const std::string& method, const std::vector<std::string>& authorization);

  // A server interceptor factory applying this gate to every call; the gate must outlive the
  // server.
  std::shared_ptr<grpc::experimental::ServerInterceptorFactoryInterface> Interceptor();
  // Adds the interceptor to `options` and names the caller in the request log.
  void InstallOn(rpc::ServerOptions& options);

  domain::ServerKind kind() const { return kind_; }

 private:
  Admission Refuse(Admission admission, const std::string& reason);

  storage::Database& db_;
  domain::ServerKind kind_;
  const MethodRules& rules_;
  Clock clock_;
  std::unique_ptr<storage::ApiTokensRepository> tokens_;
  std::unique_ptr<storage::AuditRepository> audit_;
};

// "OrganisationService/CreateOrganisation" for "/schutznetz.v1.OrganisationService/Create…":
// the method as the audit log names it.
std::string ShortMethodName(const std::string& full_method);

}  // namespace schutznetz::auth
