// netzctl tokens create|list|revoke
#include "absl/strings/numbers.h"
#include "libs/common/time.h"
#include "libs/rpc/proto_util.h"
#include "schutznetz/v1/token_service.grpc.pb.h"
#include "services/cli/command.h"
#include "services/cli/output.h"

namespace schutznetz::cli {
namespace {

absl::StatusOr<v1::TokenRole> ParseRoleFlag(const std::string& value) {
  if (value == "viewer") return v1::TOKEN_ROLE_VIEWER;
  if (value == "editor") return v1::TOKEN_ROLE_EDITOR;
  if (value == "coordinator") return v1::TOKEN_ROLE_COORDINATOR;
  if (value == "district-coordinator") return v1::TOKEN_ROLE_DISTRICT_COORDINATOR;
  return absl::InvalidArgumentError(
      "--role: viewer, editor, coordinator (Jugendamt) or viewer, district-coordinator (Kreis)");
}

std::string RoleText(v1::TokenRole role) {
  switch (role) {
    case v1::TOKEN_ROLE_VIEWER:
      return "viewer (Lesen)";
    case v1::TOKEN_ROLE_EDITOR:
      return "editor (Bearbeiten)";
    case v1::TOKEN_ROLE_COORDINATOR:
      return "coordinator (Koordination)";
    case v1::TOKEN_ROLE_DISTRICT_COORDINATOR:
      return "district-coordinator (Kreiskoordination)";
    default:
      return "";
  }
}

std::string StateText(v1::TokenState state) {
  switch (state) {
    case v1::TOKEN_STATE_ACTIVE:
      return "gültig";
    case v1::TOKEN_STATE_EXPIRED:
      return "abgelaufen";
    case v1::TOKEN_STATE_REVOKED:
      return "widerrufen";
    default:
      return "";
  }
}

void PrintTokens(const Context& ctx, const std::vector<const v1::ApiToken*>& tokens) {
  Table t({"ID", "Bezeichnung", "Rolle", "Status", "Angelegt", "Von", "Gültig bis", "Widerrufen"});
  for (const v1::ApiToken* k : tokens) {
    t.AddRow({k->id(), k->label(), RoleText(k->role()), StateText(k->state()),
              FormatLocalDateTime(rpc::FromProto(k->create_time())), k->created_by(),
              FormatLocalDateTime(rpc::FromProto(k->expire_time())),
              k->has_revoke_time() ? FormatLocalDateTime(rpc::FromProto(k->revoke_time())) : ""});
  }
  t.Print(*ctx.out);
}

int Create(Context& ctx, const Args& args) {
  v1::CreateTokenRequest req;
  auto role = args.Get("role");
  auto label = args.Get("label");
  if (!role || !label) {
    return ReportUsageError(
        ctx, absl::InvalidArgumentError("--role and --label are required / sind erforderlich"));
  }
  absl::StatusOr<v1::TokenRole> r = ParseRoleFlag(*role);
  if (!r.ok()) return ReportUsageError(ctx, r.status());
  req.mutable_token()->set_role(*r);
  req.mutable_token()->set_label(*label);
  if (auto v = args.Get("valid-days")) {
    int days = 0;
    if (!absl::SimpleAtoi(*v, &days) || days <= 0) {
      return ReportUsageError(ctx, absl::InvalidArgumentError("--valid-days: Tage > 0 / days > 0"));
    }
    req.set_valid_days(days);
  }
  v1::CreateTokenResponse resp;
  auto stub = v1::TokenService::NewStub(ctx.channel);
  grpc::Status s = stub->CreateToken(ctx.NewCall().get(), req, &resp);
  if (!s.ok()) return ReportRefusal(ctx, s);
  return Finish(ctx, s, resp, [&] {
    PrintTokens(ctx, {&resp.token()});
    *ctx.out << "Secret – wird nur jetzt angezeigt / shown only now:\n" << resp.secret() << "\n";
  });
}

int List(Context& ctx, const Args&) {
  v1::ListTokensResponse resp;
  auto stub = v1::TokenService::NewStub(ctx.channel);
  grpc::Status s = stub->ListTokens(ctx.NewCall().get(), v1::ListTokensRequest(), &resp);
  return Finish(ctx, s, resp, [&] {
    std::vector<const v1::ApiToken*> tokens;
    for (const auto& k : resp.tokens()) tokens.push_back(&k);
    PrintTokens(ctx, tokens);
    *ctx.out << resp.tokens_size() << " Token\n";
  });
}

int Revoke(Context& ctx, const Args& args) {
  v1::RevokeTokenRequest req;
  req.set_id(args.Positional(2));
  if (req.id().empty()) {
    return ReportUsageError(ctx, absl::InvalidArgumentError("tokens revoke ID"));
  }
  v1::RevokeTokenResponse resp;
  auto stub = v1::TokenService::NewStub(ctx.channel);
  grpc::Status s = stub->RevokeToken(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] { PrintTokens(ctx, {&resp.token()}); });
}

}  // namespace

std::vector<Command> TokenCommands() {
  return {
      {"tokens",
       "create",
       "--role ROLE --label LABEL [--valid-days N]",
       "API-Token anlegen; das Secret wird nur einmal angezeigt (Rolle höchstens die eigene)",
       {"role", "label", "valid-days"},
       &Create},
      {"tokens", "list", "", "API-Token anzeigen (ohne Secrets)", {}, &List},
      {"tokens", "revoke", "ID", "API-Token sofort widerrufen", {}, &Revoke},
  };
}

}  // namespace schutznetz::cli
