#include "libs/api/call.h"

namespace schutznetz::api {

Call::Call(const grpc::ServerContext*, std::string method)
    : method_(std::move(method)), actor_("anonymous") {}

Call Call::ForSyncItem(const std::string& origin, const std::string& item_type) {
  return Call("sync/" + item_type, "office:" + origin);
}

domain::AuditEntry Call::Audit(std::string resource_type, std::string resource_id,
                               std::string action, std::string detail) const {
  domain::AuditEntry e;
  e.actor = actor_;
  e.method = method_;
  e.resource_type = std::move(resource_type);
  e.resource_id = std::move(resource_id);
  e.action = std::move(action);
  e.detail = std::move(detail);
  return e;
}

}  // namespace schutznetz::api
