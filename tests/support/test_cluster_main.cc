// schutznetz-test-cluster: the PostgreSQL cluster that a whole ctest run shares.
//
//   schutznetz-test-cluster start DIR   starts a detached cluster in DIR with migrated template
//                                       databases and writes DIR/state (replacing a stale one)
//   schutznetz-test-cluster stop DIR    stops it and removes its files
//
// ctest runs these as the setup and cleanup of the `pg` fixture; every db test then copies a
// template database instead of starting its own server and migrating.
#include <cstdio>
#include <filesystem>
#include <string>

#include "tests/support/pg_cluster.h"
#include "tests/support/test_database.h"

namespace {

int Fail(const char* what, const absl::Status& s) {
  std::fprintf(stderr, "%s: %s\n", what, std::string(s.message()).c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  using schutznetz::testing::PgCluster;
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s start|stop DIR\n", argv[0]);
    return 2;
  }
  std::string command = argv[1];
  std::string dir = argv[2];
  std::string state = dir + "/state";
  if (auto stale = PgCluster::Attach(state); stale.ok()) {
    (void)(*stale)->Destroy();
    std::filesystem::remove(state);
  }
  if (command == "stop") return 0;
  if (command != "start") {
    std::fprintf(stderr, "usage: %s start|stop DIR\n", argv[0]);
    return 2;
  }
  std::filesystem::create_directories(dir);
  schutznetz::testing::PgClusterOptions options;
  options.detached = true;
  auto cluster = PgCluster::Start(options);
  if (!cluster.ok()) return Fail("starting the cluster", cluster.status());
  absl::Status templates = schutznetz::testing::CreateTemplateDatabases(**cluster);
  if (!templates.ok()) {
    (void)(*cluster)->Destroy();
    return Fail("creating template databases", templates);
  }
  absl::Status written = (*cluster)->WriteState(state);
  if (!written.ok()) {
    (void)(*cluster)->Destroy();
    return Fail("writing the state file", written);
  }
  std::printf("shared test cluster: host=%s port=%d\n", (*cluster)->dir().c_str(),
              (*cluster)->port());
  return 0;
}
