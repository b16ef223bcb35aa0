#include "libs/storage/migrations.h"

#include <openssl/sha.h>

#include <map>
#include <pqxx/pqxx>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "libs/common/errors.h"
#include "libs/common/log.h"
#include "libs/storage/pg_error.h"
#include "libs/storage/tx.h"

namespace schutznetz::storage {
namespace {

// Arbitrary constant shared by every Schutznetz process: the advisory lock key for migrations.
constexpr int64_t kMigrationLockKey = 0x5C4E5A0001;

std::string Sha256Hex(const std::string& data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

}  // namespace

absl::StatusOr<std::vector<Migration>> ParseMigrations(
    const std::vector<MigrationSource>& sources) {
  std::map<int, Migration> by_version;
  for (const MigrationSource& src : sources) {
    std::string file = src.file;
    Migration m;
    size_t underscore = file.find('_');
    if (file.size() < 9 || file.substr(file.size() - 4) != ".sql" || underscore != 4 ||
        !absl::SimpleAtoi(file.substr(0, 4), &m.version) || m.version <= 0) {
      return absl::InternalError(absl::StrCat("migration file name ", file,
                                              " is not NNNN_name.sql"));
    }
    m.name = file.substr(0, file.size() - 4);
    m.sql = src.sql;
    m.checksum = Sha256Hex(m.sql);
    std::string first_line = m.sql.substr(0, m.sql.find('\n'));
    const std::string prefix = "-- roles:";
    if (first_line.rfind(prefix, 0) != 0) {
      return absl::InternalError(absl::StrCat(file, " must start with '-- roles: …'"));
    }
    for (absl::string_view role :
         absl::StrSplit(first_line.substr(prefix.size()), ' ', absl::SkipEmpty())) {
      if (role == "tenant") {
        m.for_tenant = true;
      } else if (role == "aggregator") {
        m.for_aggregator = true;
      } else {
        return absl::InternalError(absl::StrCat(file, ": unknown role ", role));
      }
    }
    if (!by_version.emplace(m.version, m).second) {
      return absl::InternalError(absl::StrCat("two migrations with version ", m.version));
    }
  }
  std::vector<Migration> out;
  for (auto& [version, m] : by_version) out.push_back(std::move(m));
  return out;
}

absl::StatusOr<MigrationReport> ApplyMigrations(Database& db, SchemaRole role) {
  absl::StatusOr<std::vector<Migration>> parsed = ParseMigrations(EmbeddedMigrationSources());
  if (!parsed.ok()) return parsed.status();
  std::vector<Migration> wanted;
  for (const Migration& m : *parsed) {
    if (role == SchemaRole::kTenant ? m.for_tenant : m.for_aggregator) wanted.push_back(m);
  }

  absl::StatusOr<ConnectionPool::Lease> lease = db.pool().Acquire();
  if (!lease.ok()) return lease.status();
  PooledConnection& conn = **lease;
  return Guarded("migrations", [&]() -> absl::StatusOr<MigrationReport> {
    {
      pqxx::nontransaction lock(conn.raw());
      lock.exec_params("SELECT pg_advisory_lock($1)", kMigrationLockKey);
    }
    struct Unlock {
      PooledConnection& conn;
      ConnectionPool::Lease& lease;
      ~Unlock() {
        try {
          pqxx::nontransaction unlock(conn.raw());
          unlock.exec_params("SELECT pg_advisory_unlock($1)", kMigrationLockKey);
        } catch (...) {
          lease.MarkBroken();  // closing the session releases the lock
        }
      }
    } unlock{conn, *lease};

    std::map<int, std::string> applied;  // version → checksum
    {
      pqxx::work w(conn.raw());
      w.exec(
          "CREATE TABLE IF NOT EXISTS schema_migrations ("
          " version integer PRIMARY KEY,"
          " name text NOT NULL,"
          " checksum text NOT NULL,"
          " applied_at timestamptz NOT NULL DEFAULT now())");
      for (const auto& row : w.exec("SELECT version, checksum FROM schema_migrations")) {
        applied[row[0].as<int>()] = row[1].as<std::string>();
      }
      w.commit();
    }

    MigrationReport report;
    int newest_known = wanted.empty() ? 0 : wanted.back().version;
    for (const auto& [version, checksum] : applied) {
      if (version > newest_known) {
        return Bilingual(absl::StatusCode::kFailedPrecondition,
                         absl::StrCat("database schema version ", version,
                                      " is newer than this program knows (", newest_known,
                                      "); was a newer release installed before?"),
                         absl::StrCat("Datenbankschema ", version,
                                      " ist neuer als dieses Programm"));
      }
    }
    for (const Migration& m : wanted) {
      auto it = applied.find(m.version);
      if (it != applied.end()) {
        if (it->second != m.checksum) {
          return Bilingual(absl::StatusCode::kFailedPrecondition,
                           absl::StrCat("migration ", m.name,
                                        " was changed after it was applied; add a new migration "
                                        "instead"),
                           absl::StrCat("Migration ", m.name,
                                        " wurde nach dem Einspielen verändert"));
        }
        report.current_version = m.version;
        continue;
      }
      pqxx::work w(conn.raw());
      w.exec(m.sql);
      w.exec_params("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
                    m.version, m.name, m.checksum);
      w.commit();
      log::Info("migration applied", {{"version", m.version}, {"name", m.name}});
      report.applied.push_back(m.name);
      report.current_version = m.version;
    }
    return report;
  });
}

}  // namespace schutznetz::storage
