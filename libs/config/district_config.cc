#include "libs/config/district_config.h"

#include <set>

namespace schutznetz::config {

const OfficeRef* DistrictConfig::FindOffice(const std::string& office_id) const {
  for (const OfficeRef& o : offices) {
    if (o.id == office_id) return &o;
  }
  return nullptr;
}

const char* RatificationRuleName(RatificationRuleConfig rule) {
  return rule == RatificationRuleConfig::kMajority ? "majority" : "unanimity";
}

namespace {

AgreementsConfig ReadAgreements(ConfigReader r) {
  AgreementsConfig c;
  std::string rule = r.String("ratification_rule", Need::kOptional, "unanimity");
  if (rule == "majority") {
    c.ratification_rule = RatificationRuleConfig::kMajority;
  } else if (rule != "unanimity") {
    r.Error("ratification_rule", "must be unanimity or majority");
  }
  r.Finish();
  return c;
}

}  // namespace

absl::StatusOr<DistrictConfig> LoadDistrictConfig(const std::string& file) {
  YAML::Node node;
  absl::Status loaded = LoadYamlFile(file, &node);
  if (!loaded.ok()) return loaded;
  ConfigErrors errors(file);
  ConfigReader root = ConfigReader::Root(node, kDistrictEnvPrefix, &errors);

  DistrictConfig c;
  c.file = file;
  c.id = root.String("id", Need::kRequired);
  if (!c.id.empty() && !IsSlug(c.id)) root.Error("id", "must be a slug like kreis-soest");
  c.name = root.String("name", Need::kRequired);

  ConfigReader agg = root.Child("aggregator", Need::kRequired);
  c.aggregator.address = agg.String("address", Need::kRequired);
  if (!c.aggregator.address.empty() && !IsListenAddress(c.aggregator.address)) {
    agg.Error("address", "must be host:port");
  }
  c.aggregator.server = ReadServer(agg.Child("server", Need::kRequired));
  c.aggregator.database = ReadDatabase(agg.Child("database", Need::kRequired));
  c.aggregator.receiver = ReadReceiver(agg.Child("receiver", Need::kOptional));
  c.aggregator.api_tokens = ReadApiTokens(agg.Child("api_tokens", Need::kOptional));
  c.aggregator.tls = ReadTls(agg.Child("tls", Need::kOptional), file, /*allow_crl=*/true);
  c.aggregator.http = ReadHttp(agg.Child("http", Need::kOptional));
  c.aggregator.ui = ReadUi(agg.Child("ui", Need::kOptional));
  c.aggregator.metrics = ReadMetrics(agg.Child("metrics", Need::kOptional));
  c.aggregator.health = ReadHealth(agg.Child("health", Need::kOptional));
  CheckDistinctListens(agg, {{"server.listen", c.aggregator.server.listen},
                             {"http.listen", c.aggregator.http.listen},
                             {"ui.listen", c.aggregator.ui.listen},
                             {"metrics.listen", c.aggregator.metrics.listen},
                             {"health.listen", c.aggregator.health.listen}});
  agg.Finish();

  std::set<std::string> seen;
  for (ConfigReader o : root.Children("offices", Need::kRequired)) {
    OfficeRef ref;
    ref.id = o.String("id", Need::kRequired);
    ref.name = o.String("name", Need::kRequired);
    if (!ref.id.empty() && !IsSlug(ref.id)) o.Error("id", "must be a slug like lippstadt");
    if (!seen.insert(ref.id).second) o.Error("id", "office listed twice");
    o.Finish();
    c.offices.push_back(ref);
  }
  c.agreements = ReadAgreements(root.Child("agreements", Need::kOptional));
  c.logging = ReadLogging(root.Child("logging", Need::kOptional));
  c.public_contacts = ReadPublicContacts(root);
  root.Finish();

  absl::Status status = errors.ToStatus();
  if (!status.ok()) return status;
  return c;
}

}  // namespace schutznetz::config
