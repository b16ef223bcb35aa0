#include "libs/api/call.h"

#include "absl/strings/str_cat.h"
#include "libs/auth/admission.h"
#include "libs/auth/gate.h"
#include "libs/common/errors.h"

namespace schutznetz::api {

absl::StatusOr<Call> Call::Admit(const grpc::ServerContextBase* ctx) {
  std::optional<auth::Admission> admission = auth::AdmissionRegistry::Take(ctx);
  if (!admission.has_value()) {
    return Bilingual(absl::StatusCode::kInternal,
                     "call not authorised: the server runs without its authorisation gate",
                     "Aufruf nicht geprüft: der Server läuft ohne Berechtigungsprüfung");
  }
  if (!admission->status.ok()) return admission->status;
  Call call(auth::ShortMethodName(admission->method), admission->Actor());
  call.token_id_ = admission->token_id;
  call.role_ = admission->role;
  return call;
}

Call Call::ForSyncItem(const std::string& origin, const std::string& item_type) {
  return Call("sync/" + item_type, "office:" + origin);
}

absl::Status Call::RequireRole(domain::Role need, const std::string& what) const {
  if (role_.has_value() && domain::Satisfies(*role_, need)) return absl::OkStatus();
  std::string have = role_.has_value() ? domain::RoleName(*role_) : "none";
  return Bilingual(
      absl::StatusCode::kPermissionDenied,
      absl::StrCat(what, " needs role ", domain::RoleName(need), "; this token has role ", have),
      absl::StrCat(what, " erfordert die Rolle ", domain::RoleName(need), " (",
                   domain::RoleLabelDe(need), "); dieses Token hat die Rolle ", have));
}

domain::AuditEntry Call::Denied(const absl::Status& status, const std::string& reason) const {
  domain::AuditEntry e = Audit("call", "", "call",
                               absl::StrCat(absl::StatusCodeToString(status.code()), ": ", reason));
  e.outcome = "denied";
  return e;
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
