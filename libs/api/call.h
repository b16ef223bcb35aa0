// Call: what a gRPC handler knows about the call it serves — which method, and who is calling.
//
// Every mutating handler records an audit entry in the same transaction as its change:
//
//   api::Call call(ctx, "OrganisationService/CreateOrganisation");
//   ...
//   SN_RETURN_IF_ERROR(audit_->Record(tx, call.Audit("organisation", id, "create")));
#pragma once

#include <string>

#include <grpcpp/server_context.h>

#include "libs/domain/audit.h"

namespace schutznetz::api {

class Call {
 public:
  // `method` is "<Service>/<Method>".
  Call(const grpc::ServerContext* ctx, std::string method);
  // A change applied from a sync item: actor "office:<origin>", method "sync/<item_type>".
  static Call ForSyncItem(const std::string& origin, const std::string& item_type);

  // The caller's identity as written to the audit log. Until user tokens exist every call is
  // "anonymous".
  const std::string& actor() const { return actor_; }
  const std::string& method() const { return method_; }

  // An audit entry for an action of this call on an item. `detail` must not hold personal data.
  domain::AuditEntry Audit(std::string resource_type, std::string resource_id, std::string action,
                           std::string detail = "") const;

 private:
  Call(std::string method, std::string actor)
      : method_(std::move(method)), actor_(std::move(actor)) {}

  std::string method_;
  std::string actor_;
};

}  // namespace schutznetz::api
