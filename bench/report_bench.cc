// report_bench: the district report over a synthetic state-sized federation — 560 offices, ten
// years of yearly and quarterly snapshots (28,000 rows) — as the GetDistrictReport RPC (decode
// every office's snapshot of the year and the year before, build the tables, disclosure control)
// against the same aggregate as one SQL query over the snapshots' JSON in psql. Prints both
// medians and their ratio (bench/README.md).
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <regex>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "bench/bench_util.h"
#include "libs/rpc/proto_util.h"
#include "libs/rpc/server.h"
#include "libs/runtime/runtime.h"
#include "libs/storage/office_statistics_repository.h"
#include "libs/storage/tx.h"
#include "services/aggregator/district_service.h"
#include "tests/support/pg_cluster.h"
#include "tests/support/test_tokens.h"

#include <google/protobuf/util/json_util.h>

ABSL_FLAG(int, offices, 560, "offices in the synthetic federation");
ABSL_FLAG(int, years, 10, "years of snapshots per office (ending with --year)");
ABSL_FLAG(int, year, 2025, "the report's year");
ABSL_FLAG(int, runs, 15, "timed runs of each side");

namespace schutznetz::bench {
namespace {

// The same aggregate the report builds, per office and with the district total (ROLLUP), for
// the year and the year before: scalar figures, and every breakdown by its key.
constexpr char kAggregateSql[] = R"sql(
WITH s AS (
  SELECT office_id, year, figures FROM office_statistics
  WHERE quarter = 0 AND year IN (%1$d, %1$d - 1)
), f AS (
  SELECT s.year, s.office_id, v.kind, v.key, v.n FROM s, LATERAL (VALUES
    ('members', 'active', (s.figures->'members'->>'active')::bigint),
    ('members', 'joined', (s.figures->'members'->>'joined')::bigint),
    ('members', 'left', (s.figures->'members'->>'left')::bigint),
    ('events', 'held', (s.figures->'events'->'total'->>'held')::bigint),
    ('events', 'planned', (s.figures->'events'->'total'->>'planned')::bigint),
    ('events', 'cancelled', (s.figures->'events'->'total'->>'cancelled')::bigint),
    ('participation', 'participants', (s.figures->'events'->>'participants')::bigint),
    ('participation', 'trainings', (s.figures->'trainings'->>'held')::bigint),
    ('participation', 'training_participants', (s.figures->'trainings'->>'participants')::bigint),
    ('district', 'district_events_held', (s.figures->'events'->>'district_events_held')::bigint),
    ('district', 'cross_office', (s.figures->>'cross_office_registrations')::bigint)) v(kind, key, n)
  UNION ALL
  SELECT s.year, s.office_id, 'sector', e->>'sector', (e->>'count')::bigint
  FROM s, jsonb_array_elements(coalesce(s.figures->'members'->'active_by_sector', '[]')) e
  UNION ALL
  SELECT s.year, s.office_id, 'category', e->>'actor_category', (e->>'count')::bigint
  FROM s, jsonb_array_elements(coalesce(s.figures->'members'->'active_by_actor_category', '[]')) e
  UNION ALL
  SELECT s.year, s.office_id, 'kind', e->>'kind', (e->'counts'->>'held')::bigint
  FROM s, jsonb_array_elements(coalesce(s.figures->'events'->'by_kind', '[]')) e
  UNION ALL
  SELECT s.year, s.office_id, 'scope', e->>'scope', (e->'counts'->>'held')::bigint
  FROM s, jsonb_array_elements(coalesce(s.figures->'events'->'by_scope', '[]')) e
  UNION ALL
  SELECT s.year, s.office_id, 'training_sector', e->>'sector', (e->>'count')::bigint
  FROM s, jsonb_array_elements(coalesce(s.figures->'trainings'->'participants_by_sector', '[]')) e
  UNION ALL
  SELECT s.year, s.office_id, 'municipality', e->>'municipality', (e->>'count')::bigint
  FROM s, jsonb_array_elements(coalesce(s.figures->'case_conferences'->'by_municipality', '[]')) e
)
SELECT year, kind, key, office_id, sum(coalesce(n, 0)) FROM f
GROUP BY year, kind, key, ROLLUP (office_id)
)sql";

// Deterministic, varied figures of one office and period.
v1::StatisticsSnapshot Synthetic(int office, int year, int quarter) {
  uint32_t seed = static_cast<uint32_t>(office * 7919 + year * 104729 + quarter * 31);
  auto next = [&](int max) {
    seed = seed * 1664525u + 1013904223u;
    return static_cast<int64_t>((seed >> 8) % static_cast<uint32_t>(max));
  };
  v1::StatisticsSnapshot s;
  s.set_office_id(absl::StrFormat("office-%03d", office));
  s.mutable_period()->set_year(year);
  s.mutable_period()->set_quarter(quarter);
  rpc::ToProto(absl::Now(), s.mutable_computed_at());
  int64_t active = 0;
  for (int sector = 1; sector <= 6; ++sector) {
    int64_t n = next(25);
    if (n == 0) continue;
    v1::SectorCount* c = s.mutable_members()->add_active_by_sector();
    c->set_sector(static_cast<v1::Sector>(sector));
    c->set_count(n);
    active += n;
  }
  int64_t left = active;
  for (int category = 1; category <= 13 && left > 0; ++category) {
    int64_t n = category == 13 ? left : std::min(left, next(12));
    if (n == 0) continue;
    v1::ActorCategoryCount* c = s.mutable_members()->add_active_by_actor_category();
    c->set_actor_category(static_cast<v1::ActorCategory>(category));
    c->set_count(n);
    left -= n;
  }
  s.mutable_members()->set_active(active);
  s.mutable_members()->set_joined(next(10));
  s.mutable_members()->set_left(next(4));
  int64_t held = 0;
  for (int kind = 1; kind <= 10; ++kind) {
    int64_t n = next(4);
    if (n == 0) continue;
    v1::EventKindCount* c = s.mutable_events()->add_by_kind();
    c->set_kind(static_cast<v1::EventKind>(kind));
    c->mutable_counts()->set_held(n);
    held += n;
  }
  s.mutable_events()->mutable_total()->set_held(held);
  v1::EventScopeCount* local = s.mutable_events()->add_by_scope();
  local->set_scope(v1::EVENT_SCOPE_LOCAL);
  local->mutable_counts()->set_held(held);
  s.mutable_events()->set_participants(held * 9);
  s.mutable_trainings()->set_held(next(5));
  s.mutable_trainings()->set_participants(next(60));
  for (int m = 0; m < 3; ++m) {
    v1::MunicipalityCount* c = s.mutable_case_conferences()->add_by_municipality();
    c->set_municipality(absl::StrFormat("Gemeinde %03d-%d", office, m));
    c->set_count(next(5));
  }
  v1::GroupMeetingCount* g = s.add_group_meetings();
  g->set_name("Regionalgruppe");
  g->set_meetings_per_year(4);
  g->set_held(next(5));
  return s;
}

absl::Duration Median(std::vector<absl::Duration> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

int Run() {
  const int offices = absl::GetFlag(FLAGS_offices);
  const int years = absl::GetFlag(FLAGS_years);
  const int year = absl::GetFlag(FLAGS_year);
  const int runs = absl::GetFlag(FLAGS_runs);
  for (const std::string& line : MachineSummary()) std::cout << line << "\n";

  auto cluster = testing::PgCluster::Start();
  if (!cluster.ok()) {
    std::cerr << cluster.status() << "\n";
    return 1;
  }
  auto dsn = (*cluster)->CreateDatabase("schutznetz_aggregator");
  if (!dsn.ok()) {
    std::cerr << dsn.status() << "\n";
    return 1;
  }
  config::DatabaseConfig db_config;
  db_config.dsn = *dsn;
  auto db = runtime::OpenDatabase(db_config, "report-bench", storage::SchemaRole::kAggregator);
  if (!db.ok()) {
    std::cerr << db.status() << "\n";
    return 1;
  }

  // The federation: offices × years × (year + 4 quarters).
  absl::Time load_start = absl::Now();
  auto repo = storage::NewOfficeStatisticsRepository();
  config::DistrictConfig district;
  district.id = "nrw";
  district.name = "Nordrhein-Westfalen";
  google::protobuf::util::JsonPrintOptions json;
  json.preserve_proto_field_names = true;
  int64_t rows = 0;
  for (int o = 0; o < offices; ++o) {
    district.offices.push_back({absl::StrFormat("office-%03d", o), absl::StrFormat("Jugendamt %03d", o)});
    absl::Status s = (*db)->Transact([&](storage::Tx& tx) -> absl::Status {
      for (int y = year - years + 1; y <= year; ++y) {
        for (int q = 0; q <= 4; ++q) {
          v1::StatisticsSnapshot snap = Synthetic(o, y, q);
          storage::OfficeSnapshotRecord r;
          r.office_id = snap.office_id();
          r.period = {y, q};
          r.version = 1;
          r.payload = snap.SerializeAsString();
          r.computed_at = absl::Now();
          (void)google::protobuf::util::MessageToJsonString(snap, &r.figures_json, json);
          absl::StatusOr<bool> put = repo->Put(tx, r);
          if (!put.ok()) return put.status();
          ++rows;
        }
      }
      return absl::OkStatus();
    });
    if (!s.ok()) {
      std::cerr << s << "\n";
      return 1;
    }
  }
  std::cout << absl::StrFormat("loaded %d snapshots (%d offices × %d years × 5 periods) in %.1f s\n",
                               rows, offices, years, absl::ToDoubleSeconds(absl::Now() - load_start));
  (void)(*db)->Transact([](storage::Tx& tx) -> absl::Status {
    tx.ExecFixed("ANALYZE office_statistics");
    return absl::OkStatus();
  });

  // The RPC, in process, with a district-coordinator token.
  sync::Outbox relay("aggregator", nullptr);
  aggregator::AgreementPublisher publisher(relay);
  aggregator::DistrictService service(**db, publisher,
                                      {domain::RatificationRule::kUnanimity, {}}, district);
  testing::TestGate gate(**db, domain::ServerKind::kDistrict);
  rpc::ServerOptions options{.listen = "127.0.0.1:0"};
  gate.InstallOn(options);
  auto server = rpc::RpcServer::Start(options, {&service});
  if (!server.ok()) {
    std::cerr << server.status() << "\n";
    return 1;
  }
  auto stub = v1::DistrictService::NewStub((*server)->InProcessChannel(gate.secret()));
  auto time_rpc = [&](v1::Disclosure d, size_t* bytes) {
    std::vector<absl::Duration> times;
    for (int i = 0; i < runs + 1; ++i) {
      v1::GetDistrictReportRequest req;
      req.mutable_period()->set_year(year);
      req.set_disclosure(d);
      v1::GetDistrictReportResponse resp;
      grpc::ClientContext ctx;
      absl::Time start = absl::Now();
      grpc::Status s = stub->GetDistrictReport(&ctx, req, &resp);
      absl::Duration took = absl::Now() - start;
      if (!s.ok()) {
        std::cerr << s.error_message() << "\n";
        std::exit(1);
      }
      *bytes = resp.ByteSizeLong();
      if (i > 0) times.push_back(took);  // the first warms caches and prepares statements
    }
    return Median(times);
  };
  size_t exact_bytes = 0, published_bytes = 0;
  absl::Duration exact = time_rpc(v1::DISCLOSURE_EXACT, &exact_bytes);
  absl::Duration published = time_rpc(v1::DISCLOSURE_PUBLISHED, &published_bytes);

  // The same aggregate in psql (\timing: what psql waits for the result).
  std::string sql = absl::StrFormat(kAggregateSql, year);
  std::string psql = absl::StrCat((*cluster)->bin_dir(), "/psql");
  std::string cmd = absl::StrCat(psql, " -X -q -o /dev/null -d '", *dsn, "' -c '\\timing on'");
  std::string escaped;
  for (char c : sql) {
    if (c == '\'') {
      escaped += "'\\''";
    } else {
      escaped += c;
    }
  }
  for (int i = 0; i < runs + 1; ++i) absl::StrAppend(&cmd, " -c '", escaped, "'");
  absl::StrAppend(&cmd, " 2>&1");
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  std::vector<absl::Duration> sql_times;
  std::regex time_re("Time: ([0-9.]+) ms");
  for (auto it = std::sregex_iterator(out.begin(), out.end(), time_re); it != std::sregex_iterator();
       ++it) {
    sql_times.push_back(absl::Microseconds(std::stod((*it)[1]) * 1000));
  }
  if (sql_times.size() < 2) {
    std::cerr << "psql gave no timings:\n" << out << "\n";
    return 1;
  }
  sql_times.erase(sql_times.begin());
  absl::Duration in_sql = Median(sql_times);

  std::cout << absl::StrFormat(
      "district report %d, %d offices (median of %d runs):\n"
      "  GetDistrictReport EXACT      %8.1f ms  (%zu bytes)\n"
      "  GetDistrictReport PUBLISHED  %8.1f ms  (%zu bytes, with disclosure control)\n"
      "  same aggregate in psql       %8.1f ms\n"
      "  ratio RPC EXACT / SQL        %8.2f\n"
      "  ratio RPC PUBLISHED / SQL    %8.2f\n",
      year, offices, runs, absl::ToDoubleMilliseconds(exact), exact_bytes,
      absl::ToDoubleMilliseconds(published), published_bytes, absl::ToDoubleMilliseconds(in_sql),
      absl::FDivDuration(exact, in_sql), absl::FDivDuration(published, in_sql));
  return 0;
}

}  // namespace
}  // namespace schutznetz::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  return schutznetz::bench::Run();
}
