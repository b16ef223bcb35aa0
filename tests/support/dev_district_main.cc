// schutznetz-dev-district: runs a whole district locally until Ctrl-C (used by scripts/run-district).
//
// Starts a throwaway PostgreSQL cluster, the aggregator and every office of the district on the
// ports of the configuration files, prints their addresses, and on SIGINT/SIGTERM stops them all
// and removes the cluster.
#include <signal.h>
#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "libs/rpc/server.h"
#include "tests/support/demo.h"
#include "tests/support/district.h"

int main(int argc, char** argv) {
  using namespace schutznetz::testing;
  schutznetz::rpc::BlockShutdownSignals();
  DistrictOptions options;
  options.build_dir = ExecutableDir() + "/../..";
  options.config_ports = true;
  options.pg.fast = false;
  const char* usage =
      "usage: schutznetz-dev-district --config-dir DIR --log-dir DIR [--no-demo] [--insecure-dev]\n";
  bool load_demo = true;
  for (int i = 1; i < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--no-demo") {
      load_demo = false;
      --i;
      continue;
    }
    if (flag == "--insecure-dev") {
      options.insecure = true;
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
    absl::Status loaded = LoadDemo(d, options.config_dir);
    if (!loaded.ok()) {
      std::fprintf(stderr, "Demodaten / demo data: %s\n", std::string(loaded.message()).c_str());
      return 1;
    }
    std::printf("Demodaten geladen / demo data loaded: %s\n", options.config_dir.c_str());
  }
  std::printf("\nSchutznetz – Kreis läuft / district running\n\n");
  std::printf("  %-14s %s\n", "aggregator", d.aggregator().address.c_str());
  for (const std::string& id : d.office_ids()) {
    std::printf("  %-14s %s\n", id.c_str(), d.office(id).address.c_str());
  }
  std::printf("\nÖffentliche Termine und Ansprechpersonen / public calendar and contacts:\n");
  std::vector<const DistrictService*> services = {&d.aggregator()};
  for (const std::string& id : d.office_ids()) services.push_back(&d.office(id));
  for (const DistrictService* s : services) {
    std::string base = d.HttpBase(*s);
    if (base.empty()) continue;
    std::printf("  %-14s %s/calendar.ics  %s/contacts\n", s->id.c_str(), base.c_str(),
                base.c_str());
  }
  // The web UI: its addresses, and a file with the address and login token of each service.
  std::string ui_tokens = options.log_dir + "/ui-login.txt";
  {
    std::ofstream out(ui_tokens);
    out << "# Anmeldung an der Weboberfläche / web UI login: Adresse und Token je Dienst\n";
    for (const DistrictService* s : services) {
      if (!d.UiBase(*s).empty()) out << s->id << " " << d.UiBase(*s) << "/ " << s->token << "\n";
    }
  }
  ::chmod(ui_tokens.c_str(), 0600);
  std::printf("\nWeboberfläche für die Koordination / web UI for coordinators:\n");
  for (const DistrictService* s : services) {
    std::string base = d.UiBase(*s);
    if (!base.empty()) std::printf("  %-14s %s/\n", s->id.c_str(), base.c_str());
  }
  std::printf("  Anmeldung      Token aus / login token from %s%s\n", ui_tokens.c_str(),
              options.insecure ? "" : " (Zertifikat der Kreis-CA im Browser bestätigen / accept "
                                      "the district CA's certificate)");
  std::printf("\nMetriken und Health-Ports / metrics (HTTP) and health (plaintext gRPC):\n");
  for (const DistrictService* s : services) {
    if (s->metrics_address.empty() && s->health_address.empty()) continue;
    std::printf("  %-14s %s  health %s\n", s->id.c_str(), LocalDistrict::MetricsUrl(*s).c_str(),
                s->health_address.c_str());
  }
  std::printf("\n  PostgreSQL     host=%s port=%d user=schutznetz\n", d.cluster().dir().c_str(),
              d.cluster().port());
  std::printf("  Logs           %s\n", options.log_dir.c_str());
  std::printf("  Tokens         %s\n", d.netzctl_config().c_str());
  // Everything netzctl needs, for `. var/run-district/netzctl.env` in another terminal: the
  // district CA and client certificate, and the netzctl configuration with the bootstrap tokens
  // (a coordinator token per office, a district-coordinator token at the aggregator).
  std::string env_file = options.log_dir + "/netzctl.env";
  {
    std::ofstream env(env_file);
    env << "# netzctl against the local district: . " << env_file << "\n";
    for (const auto& [name, value] : d.NetzctlEnvironment()) {
      if (value.empty()) {
        env << "unset " << name << "\n";
      } else {
        env << "export " << name << "=" << value << "\n";
      }
    }
  }
  if (options.insecure) {
    std::printf("  TLS            AUS / OFF (--insecure-dev): netzctl --insecure-dev …\n\n");
  } else {
    std::printf("  TLS            Kreis-CA / district CA %s\n\n", d.pki().ca_file.c_str());
  }
  std::printf(
      "Tokens: Koordination je Jugendamt, Kreiskoordination am Aggregator / coordinator token "
      "per office, district-coordinator token at the aggregator (in %s).\n\n",
      d.netzctl_config().c_str());
  std::printf("netzctl in einem zweiten Terminal / in a second terminal:\n  . %s\n",
              env_file.c_str());
  std::printf("  build/services/cli/netzctl%s --target %s organisations list\n",
              options.insecure ? " --insecure-dev" : "",
              d.office(d.office_ids().at(1 % d.office_ids().size())).address.c_str());
  if (!options.insecure && !d.pki().ca_file.empty()) {
    std::printf("  curl --cacert %s %s/calendar.ics\n", d.pki().ca_file.c_str(),
                d.HttpBase(d.office(d.office_ids().at(1 % d.office_ids().size()))).c_str());
  }
  std::printf("\n");
  std::printf("Beenden mit Strg-C / stop with Ctrl-C\n");
  std::fflush(stdout);
  schutznetz::rpc::WaitForShutdownSignal();
  std::printf("\nStoppe alle Dienste … / stopping …\n");
  std::fflush(stdout);
  district->reset();
  std::printf("Alles gestoppt, Cluster entfernt. / everything stopped.\n");
  return 0;
}
