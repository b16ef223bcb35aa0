// sync_bench: measures the sync between offices and the district aggregator with real processes
// on a throwaway PostgreSQL cluster and prints the figures (bench/README.md explains each).
//
//   scripts/bench sync                                  # everything, default sizes
//   scripts/bench sync --parts=offices --offices=100,560,1000
//
// Parts: "throughput" (one office → aggregator → every office, Kreis Soest), "agreements"
// (propagation latency of an agreement change, Kreis Soest), "offices" (one aggregator with many
// simulated offices). A benchmark, not a test: it never asserts timings; it exits non-zero only
// when a part could not run to its end.
#include <signal.h>

#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "bench/bench_util.h"
#include "bench/district_bench.h"
#include "bench/many_offices_bench.h"
#include "tests/support/pg_cluster.h"

ABSL_FLAG(std::string, parts, "throughput,agreements,offices",
          "comma-separated parts to run: throughput, agreements, offices");
ABSL_FLAG(int, changes, 500, "throughput: district events created at one office");
ABSL_FLAG(int, writers, 4, "throughput: concurrent clients creating them");
ABSL_FLAG(int, agreement_samples, 50, "agreements: draft changes measured");
ABSL_FLAG(std::string, offices, "100,560", "offices: comma-separated numbers of offices");
ABSL_FLAG(int, push_clients, 4, "offices: offices that push");
ABSL_FLAG(int, batches, 10, "offices: batches each pushing office sends");
ABSL_FLAG(int, batch_items, 25, "offices: items per batch (at most 500)");
ABSL_FLAG(int, server_threads, 0,
          "offices: the aggregator's server.threads (0: number of offices + 64, at most 1024)");
ABSL_FLAG(int, pool_size, 0, "offices: the aggregator's database.pool_size (0: the default)");
ABSL_FLAG(int, idle_seconds, 5, "offices: how long to measure the idle load once subscribed");
ABSL_FLAG(int, timeout_s, 180, "give up on a phase after this many seconds");
ABSL_FLAG(std::string, log_dir, SCHUTZNETZ_BUILD_DIR "/bench-logs/sync",
          "where the services' logs and the generated district files go");

namespace schutznetz::bench {
namespace {

// "machine 20% busy over 5.00 s; CPU: PostgreSQL 0.82 s, aggregator 0.05 s, offices 0.02 s".
std::string CpuLine(const CpuUse& u) {
  auto seconds = [](absl::Duration d) { return absl::StrFormat("%.2f s", absl::ToDoubleSeconds(d)); };
  return absl::StrCat("machine ", static_cast<int>(u.machine_busy_percent + 0.5), "% busy over ",
                      ShortDuration(u.wall), "; CPU used by PostgreSQL ", seconds(u.postgres),
                      ", aggregator ", seconds(u.aggregator), ", simulated offices ",
                      seconds(u.clients));
}

// CPU used by PostgreSQL and the aggregator while idle, in cores: "0.52 cores".
std::string IdleCpu(const CpuUse& u) {
  if (u.wall <= absl::ZeroDuration()) return "";
  return absl::StrFormat("%.2f cores", absl::FDivDuration(u.postgres + u.aggregator, u.wall));
}

bool RunManyOfficesPart(const std::vector<int>& sizes) {
  PrintHeading("Many offices: one aggregator process, simulated offices (subscribe + push)");
  int pushers = absl::GetFlag(FLAGS_push_clients);
  std::cout << pushers << " offices push " << absl::GetFlag(FLAGS_batches) << " batches of "
            << absl::GetFlag(FLAGS_batch_items)
            << " district_event items each; every office subscribes and receives every item "
               "but its own.\n";
  absl::StatusOr<std::unique_ptr<testing::PgCluster>> cluster = testing::PgCluster::Start();
  if (!cluster.ok()) {
    std::cout << "cannot start PostgreSQL: " << cluster.status() << "\n";
    return false;
  }
  Table table({"offices", "push items/s", "delivery p50", "p99", "max", "aggregator RSS",
               "agg. threads", "all delivered after", "deliveries/s", "idle CPU (PG + agg.)",
               "stream reconnects", "push retries"});
  bool ok = true;
  for (int n : sizes) {
    ManyOfficesOptions o;
    o.offices = n;
    o.push_clients = pushers;
    o.batches = absl::GetFlag(FLAGS_batches);
    o.batch_items = absl::GetFlag(FLAGS_batch_items);
    o.server_threads = absl::GetFlag(FLAGS_server_threads);
    o.pool_size = absl::GetFlag(FLAGS_pool_size);
    o.idle_window = absl::Seconds(absl::GetFlag(FLAGS_idle_seconds));
    o.timeout = absl::Seconds(absl::GetFlag(FLAGS_timeout_s));
    o.build_dir = SCHUTZNETZ_BUILD_DIR;
    o.log_dir = absl::StrCat(absl::GetFlag(FLAGS_log_dir), "/offices-", n);
    absl::Time start = absl::Now();
    absl::StatusOr<ManyOfficesResult> r = RunManyOffices(**cluster, o);
    if (!r.ok()) {
      std::cout << n << " offices: FAILED: " << r.status() << " (logs: " << o.log_dir << ")\n";
      table.AddRow({absl::StrCat(n), "failed", "", "", "", "", "", "", "", "", "", ""});
      ok = false;
      continue;
    }
    std::cout << n << " offices (server.threads " << r->server_threads << "): all subscribed in "
              << ShortDuration(r->subscribe_time) << "; " << r->items << " items pushed in "
              << ShortDuration(r->push_time) << ", " << r->delivered << "/" << r->items
              << " delivered to all " << n - 1 << " other offices; run took "
              << ShortDuration(absl::Now() - start) << "\n"
              << "  idle, every office subscribed: " << CpuLine(r->idle) << "\n"
              << "  push until all delivered:      " << CpuLine(r->busy) << "\n";
    if (!r->first_error.empty()) std::cout << "  an error: " << r->first_error << "\n";
    if (r->push_errors > 0 || r->delivered < r->items) ok = false;
    double rate = r->items / absl::ToDoubleSeconds(r->push_time);
    bool complete = r->delivered == r->items;
    table.AddRow({absl::StrCat(n), FormatRate(rate), ShortDuration(r->delivery.p50),
                  ShortDuration(r->delivery.p99), ShortDuration(r->delivery.max),
                  FormatMemory(r->memory.rss_kib), absl::StrCat(r->memory.threads),
                  complete ? ShortDuration(r->delivery_time) : "incomplete",
                  complete ? FormatRate(static_cast<double>(r->items) * (n - 1) /
                                        absl::ToDoubleSeconds(r->delivery_time))
                           : "",
                  IdleCpu(r->idle),
                  absl::StrCat(r->reconnects), absl::StrCat(r->push_retries)});
  }
  std::cout << "\n";
  table.Print();
  return ok;
}

int Main(int argc, char** argv) {
  absl::SetProgramUsageMessage("Measures the sync of Schutznetz; see bench/README.md.");
  absl::ParseCommandLine(argc, argv);
  signal(SIGPIPE, SIG_IGN);
  std::set<std::string> parts = absl::StrSplit(absl::GetFlag(FLAGS_parts), ',', absl::SkipEmpty());
  for (const std::string& p : parts) {
    if (p != "throughput" && p != "agreements" && p != "offices") {
      std::cerr << "--parts: unknown part '" << p << "'\n";
      return 2;
    }
  }
  std::vector<int> sizes;
  for (absl::string_view s : absl::StrSplit(absl::GetFlag(FLAGS_offices), ',', absl::SkipEmpty())) {
    int n = 0;
    if (!absl::SimpleAtoi(s, &n) || n < 2) {
      std::cerr << "--offices: '" << s << "' is not a number of at least 2\n";
      return 2;
    }
    sizes.push_back(n);
  }

  PrintHeading("Machine");
  for (const std::string& line : MachineSummary()) std::cout << line << "\n";
  absl::StatusOr<uint64_t> files = RaiseOpenFilesLimit();
  if (files.ok()) std::cout << "open files limit: " << *files << "\n";

  bool ok = true;
  if (parts.count("throughput") || parts.count("agreements")) {
    DistrictBenchOptions o;
    o.throughput = parts.count("throughput") > 0;
    o.agreements = parts.count("agreements") > 0;
    o.changes = absl::GetFlag(FLAGS_changes);
    o.writers = absl::GetFlag(FLAGS_writers);
    o.agreement_samples = absl::GetFlag(FLAGS_agreement_samples);
    o.timeout = absl::Seconds(absl::GetFlag(FLAGS_timeout_s));
    o.source_dir = SCHUTZNETZ_SOURCE_DIR;
    o.build_dir = SCHUTZNETZ_BUILD_DIR;
    o.log_dir = absl::GetFlag(FLAGS_log_dir) + "/kreis-soest";
    PrintHeading("Kreis Soest: aggregator and four tenant services as processes");
    absl::Status s = RunDistrictBench(o);
    if (!s.ok()) {
      std::cout << "FAILED: " << s << " (logs: " << o.log_dir << ")\n";
      ok = false;
    }
  }
  if (parts.count("offices") && !RunManyOfficesPart(sizes)) ok = false;
  return ok ? 0 : 1;
}

}  // namespace
}  // namespace schutznetz::bench

int main(int argc, char** argv) { return schutznetz::bench::Main(argc, argv); }
