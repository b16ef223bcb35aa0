#include "libs/runtime/token_admin.h"

#include <cstdio>
#include <map>
#include <string_view>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "libs/auth/token_issuer.h"
#include "libs/common/log.h"
#include "libs/common/status_macros.h"
#include "libs/common/time.h"
#include "libs/common/uuid.h"
#include "libs/runtime/runtime.h"
#include "libs/storage/audit_repository.h"

namespace schutznetz::runtime {
namespace {

constexpr char kUsage[] =
    "usage: %s admin create-token --config FILE --role ROLE --label LABEL [--valid-days N]\n"
    "       %s admin list-tokens --config FILE\n"
    "       %s admin revoke-token --config FILE TOKEN_ID\n"
    "Roles: viewer, editor, coordinator (office); viewer, district-coordinator (aggregator).\n"
    "The label names a function (\"Netzwerkkoordination\"), not a person.\n";

struct AdminArgs {
  std::string verb;
  std::map<std::string, std::string> flags;
  std::vector<std::string> positionals;
};

absl::StatusOr<AdminArgs> Parse(int argc, char** argv) {
  AdminArgs a;
  if (argc < 3) return absl::InvalidArgumentError("missing verb / Befehl fehlt");
  a.verb = argv[2];
  for (int i = 3; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg.rfind("--", 0) == 0) {
      std::string name(arg.substr(2));
      std::string value;
      size_t eq = name.find('=');
      if (eq != std::string::npos) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
      } else if (i + 1 < argc) {
        value = argv[++i];
      } else {
        return absl::InvalidArgumentError(
            absl::StrCat("--", name, " needs a value / braucht einen Wert"));
      }
      a.flags[name] = value;
    } else {
      a.positionals.emplace_back(arg);
    }
  }
  return a;
}

absl::Status OnlyFlags(const AdminArgs& a, std::vector<std::string> allowed, size_t positionals) {
  for (const auto& [name, value] : a.flags) {
    bool ok = false;
    for (const std::string& f : allowed) ok = ok || f == name;
    if (!ok) return absl::InvalidArgumentError(absl::StrCat("unknown option --", name));
  }
  if (a.positionals.size() != positionals) {
    return absl::InvalidArgumentError("wrong number of arguments / falsche Anzahl Argumente");
  }
  if (!a.flags.count("config")) return absl::InvalidArgumentError("--config FILE is required");
  return absl::OkStatus();
}

void PrintToken(const domain::ApiToken& t, absl::Time now) {
  std::printf(
      "  id          %s\n  label       %s\n  role        %s\n  state       %s\n"
      "  created     %s by %s\n  expires     %s\n",
      t.id.c_str(), t.label.c_str(), domain::RoleName(t.role),
      domain::TokenStateName(domain::StateAt(t, now)), FormatLocalDateTime(t.create_time).c_str(),
      t.created_by.c_str(), FormatLocalDateTime(t.expire_time).c_str());
  if (t.revoke_time.has_value()) {
    std::printf("  revoked     %s\n", FormatLocalDateTime(*t.revoke_time).c_str());
  }
}

domain::AuditEntry AdminAudit(const std::string& verb, const std::string& id,
                              const std::string& action, std::string detail = "") {
  domain::AuditEntry e;
  e.actor = "admin";
  e.method = "admin/" + verb;
  e.resource_type = "token";
  e.resource_id = id;
  e.action = action;
  e.detail = std::move(detail);
  return e;
}

absl::Status Run(const AdminArgs& a, const AdminTarget& target, storage::Database& db) {
  auto tokens = storage::NewApiTokensRepository();
  auto audit = storage::NewAuditRepository();
  absl::Time now = absl::Now();
  if (a.verb == "create-token") {
    auth::TokenRequest request;
    std::optional<domain::Role> role = domain::ParseRole(a.flags.at("role"));
    if (!role.has_value()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--role: unknown role '", a.flags.at("role"), "' / unbekannte Rolle"));
    }
    request.role = *role;
    request.label = a.flags.at("label");
    request.created_by = "admin";
    if (a.flags.count("valid-days") &&
        !absl::SimpleAtoi(a.flags.at("valid-days"), &request.valid_days)) {
      return absl::InvalidArgumentError("--valid-days: a number of days / Anzahl Tage");
    }
    domain::TokenPolicy policy{target.tokens.default_valid_days, target.tokens.max_valid_days};
    SN_ASSIGN_OR_RETURN(
        auth::IssuedToken issued,
        db.TransactValue<auth::IssuedToken>(
            [&](storage::Tx& tx) -> absl::StatusOr<auth::IssuedToken> {
              SN_ASSIGN_OR_RETURN(auth::IssuedToken t,
                                  auth::IssueToken(tx, *tokens, target.kind, policy, request, now));
              SN_RETURN_IF_ERROR(audit->Record(
                  tx, AdminAudit(a.verb, t.token.id, "create",
                                 absl::StrCat("role ", domain::RoleName(t.token.role)))));
              return t;
            }));
    std::printf("Token angelegt / token created (%s):\n", target.instance.c_str());
    PrintToken(issued.token, now);
    std::printf("Secret – wird nur jetzt angezeigt / shown only now:\n%s\n", issued.secret.c_str());
    return absl::OkStatus();
  }
  if (a.verb == "list-tokens") {
    SN_ASSIGN_OR_RETURN(std::vector<domain::ApiToken> all,
                        db.TransactValue<std::vector<domain::ApiToken>>(
                            [&](storage::Tx& tx) { return tokens->List(tx); }));
    std::printf("%zu Token (%s):\n", all.size(), target.instance.c_str());
    for (const domain::ApiToken& t : all) {
      PrintToken(t, now);
      std::printf("\n");
    }
    return absl::OkStatus();
  }
  // revoke-token
  const std::string& id = a.positionals.at(0);
  SN_RETURN_IF_ERROR(ValidateUuid("TOKEN_ID", id));
  SN_ASSIGN_OR_RETURN(
      domain::ApiToken revoked,
      db.TransactValue<domain::ApiToken>([&](storage::Tx& tx) -> absl::StatusOr<domain::ApiToken> {
        SN_ASSIGN_OR_RETURN(domain::ApiToken t, tokens->Revoke(tx, id, now));
        SN_RETURN_IF_ERROR(audit->Record(tx, AdminAudit(a.verb, t.id, "revoke")));
        return t;
      }));
  std::printf("Token widerrufen / token revoked:\n");
  PrintToken(revoked, now);
  return absl::OkStatus();
}

}  // namespace

bool IsAdminCommand(int argc, char** argv) {
  return argc >= 2 && std::string_view(argv[1]) == "admin";
}

int RunAdminCommand(int argc, char** argv, const AdminTargetLoader& load) {
  auto usage = [&](const absl::Status& s) {
    std::fprintf(stderr, "%s\n", std::string(s.message()).c_str());
    std::fprintf(stderr, kUsage, argv[0], argv[0], argv[0]);
    return 2;
  };
  absl::StatusOr<AdminArgs> args = Parse(argc, argv);
  if (!args.ok()) return usage(args.status());
  absl::Status checked;
  if (args->verb == "create-token") {
    checked = OnlyFlags(*args, {"config", "role", "label", "valid-days"}, 0);
    if (checked.ok() && (!args->flags.count("role") || !args->flags.count("label"))) {
      checked = absl::InvalidArgumentError("--role and --label are required / sind erforderlich");
    }
  } else if (args->verb == "list-tokens") {
    checked = OnlyFlags(*args, {"config"}, 0);
  } else if (args->verb == "revoke-token") {
    checked = OnlyFlags(*args, {"config"}, 1);
  } else {
    checked = absl::InvalidArgumentError(absl::StrCat("unknown verb '", args->verb, "'"));
  }
  if (!checked.ok()) return usage(checked);

  absl::StatusOr<AdminTarget> target = load(args->flags.at("config"));
  if (!target.ok()) return StartupFailure("configuration", target.status());
  log::Configure("admin", target->instance, log::Level::kWarning);
  absl::StatusOr<std::unique_ptr<storage::Database>> db =
      OpenDatabase(target->database, "schutznetz-admin", target->schema);
  if (!db.ok()) return StartupFailure("database", db.status());
  absl::Status done = Run(*args, *target, **db);
  if (!done.ok()) {
    std::fprintf(stderr, "Fehler / error: %s\n", std::string(done.message()).c_str());
    return done.code() == absl::StatusCode::kInvalidArgument ? 2 : 1;
  }
  return 0;
}

}  // namespace schutznetz::runtime
