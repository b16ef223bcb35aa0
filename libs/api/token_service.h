// TokenService: the API tokens of a service, managed over gRPC by its coordinators (tenant
// service) or district-coordinators (aggregator); the method table admits nobody else.
//
// CreateToken returns the new secret once; a caller cannot grant a role above its own. Tokens
// are listed without secrets. Every creation and revocation is audited with the token id.
#pragma once

#include <memory>

#include "libs/common/clock.h"
#include "libs/domain/api_token.h"
#include "libs/storage/api_tokens_repository.h"
#include "libs/storage/audit_repository.h"
#include "libs/storage/database.h"
#include "schutznetz/v1/token_service.grpc.pb.h"

namespace schutznetz::api {

class TokenService final : public v1::TokenService::Service {
 public:
  TokenService(storage::Database& db, domain::ServerKind kind, domain::TokenPolicy policy,
               Clock clock = SystemClock());

  grpc::Status CreateToken(grpc::ServerContext* ctx, const v1::CreateTokenRequest* req,
                           v1::CreateTokenResponse* resp) override;
  grpc::Status ListTokens(grpc::ServerContext* ctx, const v1::ListTokensRequest* req,
                          v1::ListTokensResponse* resp) override;
  grpc::Status RevokeToken(grpc::ServerContext* ctx, const v1::RevokeTokenRequest* req,
                           v1::RevokeTokenResponse* resp) override;
  grpc::Status GetCurrentToken(grpc::ServerContext* ctx, const v1::GetCurrentTokenRequest* req,
                               v1::GetCurrentTokenResponse* resp) override;

 private:
  storage::Database& db_;
  domain::ServerKind kind_;
  domain::TokenPolicy policy_;
  Clock clock_;
  std::unique_ptr<storage::ApiTokensRepository> tokens_;
  std::unique_ptr<storage::AuditRepository> audit_;
};

// Conversions between the proto and domain forms of roles and tokens.
absl::StatusOr<domain::Role> RoleFromProto(int value, const std::string& field);
v1::TokenRole ToProto(domain::Role role);
void TokenToProto(const domain::ApiToken& token, absl::Time now, v1::ApiToken* out);

}  // namespace schutznetz::api
