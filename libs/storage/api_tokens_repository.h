// Persistence of API tokens (table `api_tokens`, migrations 0030 and 0031).
//
// The repository never sees a token's secret, only its SHA-256: tokens are created with the hash
// and found by it. All methods run inside a caller's transaction.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/domain/api_token.h"

namespace schutznetz::storage {

class Tx;

class ApiTokensRepository {
 public:
  virtual ~ApiTokensRepository() = default;

  // Stores a new token with the SHA-256 (hex) of its secret; the id is assigned by the database.
  // `token.create_time` and `token.expire_time` are stored as given.
  virtual absl::StatusOr<domain::ApiToken> Insert(Tx& tx, const domain::ApiToken& token,
                                                  const std::string& secret_sha256) = 0;

  // The token whose secret has this SHA-256, whatever its state; nullopt if there is none.
  virtual absl::StatusOr<std::optional<domain::ApiToken>> FindBySecretHash(
      Tx& tx, const std::string& secret_sha256) = 0;

  // NOT_FOUND if unknown.
  virtual absl::StatusOr<domain::ApiToken> Get(Tx& tx, const std::string& id) = 0;

  // Every token, newest first (an office has a handful).
  virtual absl::StatusOr<std::vector<domain::ApiToken>> List(Tx& tx) = 0;

  // Sets revoked_at to `when` unless the token is already revoked; returns the token as stored
  // afterwards. NOT_FOUND if unknown.
  virtual absl::StatusOr<domain::ApiToken> Revoke(Tx& tx, const std::string& id,
                                                  absl::Time when) = 0;
};

std::unique_ptr<ApiTokensRepository> NewApiTokensRepository();

}  // namespace schutznetz::storage
