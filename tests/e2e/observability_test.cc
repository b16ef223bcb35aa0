// Metrics, health and logs of the real processes: a tenant and the aggregator count their gRPC
// calls by method and code, report their connection pool and the sync — per office at the
// aggregator, including what an office that is down has yet to receive — on plain HTTP /metrics;
// the plaintext health port answers SERVING and offers nothing else; every line a service writes,
// from start-up and configuration errors to shutdown, is one JSON object naming the service.
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <csignal>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "schutznetz/v1/district_sync_service.grpc.pb.h"
#include "schutznetz/v1/event_service.grpc.pb.h"
#include "tests/e2e/e2e_support.h"
#include "tests/support/http_client.h"
#include "tests/support/raw_call.h"

namespace schutznetz::testing {
namespace {

using Series = std::map<std::string, double>;  // "name{labels}" as written → value

// The samples of a scrape; fails the test on a line that is neither a comment nor a sample, and
// on a sample whose family has no HELP and TYPE line before it.
Series ParseScrape(const std::string& text) {
  Series out;
  std::set<std::string> typed;
  for (absl::string_view line : absl::StrSplit(text, '\n', absl::SkipEmpty())) {
    std::string l(line);
    if (l.rfind("# HELP ", 0) == 0) continue;
    if (l.rfind("# TYPE ", 0) == 0) {
      typed.insert(l.substr(7, l.find(' ', 7) - 7));
      continue;
    }
    size_t space = l.rfind(' ');
    EXPECT_NE(space, std::string::npos) << l;
    if (space == std::string::npos) continue;
    std::string series = l.substr(0, space);
    std::string name = series.substr(0, series.find('{'));
    bool known = typed.count(name) > 0;
    for (const char* suffix : {"_bucket", "_sum", "_count"}) {
      size_t n = std::strlen(suffix);
      if (name.size() > n && name.compare(name.size() - n, n, suffix) == 0) {
        known = known || typed.count(name.substr(0, name.size() - n)) > 0;
      }
    }
    EXPECT_TRUE(known) << "no # TYPE for " << l;
    out[series] = std::strtod(l.c_str() + space + 1, nullptr);
  }
  return out;
}

Series Scrape(const DistrictService& service) {
  auto r = HttpRequest("GET", LocalDistrict::MetricsUrl(service));
  EXPECT_TRUE(r.ok()) << r.status();
  if (!r.ok()) return {};
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->Header("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  return ParseScrape(r->body);
}

// Scrapes until `done` holds; returns the last scrape.
Series ScrapeUntil(const DistrictService& service, const std::function<bool(Series&)>& done) {
  Series s;
  absl::Time deadline = absl::Now() + absl::Seconds(30);
  while (absl::Now() < deadline) {
    s = Scrape(service);
    if (done(s)) return s;
    absl::SleepFor(absl::Milliseconds(200));
  }
  ADD_FAILURE() << "timed out waiting for the metrics of " << service.id;
  return s;
}

grpc::health::v1::HealthCheckResponse::ServingStatus Health(const std::string& address,
                                                            grpc::Status* status) {
  auto channel = grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
  auto stub = grpc::health::v1::Health::NewStub(channel);
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  grpc::health::v1::HealthCheckRequest req;
  grpc::health::v1::HealthCheckResponse resp;
  *status = stub->Check(&ctx, req, &resp);
  return resp.status();
}

// Every line of `text` is a JSON object with "service" (and "instance", if given).
void ExpectJsonLines(const std::string& text, const std::string& service,
                     const std::string& instance, const std::string& what) {
  int lines = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n', absl::SkipEmpty())) {
    ++lines;
    google::protobuf::Struct object;
    bool parsed = google::protobuf::util::JsonStringToMessage(std::string(line), &object).ok();
    EXPECT_TRUE(parsed) << what << ": not one JSON object: " << line;
    if (!parsed) continue;
    const auto& fields = object.fields();
    EXPECT_TRUE(fields.count("ts") && fields.count("level") && fields.count("msg")) << line;
    EXPECT_EQ(fields.count("service") ? fields.at("service").string_value() : "", service)
        << what << ": " << line;
    if (!instance.empty()) {
      EXPECT_EQ(fields.count("instance") ? fields.at("instance").string_value() : "", instance)
          << what << ": " << line;
    }
  }
  EXPECT_GT(lines, 0) << what << ": no output";
}

class ObservabilityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    district_ = StartKreisSoest();
    ASSERT_NE(district_, nullptr);
  }
  std::unique_ptr<LocalDistrict> district_;
};

TEST_F(ObservabilityTest, TenantCountsCallsByMethodAndCodeAndReportsPoolAndSync) {
  DistrictService& lippstadt = district_->office("lippstadt");
  ASSERT_FALSE(lippstadt.metrics_address.empty());
  auto events = v1::EventService::NewStub(district_->ChannelTo(lippstadt));
  for (int i = 0; i < 3; ++i) {
    grpc::ClientContext ctx;
    v1::ListEventsRequest req;
    v1::ListEventsResponse resp;
    ASSERT_TRUE(events->ListEvents(&ctx, req, &resp).ok());
  }
  auto anonymous = v1::EventService::NewStub(district_->ChannelTo(lippstadt, ""));
  grpc::ClientContext ctx;
  v1::ListEventsRequest req;
  v1::ListEventsResponse resp;
  ASSERT_EQ(anonymous->ListEvents(&ctx, req, &resp).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);

  const std::string list = "method=\"/schutznetz.v1.EventService/ListEvents\"";
  Series m = ScrapeUntil(
      lippstadt, [](Series& s) { return s["schutznetz_sync_last_success_timestamp_seconds"] > 0; });
  EXPECT_EQ(m[absl::StrCat("schutznetz_grpc_requests_total{", list, ",code=\"OK\"}")], 3);
  EXPECT_EQ(m[absl::StrCat("schutznetz_grpc_requests_total{", list, ",code=\"UNAUTHENTICATED\"}")],
            1);
  EXPECT_EQ(m[absl::StrCat("schutznetz_grpc_request_duration_seconds_count{", list, "}")], 4);
  EXPECT_EQ(
      m[absl::StrCat("schutznetz_grpc_request_duration_seconds_bucket{", list, ",le=\"+Inf\"}")],
      4);
  EXPECT_TRUE(m.count(
      absl::StrCat("schutznetz_grpc_request_duration_seconds_bucket{", list, ",le=\"0.001\"}")));

  EXPECT_EQ(m["schutznetz_db_pool_size"], 8);
  EXPECT_TRUE(m.count("schutznetz_db_pool_connections{state=\"in_use\"}"));
  EXPECT_GE(m["schutznetz_db_pool_connections{state=\"idle\"}"] +
                m["schutznetz_db_pool_connections{state=\"in_use\"}"],
            1);
  EXPECT_TRUE(m.count("schutznetz_db_pool_waits_total"));

  EXPECT_TRUE(m.count("schutznetz_sync_outbox_pending{destination=\"aggregator\"}"));
  EXPECT_TRUE(m.count("schutznetz_sync_lag_seconds"));
  EXPECT_LE(m["schutznetz_sync_last_success_timestamp_seconds"], absl::ToUnixSeconds(absl::Now()));
  bool build_info = false;
  for (const auto& [series, value] : m) {
    if (series.rfind("schutznetz_build_info{", 0) == 0) {
      build_info = true;
      EXPECT_NE(series.find("service=\"tenant\",office=\"lippstadt\""), std::string::npos)
          << series;
      EXPECT_EQ(value, 1);
    }
  }
  EXPECT_TRUE(build_info);
  EXPECT_GT(m["process_resident_memory_bytes"], 0);
  EXPECT_GT(m["process_start_time_seconds"], 0);
}

TEST_F(ObservabilityTest, AggregatorReportsEveryOfficeAndWhatAnOfflineOfficeHasYetToReceive) {
  DistrictService& aggregator = district_->aggregator();
  ASSERT_FALSE(aggregator.metrics_address.empty());
  auto sync = v1::DistrictSyncService::NewStub(district_->ChannelTo(aggregator));
  {
    grpc::ClientContext ctx;
    v1::ListOfficeSyncStatusRequest req;
    v1::ListOfficeSyncStatusResponse resp;
    ASSERT_TRUE(sync->ListOfficeSyncStatus(&ctx, req, &resp).ok());
  }
  auto anonymous = v1::DistrictSyncService::NewStub(district_->ChannelTo(aggregator, ""));
  {
    grpc::ClientContext ctx;
    v1::ListOfficeSyncStatusRequest req;
    v1::ListOfficeSyncStatusResponse resp;
    ASSERT_EQ(anonymous->ListOfficeSyncStatus(&ctx, req, &resp).error_code(),
              grpc::StatusCode::UNAUTHENTICATED);
  }
  const std::string list = "method=\"/schutznetz.v1.DistrictSyncService/ListOfficeSyncStatus\"";
  Series m = ScrapeUntil(aggregator, [&](Series& s) {
    for (const std::string& office : district_->office_ids()) {
      std::string label = absl::StrCat("{office=\"", office, "\"}");
      if (s["schutznetz_district_office_last_contact_timestamp_seconds" + label] <= 0 ||
          s["schutznetz_district_office_connected" + label] != 1) {
        return false;
      }
    }
    return true;
  });
  EXPECT_EQ(m[absl::StrCat("schutznetz_grpc_requests_total{", list, ",code=\"OK\"}")], 1);
  EXPECT_EQ(m[absl::StrCat("schutznetz_grpc_requests_total{", list, ",code=\"UNAUTHENTICATED\"}")],
            1);
  EXPECT_GE(m["schutznetz_grpc_requests_total{method=\"/schutznetz.v1.FederationService/"
              "PushChanges\",code=\"OK\"}"],
            1);
  EXPECT_EQ(m["schutznetz_db_pool_size"], 8);
  for (const std::string& office : district_->office_ids()) {
    std::string label = absl::StrCat("{office=\"", office, "\"}");
    EXPECT_EQ(m["schutznetz_district_office_pending_items" + label], 0) << office;
    EXPECT_EQ(m["schutznetz_district_office_lag_seconds" + label], 0) << office;
  }

  DistrictService& warstein = district_->office("warstein");
  ASSERT_TRUE(district_->StopService(warstein, SIGKILL).ok());
  ScrapeUntil(aggregator, [](Series& s) {
    return s["schutznetz_district_office_connected{office=\"warstein\"}"] == 0;
  });
  for (const char* title : {"Fachtag Kinderschutz", "Fachvortrag Frühe Hilfen"}) {
    CommandResult created =
        Netzctl({"--target", district_->office("kreis-soest").address, "events", "create", "--kind",
                 "conference_day", "--title", title, "--start", "03.06.2030 09:00", "--end",
                 "03.06.2030 16:00", "--scope", "district", "--capacity", "80"});
    ASSERT_EQ(created.exit_code, 0) << created.output;
  }
  // The connected offices catch up (under load that takes a moment); Warstein's backlog stays.
  m = ScrapeUntil(aggregator, [](Series& s) {
    return s["schutznetz_district_office_pending_items{office=\"warstein\"}"] == 2 &&
           s["schutznetz_district_office_lag_seconds{office=\"warstein\"}"] > 0 &&
           s["schutznetz_district_office_pending_items{office=\"lippstadt\"}"] == 0;
  });
  EXPECT_EQ(m["schutznetz_district_office_pending_items{office=\"warstein\"}"], 2);
  EXPECT_EQ(m["schutznetz_district_office_pending_items{office=\"lippstadt\"}"], 0);
}

TEST_F(ObservabilityTest, HealthPortAnswersServingInPlaintextAndOffersNothingElse) {
  for (DistrictService* s : {&district_->aggregator(), &district_->office("soest")}) {
    ASSERT_FALSE(s->health_address.empty()) << s->id;
    grpc::Status status;
    EXPECT_EQ(Health(s->health_address, &status), grpc::health::v1::HealthCheckResponse::SERVING)
        << s->id;
    EXPECT_TRUE(status.ok()) << s->id << ": " << status.error_message();
    auto channel = grpc::CreateChannel(s->health_address, grpc::InsecureChannelCredentials());
    for (const char* method : {"/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
                               "/schutznetz.v1.EventService/ListEvents",
                               "/schutznetz.v1.DistrictSyncService/ListOfficeSyncStatus"}) {
      EXPECT_EQ(CallUnaryRaw(channel, method).error_code(), grpc::StatusCode::UNIMPLEMENTED)
          << s->id << " " << method;
    }
  }
  // The main port speaks only TLS: a plaintext probe gets no answer there.
  grpc::Status status;
  Health(district_->office("soest").address, &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
}

TEST_F(ObservabilityTest, EveryLogLineFromStartToShutdownIsOneJsonObject) {
  DistrictService& soest = district_->office("soest");
  absl::StatusOr<int> code = district_->StopService(soest, SIGTERM);
  ASSERT_TRUE(code.ok()) << code.status();
  EXPECT_EQ(*code, 0);
  std::string log = ReadFile(soest.log_file);
  EXPECT_NE(log.find("\"msg\":\"shutting down\""), std::string::npos);
  EXPECT_NE(log.find("\"msg\":\"stopped\""), std::string::npos);
  ExpectJsonLines(log, "tenant", "soest", soest.log_file);
  ExpectJsonLines(ReadFile(district_->aggregator().log_file), "aggregator", "kreis-soest",
                  district_->aggregator().log_file);

  // Start-up failures: an unknown argument, a configuration error.
  std::string bad_config = district_->aggregator().log_file + ".bad-office.yaml";
  std::ofstream(bad_config) << "id: soest\nname: x\nunknown_key: 1\n";
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--bogus"}, std::vector<std::string>{"--config", bad_config}}) {
    ProcessOptions o;
    o.argv = {soest.argv.at(0)};
    o.argv.insert(o.argv.end(), args.begin(), args.end());
    std::string output;
    absl::StatusOr<int> rc = RunCommand(o, absl::Seconds(30), &output);
    ASSERT_TRUE(rc.ok()) << rc.status();
    EXPECT_EQ(*rc, 2) << output;
    ExpectJsonLines(output, "tenant", "", absl::StrCat("schutznetz-tenant ", args.back()));
  }
}

}  // namespace
}  // namespace schutznetz::testing
