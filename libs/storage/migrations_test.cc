#include "libs/storage/migrations.h"

#include <gtest/gtest.h>

#include <pqxx/pqxx>
#include <thread>

#include "tests/support/test_database.h"

namespace schutznetz::storage {
namespace {

using schutznetz::testing::CreateTestDatabase;
using schutznetz::testing::DbTest;

class MigrationsTest : public DbTest {};

TEST_F(MigrationsTest, SecondRunAppliesNothing) {
  std::string before = QueryScalar("SELECT count(*) FROM schema_migrations");
  auto report = ApplyMigrations(db(), SchemaRole::kTenant);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_TRUE(report->applied.empty());
  EXPECT_GT(report->current_version, 0);
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM schema_migrations"), before);
}

TEST_F(MigrationsTest, TenantSchemaHasOrganisations) {
  EXPECT_EQ(QueryScalar("SELECT to_regclass('organisations') IS NOT NULL"), "t");
}

TEST(MigrationsRoleTest, AggregatorSchemaHasNoTenantTables) {
  auto t = CreateTestDatabase(SchemaRole::kAggregator);
  ASSERT_TRUE(t.ok()) << t.status();
  pqxx::connection conn(t->dsn);
  pqxx::work w(conn);
  EXPECT_TRUE(w.exec("SELECT to_regclass('organisations')")[0][0].is_null());
  EXPECT_FALSE(w.exec("SELECT to_regproc('sn_us')")[0][0].is_null());
}

TEST(MigrationsConcurrencyTest, ParallelStartsApplyEachMigrationOnce) {
  // Two "replicas" migrate a fresh database at the same time: the advisory lock serialises them.
  auto cluster_db = schutznetz::testing::SharedCluster().CreateDatabase(
      "concurrent_migrations_" + std::to_string(getpid()));
  ASSERT_TRUE(cluster_db.ok());
  PoolOptions options;
  options.dsn = *cluster_db;
  auto a = Database::Open(options);
  auto b = Database::Open(options);
  ASSERT_TRUE(a.ok() && b.ok());
  absl::StatusOr<MigrationReport> ra, rb;
  std::thread ta([&] { ra = ApplyMigrations(**a, SchemaRole::kTenant); });
  std::thread tb([&] { rb = ApplyMigrations(**b, SchemaRole::kTenant); });
  ta.join();
  tb.join();
  ASSERT_TRUE(ra.ok()) << ra.status();
  ASSERT_TRUE(rb.ok()) << rb.status();
  auto parsed = ParseMigrations(EmbeddedMigrationSources());
  size_t tenant_migrations = 0;
  for (const auto& m : *parsed) tenant_migrations += m.for_tenant ? 1 : 0;
  EXPECT_EQ(ra->applied.size() + rb->applied.size(), tenant_migrations);
}

TEST_F(MigrationsTest, ChangedMigrationIsRefused) {
  pqxx::connection conn(dsn());
  pqxx::work w(conn);
  w.exec("UPDATE schema_migrations SET checksum = 'tampered' WHERE version = 1");
  w.commit();
  auto report = ApplyMigrations(db(), SchemaRole::kTenant);
  EXPECT_EQ(report.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(report.status().message().find("was changed after it was applied"),
            absl::string_view::npos);
}

TEST_F(MigrationsTest, NewerDatabaseIsRefused) {
  pqxx::connection conn(dsn());
  pqxx::work w(conn);
  w.exec("INSERT INTO schema_migrations (version, name, checksum) VALUES (9999, 'future', 'x')");
  w.commit();
  auto report = ApplyMigrations(db(), SchemaRole::kTenant);
  EXPECT_EQ(report.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(report.status().message().find("newer than this program"), absl::string_view::npos);
}

TEST(MigrationParseTest, RejectsMalformedSources) {
  EXPECT_FALSE(ParseMigrations({{"1_x.sql", "-- roles: tenant\n"}}).ok());
  EXPECT_FALSE(ParseMigrations({{"0001_x.sql", "no roles line\n"}}).ok());
  EXPECT_FALSE(ParseMigrations({{"0001_x.sql", "-- roles: moon\n"}}).ok());
  EXPECT_FALSE(
      ParseMigrations({{"0001_a.sql", "-- roles: tenant\n"}, {"0001_b.sql", "-- roles: tenant\n"}})
          .ok());
  auto ok = ParseMigrations({{"0002_b.sql", "-- roles: aggregator\n"},
                             {"0001_a.sql", "-- roles: tenant aggregator\n"}});
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ((*ok)[0].name, "0001_a");
  EXPECT_TRUE((*ok)[0].for_tenant && (*ok)[0].for_aggregator);
  EXPECT_FALSE((*ok)[1].for_tenant);
}

}  // namespace
}  // namespace schutznetz::storage
