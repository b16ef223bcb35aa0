// libFuzzer harness for the sync apply path at the aggregator: a batch pushed by an office is
// decoded, checked and applied by the aggregator's Receiver — the same object, item handlers and
// district database (a throwaway PostgreSQL cluster started once per fuzzing process) that
// FederationService uses for PushChanges.
//
// The input is a serialised PushChangesRequest from the office "lippstadt". Each run gets a new
// txn_id, so a mutated batch is applied and not answered from the store of earlier answers.
// Besides crashes and sanitizer findings, the harness aborts when a batch carrying an item of
// another origin is not refused as a whole.
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/stubs/logging.h"
#include "libs/config/district_config.h"
#include "services/aggregator/aggregator_app.h"
#include "schutznetz/v1/federation_service.pb.h"
#include "tests/support/pg_cluster.h"

namespace {

constexpr char kPeer[] = "lippstadt";

struct Harness {
  std::unique_ptr<schutznetz::testing::PgCluster> cluster;
  std::unique_ptr<schutznetz::aggregator::AggregatorApp> app;
  int64_t runs = 0;
};

Harness* harness = nullptr;

void Fail(const std::string& what, const absl::Status& status) {
  fprintf(stderr, "sync_apply_fuzzer: %s: %s\n", what.c_str(), status.ToString().c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  using namespace schutznetz;
  google::protobuf::SetLogHandler(nullptr);  // invalid UTF-8 in inputs: no log line per input
  harness = new Harness();
  absl::StatusOr<std::unique_ptr<testing::PgCluster>> cluster = testing::PgCluster::Start();
  if (!cluster.ok()) Fail("PostgreSQL cluster", cluster.status());
  harness->cluster = *std::move(cluster);
  absl::StatusOr<std::string> dsn = harness->cluster->CreateDatabase("schutznetz_aggregator");
  if (!dsn.ok()) Fail("database", dsn.status());
  absl::StatusOr<config::DistrictConfig> config =
      config::LoadDistrictConfig(SCHUTZNETZ_SOURCE_DIR "/tenants/kreis-soest/district.yaml");
  if (!config.ok()) Fail("district config", config.status());
  config->aggregator.database.dsn = *dsn;
  config->aggregator.database.pool_size = 2;
  config->aggregator.server.insecure_dev = true;  // no server is started; the office is kPeer
  absl::StatusOr<std::unique_ptr<aggregator::AggregatorApp>> app =
      aggregator::AggregatorApp::Create(*config);
  if (!app.ok()) Fail("aggregator", app.status());
  harness->app = *std::move(app);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace schutznetz;
  v1::PushChangesRequest request;
  if (!request.ParseFromArray(data, static_cast<int>(size))) return 0;
  request.set_office_id(kPeer);
  request.set_txn_id(absl::StrCat("fuzz-", getpid(), "-", ++harness->runs));
  bool foreign = false;
  for (const v1::SyncItem& item : request.items()) foreign |= item.origin() != kPeer;

  absl::StatusOr<v1::PushChangesResponse> answer =
      harness->app->receiver().Push(kPeer, request);
  if (foreign && answer.ok()) Fail("a batch with another office's item was applied", absl::OkStatus());
  if (!answer.ok() && answer.status().code() == absl::StatusCode::kInternal) {
    Fail("internal error applying a batch", answer.status());
  }
  return 0;
}
