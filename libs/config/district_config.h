// The district file (tenants/<district>/district.yaml): which offices form the district and
// where its aggregator runs. Read by the aggregator (its own settings) and by every tenant
// service (the aggregator's address).
//
// Environment overrides use the prefix SCHUTZNETZ_DISTRICT_, e.g.
// SCHUTZNETZ_DISTRICT_AGGREGATOR_DATABASE_DSN for aggregator.database.dsn.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/config/public_site.h"
#include "libs/config/sections.h"
#include "libs/config/ui_config.h"

namespace schutznetz::config {

struct OfficeRef {
  std::string id;    // slug, e.g. "lippstadt"
  std::string name;  // e.g. "Jugendamt der Stadt Lippstadt"
};

struct AggregatorConfig {
  std::string address;  // host:port the offices dial
  ServerConfig server;
  DatabaseConfig database;
  ReceiverConfig receiver;
  ApiTokensConfig api_tokens;  // optional section aggregator.api_tokens
  // The aggregator requires and verifies a client certificate of the district CA on every call.
  TlsConfig tls;
  // The district's public calendar over HTTPS (aggregator.http; off if absent).
  HttpConfig http;
  // The district coordination's web UI over HTTPS (aggregator.ui; off if absent).
  UiConfig ui;
  // Prometheus metrics (aggregator.metrics.listen) and the plaintext health listener
  // (aggregator.health.listen); each off if absent.
  MetricsConfig metrics;
  HealthConfig health;
};

// District agreements (DESIGN.md §3): when an open version enters into force.
enum class RatificationRuleConfig {
  kUnanimity,  // every member office ratified (default)
  kMajority,   // more than half of the member offices ratified
};

struct AgreementsConfig {
  RatificationRuleConfig ratification_rule = RatificationRuleConfig::kUnanimity;
};

struct DistrictConfig {
  std::string file;  // the file this was read from
  std::string id;    // slug, e.g. "kreis-soest"
  std::string name;  // e.g. "Kreis Soest"
  AggregatorConfig aggregator;
  std::vector<OfficeRef> offices;
  AgreementsConfig agreements;  // optional section `agreements`
  // The district coordination's public contacts (optional `public_contacts`, as in an office file).
  std::vector<PublicContact> public_contacts;
  LoggingConfig logging;

  // The office with `id`, or nullptr.
  const OfficeRef* FindOffice(const std::string& id) const;
};

inline constexpr char kDistrictEnvPrefix[] = "SCHUTZNETZ_DISTRICT_";

// "unanimity" / "majority".
const char* RatificationRuleName(RatificationRuleConfig rule);

// Reads and validates the district file; every problem is reported in one INVALID_ARGUMENT.
absl::StatusOr<DistrictConfig> LoadDistrictConfig(const std::string& file);

}  // namespace schutznetz::config
