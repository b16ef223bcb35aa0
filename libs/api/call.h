// Call: what a gRPC handler knows about the call it serves — which method, and who is calling.
//
// Every handler of a Schutznetz service starts by taking the call's admission from the
// authorisation gate (libs/auth/gate.h), before it looks at the request:
//
//   grpc::Status OrganisationService::CreateOrganisation(grpc::ServerContext* ctx, …) {
//     SN_ADMIT_CALL(call, ctx);   // returns UNAUTHENTICATED / PERMISSION_DENIED if refused
//     …
//     SN_RETURN_IF_ERROR(audit_->Record(tx, call.Audit("organisation", id, "create")));
//
// The actor written to the audit log is "token:<id>" of the caller's token, "anonymous" for
// public methods, or "office:<id>" for changes applied from sync items.
#pragma once

#include <optional>
#include <string>

#include <grpcpp/server_context.h>

#include "absl/status/statusor.h"
#include "libs/domain/api_token.h"
#include "libs/domain/audit.h"
#include "libs/rpc/status.h"

namespace schutznetz::api {

class Call {
 public:
  // The admitted call `ctx`: the gate's refusal if it refused the call, INTERNAL if the gate
  // never saw it (a server set up without its gate fails closed).
  static absl::StatusOr<Call> Admit(const grpc::ServerContextBase* ctx);
  // A change applied from a sync item: actor "office:<origin>", method "sync/<item_type>".
  static Call ForSyncItem(const std::string& origin, const std::string& item_type);

  // The caller's identity as written to the audit log.
  const std::string& actor() const { return actor_; }
  // "<Service>/<Method>".
  const std::string& method() const { return method_; }
  // The caller's token id and role; empty for public and federation calls.
  const std::string& token_id() const { return token_id_; }
  const std::optional<domain::Role>& role() const { return role_; }

  // PERMISSION_DENIED unless the caller's role satisfies `need`; for parts of a request that
  // need more than the method itself (`what`: "member.approve").
  absl::Status RequireRole(domain::Role need, const std::string& what) const;

  // The audit entry of a call refused by its handler (outcome "denied"); `reason` is
  // non-personal.
  domain::AuditEntry Denied(const absl::Status& status, const std::string& reason) const;

  // An audit entry for an action of this call on an item. `detail` must not hold personal data.
  domain::AuditEntry Audit(std::string resource_type, std::string resource_id, std::string action,
                           std::string detail = "") const;

 private:
  Call(std::string method, std::string actor)
      : method_(std::move(method)), actor_(std::move(actor)) {}

  std::string method_;
  std::string actor_;
  std::string token_id_;
  std::optional<domain::Role> role_;
};

}  // namespace schutznetz::api

// Declares `call` (a const api::Call&) for the handler's ServerContext `ctx`, or returns the
// gate's refusal from the handler. The first statement of every handler.
#define SN_ADMIT_CALL(call, ctx)                                       \
  ::absl::StatusOr<::schutznetz::api::Call> call##_admitted_ =         \
      ::schutznetz::api::Call::Admit(ctx);                             \
  if (!call##_admitted_.ok()) {                                        \
    return ::schutznetz::rpc::ToGrpcStatus(call##_admitted_.status()); \
  }                                                                    \
  [[maybe_unused]] const ::schutznetz::api::Call& call = *call##_admitted_
