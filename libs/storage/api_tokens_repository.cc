#include "libs/storage/api_tokens_repository.h"

#include "libs/common/errors.h"
#include "libs/storage/pg_error.h"
#include "libs/storage/tx.h"

namespace schutznetz::storage {
namespace {

using domain::ApiToken;

#define SN_TOKEN_COLUMNS                                                                      \
  "id::text, label, role, sn_us(created_at) AS created_us, sn_us(expires_at) AS expires_us, " \
  "sn_us(revoked_at) AS revoked_us, created_by"

constexpr Statement kInsert{
    "api_token_insert",
    "INSERT INTO api_tokens (label, role, secret_sha256, created_at, expires_at, created_by) "
    "VALUES ($1, $2, $3, sn_ts($4), sn_ts($5), $6) RETURNING " SN_TOKEN_COLUMNS};

constexpr Statement kFindByHash{"api_token_find_by_hash",
                                "SELECT " SN_TOKEN_COLUMNS
                                " FROM api_tokens WHERE secret_sha256 = $1"};

constexpr Statement kGet{"api_token_get",
                         "SELECT " SN_TOKEN_COLUMNS " FROM api_tokens WHERE id = $1::uuid"};

constexpr Statement kList{"api_token_list",
                          "SELECT " SN_TOKEN_COLUMNS
                          " FROM api_tokens ORDER BY created_at DESC, id LIMIT 10000"};

constexpr Statement kRevoke{
    "api_token_revoke",
    "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, sn_ts($2)) WHERE id = $1::uuid "
    "RETURNING " SN_TOKEN_COLUMNS};

ApiToken FromRow(const pqxx::row& r) {
  ApiToken t;
  t.id = r["id"].as<std::string>();
  t.label = r["label"].as<std::string>();
  // The table's CHECK admits only known role names.
  t.role = domain::ParseRole(r["role"].as<std::string>()).value_or(domain::Role::kViewer);
  t.create_time = absl::FromUnixMicros(r["created_us"].as<int64_t>());
  t.expire_time = absl::FromUnixMicros(r["expires_us"].as<int64_t>());
  if (!r["revoked_us"].is_null()) {
    t.revoke_time = absl::FromUnixMicros(r["revoked_us"].as<int64_t>());
  }
  t.created_by = r["created_by"].as<std::string>();
  return t;
}

class PgApiTokensRepository final : public ApiTokensRepository {
 public:
  absl::StatusOr<ApiToken> Insert(Tx& tx, const ApiToken& t,
                                  const std::string& secret_sha256) override {
    return Guarded("api_token_insert", [&]() -> absl::StatusOr<ApiToken> {
      return FromRow(tx.Exec(kInsert, t.label, std::string(domain::RoleName(t.role)), secret_sha256,
                             absl::ToUnixMicros(t.create_time), absl::ToUnixMicros(t.expire_time),
                             t.created_by)
                         .at(0));
    });
  }

  absl::StatusOr<std::optional<ApiToken>> FindBySecretHash(
      Tx& tx, const std::string& secret_sha256) override {
    return Guarded("api_token_find_by_hash", [&]() -> absl::StatusOr<std::optional<ApiToken>> {
      pqxx::result r = tx.Exec(kFindByHash, secret_sha256);
      if (r.empty()) return std::optional<ApiToken>();
      return std::optional<ApiToken>(FromRow(r[0]));
    });
  }

  absl::StatusOr<ApiToken> Get(Tx& tx, const std::string& id) override {
    return Guarded("api_token_get", [&]() -> absl::StatusOr<ApiToken> {
      pqxx::result r = tx.Exec(kGet, id);
      if (r.empty()) return NotFound("token", "Token", id);
      return FromRow(r[0]);
    });
  }

  absl::StatusOr<std::vector<ApiToken>> List(Tx& tx) override {
    return Guarded("api_token_list", [&]() -> absl::StatusOr<std::vector<ApiToken>> {
      std::vector<ApiToken> out;
      for (const auto& r : tx.Exec(kList)) out.push_back(FromRow(r));
      return out;
    });
  }

  absl::StatusOr<ApiToken> Revoke(Tx& tx, const std::string& id, absl::Time when) override {
    return Guarded("api_token_revoke", [&]() -> absl::StatusOr<ApiToken> {
      pqxx::result r = tx.Exec(kRevoke, id, absl::ToUnixMicros(when));
      if (r.empty()) return NotFound("token", "Token", id);
      return FromRow(r[0]);
    });
  }
};

}  // namespace

std::unique_ptr<ApiTokensRepository> NewApiTokensRepository() {
  return std::make_unique<PgApiTokensRepository>();
}

}  // namespace schutznetz::storage
