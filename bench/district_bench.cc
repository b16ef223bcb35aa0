#include "bench/district_bench.h"

#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <thread>
#include <vector>

#include <grpcpp/grpcpp.h>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "bench/agreement_latency.h"
#include "bench/bench_util.h"
#include "libs/rpc/proto_util.h"
#include "libs/rpc/status.h"
#include "schutznetz/v1/event_service.grpc.pb.h"
#include "tests/support/district.h"

namespace schutznetz::bench {
namespace {

constexpr char kOrigin[] = "kreis-soest";
constexpr absl::Duration kPollInterval = absl::Milliseconds(5);

// Counts the district events of one organiser in a database: the aggregator's registry or an
// office's mirror (table district_events in both).
class DistrictEventCounter {
 public:
  static absl::StatusOr<std::unique_ptr<DistrictEventCounter>> Open(const std::string& dsn) {
    try {
      return std::unique_ptr<DistrictEventCounter>(
          new DistrictEventCounter(std::make_unique<pqxx::connection>(dsn)));
    } catch (const std::exception& e) {
      return absl::UnavailableError(absl::StrCat("cannot connect for counting: ", e.what()));
    }
  }

  absl::StatusOr<int64_t> Count(const std::string& organiser) {
    try {
      pqxx::nontransaction tx(*conn_);
      return tx.exec_params1(
                   "SELECT count(*) FROM district_events WHERE organiser_office = $1 "
                   "AND state <> 'withdrawn'",
                   organiser)[0]
          .as<int64_t>();
    } catch (const std::exception& e) {
      return absl::UnavailableError(absl::StrCat("counting failed: ", e.what()));
    }
  }

 private:
  explicit DistrictEventCounter(std::unique_ptr<pqxx::connection> conn)
      : conn_(std::move(conn)) {}
  std::unique_ptr<pqxx::connection> conn_;
};

// A district training as a coordinator would enter it; no personal data.
v1::CreateEventRequest TrainingRequest(int n) {
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

absl::Status MeasureThroughput(testing::LocalDistrict& district, const DistrictBenchOptions& o) {
  PrintHeading(absl::StrCat("Sync throughput: ", o.changes, " district events created at ", kOrigin,
                            " by ", o.writers, " concurrent clients"));
  // Where the changes must arrive: the aggregator's registry and every other office's mirror.
  std::vector<std::string> places = {"aggregator"};
  std::map<std::string, std::unique_ptr<DistrictEventCounter>> counters;
  for (const std::string& id : district.office_ids()) {
    if (id != kOrigin) places.push_back(id);
  }
  for (const std::string& place : places) {
    testing::DistrictService& s =
        place == "aggregator" ? district.aggregator() : district.office(place);
    absl::StatusOr<std::unique_ptr<DistrictEventCounter>> counter =
        DistrictEventCounter::Open(district.cluster().Dsn(s.database));
    if (!counter.ok()) return counter.status();
    counters[place] = *std::move(counter);
  }

  auto channel = district.ChannelTo(district.office(kOrigin));
  auto events = v1::EventService::NewStub(channel);
  absl::Mutex mu;
  absl::Status write_error;
  std::atomic<int> next{0};
  std::atomic<int> writers_left{o.writers};
  absl::Time start = absl::Now();
  absl::Time created = absl::InfiniteFuture();
  std::vector<std::thread> writers;
  for (int w = 0; w < o.writers; ++w) {
    writers.emplace_back([&] {
      for (int n = next++; n < o.changes; n = next++) {
        grpc::ClientContext ctx;
        ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
        v1::CreateEventResponse resp;
        grpc::Status s = events->CreateEvent(&ctx, TrainingRequest(n), &resp);
        if (!s.ok()) {
          absl::MutexLock lock(&mu);
          if (write_error.ok()) write_error = rpc::FromGrpcStatus(s);
        }
      }
      if (--writers_left == 0) {
        absl::MutexLock lock(&mu);
        created = absl::Now();
      }
    });
  }

  // Poll every place until it holds every change.
  std::map<std::string, absl::Time> arrived;
  absl::Status poll_error;
  while (arrived.size() < places.size() && absl::Now() - start < o.timeout) {
    for (const std::string& place : places) {
      if (arrived.count(place)) continue;
      absl::StatusOr<int64_t> n = counters[place]->Count(kOrigin);
      if (!n.ok()) {
        poll_error = n.status();
        continue;
      }
      if (*n >= o.changes) arrived[place] = absl::Now();
    }
    absl::SleepFor(kPollInterval);
  }
  for (std::thread& t : writers) t.join();
  if (!write_error.ok()) return write_error;
  if (arrived.size() < places.size()) {
    return absl::DeadlineExceededError(absl::StrCat(
        "not every place had all changes after ", ShortDuration(o.timeout), "; ",
        poll_error.ToString()));
  }

  auto row = [&](const std::string& what, absl::Time at) {
    absl::Duration after = at - start;
    return std::vector<std::string>{what, absl::StrCat(o.changes), ShortDuration(after),
                                    FormatRate(o.changes / absl::ToDoubleSeconds(after)),
                                    "+" + ShortDuration(std::max(at - created, absl::ZeroDuration()))};
  };
  Table table({"where", "changes", "all there after", "changes/s", "after last create"});
  table.AddRow(row(absl::StrCat("created at ", kOrigin), created));
  table.AddRow(row("at the aggregator (a)", arrived["aggregator"]));
  absl::Time last = arrived["aggregator"];
  for (const std::string& place : places) {
    if (place == "aggregator") continue;
    table.AddRow(row("mirrored in " + place, arrived[place]));
    last = std::max(last, arrived[place]);
  }
  table.AddRow(row("in every office (b)", last));
  table.Print();
  return absl::OkStatus();
}

}  // namespace

absl::Status RunDistrictBench(const DistrictBenchOptions& o) {
  testing::DistrictOptions options;
  options.config_dir = o.source_dir + "/tenants/kreis-soest";
  options.build_dir = o.build_dir;
  options.log_dir = o.log_dir;
  std::filesystem::remove_all(o.log_dir);
  absl::Time start = absl::Now();
  absl::StatusOr<std::unique_ptr<testing::LocalDistrict>> district =
      testing::LocalDistrict::Start(options);
  if (!district.ok()) return district.status();
  std::cout << "Kreis Soest started (aggregator and " << (*district)->office_ids().size()
            << " tenant services, each with its own database) in "
            << ShortDuration(absl::Now() - start) << "; logs in " << o.log_dir << "\n";
  if (o.throughput) {
    absl::Status s = MeasureThroughput(**district, o);
    if (!s.ok()) return s;
  }
  if (o.agreements) {
    absl::Status s = MeasureAgreementLatency(**district, o.agreement_samples, o.timeout);
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace schutznetz::bench
