// schutznetz-aggregator: the district aggregator that syncs the offices of one district.
#include "libs/common/log.h"
#include "libs/config/district_config.h"
#include "libs/runtime/runtime.h"
#include "libs/runtime/token_admin.h"
#include "services/aggregator/aggregator_app.h"

int main(int argc, char** argv) {
  using namespace schutznetz;
  if (runtime::IsAdminCommand(argc, argv)) {
    return runtime::RunAdminCommand(
        argc, argv, [](const std::string& file) -> absl::StatusOr<runtime::AdminTarget> {
          absl::StatusOr<config::DistrictConfig> c = config::LoadDistrictConfig(file);
          if (!c.ok()) return c.status();
          return runtime::AdminTarget{c->aggregator.database, c->aggregator.api_tokens,
                                      storage::SchemaRole::kAggregator,
                                      domain::ServerKind::kDistrict, c->id};
        });
  }
  runtime::InitServiceProcess("aggregator");
  auto args = runtime::ParseServiceArgs(
      argc, argv,
      "usage: schutznetz-aggregator --config tenants/<district>/district.yaml [--insecure-dev]\n"
      "       schutznetz-aggregator admin create-token|list-tokens|revoke-token --config FILE …\n"
      "Serves the district federation and district coordination APIs.\n"
      "--insecure-dev: plaintext gRPC, for local development only.");
  if (!args.ok()) return runtime::StartupFailure("arguments", args.status());
  auto config = config::LoadDistrictConfig(args->config_path);
  if (!config.ok()) return runtime::StartupFailure("configuration", config.status());
  log::Configure("aggregator", config->id, log::ParseLevel(config->logging.level));
  config->aggregator.server.insecure_dev = args->insecure_dev;

  auto app = aggregator::AggregatorApp::Create(*config);
  if (!app.ok()) return runtime::StartupFailure("start-up", app.status());
  absl::Status started = (*app)->Start();
  if (!started.ok()) return runtime::StartupFailure("listen", started);
  runtime::ServeUntilSignal((*app)->server(), config->aggregator.server.listen,
                            [&] { (*app)->BeginShutdown(); });
  return 0;
}
