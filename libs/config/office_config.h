// The office file (tenants/<district>/<office>.yaml): one youth welfare office (Jugendamt) and
// its regional group(s), read by that office's tenant service.
//
// Environment overrides use the prefix SCHUTZNETZ_, e.g. SCHUTZNETZ_DATABASE_DSN for
// database.dsn and SCHUTZNETZ_SERVER_LISTEN for server.listen (also for keys whose section is
// absent from the file, e.g. SCHUTZNETZ_METRICS_LISTEN). The district file named by
// `district` is loaded too (its overrides use SCHUTZNETZ_DISTRICT_).
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/config/district_config.h"
#include "libs/config/public_site.h"
#include "libs/config/sections.h"
#include "libs/config/ui_config.h"

namespace schutznetz::config {

enum class OfficeKind {
  kDistrictOffice,  // Kreisjugendamt: serves the towns without their own youth welfare office
  kCityOffice,      // Jugendamt einer kreisangehörigen Stadt
};

struct RegionalGroupConfig {
  std::string id;             // slug, e.g. "rg-lippstadt"
  std::string name;           // e.g. "Regionalgruppe Lippstadt"
  int meetings_per_year = 3;  // planned cadence
};

// The PII guard that checks case conference texts and free-text survey answers for personal data.
struct PiiGuardConfig {
  // Optional file of names the guard looks for in addition to its compiled-in list (local
  // surnames, say): one name per line, '#' starts a comment line. Given relative to the office
  // file in `pii_guard.names_file` and stored here resolved; empty: the default list only.
  std::string names_file;
};

// The job that sends the office's statistics snapshots (counts only) to the district aggregator
// when they change.
struct StatisticsConfig {
  int interval_s = 300;  // seconds between runs (1–86400); the first run is at start-up
};

// Retention of personal data (Sozialdatenschutz §§ 61–65 SGB VIII, Art. 5 (1) e GDPR): the daily
// job of the tenant service that erases what the office no longer needs. 0 disables a rule.
struct RetentionConfig {
  // Names and organisations of participants from other offices are erased this many days after
  // the event ended (0–3650; default 90).
  int external_registrations_days = 90;
  // Members who left (or whose request was declined) are anonymised this many months after
  // leaving or the decision (0–240; default 24).
  int left_members_months = 24;
  // Seconds from start-up to the first run (0–86400; default 300), and between runs (1–604800;
  // default 86400, daily). Shorter values are for tests and trials.
  int start_delay_seconds = 300;
  int interval_seconds = 86400;
};

// The overview of the network's duties under § 9 LKSG NRW (reports).
struct DutiesConfig {
  // Interdisciplinary trainings the network offers at least per year (0–52; default 3, as § 9
  // Abs. 5 LKSG NRW is commonly applied).
  int min_trainings_per_year = 3;
};

struct OfficeConfig {
  std::string file;
  std::string id;    // slug; must be listed in the district file
  std::string name;
  OfficeKind kind = OfficeKind::kCityOffice;
  std::vector<std::string> municipalities;
  std::vector<RegionalGroupConfig> regional_groups;
  ServerConfig server;
  DatabaseConfig database;
  LoggingConfig logging;
  PiiGuardConfig pii_guard;
  SyncConfig sync;
  // The office's certificate serves netzctl and identifies the office to the aggregator.
  TlsConfig tls;
  StatisticsConfig statistics;
  RetentionConfig retention;
  DutiesConfig duties;
  ApiTokensConfig api_tokens;
  // The public calendar and contacts over HTTP(S) (section `http`; off if absent), and the
  // contacts the office publishes (`public_contacts`, only the fields marked public).
  HttpConfig http;
  std::vector<PublicContact> public_contacts;
  // The coordinators' web UI over HTTPS (section `ui`; off if absent).
  UiConfig ui;
  // Prometheus metrics (`metrics.listen`) and the plaintext health listener (`health.listen`);
  // each off if absent.
  MetricsConfig metrics;
  HealthConfig health;
  DistrictConfig district;
};

inline constexpr char kOfficeEnvPrefix[] = "SCHUTZNETZ_";

// Reads and validates the office file and the district file it names.
absl::StatusOr<OfficeConfig> LoadOfficeConfig(const std::string& file);

// "district_office" / "city_office".
const char* OfficeKindName(OfficeKind kind);

}  // namespace schutznetz::config
