// api_bench: the tenant service's API on a realistic office (bench/README.md).
//
//   read      throughput of ListEvents, GetEvent, ListMembers, GetMember with h2load, against the
//             same server's grpc.health.v1.Health/Check (the ceiling: no database, same stack)
//   latency   p50/p99 at a fixed paced load (h2load --rps, per-request log)
//   write     CreateEvent and RegisterMember from concurrent gRPC clients against pgbench doing
//             the same writes with the same concurrency on the same database
//   memory    the service's VmRSS idle and the highest seen under each load (part of the others)
//   explain   grows the office to --explain_rows rows and prints the plans PostgreSQL used for
//             the list queries (auto_explain with ANALYZE and BUFFERS)
#include <sys/types.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <set>
#include <thread>

#include <grpcpp/grpcpp.h>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "bench/api_office.h"
#include "bench/bench_util.h"
#include "bench/h2load.h"
#include "grpc/health/v1/health.pb.h"
#include "libs/rpc/bearer_token.h"
#include "libs/rpc/proto_util.h"
#include "schutznetz/v1/event_service.grpc.pb.h"
#include "schutznetz/v1/member_service.grpc.pb.h"
#include "schutznetz/v1/registration_service.grpc.pb.h"
#include "tests/support/process.h"
#include "tests/support/raw_call.h"

ABSL_FLAG(std::string, parts, "read,latency,write",
          "comma-separated parts: read, latency, write, explain");
ABSL_FLAG(bool, explain, false, "also run the explain part (same as adding it to --parts)");
ABSL_FLAG(int, members, 2000, "members of the office");
ABSL_FLAG(int, events, 500, "own events of the office (plus a tenth as mirrored district events)");
ABSL_FLAG(int, registrations_per_event, 20, "average registrations per event");
ABSL_FLAG(int, seconds, 10, "length of each throughput run");
ABSL_FLAG(int, clients, 4, "h2load connections (-c)");
ABSL_FLAG(int, streams, 2, "h2load concurrent streams per connection (-m)");
ABSL_FLAG(int, writers, 8, "concurrent writers: gRPC clients and pgbench connections alike");
ABSL_FLAG(int, rps, 200, "paced load of the latency part, requests per second");
ABSL_FLAG(int, explain_rows, 100000, "rows per table for the explain part");
ABSL_FLAG(int, server_threads, 16, "the service's server.threads");
ABSL_FLAG(int, pool_size, 8, "the service's database.pool_size");
ABSL_FLAG(std::string, methods, "",
          "read part only: comma-separated labels of the methods to load (health, list_events, "
          "get_event, list_members, get_member; empty = all), e.g. to profile one of them");

namespace schutznetz::bench {
namespace {

constexpr char kHealthCheck[] = "/grpc.health.v1.Health/Check";

absl::Status Fail(const std::string& where, const absl::Status& s) {
  return absl::Status(s.code(), absl::StrCat(where, ": ", s.message()));
}

// The highest VmRSS of a process while it runs, sampled every 50 ms.
class RssSampler {
 public:
  explicit RssSampler(pid_t pid) : pid_(pid), thread_([this] { Run(); }) {}
  ~RssSampler() { Stop(); }
  int64_t Stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    return max_kib_;
  }

 private:
  void Run() {
    while (!stop_) {
      absl::StatusOr<ProcessMemory> m = ReadProcessMemory(pid_);
      if (m.ok() && m->rss_kib > max_kib_.load()) max_kib_ = m->rss_kib;
      absl::SleepFor(absl::Milliseconds(50));
    }
  }
  pid_t pid_;
  std::atomic<bool> stop_{false};
  std::atomic<int64_t> max_kib_{0};
  std::thread thread_;
};

int64_t RssNow(pid_t pid) {
  absl::StatusOr<ProcessMemory> m = ReadProcessMemory(pid);
  return m.ok() ? m->rss_kib : 0;
}

// Memory figures collected along the parts, printed at the end.
struct MemoryReport {
  int64_t idle_start_kib = 0;
  std::vector<std::pair<std::string, int64_t>> loaded;  // part, highest VmRSS
  int64_t idle_after_kib = 0;
};

struct Bench {
  ApiOffice& office;
  std::string dir;  // request files, logs
  MemoryReport memory;
  std::string event_id;   // GetEvent / ListRegistrations target
  std::string member_id;  // GetMember target
};

// A unary method under load: its path and one serialised request.
struct Target {
  std::string label;
  std::string method;
  std::string request;
};

// Writes the request file and checks, with a real gRPC client sending the same bytes, that the
// service answers it with OK.
absl::StatusOr<std::string> PrepareTarget(Bench& b, const Target& t) {
  std::string file = absl::StrCat(b.dir, "/", t.label, ".grpc");
  std::ofstream out(file, std::ios::binary);
  out << GrpcFrame(t.request);
  out.close();
  if (!out) return absl::InternalError("cannot write " + file);
  auto channel = rpc::CreateChannelWithToken(b.office.address(), b.office.token());
  grpc::Status s = testing::CallUnaryRaw(channel, t.method, t.request, 10000);
  if (!s.ok()) {
    return absl::FailedPreconditionError(
        absl::StrCat(t.method, " with the bench's request failed: ", s.error_message()));
  }
  return file;
}

struct LoadOutcome {
  H2loadResult h2load;
  CallDelta calls;
  bool counted = false;  // whether the service's metrics list the method
  int64_t rss_max_kib = 0;
};

absl::StatusOr<LoadOutcome> Load(Bench& b, const Target& t, H2loadRun run) {
  absl::StatusOr<std::string> file = PrepareTarget(b, t);
  if (!file.ok()) return file.status();
  run.url = absl::StrCat("http://", b.office.address(), t.method);
  run.body_file = *file;
  run.bearer_token = b.office.token();
  absl::StatusOr<std::map<std::string, int64_t>> before =
      GrpcCallCounts(b.office.metrics_url(), t.method);
  if (!before.ok()) return Fail("metrics", before.status());
  RssSampler rss(b.office.pid());
  absl::StatusOr<H2loadResult> result = RunH2load(run);
  LoadOutcome o;
  o.rss_max_kib = rss.Stop();
  if (!result.ok()) return result.status();
  o.h2load = *std::move(result);
  absl::StatusOr<std::map<std::string, int64_t>> after =
      GrpcCallCounts(b.office.metrics_url(), t.method);
  if (!after.ok()) return Fail("metrics", after.status());
  o.counted = !after->empty();
  o.calls = Delta(*before, *after);
  // h2load ends a timed run by resetting the streams still open: at most one call per stream
  // may end as CANCELLED (or, for the health service, INVALID_ARGUMENT: half a request).
  if (o.calls.not_ok > static_cast<int64_t>(run.clients) * run.streams) {
    return absl::InternalError(absl::StrCat(t.method, " answered ", o.calls.not_ok,
                                            " calls with errors (", o.calls.not_ok_codes,
                                            "); see ", b.office.log_file()));
  }
  return o;
}

std::vector<Target> ReadTargets(const Bench& b) {
  grpc::health::v1::HealthCheckRequest health;
  v1::ListEventsRequest list_events;
  list_events.set_page_size(50);
  v1::GetEventRequest get_event;
  get_event.set_id(b.event_id);
  v1::ListMembersRequest list_members;
  list_members.set_page_size(50);
  v1::GetMemberRequest get_member;
  get_member.set_id(b.member_id);
  return {
      {"health", kHealthCheck, health.SerializeAsString()},
      {"list_events", "/schutznetz.v1.EventService/ListEvents", list_events.SerializeAsString()},
      {"get_event", "/schutznetz.v1.EventService/GetEvent", get_event.SerializeAsString()},
      {"list_members", "/schutznetz.v1.MemberService/ListMembers",
       list_members.SerializeAsString()},
      {"get_member", "/schutznetz.v1.MemberService/GetMember", get_member.SerializeAsString()},
  };
}

std::string CheckColumn(const LoadOutcome& o) {
  if (!o.counted) return "not counted";
  // h2load leaves out the warm-up; the service counts it too.
  if (o.calls.not_ok == 0) return absl::StrCat(o.calls.ok, " OK, 0 errors");
  return absl::StrCat(o.calls.ok, " OK; cut at the end: ", o.calls.not_ok_codes);
}

absl::Status ReadPart(Bench& b) {
  const int seconds = absl::GetFlag(FLAGS_seconds);
  PrintHeading(absl::StrFormat(
      "Read throughput: h2load -c %d -m %d, %d s per method after 1 s warm-up, plaintext h2c",
      absl::GetFlag(FLAGS_clients), absl::GetFlag(FLAGS_streams), seconds));
  H2loadRun run;
  run.clients = absl::GetFlag(FLAGS_clients);
  run.streams = absl::GetFlag(FLAGS_streams);
  run.duration = absl::Seconds(seconds);
  Table table({"method", "req/s", "ratio to Health/Check", "h2load 2xx", "service: gRPC codes",
               "RSS max"});
  double ceiling = 0;
  int64_t rss_max = 0;
  const std::string only = absl::GetFlag(FLAGS_methods);
  const std::vector<std::string> wanted = absl::StrSplit(only, ',', absl::SkipEmpty());
  for (const Target& t : ReadTargets(b)) {
    if (!wanted.empty() && std::find(wanted.begin(), wanted.end(), t.label) == wanted.end()) {
      continue;
    }
    absl::StatusOr<LoadOutcome> o = Load(b, t, run);
    if (!o.ok()) return o.status();
    double rate = o->h2load.requests_per_second;
    if (t.method == kHealthCheck) ceiling = rate;
    table.AddRow({t.method.substr(1), absl::StrFormat("%.0f", rate),
                  absl::StrFormat("%.2f", ceiling > 0 ? rate / ceiling : 0),
                  absl::StrCat(o->h2load.succeeded, " of ", o->h2load.done), CheckColumn(*o),
                  FormatMemory(o->rss_max_kib)});
    rss_max = std::max(rss_max, o->rss_max_kib);
  }
  table.Print();
  b.memory.loaded.push_back({"read", rss_max});
  return absl::OkStatus();
}

absl::Status LatencyPart(Bench& b) {
  const int rps = absl::GetFlag(FLAGS_rps);
  const int seconds = absl::GetFlag(FLAGS_seconds);
  const int clients = 4;
  PrintHeading(absl::StrFormat(
      "Latency at a fixed load: %d req/s (h2load --rps=%d on %d connections), %d s", rps,
      rps / clients, clients, seconds));
  std::vector<Target> targets = ReadTargets(b);
  Table table({"method", "req/s done", "p50", "p99", "max", "service: gRPC codes", "RSS max"});
  int64_t rss_max = 0;
  for (const Target& t : targets) {
    if (t.label != "list_events" && t.label != "get_member") continue;
    H2loadRun run;
    run.clients = clients;
    run.streams = 1;
    run.rps_per_client = rps / clients;
    run.duration = absl::Seconds(seconds);
    run.log_file = absl::StrCat(b.dir, "/latency-", t.label, ".log");
    std::filesystem::remove(run.log_file);
    absl::StatusOr<LoadOutcome> o = Load(b, t, run);
    if (!o.ok()) return o.status();
    LatencySummary s = Summarize(o->h2load.latencies);
    table.AddRow({t.method.substr(1), absl::StrFormat("%.0f", o->h2load.requests_per_second),
                  ShortDuration(s.p50), ShortDuration(s.p99), ShortDuration(s.max),
                  CheckColumn(*o), FormatMemory(o->rss_max_kib)});
    rss_max = std::max(rss_max, o->rss_max_kib);
  }
  table.Print();
  b.memory.loaded.push_back({"latency", rss_max});
  return absl::OkStatus();
}

// --- write ---

// pgbench: the writes CreateEvent commits for a district event, as plain SQL (no colons in
// literals: pgbench would take them for variables) — the event row
// (with its sync version), the audit row and the change-log row, in one transaction.
constexpr char kCreateEventScript[] = R"sql(\set n random(1, 1000000000)
BEGIN;
INSERT INTO events (kind, title, topic, start_time, end_time, place, organiser_office, capacity, scope, state, sync_version) VALUES ('training', 'Fortbildung Kinderschutz ' || CAST(:n AS text), 'Gewichtige Anhaltspunkte erkennen', make_timestamptz(2030, 3, 4, 9, 0, 0, 'UTC'), make_timestamptz(2030, 3, 4, 16, 0, 0, 'UTC'), 'Kreishaus Soest', 'bench-office', 30, 'district', 'planned', 1) RETURNING id \gset
INSERT INTO audit_log (actor, method, resource_type, resource_id, action, outcome, detail) VALUES ('token' || chr(58) || 'bench', 'EventService/CreateEvent', 'event', :id, 'create', 'ok', '');
INSERT INTO change_log (item_type, item_id, origin, version, destination, payload) VALUES ('district_event', :id, 'bench-office', 1, '', decode(repeat('ab', 200), 'hex'));
END;
)sql";

// pgbench: what RegisterMember does for an own district event — lock the event (it serialises
// seat decisions), count its seats, insert the registration, bump the event's sync version,
// audit row, change-log row. The next (event, member) pair comes from a table the bench fills.
constexpr char kRegisterScript[] = R"sql(BEGIN;
SELECT p.event_id AS e, p.member_id AS m FROM bench_pairs p WHERE p.n = (SELECT nextval('bench_pair_seq')) \gset
SELECT capacity FROM events WHERE id = :e FOR UPDATE;
SELECT count(*) FILTER (WHERE state = 'registered'), count(*) FILTER (WHERE state = 'waitlisted') FROM registrations WHERE event_id = :e;
INSERT INTO registrations (event_id, member_id, state) VALUES (:e, :m, 'registered') RETURNING id AS r \gset
UPDATE events SET sync_version = sync_version + 1 WHERE id = :e;
INSERT INTO audit_log (actor, method, resource_type, resource_id, action, outcome, detail) VALUES ('token' || chr(58) || 'bench', 'RegistrationService/RegisterMember', 'registration', :r, 'register', 'ok', 'registered');
INSERT INTO change_log (item_type, item_id, origin, version, destination, payload) VALUES ('district_event', :e, 'bench-office', 2, '', decode(repeat('ab', 200), 'hex'));
END;
)sql";

struct WriteOutcome {
  double per_second = 0;
  int64_t done = 0;
  int64_t rss_max_kib = 0;
};

// `writers` threads, each with its own connection, call `call(n)` with n = 0, 1, 2, … for
// `duration`; every call must succeed.
absl::StatusOr<WriteOutcome> RunGrpcWriters(
    Bench& b, int writers, absl::Duration duration,
    const std::function<grpc::Status(const std::shared_ptr<grpc::Channel>&, int64_t)>& call) {
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  for (int w = 0; w < writers; ++w) {
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);  // a connection per writer, as pgbench
    channels.push_back(rpc::CreateChannelWithToken(b.office.address(), b.office.token(), args));
    // Connected before the clock starts.
    if (!channels.back()->WaitForConnected(absl::ToChronoTime(absl::Now() + absl::Seconds(10)))) {
      return absl::UnavailableError("a writer could not connect to the service");
    }
  }
  std::atomic<int64_t> next{0};
  std::atomic<int64_t> done{0};
  absl::Mutex mu;
  std::string error;
  RssSampler rss(b.office.pid());
  absl::Time start = absl::Now();
  absl::Time end = start + duration;
  std::vector<std::thread> threads;
  for (int w = 0; w < writers; ++w) {
    threads.emplace_back([&, w] {
      while (absl::Now() < end) {
        grpc::Status s = call(channels[w], next++);
        if (!s.ok()) {
          absl::MutexLock lock(&mu);
          if (error.empty()) error = s.error_message();
          return;
        }
        ++done;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  absl::Duration took = absl::Now() - start;
  WriteOutcome o;
  o.rss_max_kib = rss.Stop();
  if (!error.empty()) return absl::InternalError("gRPC writer failed: " + error);
  o.done = done;
  o.per_second = static_cast<double>(o.done) / absl::ToDoubleSeconds(took);
  return o;
}

absl::StatusOr<WriteOutcome> RunPgbench(Bench& b, const std::string& name,
                                        const std::string& script, int clients,
                                        absl::Duration duration) {
  std::string file = absl::StrCat(b.dir, "/", name, ".pgbench.sql");
  std::ofstream(file) << script;
  testing::ProcessOptions o;
  o.argv = {b.office.cluster().bin_dir() + "/pgbench", "-n", "-M", "prepared",
            "-c", absl::StrCat(clients), "-j", absl::StrCat(std::min(clients, 2)),
            "-T", absl::StrCat(absl::ToInt64Seconds(duration)), "-f", file, b.office.dsn()};
  std::string output;
  absl::StatusOr<int> code = testing::RunCommand(o, duration + absl::Seconds(60), &output);
  if (!code.ok()) return code.status();
  if (*code != 0) return absl::InternalError("pgbench failed:\n" + output);
  std::smatch m;
  static const std::regex tps(R"(tps = ([0-9.]+) \(without initial connection time\))");
  static const std::regex count(R"(number of transactions actually processed: (\d+))");
  static const std::regex failed(R"(number of failed transactions: (\d+))");
  if (std::regex_search(output, m, failed) && m[1] != "0") {
    return absl::InternalError("pgbench had failed transactions:\n" + output);
  }
  WriteOutcome w;
  if (!std::regex_search(output, m, tps)) return absl::InternalError("no tps from pgbench:\n" + output);
  w.per_second = std::stod(m[1]);
  if (std::regex_search(output, m, count)) w.done = std::stoll(m[1]);
  return w;
}

v1::CreateEventRequest TrainingRequest(int64_t n) {
  v1::CreateEventRequest req;
  v1::Event* e = req.mutable_event();
  e->set_kind(v1::EVENT_KIND_TRAINING);
  e->set_title(absl::StrCat("Fortbildung Kinderschutz ", n));
  e->set_topic("Gewichtige Anhaltspunkte erkennen");
  absl::Time start = absl::FromCivil(absl::CivilMinute(2030, 3, 4, 9, 0), absl::UTCTimeZone());
  rpc::ToProto(start, e->mutable_start_time());
  rpc::ToProto(start + absl::Hours(7), e->mutable_end_time());
  e->set_place("Kreishaus Soest");
  e->set_capacity(30);
  e->set_scope(v1::EVENT_SCOPE_DISTRICT);
  return req;
}

absl::Status WritePart(Bench& b) {
  const int writers = absl::GetFlag(FLAGS_writers);
  const absl::Duration duration = absl::Seconds(absl::GetFlag(FLAGS_seconds));
  PrintHeading(absl::StrFormat(
      "Write throughput: %d concurrent gRPC clients against pgbench -c %d (-M prepared), %d s "
      "each; district events, so every write has its change-log and audit rows",
      writers, writers, absl::GetFlag(FLAGS_seconds)));
  Table table({"operation", "gRPC/s", "pgbench tps", "ratio gRPC / pgbench", "gRPC calls",
               "pgbench txns", "RSS max"});
  int64_t rss_max = 0;

  // CreateEvent.
  absl::StatusOr<WriteOutcome> grpc_create = RunGrpcWriters(
      b, writers, duration, [](const std::shared_ptr<grpc::Channel>& channel, int64_t n) {
        auto stub = v1::EventService::NewStub(channel);
        grpc::ClientContext ctx;
        ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
        ctx.set_wait_for_ready(true);
        v1::CreateEventResponse resp;
        return stub->CreateEvent(&ctx, TrainingRequest(n), &resp);
      });
  if (!grpc_create.ok()) return grpc_create.status();
  absl::StatusOr<WriteOutcome> pg_create =
      RunPgbench(b, "create_event", kCreateEventScript, writers, duration);
  if (!pg_create.ok()) return pg_create.status();
  table.AddRow({"CreateEvent", absl::StrFormat("%.0f", grpc_create->per_second),
                absl::StrFormat("%.0f", pg_create->per_second),
                absl::StrFormat("%.2f", grpc_create->per_second / pg_create->per_second),
                absl::StrCat(grpc_create->done), absl::StrCat(pg_create->done),
                FormatMemory(grpc_create->rss_max_kib)});
  rss_max = std::max(rss_max, grpc_create->rss_max_kib);

  // RegisterMember: (event, member) pairs that are not registered yet, for each side its own
  // 50 open district events.
  constexpr int kTargetEvents = 50;
  absl::StatusOr<std::vector<std::string>> grpc_events =
      b.office.AddOpenEvents(kTargetEvents, "Anmeldeziel gRPC");
  if (!grpc_events.ok()) return grpc_events.status();
  absl::StatusOr<std::vector<std::string>> members = b.office.MemberIds(1000000);
  if (!members.ok()) return members.status();
  absl::StatusOr<std::vector<std::string>> pg_events =
      b.office.AddOpenEvents(kTargetEvents, "Anmeldeziel pgbench");
  if (!pg_events.ok()) return pg_events.status();
  absl::Status prepared = b.office.ExecSql(
      "DROP TABLE IF EXISTS bench_pairs; DROP SEQUENCE IF EXISTS bench_pair_seq; "
      "CREATE SEQUENCE bench_pair_seq; "
      "CREATE TABLE bench_pairs AS SELECT row_number() OVER (ORDER BY m.k, e.k) AS n, "
      "e.id AS event_id, m.id AS member_id FROM "
      "(SELECT id, row_number() OVER (ORDER BY id) AS k FROM events WHERE title LIKE "
      "'Anmeldeziel pgbench %') e CROSS JOIN "
      "(SELECT id, row_number() OVER (ORDER BY id) AS k FROM members WHERE state = 'active') m; "
      "ALTER TABLE bench_pairs ADD PRIMARY KEY (n); ANALYZE bench_pairs");
  if (!prepared.ok()) return prepared;
  const std::vector<std::string>& targets = *grpc_events;
  const std::vector<std::string>& people = *members;
  absl::StatusOr<WriteOutcome> grpc_register = RunGrpcWriters(
      b, writers, duration, [&](const std::shared_ptr<grpc::Channel>& channel, int64_t n) {
        if (n >= static_cast<int64_t>(targets.size() * people.size())) {
          return grpc::Status(grpc::StatusCode::OUT_OF_RANGE, "no (event, member) pairs left");
        }
        auto stub = v1::RegistrationService::NewStub(channel);
        grpc::ClientContext ctx;
        ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
        ctx.set_wait_for_ready(true);
        v1::RegisterMemberRequest req;
        req.set_event_id(targets[n % targets.size()]);
        req.set_member_id(people[n / targets.size()]);
        v1::RegisterMemberResponse resp;
        return stub->RegisterMember(&ctx, req, &resp);
      });
  if (!grpc_register.ok()) return grpc_register.status();
  absl::StatusOr<WriteOutcome> pg_register =
      RunPgbench(b, "register", kRegisterScript, writers, duration);
  if (!pg_register.ok()) return pg_register.status();
  (void)b.office.ExecSql("DROP TABLE bench_pairs; DROP SEQUENCE bench_pair_seq");
  table.AddRow({"RegisterMember", absl::StrFormat("%.0f", grpc_register->per_second),
                absl::StrFormat("%.0f", pg_register->per_second),
                absl::StrFormat("%.2f", grpc_register->per_second / pg_register->per_second),
                absl::StrCat(grpc_register->done), absl::StrCat(pg_register->done),
                FormatMemory(grpc_register->rss_max_kib)});
  rss_max = std::max(rss_max, grpc_register->rss_max_kib);
  table.Print();
  b.memory.loaded.push_back({"write", rss_max});
  return absl::OkStatus();
}

// --- explain ---

// The list statements of the repositories, recognised in the server log by a piece of their text.
struct LoggedQuery {
  std::string label;
  std::string marker;
  bool whole = false;  // the marker is the whole query text, not a piece of it
};
const std::vector<LoggedQuery>& ListQueries() {
  static const auto* queries = new std::vector<LoggedQuery>{
      {"events: page (event_list)", "ORDER BY e.start_time, e.id LIMIT"},
      {"events: total (event_count)", "SELECT count(*) FROM (SELECT id, kind, start_time"},
      {"events: agendas of the page (agenda_for_events)", "WHERE event_id = ANY($1::uuid[])"},
      {"members: page (member_list_unfiltered)", "SELECT m.id FROM members m WHERE (m.last_name"},
      {"members: total (member_count_unfiltered)", "SELECT count(*) FROM members", true},
      {"members by sector: page (member_list)", "SELECT m.id FROM members m JOIN organisations"},
      {"members by sector: total (member_count)",
       "SELECT count(*) FROM members m JOIN organisations"},
      {"registrations: page (registration_list)", "ORDER BY x.state_order, x.seq"},
      {"registrations: total (registration_count)", "SELECT count(*) FROM registrations r WHERE"},
  };
  return *queries;
}

// The auto_explain entries of the server log: each the query text and the plan lines.
struct LoggedPlan {
  std::string query;
  std::vector<std::string> lines;
};
std::vector<LoggedPlan> ReadPlans(const std::string& log_file, std::streamoff from) {
  std::ifstream in(log_file);
  in.seekg(from);
  std::vector<LoggedPlan> plans;
  std::string line;
  bool in_plan = false;
  while (std::getline(in, line)) {
    if (absl::StrContains(line, "plan:") && absl::StrContains(line, "duration:")) {
      plans.emplace_back();
      in_plan = true;
      continue;
    }
    if (!in_plan) continue;
    if (line.empty() || line[0] != '\t') {
      in_plan = false;
      continue;
    }
    std::string text = line.substr(1);
    if (absl::StartsWith(text, "Query Text: ")) {
      plans.back().query = text.substr(12);
    } else {
      plans.back().lines.push_back(text);
    }
  }
  return plans;
}

absl::Status ExplainPart(Bench& b) {
  const int rows = absl::GetFlag(FLAGS_explain_rows);
  PrintHeading(absl::StrFormat("EXPLAIN (ANALYZE, BUFFERS) of the list queries at %d rows", rows));
  absl::Time start = absl::Now();
  absl::StatusOr<OfficeCounts> c = b.office.Seed(rows, rows, absl::GetFlag(FLAGS_registrations_per_event), rows);
  if (!c.ok()) return c.status();
  std::cout << absl::StrFormat(
      "office grown to %d members, %d own + %d mirrored events, %d registrations in %.1f s\n",
      c->members, c->events, c->district_events, c->registrations,
      absl::ToDoubleSeconds(absl::Now() - start));
  // auto_explain logs the plan PostgreSQL really used for the service's prepared statements:
  // custom plans for the first five executions, then possibly a generic one.
  absl::Status set = b.office.ExecSql(
      "ALTER DATABASE schutznetz_bench_office SET session_preload_libraries = 'auto_explain';"
      "ALTER DATABASE schutznetz_bench_office SET auto_explain.log_min_duration = 0;"
      "ALTER DATABASE schutznetz_bench_office SET auto_explain.log_analyze = on;"
      "ALTER DATABASE schutznetz_bench_office SET auto_explain.log_buffers = on;"
      "ALTER DATABASE schutznetz_bench_office SET auto_explain.log_format = 'text'");
  if (!set.ok()) return set;
  absl::Status restarted = b.office.Restart();
  if (!restarted.ok()) return restarted;
  absl::StatusOr<std::string> busiest = b.office.BusiestEventId();
  if (!busiest.ok()) return busiest.status();
  std::string log_file = b.office.cluster().dir() + "/postgres.log";
  std::streamoff from = static_cast<std::streamoff>(std::filesystem::file_size(log_file));

  auto channel = rpc::CreateChannelWithToken(b.office.address(), b.office.token());
  auto events = v1::EventService::NewStub(channel);
  auto members = v1::MemberService::NewStub(channel);
  auto registrations = v1::RegistrationService::NewStub(channel);
  constexpr int kCalls = 7;
  for (int i = 0; i < kCalls; ++i) {
    grpc::ClientContext c1, c2, c3;
    v1::ListEventsRequest le;
    le.set_page_size(50);
    // The calendar as it is usually opened: from today on.
    rpc::ToProto(absl::Now(), le.mutable_start_from());
    v1::ListEventsResponse le_resp;
    grpc::Status s = events->ListEvents(&c1, le, &le_resp);
    v1::ListMembersRequest lm;
    lm.set_page_size(50);
    v1::ListMembersResponse lm_resp;
    if (s.ok()) s = members->ListMembers(&c2, lm, &lm_resp);
    grpc::ClientContext c4;
    v1::ListMembersRequest by_sector;
    by_sector.set_page_size(50);
    by_sector.set_sector(v1::SECTOR_HEALTH);
    v1::ListMembersResponse by_sector_resp;
    if (s.ok()) s = members->ListMembers(&c4, by_sector, &by_sector_resp);
    v1::ListRegistrationsRequest lr;
    lr.set_event_id(*busiest);
    lr.set_page_size(50);
    v1::ListRegistrationsResponse lr_resp;
    if (s.ok()) s = registrations->ListRegistrations(&c3, lr, &lr_resp);
    if (!s.ok()) return absl::InternalError("list call failed: " + s.error_message());
  }
  absl::SleepFor(absl::Milliseconds(500));  // the log is written asynchronously
  std::vector<LoggedPlan> plans = ReadPlans(log_file, from);
  for (const LoggedQuery& q : ListQueries()) {
    std::vector<const LoggedPlan*> found;
    for (const LoggedPlan& p : plans) {
      if (q.whole ? p.query == q.marker : absl::StrContains(p.query, q.marker)) {
        found.push_back(&p);
      }
    }
    std::cout << "\n-- " << q.label << ": " << found.size() << " executions logged\n";
    if (found.empty()) continue;
    // The first execution (a custom plan) and the last (the plan the statement settled on).
    std::vector<const LoggedPlan*> shown = {found.front()};
    if (found.size() > 1) shown.push_back(found.back());
    for (size_t i = 0; i < shown.size(); ++i) {
      std::cout << (i == 0 ? "   first execution:\n" : absl::StrCat("   execution ", found.size(), ":\n"));
      for (const std::string& line : shown[i]->lines) std::cout << "   " << line << "\n";
    }
  }
  (void)b.office.ExecSql("ALTER DATABASE schutznetz_bench_office RESET ALL");
  return absl::OkStatus();
}

int Run() {
  std::set<std::string> parts;
  for (absl::string_view p : absl::StrSplit(absl::GetFlag(FLAGS_parts), ',', absl::SkipEmpty())) {
    parts.insert(std::string(p));
  }
  if (absl::GetFlag(FLAGS_explain)) parts.insert("explain");
  for (const std::string& p : parts) {
    if (p != "read" && p != "latency" && p != "write" && p != "explain") {
      std::cerr << "unknown part " << p << " (read, latency, write, explain)\n";
      return 2;
    }
  }
  if (!std::filesystem::exists("/usr/bin/h2load") &&
      (parts.count("read") > 0 || parts.count("latency") > 0)) {
    std::cerr << "h2load not found: apt-get install nghttp2-client (scripts/bench api does)\n";
    return 1;
  }
  for (const std::string& line : MachineSummary()) std::cout << line << "\n";

  std::string dir = std::string(SCHUTZNETZ_BUILD_DIR) + "/bench-logs/api";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  absl::Time start = absl::Now();
  absl::StatusOr<std::unique_ptr<ApiOffice>> office =
      ApiOffice::Start({.build_dir = SCHUTZNETZ_BUILD_DIR,
                        .log_dir = dir,
                        .server_threads = absl::GetFlag(FLAGS_server_threads),
                        .pool_size = absl::GetFlag(FLAGS_pool_size)});
  if (!office.ok()) {
    std::cerr << office.status() << "\n";
    return 1;
  }
  absl::StatusOr<OfficeCounts> counts =
      (*office)->Seed(absl::GetFlag(FLAGS_members), absl::GetFlag(FLAGS_events),
                      absl::GetFlag(FLAGS_registrations_per_event));
  if (!counts.ok()) {
    std::cerr << counts.status() << "\n";
    return 1;
  }
  std::cout << absl::StrFormat(
      "office: %d members, %d own events + %d mirrored district events, %d registrations "
      "(bulk SQL into the tenant's database), service started and loaded in %.1f s; "
      "server.threads %d, database.pool_size %d, plaintext gRPC (--insecure-dev), request log "
      "at info; logs in %s\n",
      counts->members, counts->events, counts->district_events, counts->registrations,
      absl::ToDoubleSeconds(absl::Now() - start), absl::GetFlag(FLAGS_server_threads),
      absl::GetFlag(FLAGS_pool_size), dir);

  Bench b{**office, dir};
  absl::StatusOr<std::string> event = (*office)->BusiestEventId();
  absl::StatusOr<std::vector<std::string>> member = (*office)->MemberIds(1);
  if (!event.ok() || !member.ok() || member->empty()) {
    std::cerr << "no event or member to read\n";
    return 1;
  }
  b.event_id = *event;
  b.member_id = member->at(0);
  absl::SleepFor(absl::Seconds(2));
  b.memory.idle_start_kib = RssNow(b.office.pid());

  std::vector<std::pair<std::string, absl::Status (*)(Bench&)>> order = {
      {"read", ReadPart}, {"latency", LatencyPart}, {"write", WritePart}};
  for (const auto& [name, part] : order) {
    if (parts.count(name) == 0) continue;
    absl::Status s = part(b);
    if (!s.ok()) {
      std::cerr << name << ": " << s << "\n";
      return 1;
    }
  }
  absl::SleepFor(absl::Seconds(3));
  b.memory.idle_after_kib = RssNow(b.office.pid());
  PrintHeading("Memory of the tenant service (VmRSS)");
  Table memory({"when", "VmRSS"});
  memory.AddRow({"idle, after start and loading the office", FormatMemory(b.memory.idle_start_kib)});
  for (const auto& [part, kib] : b.memory.loaded) {
    memory.AddRow({"highest under the " + part + " load", FormatMemory(kib)});
  }
  memory.AddRow({"idle again, 3 s after the load", FormatMemory(b.memory.idle_after_kib)});
  memory.Print();

  if (parts.count("explain") > 0) {
    absl::Status s = ExplainPart(b);
    if (!s.ok()) {
      std::cerr << "explain: " << s << "\n";
      return 1;
    }
  }
  return 0;
}

}  // namespace
}  // namespace schutznetz::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  return schutznetz::bench::Run();
}
