// Numbered schema migrations, embedded in the binaries and applied at start-up.
//
// Files live in libs/storage/migrations/NNNN_name.sql. The first line names the databases the
// migration belongs to: "-- roles: tenant", "-- roles: aggregator" or "-- roles: tenant
// aggregator". One numbering serves both kinds of database.
//
// ApplyMigrations takes a PostgreSQL advisory lock, so several replicas starting at once apply
// each migration exactly once; each migration runs in its own transaction together with its row in
// schema_migrations. A restart applies nothing. A migration file changed after it was applied,
// or a database newer than the binary, is a FAILED_PRECONDITION.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/storage/database.h"

namespace schutznetz::storage {

enum class SchemaRole { kTenant, kAggregator };

struct MigrationSource {
  const char* file;  // "0001_foundation.sql"
  const char* sql;
};

struct Migration {
  int version = 0;
  std::string name;     // file name without .sql
  std::string sql;
  std::string checksum; // hex SHA-256 of sql
  bool for_tenant = false;
  bool for_aggregator = false;
};

// Generated at build time from the .sql files.
const std::vector<MigrationSource>& EmbeddedMigrationSources();

// Parses sources into migrations ordered by version; malformed names, duplicate versions or a
// missing "-- roles:" line are INTERNAL errors (a build defect).
absl::StatusOr<std::vector<Migration>> ParseMigrations(const std::vector<MigrationSource>& sources);

struct MigrationReport {
  std::vector<std::string> applied;  // names applied by this call
  int current_version = 0;
};

// Brings the database of `role` up to date with the embedded migrations.
absl::StatusOr<MigrationReport> ApplyMigrations(Database& db, SchemaRole role);

}  // namespace schutznetz::storage
