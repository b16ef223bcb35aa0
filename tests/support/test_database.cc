#include "tests/support/test_database.h"

#include <atomic>
#include <cstdlib>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"

namespace schutznetz::testing {

PgCluster& SharedCluster() {
  static std::unique_ptr<PgCluster> cluster = [] {
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
  absl::StatusOr<std::string> dsn = SharedCluster().CreateDatabase(t.name);
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
