// schutznetz-dev-district: runs a whole district locally until Ctrl-C (used by scripts/run-district).
//
// Starts a throwaway PostgreSQL cluster, the aggregator and every office of the district on the
// ports of the configuration files, prints their addresses, and on SIGINT/SIGTERM stops them all
// and removes the cluster.
#include <signal.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <string>

#include "libs/rpc/bearer_token.h"
#include "libs/rpc/server.h"
#include "tests/support/demo_loader.h"
#include "tests/support/district_demo_loader.h"
#include "tests/support/district.h"

int main(int argc, char** argv) {
  using namespace schutznetz::testing;
  schutznetz::rpc::BlockShutdownSignals();
  DistrictOptions options;
  options.build_dir = ExecutableDir() + "/../..";
  options.config_ports = true;
  options.pg.fast = false;
  const char* usage =
      "usage: schutznetz-dev-district --config-dir DIR --log-dir DIR [--no-demo]\n";
  bool load_demo = true;
  for (int i = 1; i < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--no-demo") {
      load_demo = false;
      --i;
      continue;
    }
    if (i + 1 >= argc) {
      std::fprintf(stderr, "%s", usage);
      return 2;
    }
    if (flag == "--config-dir") {
      options.config_dir = argv[i + 1];
    } else if (flag == "--log-dir") {
      options.log_dir = argv[i + 1];
    } else {
      std::fprintf(stderr, "%s", usage);
      return 2;
    }
  }
  if (options.config_dir.empty() || options.log_dir.empty()) {
    std::fprintf(stderr, "%s", usage);
    return 2;
  }
  auto district = LocalDistrict::Start(options);
  if (!district.ok()) {
    std::fprintf(stderr, "Start fehlgeschlagen / start failed: %s\n",
                 std::string(district.status().message()).c_str());
    return 1;
  }
  LocalDistrict& d = **district;
  if (load_demo) {
    for (const std::string& id : d.office_ids()) {
      std::string file = options.config_dir + "/demo/" + id + ".yaml";
      if (!std::filesystem::exists(file)) continue;
      auto channel =
          schutznetz::rpc::CreateChannelWithToken(d.office(id).address, d.office(id).token);
      absl::Status loaded = LoadDemoData(file, channel);
      if (!loaded.ok()) {
        std::fprintf(stderr, "Demodaten / demo data: %s\n", std::string(loaded.message()).c_str());
        return 1;
      }
      std::printf("Demodaten geladen: %s\n", id.c_str());
    }
    std::string district_file = options.config_dir + "/demo/district.yaml";
    if (std::filesystem::exists(district_file)) {
      std::map<std::string, std::shared_ptr<grpc::Channel>> offices;
      for (const std::string& id : d.office_ids()) {
        offices[id] =
            schutznetz::rpc::CreateChannelWithToken(d.office(id).address, d.office(id).token);
      }
      absl::Status loaded = LoadDistrictDemoData(
          district_file,
          schutznetz::rpc::CreateChannelWithToken(d.aggregator().address, d.aggregator().token),
          offices);
      if (!loaded.ok()) {
        std::fprintf(stderr, "Demodaten / demo data: %s\n", std::string(loaded.message()).c_str());
        return 1;
      }
      std::printf("Demodaten geladen: Absprachen des Kreises\n");
    }
  }
  std::printf("\nSchutznetz – Kreis läuft / district running\n\n");
  std::printf("  %-14s %s\n", "aggregator", d.aggregator().address.c_str());
  for (const std::string& id : d.office_ids()) {
    std::printf("  %-14s %s\n", id.c_str(), d.office(id).address.c_str());
  }
  std::printf("\n  PostgreSQL     host=%s port=%d user=schutznetz\n", d.cluster().dir().c_str(),
              d.cluster().port());
  std::printf("  Logs           %s\n", options.log_dir.c_str());
  std::printf("  netzctl        %s\n\n", d.netzctl_config().c_str());
  std::printf(
      "Tokens: Koordination je Jugendamt, Kreiskoordination am Aggregator; netzctl findet "
      "sie über / coordinator tokens per office, district-coordinator at the aggregator; "
      "netzctl finds them through\n"
      "  export SCHUTZNETZ_NETZCTL_CONFIG=%s\n\n",
      d.netzctl_config().c_str());
  std::printf("Beispiel / example:\n  build/services/cli/netzctl --target %s organisations list\n\n",
              d.office(d.office_ids().at(1 % d.office_ids().size())).address.c_str());
  std::printf("Beenden mit Strg-C / stop with Ctrl-C\n");
  std::fflush(stdout);
  schutznetz::rpc::WaitForShutdownSignal();
  std::printf("\nStoppe alle Dienste … / stopping …\n");
  std::fflush(stdout);
  district->reset();
  std::printf("Alles gestoppt, Cluster entfernt. / everything stopped.\n");
  return 0;
}
