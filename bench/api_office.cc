#include "bench/api_office.h"

#include <signal.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <utility>

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "tests/support/district.h"

namespace schutznetz::bench {
namespace {

// Organisations of the network, members spread over them. Numbers only: the bench's own SQL.
// %1$d: first member number, %2$d: one past the last.
constexpr char kMembersSql[] = R"sql(
INSERT INTO organisations (name, sector, actor_category, municipality)
SELECT 'Träger ' || i,
       (ARRAY['child_youth_welfare','health','school','justice','law_enforcement','other'])[1 + i %% 6],
       (ARRAY['youth_office','provider_8a','insofa','secrecy_holder','school','health_office',
              'police','family_court','public_prosecutor','guardian_ad_litem',
              'integration_assistance','early_help','other'])[1 + i %% 13],
       (ARRAY['Lippstadt','Soest','Warstein','Geseke','Erwitte'])[1 + i %% 5]
FROM generate_series((SELECT count(*) FROM organisations), %2$d / 16) i;
WITH o AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM organisations),
     n AS (SELECT count(*) AS n FROM organisations)
INSERT INTO members (organisation_id, first_name, last_name, role, email, phone,
                     consent_internal_directory, consent_share_registrations, state, join_time)
SELECT o.id,
       (ARRAY['Anna','Ben','Clara','David','Emma','Felix','Greta','Hannes','Ida','Jonas','Katharina',
              'Lukas','Marie','Niklas','Olga','Paul','Rosa','Simon','Tanja','Ulrich'])[1 + i %% 20],
       (ARRAY['Müller','Schmidt','Schneider','Fischer','Weber','Meyer','Wagner','Becker','Schulz',
              'Hoffmann','Schäfer','Koch','Bauer','Richter','Klein','Wolf','Schröder','Neumann',
              'Schwarz','Zimmermann','Braun','Krüger','Hofmann','Hartmann','Lange','Schmitt',
              'Werner','Schmitz','Krause','Meier'])[1 + (i / 20) %% 30]
         || CASE WHEN i >= 600 THEN '-' || (i / 600) ELSE '' END,
       'Fachkraft', 'person' || i || '@example.org', '02941 ' || (100000 + i), true, i %% 3 = 0,
       'active', now() - (i %% 700) * interval '1 day'
FROM generate_series(%1$d, %2$d - 1) i JOIN o ON o.k = i %% (SELECT n FROM n);
)sql";

// The office's own events, from January 2024 on, every 1095/%3$d days (three years for any count).
// %1$d: first event number, %2$d: one past the last, %3$d: the total.
constexpr char kEventsSql[] = R"sql(
INSERT INTO events (kind, title, topic, description, start_time, end_time, place,
                    organiser_office, capacity, scope, state, sync_version)
SELECT (ARRAY['network_meeting','working_group_meeting','steering_group_meeting','conference_day',
              'talk','training','case_conference','forum','kick_off','information_event'])[1 + i %% 10],
       'Veranstaltung ' || i, 'Thema ' || (i %% 37),
       repeat('Beschreibung der Veranstaltung. ', 1 + i %% 8), t, t + interval '3 hours',
       'Rathaus, Raum ' || (i %% 12), 'bench-office',
       CASE WHEN i %% 4 = 0 THEN 0 ELSE 20 + i %% 40 END,
       (ARRAY['local','local','district','public','local'])[1 + i %% 5],
       CASE WHEN t < now() THEN 'held' ELSE 'planned' END, 0
FROM (SELECT i, timestamptz '2024-01-08 09:00+00' + i * (interval '1095 days' / %3$d) AS t
      FROM generate_series(%1$d, %2$d - 1) i) s;
)sql";

// District events of three other offices in the mirror: a tenth of the own events.
constexpr char kMirrorSql[] = R"sql(
INSERT INTO district_events (id, organiser_office, version, kind, title, start_time, end_time,
                             place, capacity, registered_count, scope, state)
SELECT gen_random_uuid(), (ARRAY['lippstadt','soest','warstein'])[1 + i %% 3], 1, 'training',
       'Fortbildung ' || i, t, t + interval '7 hours', 'Kreishaus', 30, i %% 30, 'district',
       CASE WHEN t < now() THEN 'held' ELSE 'planned' END
FROM (SELECT i, timestamptz '2024-01-15 09:00+00' + i * (interval '1095 days' / %3$d) AS t
      FROM generate_series(%1$d, %2$d - 1) i) s;
)sql";

// Registrations of members for the events numbered %1$d to %2$d - 1: event i gets i % (2·avg+1)
// members, those beyond the capacity on the waitlist. %3$d: average per event.
constexpr char kRegistrationsSql[] = R"sql(
WITH m AS (SELECT id, replace(split_part(email, '@', 1), 'person', '')::int AS k FROM members
           WHERE email LIKE 'person%%'),
     n AS (SELECT count(*) AS n FROM m),
     e AS (SELECT id, capacity, split_part(title, ' ', 2)::int AS i FROM events
           WHERE title LIKE 'Veranstaltung %%')
INSERT INTO registrations (event_id, member_id, state, attended)
SELECT e.id, m.id,
       CASE WHEN e.capacity = 0 OR j < e.capacity THEN 'registered' ELSE 'waitlisted' END,
       CASE WHEN j %% 5 = 0 THEN NULL ELSE j %% 4 <> 0 END
FROM e CROSS JOIN LATERAL generate_series(0, e.i %% (2 * %3$d + 1) - 1) j
JOIN m ON m.k = (e.i * 37 + j * 53) %% (SELECT n FROM n)
WHERE e.i >= %1$d AND e.i < %2$d
ORDER BY e.i, j;
)sql";

absl::Status WriteConfig(const std::string& dir, const std::string& listen,
                         const std::string& metrics_listen, const ApiOfficeOptions& o) {
  std::ofstream district(dir + "/district.yaml");
  district << "# Generated by bench/api_office.cc: one office, no aggregator running.\n"
           << "id: bench-district\nname: Benchmark-Kreis\n"
           << "aggregator:\n  address: 127.0.0.1:9\n  server:\n    listen: 127.0.0.1:9\n"
           << "  database:\n    dsn: postgresql:///unused\n"
           << "offices:\n  - id: " << ApiOffice::kOfficeId << "\n    name: Jugendamt Benchmark\n";
  district.close();
  std::ofstream office(dir + "/office.yaml");
  office << "# Generated by bench/api_office.cc.\n"
         << "id: " << ApiOffice::kOfficeId << "\nname: Jugendamt Benchmark\nkind: city_office\n"
         << "district: district.yaml\nmunicipalities:\n  - Lippstadt\n"
         << "regional_groups:\n  - id: rg-bench\n    name: Regionalgruppe Benchmark\n"
         << "server:\n  listen: " << listen << "\n  threads: " << o.server_threads << "\n"
         << "metrics:\n  listen: " << metrics_listen << "\n"
         << "database:\n  dsn: postgresql:///set-by-environment\n  pool_size: " << o.pool_size
         << "\n"
         << "sync:\n  enabled: false\n";
  office.close();
  if (!district || !office) return absl::InternalError("cannot write the office configuration");
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<ApiOffice>> ApiOffice::Start(const ApiOfficeOptions& options) {
  std::unique_ptr<ApiOffice> o(new ApiOffice());
  o->options_ = options;
  std::filesystem::create_directories(options.log_dir);
  absl::StatusOr<std::unique_ptr<testing::PgCluster>> cluster = testing::PgCluster::Start();
  if (!cluster.ok()) return cluster.status();
  o->cluster_ = *std::move(cluster);
  absl::StatusOr<std::string> dsn = o->cluster_->CreateDatabase("schutznetz_bench_office");
  if (!dsn.ok()) return dsn.status();
  o->dsn_ = *dsn;
  std::string listen = absl::StrCat("127.0.0.1:", testing::PickFreePort());
  std::string metrics_listen = absl::StrCat("127.0.0.1:", testing::PickFreePort());
  o->address_ = listen;
  o->metrics_url_ = absl::StrCat("http://", metrics_listen, "/metrics");
  absl::Status written = WriteConfig(options.log_dir, listen, metrics_listen, options);
  if (!written.ok()) return written;
  o->config_file_ = options.log_dir + "/office.yaml";
  o->log_file_ = options.log_dir + "/tenant.log";
  std::filesystem::remove(o->log_file_);
  o->env_ = {{"SCHUTZNETZ_DATABASE_DSN", o->dsn_}};
  absl::Status launched = o->Launch();
  if (!launched.ok()) return launched;
  absl::StatusOr<std::string> token = o->CreateToken();
  if (!token.ok()) return token.status();
  o->token_ = *token;
  return o;
}

ApiOffice::~ApiOffice() {
  if (process_ && process_->Running()) {
    (void)process_->Signal(SIGTERM);
    if (!process_->Wait(absl::Seconds(20)).ok()) (void)process_->Signal(SIGKILL);
  }
}

absl::Status ApiOffice::Launch() {
  testing::ProcessOptions p;
  p.argv = {options_.build_dir + "/services/tenant/schutznetz-tenant", "--config", config_file_,
            "--insecure-dev"};
  p.env = env_;
  p.log_file = log_file_;
  absl::StatusOr<std::unique_ptr<testing::Process>> process = testing::Process::Start(p);
  if (!process.ok()) return process.status();
  process_ = *std::move(process);
  absl::Status serving = testing::WaitUntilServing(address_, absl::Seconds(60));
  if (!serving.ok()) {
    return absl::UnavailableError(
        absl::StrCat("tenant: ", serving.message(), " (log: ", log_file_, ")"));
  }
  return absl::OkStatus();
}

absl::Status ApiOffice::Restart() {
  if (process_ && process_->Running()) {
    absl::Status sent = process_->Signal(SIGTERM);
    if (!sent.ok()) return sent;
    absl::StatusOr<int> code = process_->Wait(absl::Seconds(30));
    if (!code.ok()) return code.status();
  }
  return Launch();
}

absl::StatusOr<std::string> ApiOffice::CreateToken() {
  testing::ProcessOptions o;
  o.argv = {options_.build_dir + "/services/tenant/schutznetz-tenant",
            "admin", "create-token", "--config", config_file_, "--role", "coordinator",
            "--label", "Benchmark"};
  o.env = env_;
  std::string output;
  absl::StatusOr<int> code = testing::RunCommand(o, absl::Seconds(60), &output);
  if (!code.ok()) return code.status();
  if (*code != 0) return absl::InternalError("admin create-token failed: " + output);
  size_t start = output.rfind("snz_");
  if (start == std::string::npos) return absl::InternalError("no secret in: " + output);
  size_t end = output.find_first_of(" \n", start);
  return output.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

absl::Status ApiOffice::ExecSql(const std::string& sql) {
  try {
    pqxx::connection conn(dsn_);
    pqxx::nontransaction tx(conn);
    tx.exec(sql);
    return absl::OkStatus();
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("SQL failed: ", e.what()));
  }
}

absl::StatusOr<std::vector<std::string>> ApiOffice::QueryColumn(const std::string& sql) {
  try {
    pqxx::connection conn(dsn_);
    pqxx::nontransaction tx(conn);
    std::vector<std::string> out;
    for (const auto& row : tx.exec(sql)) out.push_back(row[0].c_str());
    return out;
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("SQL failed: ", e.what()));
  }
}

absl::StatusOr<OfficeCounts> ApiOffice::Seed(int members, int events, int registrations_per_event,
                                             int64_t max_registrations) {
  auto count = [&](const std::string& table) -> absl::StatusOr<int64_t> {
    absl::StatusOr<std::vector<std::string>> n = QueryColumn("SELECT count(*) FROM " + table);
    if (!n.ok()) return n.status();
    return std::stoll(n->at(0));
  };
  absl::StatusOr<int64_t> have_members = count("members");
  if (!have_members.ok()) return have_members.status();
  if (*have_members < members) {
    absl::Status s =
        ExecSql(absl::StrFormat(kMembersSql, static_cast<int>(*have_members), members));
    if (!s.ok()) return s;
  }
  absl::StatusOr<std::vector<std::string>> have = QueryColumn(
      "SELECT coalesce(max(split_part(title, ' ', 2)::int) + 1, 0) FROM events "
      "WHERE title LIKE 'Veranstaltung %'");
  if (!have.ok()) return have.status();
  int have_events = std::stoi(have->at(0));
  if (have_events < events) {
    // Dates are spread over three years by the final count; a grown office keeps the old ones.
    absl::Status s = ExecSql(absl::StrFormat(kEventsSql, have_events, events, events));
    if (s.ok()) s = ExecSql(absl::StrFormat(kMirrorSql, have_events / 10, events / 10, events / 10));
    if (!s.ok()) return s;
    // Registrations for the new events, in batches of 1000 events until the limit.
    for (int from = have_events; from < events; from += 1000) {
      if (max_registrations > 0) {
        absl::StatusOr<int64_t> regs = count("registrations");
        if (!regs.ok()) return regs.status();
        if (*regs >= max_registrations) break;
      }
      s = ExecSql(absl::StrFormat(kRegistrationsSql, from, std::min(events, from + 1000),
                                  registrations_per_event));
      if (!s.ok()) return s;
    }
  }
  absl::Status analyzed = ExecSql("VACUUM ANALYZE");
  if (!analyzed.ok()) return analyzed;
  OfficeCounts c;
  const std::vector<std::pair<std::string, int64_t*>> tables = {
      {"members", &c.members},
      {"events", &c.events},
      {"district_events", &c.district_events},
      {"registrations", &c.registrations}};
  for (const auto& [table, field] : tables) {
    absl::StatusOr<int64_t> n = count(table);
    if (!n.ok()) return n.status();
    *field = *n;
  }
  return c;
}

absl::StatusOr<std::vector<std::string>> ApiOffice::AddOpenEvents(int count,
                                                                  const std::string& title) {
  return QueryColumn(absl::StrFormat(
      "INSERT INTO events (kind, title, start_time, end_time, place, organiser_office, capacity, "
      "scope, state) SELECT 'training', '%s ' || i, timestamptz '2030-03-04 09:00+00' + i * "
      "interval '1 day', timestamptz '2030-03-04 16:00+00' + i * interval '1 day', 'Kreishaus', "
      "'%s', 0, 'district', 'planned' FROM generate_series(1, %d) i RETURNING id",
      title, kOfficeId, count));
}

absl::StatusOr<std::vector<std::string>> ApiOffice::MemberIds(int limit) {
  return QueryColumn(absl::StrFormat(
      "SELECT id FROM members WHERE state = 'active' AND email LIKE 'person%%' ORDER BY "
      "replace(split_part(email, '@', 1), 'person', '')::int LIMIT %d",
      limit));
}

absl::StatusOr<std::string> ApiOffice::BusiestEventId() {
  absl::StatusOr<std::vector<std::string>> id = QueryColumn(
      "SELECT event_id FROM registrations WHERE event_id IS NOT NULL GROUP BY event_id "
      "ORDER BY count(*) DESC, event_id LIMIT 1");
  if (!id.ok()) return id.status();
  if (id->empty()) return absl::NotFoundError("no event with registrations");
  return id->at(0);
}

}  // namespace schutznetz::bench
