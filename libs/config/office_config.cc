#include "libs/config/office_config.h"

#include <set>

#include "absl/strings/str_cat.h"

namespace schutznetz::config {

const char* OfficeKindName(OfficeKind kind) {
  return kind == OfficeKind::kDistrictOffice ? "district_office" : "city_office";
}

absl::StatusOr<OfficeConfig> LoadOfficeConfig(const std::string& file) {
  YAML::Node node;
  absl::Status loaded = LoadYamlFile(file, &node);
  if (!loaded.ok()) return loaded;
  ConfigErrors errors(file);
  ConfigReader root = ConfigReader::Root(node, kOfficeEnvPrefix, &errors);

  OfficeConfig c;
  c.file = file;
  c.id = root.String("id", Need::kRequired);
  if (!c.id.empty() && !IsSlug(c.id)) root.Error("id", "must be a slug like lippstadt");
  c.name = root.String("name", Need::kRequired);
  std::string kind = root.String("kind", Need::kRequired);
  if (kind == "district_office") {
    c.kind = OfficeKind::kDistrictOffice;
  } else if (kind == "city_office") {
    c.kind = OfficeKind::kCityOffice;
  } else if (!kind.empty()) {
    root.Error("kind", absl::StrCat("must be district_office or city_office, got '", kind, "'"));
  }
  c.municipalities = root.StringList("municipalities", Need::kRequired);

  std::set<std::string> group_ids;
  for (ConfigReader g : root.Children("regional_groups", Need::kRequired)) {
    RegionalGroupConfig rg;
    rg.id = g.String("id", Need::kRequired);
    if (!rg.id.empty() && !IsSlug(rg.id)) g.Error("id", "must be a slug like rg-lippstadt");
    if (!group_ids.insert(rg.id).second) g.Error("id", "regional group listed twice");
    rg.name = g.String("name", Need::kRequired);
    rg.meetings_per_year = g.Int("meetings_per_year", Need::kOptional, 3, 1, 12);
    g.Finish();
    c.regional_groups.push_back(rg);
  }
  c.server = ReadServer(root.Child("server", Need::kRequired));
  c.database = ReadDatabase(root.Child("database", Need::kRequired));
  c.logging = ReadLogging(root.Child("logging", Need::kOptional));
  c.sync = ReadSync(root.Child("sync", Need::kOptional));
  c.api_tokens = ReadApiTokens(root.Child("api_tokens", Need::kOptional));
  c.tls = ReadTls(root.Child("tls", Need::kOptional), file, /*allow_crl=*/false);
  c.http = ReadHttp(root.Child("http", Need::kOptional));
  c.ui = ReadUi(root.Child("ui", Need::kOptional));
  c.metrics = ReadMetrics(root.Child("metrics", Need::kOptional));
  c.health = ReadHealth(root.Child("health", Need::kOptional));
  CheckDistinctListens(root, {{"server.listen", c.server.listen},
                              {"http.listen", c.http.listen},
                              {"ui.listen", c.ui.listen},
                              {"metrics.listen", c.metrics.listen},
                              {"health.listen", c.health.listen}});
  c.public_contacts = ReadPublicContacts(root);
  ConfigReader statistics = root.Child("statistics", Need::kOptional);
  c.statistics.interval_s =
      statistics.Int("interval_s", Need::kOptional, c.statistics.interval_s, 1, 86400);
  statistics.Finish();
  ConfigReader retention = root.Child("retention", Need::kOptional);
  RetentionConfig& r = c.retention;
  r.external_registrations_days = retention.Int(
      "external_registrations_days", Need::kOptional, r.external_registrations_days, 0, 3650);
  r.left_members_months =
      retention.Int("left_members_months", Need::kOptional, r.left_members_months, 0, 240);
  r.start_delay_seconds =
      retention.Int("start_delay_seconds", Need::kOptional, r.start_delay_seconds, 0, 86400);
  r.interval_seconds =
      retention.Int("interval_seconds", Need::kOptional, r.interval_seconds, 1, 604800);
  retention.Finish();
  ConfigReader duties = root.Child("duties", Need::kOptional);
  c.duties.min_trainings_per_year = duties.Int("min_trainings_per_year", Need::kOptional,
                                               c.duties.min_trainings_per_year, 0, 52);
  duties.Finish();
  ConfigReader pii = root.Child("pii_guard", Need::kOptional);
  std::string names_file = pii.String("names_file", Need::kOptional);
  if (!names_file.empty()) c.pii_guard.names_file = ResolveRelative(file, names_file);
  pii.Finish();
  std::string district_file = root.String("district", Need::kRequired);
  root.Finish();

  absl::Status status = errors.ToStatus();
  if (!status.ok()) return status;

  absl::StatusOr<DistrictConfig> district =
      LoadDistrictConfig(ResolveRelative(file, district_file));
  if (!district.ok()) return district.status();
  c.district = *std::move(district);
  if (c.district.FindOffice(c.id) == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat(file, ": id: office '", c.id, "' is not listed in district file ",
                     c.district.file, " / Jugendamt ist nicht in der Kreisdatei eingetragen"));
  }
  return c;
}

}  // namespace schutznetz::config
