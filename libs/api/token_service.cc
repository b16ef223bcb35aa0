#include "libs/api/token_service.h"

#include "absl/strings/str_cat.h"
#include "libs/api/call.h"
#include "libs/auth/token_issuer.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "libs/common/uuid.h"
#include "libs/rpc/proto_util.h"
#include "libs/rpc/status.h"

namespace schutznetz::api {

absl::StatusOr<domain::Role> RoleFromProto(int value, const std::string& field) {
  switch (value) {
    case v1::TOKEN_ROLE_VIEWER:
      return domain::Role::kViewer;
    case v1::TOKEN_ROLE_EDITOR:
      return domain::Role::kEditor;
    case v1::TOKEN_ROLE_COORDINATOR:
      return domain::Role::kCoordinator;
    case v1::TOKEN_ROLE_DISTRICT_COORDINATOR:
      return domain::Role::kDistrictCoordinator;
    case v1::TOKEN_ROLE_UNSPECIFIED:
      return FieldError(field, "is required", "ist erforderlich");
    default:
      return FieldError(field, "unknown role", "unbekannte Rolle");
  }
}

v1::TokenRole ToProto(domain::Role role) {
  switch (role) {
    case domain::Role::kViewer:
      return v1::TOKEN_ROLE_VIEWER;
    case domain::Role::kEditor:
      return v1::TOKEN_ROLE_EDITOR;
    case domain::Role::kCoordinator:
      return v1::TOKEN_ROLE_COORDINATOR;
    case domain::Role::kDistrictCoordinator:
      return v1::TOKEN_ROLE_DISTRICT_COORDINATOR;
  }
  return v1::TOKEN_ROLE_UNSPECIFIED;
}

void TokenToProto(const domain::ApiToken& t, absl::Time now, v1::ApiToken* out) {
  out->set_id(t.id);
  out->set_label(t.label);
  out->set_role(ToProto(t.role));
  switch (domain::StateAt(t, now)) {
    case domain::TokenState::kActive:
      out->set_state(v1::TOKEN_STATE_ACTIVE);
      break;
    case domain::TokenState::kExpired:
      out->set_state(v1::TOKEN_STATE_EXPIRED);
      break;
    case domain::TokenState::kRevoked:
      out->set_state(v1::TOKEN_STATE_REVOKED);
      break;
  }
  rpc::ToProto(t.create_time, out->mutable_create_time());
  rpc::ToProto(t.expire_time, out->mutable_expire_time());
  if (t.revoke_time.has_value()) rpc::ToProto(*t.revoke_time, out->mutable_revoke_time());
  out->set_created_by(t.created_by);
}

TokenService::TokenService(storage::Database& db, domain::ServerKind kind,
                           domain::TokenPolicy policy, Clock clock)
    : db_(db),
      kind_(kind),
      policy_(policy),
      clock_(std::move(clock)),
      tokens_(storage::NewApiTokensRepository()),
      audit_(storage::NewAuditRepository()) {}

grpc::Status TokenService::CreateToken(grpc::ServerContext* ctx, const v1::CreateTokenRequest* req,
                                       v1::CreateTokenResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    SN_ASSIGN_OR_RETURN(domain::Role role, RoleFromProto(req->token().role(), "token.role"));
    // A role of the other server kind is a bad request (IssueToken names the roles there are),
    // not a question of the caller's rank.
    if (domain::RoleExistsAt(role, kind_) &&
        (!call.role().has_value() || !domain::Satisfies(*call.role(), role))) {
      std::string have = call.role().has_value() ? domain::RoleName(*call.role()) : "none";
      return Bilingual(absl::StatusCode::kPermissionDenied,
                       absl::StrCat("token.role: cannot grant role ", domain::RoleName(role),
                                    ", which is above the caller's role ", have),
                       absl::StrCat("token.role: die Rolle ", domain::RoleName(role),
                                    " steht über der eigenen Rolle ", have));
    }
    auth::TokenRequest request{role, req->token().label(), req->valid_days(), call.actor()};
    absl::Time now = clock_();
    return db_.Transact([&](storage::Tx& tx) -> absl::Status {
      SN_ASSIGN_OR_RETURN(auth::IssuedToken issued,
                          auth::IssueToken(tx, *tokens_, kind_, policy_, request, now));
      TokenToProto(issued.token, now, resp->mutable_token());
      resp->set_secret(issued.secret);
      return audit_->Record(tx, call.Audit("token", issued.token.id, "create",
                                           absl::StrCat("role ", domain::RoleName(role))));
    });
  }());
}

grpc::Status TokenService::ListTokens(grpc::ServerContext* ctx, const v1::ListTokensRequest*,
                                      v1::ListTokensResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  absl::Time now = clock_();
  return rpc::ToGrpcStatus(db_.Transact(
      [&](storage::Tx& tx) -> absl::Status {
        SN_ASSIGN_OR_RETURN(std::vector<domain::ApiToken> tokens, tokens_->List(tx));
        for (const domain::ApiToken& t : tokens) TokenToProto(t, now, resp->add_tokens());
        return absl::OkStatus();
      },
      {.read_only = true}));
}

grpc::Status TokenService::RevokeToken(grpc::ServerContext* ctx, const v1::RevokeTokenRequest* req,
                                       v1::RevokeTokenResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    SN_RETURN_IF_ERROR(ValidateUuid("id", req->id()));
    absl::Time now = clock_();
    return db_.Transact([&](storage::Tx& tx) -> absl::Status {
      SN_ASSIGN_OR_RETURN(domain::ApiToken revoked, tokens_->Revoke(tx, req->id(), now));
      TokenToProto(revoked, now, resp->mutable_token());
      return audit_->Record(tx, call.Audit("token", revoked.id, "revoke"));
    });
  }());
}

grpc::Status TokenService::GetCurrentToken(grpc::ServerContext* ctx,
                                           const v1::GetCurrentTokenRequest*,
                                           v1::GetCurrentTokenResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  absl::Time now = clock_();
  return rpc::ToGrpcStatus(db_.Transact(
      [&](storage::Tx& tx) -> absl::Status {
        SN_ASSIGN_OR_RETURN(domain::ApiToken token, tokens_->Get(tx, call.token_id()));
        TokenToProto(token, now, resp->mutable_token());
        return absl::OkStatus();
      },
      {.read_only = true}));
}

}  // namespace schutznetz::api
