// Fresh, migrated databases for tests, on one throwaway PostgreSQL cluster per test process.
//
//   class OrganisationsRepositoryTest : public DbTest {};   // tenant schema
//   TEST_F(OrganisationsRepositoryTest, ...) { db().Transact(...); }
#pragma once

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "absl/status/statusor.h"
#include "libs/storage/database.h"
#include "libs/storage/migrations.h"
#include "tests/support/pg_cluster.h"

namespace schutznetz::testing {

// The cluster the tests of this process use. Under ctest it is the suite's shared cluster (started
// by the `pg_cluster_setup` fixture, directory in $SCHUTZNETZ_TEST_CLUSTER), which already holds
// migrated template databases; a test binary run on its own starts a private cluster instead,
// stopped at exit.
PgCluster& SharedCluster();

// Name of the migrated template database of a role in the shared cluster.
std::string TemplateDatabaseName(storage::SchemaRole role);

// Creates and migrates the template databases of every role (used by the ctest fixture).
absl::Status CreateTemplateDatabases(PgCluster& cluster);

// A new database with a unique name on the shared cluster, migrated for `role`.
struct TestDatabase {
  std::string name;
  std::string dsn;
  std::unique_ptr<storage::Database> db;
};
absl::StatusOr<TestDatabase> CreateTestDatabase(storage::SchemaRole role, int pool_size = 8);

// Test fixture: db() is a fresh migrated database for every test.
class DbTest : public ::testing::Test {
 protected:
  explicit DbTest(storage::SchemaRole role = storage::SchemaRole::kTenant) : role_(role) {}
  void SetUp() override;
  storage::Database& db() { return *database_.db; }
  const std::string& dsn() const { return database_.dsn; }
  // Runs SQL for assertions about stored rows; returns the first column of the first row.
  std::string QueryScalar(const std::string& sql);

 private:
  storage::SchemaRole role_;
  TestDatabase database_;
};

}  // namespace schutznetz::testing
