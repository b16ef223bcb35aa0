#include "tests/support/test_database.h"

#include <atomic>
#include <cstdlib>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"

namespace schutznetz::testing {

std::string TemplateDatabaseName(storage::SchemaRole role) {
  return role == storage::SchemaRole::kTenant ? "template_tenant" : "template_aggregator";
}

absl::Status CreateTemplateDatabases(PgCluster& cluster) {
  for (storage::SchemaRole role : {storage::SchemaRole::kTenant, storage::SchemaRole::kAggregator}) {
    absl::StatusOr<std::string> dsn = cluster.CreateDatabase(TemplateDatabaseName(role));
    if (!dsn.ok()) return dsn.status();
    storage::PoolOptions options;
    options.dsn = *dsn;
    options.size = 1;
    absl::StatusOr<std::unique_ptr<storage::Database>> db = storage::Database::Open(options);
    if (!db.ok()) return db.status();
    absl::StatusOr<storage::MigrationReport> migrated = storage::ApplyMigrations(**db, role);
    if (!migrated.ok()) return migrated.status();
  }  // connections close here: a template must have none while it is copied
  return absl::OkStatus();
}

PgCluster& SharedCluster() {
  static std::unique_ptr<PgCluster> cluster = [] {
    if (const char* dir = std::getenv("SCHUTZNETZ_TEST_CLUSTER"); dir != nullptr && *dir != '\0') {
      absl::StatusOr<std::unique_ptr<PgCluster>> shared =
          PgCluster::Attach(std::string(dir) + "/state");
      if (shared.ok()) return *std::move(shared);
    }
    absl::StatusOr<std::unique_ptr<PgCluster>> c = PgCluster::Start();
    if (!c.ok()) {
      std::fprintf(stderr, "cannot start the test PostgreSQL cluster: %s\n",
                   std::string(c.status().message()).c_str());
      std::abort();
    }
    return *std::move(c);
  }();
  return *cluster;
}

absl::StatusOr<TestDatabase> CreateTestDatabase(storage::SchemaRole role, int pool_size) {
  static std::atomic<int> counter{0};
  TestDatabase t;
  t.name = absl::StrCat("test_", getpid(), "_", counter++);
  static const bool has_templates =
      SharedCluster().HasDatabase(TemplateDatabaseName(storage::SchemaRole::kTenant));
  absl::StatusOr<std::string> dsn = SharedCluster().CreateDatabase(
      t.name, has_templates ? TemplateDatabaseName(role) : "");
  if (!dsn.ok()) return dsn.status();
  t.dsn = *dsn;
  storage::PoolOptions options;
  options.dsn = t.dsn;
  options.size = pool_size;
  absl::StatusOr<std::unique_ptr<storage::Database>> db = storage::Database::Open(options);
  if (!db.ok()) return db.status();
  t.db = *std::move(db);
  absl::StatusOr<storage::MigrationReport> migrated = storage::ApplyMigrations(*t.db, role);
  if (!migrated.ok()) return migrated.status();
  return t;
}

void DbTest::SetUp() {
  absl::StatusOr<TestDatabase> t = CreateTestDatabase(role_);
  ASSERT_TRUE(t.ok()) << t.status();
  database_ = *std::move(t);
}

std::string DbTest::QueryScalar(const std::string& sql) {
  pqxx::connection conn(database_.dsn);
  pqxx::work w(conn);
  pqxx::result r = w.exec(sql);
  if (r.empty() || r[0][0].is_null()) return "";
  return r[0][0].as<std::string>();
}

}  // namespace schutznetz::testing
