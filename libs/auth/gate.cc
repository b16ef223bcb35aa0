#include "libs/auth/gate.h"

#include "absl/strings/str_cat.h"
#include "libs/auth/token_secret.h"
#include "libs/common/errors.h"
#include "libs/common/log.h"

namespace schutznetz::auth {
namespace {

using domain::Role;

// "role editor (Bearbeiten)" for messages.
std::string RoleEn(Role role) { return absl::StrCat("role ", domain::RoleName(role)); }
std::string RoleDe(Role role) {
  return absl::StrCat("die Rolle ", domain::RoleName(role), " (", domain::RoleLabelDe(role), ")");
}

absl::Status Unauthenticated(const std::string& method, Role need, const std::string& why_en,
                             const std::string& why_de) {
  return Bilingual(absl::StatusCode::kUnauthenticated,
                   absl::StrCat(why_en, "; ", method, " needs a token with ", RoleEn(need),
                                " (send 'authorization: Bearer <token>')"),
                   absl::StrCat(why_de, "; ", method, " braucht ein Token für ", RoleDe(need)));
}

// Applies the gate to each call: decides once the metadata has arrived, checks at the end that
// the handler took its admission.
class GateInterceptor final : public grpc::experimental::Interceptor {
 public:
  GateInterceptor(Gate& gate, grpc::experimental::ServerRpcInfo* info)
      : gate_(gate), method_(info->method()), ctx_(info->server_context()) {}
  ~GateInterceptor() override {
    if (recorded_) AdmissionRegistry::Forget(ctx_);
  }

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    using grpc::experimental::InterceptionHookPoints;
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      std::vector<std::string> authorization;
      auto* metadata = methods->GetRecvInitialMetadata();
      auto [begin, end] = metadata->equal_range(kAuthorizationKey);
      for (auto it = begin; it != end; ++it) {
        authorization.emplace_back(it->second.data(), it->second.size());
      }
      AdmissionRegistry::Record(ctx_, gate_.Decide(method_, authorization));
      recorded_ = true;
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS) && recorded_ &&
        method_.rfind("/schutznetz.", 0) == 0 && !AdmissionRegistry::Taken(ctx_) &&
        !ctx_->IsCancelled()) {
      // A Schutznetz handler that never asked for its admission bypassed the gate: a defect that
      // every test of the method shows, never a silent success. A call the client cancelled before
      // its handler ran (a stream reset) never reached the handler and is not one.
      log::Error("handler did not check its admission", {{"method", method_}});
      methods->ModifySendStatus(
          grpc::Status(grpc::StatusCode::INTERNAL,
                       "handler did not check authorization / Berechtigung wurde nicht geprüft"));
    }
    methods->Proceed();
  }

 private:
  Gate& gate_;
  std::string method_;
  grpc::ServerContextBase* ctx_;
  bool recorded_ = false;
};

class GateInterceptorFactory final : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit GateInterceptorFactory(Gate& gate) : gate_(gate) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    return new GateInterceptor(gate_, info);
  }

 private:
  Gate& gate_;
};

}  // namespace

std::string ShortMethodName(const std::string& full_method) {
  std::string m = full_method;
  if (!m.empty() && m[0] == '/') m.erase(0, 1);
  size_t slash = m.find('/');
  size_t dot = m.rfind('.', slash);
  if (slash != std::string::npos && dot != std::string::npos) m.erase(0, dot + 1);
  return m;
}

Gate::Gate(storage::Database& db, domain::ServerKind kind, Clock clock)
    : Gate(db, kind, MethodRulesFor(kind), std::move(clock)) {}

Gate::Gate(storage::Database& db, domain::ServerKind kind, const MethodRules& rules, Clock clock)
    : db_(db),
      kind_(kind),
      rules_(rules),
      clock_(std::move(clock)),
      tokens_(storage::NewApiTokensRepository()),
      audit_(storage::NewAuditRepository()) {}

std::shared_ptr<grpc::experimental::ServerInterceptorFactoryInterface> Gate::Interceptor() {
  return std::make_shared<GateInterceptorFactory>(*this);
}

void Gate::InstallOn(rpc::ServerOptions& options) {
  options.interceptors.push_back(Interceptor());
  options.caller_of = [](const grpc::ServerContextBase* ctx) {
    return AdmissionRegistry::ActorOf(ctx);
  };
}

Admission Gate::Decide(const std::string& method, const std::vector<std::string>& authorization) {
  Admission a;
  a.method = method;
  const std::string name = ShortMethodName(method);
  auto rule = rules_.find(method);
  if (rule == rules_.end()) {
    log::Error("method without access rule", {{"method", method}});
    a.status = Bilingual(absl::StatusCode::kPermissionDenied,
                         absl::StrCat(name, " has no access rule on this server"),
                         absl::StrCat(name, " hat auf diesem Server keine Zugriffsregel"));
    return Refuse(std::move(a), "no access rule");
  }
  switch (rule->second.kind) {
    case MethodRule::Kind::kPublic:
      return a;
    case MethodRule::Kind::kOfficeCertificate:
      // Office-to-aggregator federation: the calling office proves who it is with its client
      // certificate, which the TLS listener verifies; no user token is involved.
      return a;
    case MethodRule::Kind::kRole:
      break;
  }
  const Role need = rule->second.min_role;

  if (authorization.empty()) {
    a.status = Unauthenticated(name, need, "no token", "kein Token");
    return Refuse(std::move(a), "no token");
  }
  if (authorization.size() > 1) {
    a.status = Unauthenticated(name, need, "more than one authorization header",
                               "mehr als ein authorization-Header");
    return Refuse(std::move(a), "several authorization headers");
  }
  std::optional<std::string> secret = SecretFromAuthorization(authorization[0]);
  if (!secret.has_value() || !LooksLikeTokenSecret(*secret)) {
    a.status = Unauthenticated(name, need, "malformed token (expected 'Bearer snz_…')",
                               "Token hat nicht die Form 'Bearer snz_…'");
    return Refuse(std::move(a), "malformed token");
  }

  // The token is found by the SHA-256 of the presented secret. No constant-time comparison of
  // secrets is needed: the secret itself is never compared, only its hash is looked up in an
  // index, and timing that reveals how much of a stored *hash* matches tells an attacker nothing
  // about the secret (finding a secret for a chosen hash prefix is a preimage search).
  const std::string hash = HashTokenSecret(*secret);
  absl::StatusOr<std::optional<domain::ApiToken>> found =
      db_.TransactValue<std::optional<domain::ApiToken>>(
          [&](storage::Tx& tx) { return tokens_->FindBySecretHash(tx, hash); },
          {.read_only = true});
  if (!found.ok()) {
    // The database is unreachable: the caller may retry; nothing to audit into.
    a.status = found.status();
    return a;
  }
  if (!found->has_value()) {
    a.status =
        Unauthenticated(name, need, "token not valid here (unknown, or issued by another office)",
                        "Token ist hier nicht gültig (unbekannt oder von einem anderen "
                        "Jugendamt ausgestellt)");
    return Refuse(std::move(a), "unknown token");
  }
  const domain::ApiToken& token = **found;
  a.token_id = token.id;
  switch (domain::StateAt(token, clock_())) {
    case domain::TokenState::kRevoked:
      a.status = Unauthenticated(name, need, "token revoked", "Token wurde widerrufen");
      return Refuse(std::move(a), "revoked token");
    case domain::TokenState::kExpired:
      a.status = Unauthenticated(name, need, "token expired", "Token ist abgelaufen");
      return Refuse(std::move(a), "expired token");
    case domain::TokenState::kActive:
      break;
  }
  if (!domain::RoleExistsAt(token.role, kind_)) {
    a.status = Unauthenticated(name, need, "token role does not exist on this server",
                               "die Rolle des Tokens gibt es auf diesem Server nicht");
    return Refuse(std::move(a), "role of another server kind");
  }
  if (!domain::Satisfies(token.role, need)) {
    a.status = Bilingual(
        absl::StatusCode::kPermissionDenied,
        absl::StrCat(name, " needs ", RoleEn(need), "; this token has ", RoleEn(token.role)),
        absl::StrCat(name, " erfordert ", RoleDe(need), "; dieses Token hat ", RoleDe(token.role)));
    return Refuse(std::move(a), absl::StrCat("role ", domain::RoleName(token.role), " below ",
                                             domain::RoleName(need)));
  }
  a.role = token.role;
  return a;
}

Admission Gate::Refuse(Admission a, const std::string& reason) {
  domain::AuditEntry e;
  e.actor = a.Actor();
  e.method = ShortMethodName(a.method);
  e.resource_type = "call";
  e.resource_id = "";
  e.action = "call";
  e.outcome = "denied";
  e.detail = absl::StrCat(absl::StatusCodeToString(a.status.code()), ": ", reason);
  absl::Status recorded = db_.Transact([&](storage::Tx& tx) { return audit_->Record(tx, e); });
  if (!recorded.ok()) {
    log::Warning("refused call not audited",
                 {{"method", a.method}, {"error", std::string(recorded.message())}});
  }
  return a;
}

}  // namespace schutznetz::auth
