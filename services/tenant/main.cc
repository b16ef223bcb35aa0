// schutznetz-tenant: the regional-group service of one youth welfare office.
#include "libs/common/log.h"
#include "libs/config/office_config.h"
#include "libs/runtime/runtime.h"
#include "libs/runtime/token_admin.h"
#include "services/tenant/tenant_app.h"

int main(int argc, char** argv) {
  using namespace schutznetz;
  if (runtime::IsAdminCommand(argc, argv)) {
    return runtime::RunAdminCommand(
        argc, argv, [](const std::string& file) -> absl::StatusOr<runtime::AdminTarget> {
          absl::StatusOr<config::OfficeConfig> c = config::LoadOfficeConfig(file);
          if (!c.ok()) return c.status();
          return runtime::AdminTarget{c->database, c->api_tokens, storage::SchemaRole::kTenant,
                                      domain::ServerKind::kOffice, c->id};
        });
  }
  runtime::InitServiceProcess("tenant");
  auto args = runtime::ParseServiceArgs(
      argc, argv,
      "usage: schutznetz-tenant --config tenants/<district>/<office>.yaml [--insecure-dev]\n"
      "       schutznetz-tenant admin create-token|list-tokens|revoke-token --config FILE …\n"
      "Serves the regional-group API of one youth welfare office (Jugendamt).\n"
      "--insecure-dev: plaintext gRPC, for local development only.");
  if (!args.ok()) return runtime::StartupFailure("arguments", args.status());
  auto config = config::LoadOfficeConfig(args->config_path);
  if (!config.ok()) return runtime::StartupFailure("configuration", config.status());
  log::Configure("tenant", config->id, log::ParseLevel(config->logging.level));
  config->server.insecure_dev = args->insecure_dev;

  auto app = tenant::TenantApp::Create(*config);
  if (!app.ok()) return runtime::StartupFailure("start-up", app.status());
  absl::Status started = (*app)->Start();
  if (!started.ok()) return runtime::StartupFailure("listen", started);
  runtime::ServeUntilSignal((*app)->server(), config->server.listen,
                            [&] { (*app)->BeginShutdown(); });
  return 0;
}
