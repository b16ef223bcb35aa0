#include <stdlib.h>

#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "libs/config/district_config.h"
#include "libs/config/office_config.h"

namespace schutznetz::config {
namespace {

const std::string kSoest = std::string(SCHUTZNETZ_SOURCE_DIR) + "/tenants/kreis-soest/";

// Writes files into a fresh temporary directory.
class ConfigFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/schutznetz-config-XXXXXX";
    dir_ = mkdtemp(tmpl);
    Write("district.yaml", R"(
id: test-district
name: Testkreis
aggregator:
  address: localhost:7100
  server: {listen: 127.0.0.1:7100}
  database: {dsn: "postgresql:///agg"}
offices:
  - {id: alpha, name: Jugendamt Alpha}
)");
  }
  void TearDown() override {
    std::string cmd = "rm -rf " + dir_;
    ASSERT_EQ(system(cmd.c_str()), 0);
    unsetenv("SCHUTZNETZ_DATABASE_DSN");
    unsetenv("SCHUTZNETZ_SERVER_LISTEN");
    unsetenv("SCHUTZNETZ_DISTRICT_AGGREGATOR_ADDRESS");
    unsetenv("SCHUTZNETZ_DISTRICT_AGREEMENTS_RATIFICATION_RULE");
  }
  std::string Write(const std::string& name, const std::string& text) {
    std::string path = dir_ + "/" + name;
    std::ofstream(path) << text;
    return path;
  }
  std::string Office(const std::string& extra = "", const std::string& drop = "") {
    std::string text = R"(id: alpha
name: Jugendamt Alpha
kind: city_office
district: district.yaml
municipalities: [Alpha]
regional_groups:
  - {id: rg-alpha, name: Regionalgruppe Alpha, meetings_per_year: 4}
server: {listen: 127.0.0.1:7101}
database: {dsn: "postgresql:///alpha"}
)";
    if (!drop.empty()) {
      size_t pos = text.find(drop);
      text.erase(pos, text.find('\n', pos) - pos + 1);
    }
    return Write("alpha.yaml", text + extra);
  }
  std::string dir_;
};

TEST(ShippedConfigTest, KreisSoestDistrictLoads) {
  auto d = LoadDistrictConfig(kSoest + "district.yaml");
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->id, "kreis-soest");
  ASSERT_EQ(d->offices.size(), 4u);
  EXPECT_EQ(d->offices[0].name, "Kreisjugendamt Soest");
}

TEST(ShippedConfigTest, AllFourOfficesLoad) {
  for (const char* id : {"kreis-soest", "lippstadt", "soest", "warstein"}) {
    auto o = LoadOfficeConfig(kSoest + id + ".yaml");
    ASSERT_TRUE(o.ok()) << id << ": " << o.status();
    EXPECT_EQ(o->id, id);
    EXPECT_EQ(o->district.id, "kreis-soest");
    EXPECT_FALSE(o->regional_groups.empty());
    EXPECT_EQ(o->retention.external_registrations_days, 90) << id;
    EXPECT_EQ(o->retention.left_members_months, 24) << id;
  }
  auto kreis = LoadOfficeConfig(kSoest + "kreis-soest.yaml");
  EXPECT_EQ(kreis->kind, OfficeKind::kDistrictOffice);
  EXPECT_EQ(kreis->municipalities.size(), 10u);
  EXPECT_EQ(kreis->municipalities[6], "Möhnesee");
}

TEST_F(ConfigFiles, ValidOfficeLoads) {
  auto o = LoadOfficeConfig(Office());
  ASSERT_TRUE(o.ok()) << o.status();
  EXPECT_EQ(o->regional_groups[0].meetings_per_year, 4);
  EXPECT_EQ(o->database.pool_size, 8);
  EXPECT_EQ(o->server.listen, "127.0.0.1:7101");
}

TEST_F(ConfigFiles, UnknownKeyIsAnErrorWithLine) {
  auto o = LoadOfficeConfig(Office("servr: {listen: x}\n"));
  ASSERT_FALSE(o.ok());
  EXPECT_EQ(o.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(o.status().message().find("alpha.yaml:10: servr: unknown key"), std::string::npos)
      << o.status();
}

TEST_F(ConfigFiles, UnknownNestedKeyIsNamedWithItsPath) {
  std::string path = Write("alpha.yaml", R"(id: alpha
name: A
kind: city_office
district: district.yaml
municipalities: [Alpha]
regional_groups: [{id: rg-a, name: R, cadence: 3}]
server: {listen: 127.0.0.1:7101}
database: {dsn: x, poolsize: 3}
)");
  auto o = LoadOfficeConfig(path);
  ASSERT_FALSE(o.ok());
  EXPECT_NE(o.status().message().find("regional_groups[0].cadence: unknown key"), std::string::npos);
  EXPECT_NE(o.status().message().find("database.poolsize: unknown key"), std::string::npos);
}

TEST_F(ConfigFiles, MissingRequiredKeyIsNamed) {
  auto o = LoadOfficeConfig(Office("", "database:"));
  ASSERT_FALSE(o.ok());
  EXPECT_NE(o.status().message().find("database: required key is missing"), std::string::npos)
      << o.status();
}

TEST_F(ConfigFiles, BadValuesAreReportedTogether) {
  std::string path = Write("alpha.yaml", R"(id: Alpha Office
name: A
kind: county
district: district.yaml
municipalities: []
regional_groups: [{id: rg-a, name: R, meetings_per_year: 40}]
server: {listen: nowhere}
database: {dsn: x}
)");
  auto o = LoadOfficeConfig(path);
  ASSERT_FALSE(o.ok());
  std::string m(o.status().message());
  EXPECT_NE(m.find("id: must be a slug"), std::string::npos) << m;
  EXPECT_NE(m.find("kind: must be district_office or city_office"), std::string::npos) << m;
  EXPECT_NE(m.find("municipalities: must not be empty"), std::string::npos) << m;
  EXPECT_NE(m.find("meetings_per_year: must be a whole number from 1 to 12"), std::string::npos);
  EXPECT_NE(m.find("server.listen: must be host:port"), std::string::npos) << m;
}

TEST_F(ConfigFiles, EnvironmentOverridesFileValues) {
  setenv("SCHUTZNETZ_DATABASE_DSN", "host=/tmp/pg port=5555 dbname=alpha", 1);
  setenv("SCHUTZNETZ_SERVER_LISTEN", "127.0.0.1:9999", 1);
  setenv("SCHUTZNETZ_DISTRICT_AGGREGATOR_ADDRESS", "agg.example:443", 1);
  auto o = LoadOfficeConfig(Office());
  ASSERT_TRUE(o.ok()) << o.status();
  EXPECT_EQ(o->database.dsn, "host=/tmp/pg port=5555 dbname=alpha");
  EXPECT_EQ(o->server.listen, "127.0.0.1:9999");
  EXPECT_EQ(o->district.aggregator.address, "agg.example:443");
}

TEST_F(ConfigFiles, EnvironmentCanSupplyARequiredValue) {
  setenv("SCHUTZNETZ_DATABASE_DSN", "postgresql:///from-env", 1);
  std::string path = Office();
  // Remove the dsn from the file: the environment provides it.
  Write("alpha.yaml", std::string(R"(id: alpha
name: A
kind: city_office
district: district.yaml
municipalities: [Alpha]
regional_groups: [{id: rg-a, name: R}]
server: {listen: 127.0.0.1:7101}
database: {pool_size: 2}
)"));
  auto o = LoadOfficeConfig(path);
  ASSERT_TRUE(o.ok()) << o.status();
  EXPECT_EQ(o->database.dsn, "postgresql:///from-env");
}

// The district file with an `agreements` section appended.
std::string DistrictWith(const std::string& agreements) {
  return R"(
id: test-district
name: Testkreis
aggregator:
  address: localhost:7100
  server: {listen: 127.0.0.1:7100}
  database: {dsn: "postgresql:///agg"}
offices:
  - {id: alpha, name: Jugendamt Alpha}
)" + agreements;
}

TEST_F(ConfigFiles, RatificationRuleDefaultsToUnanimity) {
  auto d = LoadDistrictConfig(dir_ + "/district.yaml");
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->agreements.ratification_rule, RatificationRuleConfig::kUnanimity);
  auto shipped = LoadDistrictConfig(kSoest + "district.yaml");
  ASSERT_TRUE(shipped.ok()) << shipped.status();
  EXPECT_EQ(shipped->agreements.ratification_rule, RatificationRuleConfig::kUnanimity);
}

TEST_F(ConfigFiles, RatificationRuleMajorityIsRead) {
  auto d = LoadDistrictConfig(
      Write("district.yaml", DistrictWith("agreements: {ratification_rule: majority}\n")));
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->agreements.ratification_rule, RatificationRuleConfig::kMajority);
  EXPECT_STREQ(RatificationRuleName(d->agreements.ratification_rule), "majority");
}

TEST_F(ConfigFiles, UnknownRatificationRuleIsAnErrorWithItsPath) {
  auto d = LoadDistrictConfig(
      Write("district.yaml", DistrictWith("agreements:\n  ratification_rule: consensus\n")));
  ASSERT_FALSE(d.ok());
  EXPECT_NE(
      d.status().message().find("agreements.ratification_rule: must be unanimity or majority"),
      std::string::npos)
      << d.status();
}

TEST_F(ConfigFiles, UnknownKeyInAgreementsIsAnError) {
  auto d =
      LoadDistrictConfig(Write("district.yaml", DistrictWith("agreements:\n  rule: majority\n")));
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.status().message().find("agreements.rule: unknown key"), std::string::npos)
      << d.status();
}

TEST_F(ConfigFiles, RatificationRuleCanComeFromTheEnvironment) {
  setenv("SCHUTZNETZ_DISTRICT_AGREEMENTS_RATIFICATION_RULE", "majority", 1);
  auto d = LoadDistrictConfig(dir_ + "/district.yaml");
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->agreements.ratification_rule, RatificationRuleConfig::kMajority);
}

TEST_F(ConfigFiles, OfficeMustBeListedInDistrict) {
  std::string path = Write("beta.yaml", R"(id: beta
name: B
kind: city_office
district: district.yaml
municipalities: [Beta]
regional_groups: [{id: rg-b, name: R}]
server: {listen: 127.0.0.1:7101}
database: {dsn: x}
)");
  auto o = LoadOfficeConfig(path);
  ASSERT_FALSE(o.ok());
  EXPECT_NE(o.status().message().find("not listed in district file"), std::string::npos);
}

TEST_F(ConfigFiles, PiiGuardNamesFileIsOptionalAndResolvedAgainstTheOfficeFile) {
  auto without = LoadOfficeConfig(Office());
  ASSERT_TRUE(without.ok()) << without.status();
  EXPECT_EQ(without->pii_guard.names_file, "");
  auto with = LoadOfficeConfig(Office("pii_guard: {names_file: names/local.txt}\n"));
  ASSERT_TRUE(with.ok()) << with.status();
  EXPECT_EQ(with->pii_guard.names_file, dir_ + "/names/local.txt");
  auto absolute = LoadOfficeConfig(Office("pii_guard:\n  names_file: /etc/schutznetz/names.txt\n"));
  ASSERT_TRUE(absolute.ok()) << absolute.status();
  EXPECT_EQ(absolute->pii_guard.names_file, "/etc/schutznetz/names.txt");
}

TEST_F(ConfigFiles, PiiGuardUnknownKeyIsAnError) {
  auto o = LoadOfficeConfig(Office("pii_guard: {name_file: x.txt}\n"));
  ASSERT_FALSE(o.ok());
  EXPECT_NE(o.status().message().find("pii_guard.name_file: unknown key"), std::string::npos)
      << o.status();
}

TEST_F(ConfigFiles, StatisticsIntervalDefaultsToFiveMinutesAndIsRead) {
  auto without = LoadOfficeConfig(Office());
  ASSERT_TRUE(without.ok()) << without.status();
  EXPECT_EQ(without->statistics.interval_s, 300);
  auto with = LoadOfficeConfig(Office("statistics: {interval_s: 60}\n"));
  ASSERT_TRUE(with.ok()) << with.status();
  EXPECT_EQ(with->statistics.interval_s, 60);
}

TEST_F(ConfigFiles, StatisticsIntervalOutOfRangeOrUnknownKeyIsAnError) {
  auto zero = LoadOfficeConfig(Office("statistics: {interval_s: 0}\n"));
  ASSERT_FALSE(zero.ok());
  EXPECT_NE(zero.status().message().find(
                "statistics.interval_s: must be a whole number from 1 to 86400, got '0'"),
            std::string::npos)
      << zero.status();
  auto typo = LoadOfficeConfig(Office("statistics: {interval: 60}\n"));
  ASSERT_FALSE(typo.ok());
  EXPECT_NE(typo.status().message().find("statistics.interval: unknown key"), std::string::npos)
      << typo.status();
}

TEST_F(ConfigFiles, StatisticsIntervalCanComeFromTheEnvironment) {
  setenv("SCHUTZNETZ_STATISTICS_INTERVAL_S", "30", 1);
  auto o = LoadOfficeConfig(Office());
  unsetenv("SCHUTZNETZ_STATISTICS_INTERVAL_S");
  ASSERT_TRUE(o.ok()) << o.status();
  EXPECT_EQ(o->statistics.interval_s, 30);
}

TEST_F(ConfigFiles, RetentionHasDefaultsAndIsRead) {
  auto without = LoadOfficeConfig(Office());
  ASSERT_TRUE(without.ok()) << without.status();
  EXPECT_EQ(without->retention.external_registrations_days, 90);
  EXPECT_EQ(without->retention.left_members_months, 24);
  EXPECT_EQ(without->retention.start_delay_seconds, 300);
  EXPECT_EQ(without->retention.interval_seconds, 86400);
  auto with = LoadOfficeConfig(
      Office("retention: {external_registrations_days: 30, left_members_months: 0, "
             "start_delay_seconds: 0, interval_seconds: 5}\n"));
  ASSERT_TRUE(with.ok()) << with.status();
  EXPECT_EQ(with->retention.external_registrations_days, 30);
  EXPECT_EQ(with->retention.left_members_months, 0);  // disabled
  EXPECT_EQ(with->retention.start_delay_seconds, 0);
  EXPECT_EQ(with->retention.interval_seconds, 5);
}

TEST_F(ConfigFiles, RetentionNegativeOrAbsurdValuesAreErrorsNamingTheKey) {
  auto negative = LoadOfficeConfig(Office("retention: {external_registrations_days: -1}\n"));
  ASSERT_FALSE(negative.ok());
  EXPECT_NE(negative.status().message().find("retention.external_registrations_days: must be a "
                                             "whole number from 0 to 3650, got '-1'"),
            std::string::npos)
      << negative.status();
  auto absurd = LoadOfficeConfig(Office("retention: {left_members_months: 1200}\n"));
  ASSERT_FALSE(absurd.ok());
  EXPECT_NE(absurd.status().message().find(
                "retention.left_members_months: must be a whole number from 0 to 240, got '1200'"),
            std::string::npos)
      << absurd.status();
  auto text = LoadOfficeConfig(Office("retention: {left_members_months: zwei Jahre}\n"));
  ASSERT_FALSE(text.ok());
  EXPECT_NE(text.status().message().find("retention.left_members_months"), std::string::npos);
  auto never = LoadOfficeConfig(Office("retention: {interval_seconds: 0}\n"));
  ASSERT_FALSE(never.ok());
  EXPECT_NE(never.status().message().find("retention.interval_seconds"), std::string::npos);
  auto typo = LoadOfficeConfig(Office("retention: {left_member_months: 12}\n"));
  ASSERT_FALSE(typo.ok());
  EXPECT_NE(typo.status().message().find("retention.left_member_months: unknown key"),
            std::string::npos)
      << typo.status();
}

TEST_F(ConfigFiles, TheMinimumOfTrainingsIsThreeUnlessConfiguredAndChecked) {
  auto plain = LoadOfficeConfig(Office());
  ASSERT_TRUE(plain.ok()) << plain.status();
  EXPECT_EQ(plain->duties.min_trainings_per_year, 3);
  auto four = LoadOfficeConfig(Office("duties: {min_trainings_per_year: 4}\n"));
  ASSERT_TRUE(four.ok()) << four.status();
  EXPECT_EQ(four->duties.min_trainings_per_year, 4);
  auto bad = LoadOfficeConfig(Office("duties: {min_trainings_per_year: 60}\n"));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("duties.min_trainings_per_year"), std::string::npos)
      << bad.status();
}

TEST_F(ConfigFiles, RetentionCanComeFromTheEnvironment) {
  setenv("SCHUTZNETZ_RETENTION_EXTERNAL_REGISTRATIONS_DAYS", "0", 1);
  setenv("SCHUTZNETZ_RETENTION_LEFT_MEMBERS_MONTHS", "36", 1);
  auto o = LoadOfficeConfig(Office());
  setenv("SCHUTZNETZ_RETENTION_LEFT_MEMBERS_MONTHS", "-5", 1);
  auto bad = LoadOfficeConfig(Office());
  unsetenv("SCHUTZNETZ_RETENTION_EXTERNAL_REGISTRATIONS_DAYS");
  unsetenv("SCHUTZNETZ_RETENTION_LEFT_MEMBERS_MONTHS");
  ASSERT_TRUE(o.ok()) << o.status();
  EXPECT_EQ(o->retention.external_registrations_days, 0);
  EXPECT_EQ(o->retention.left_members_months, 36);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("retention.left_members_months"), std::string::npos)
      << bad.status();
}

TEST_F(ConfigFiles, MetricsAndHealthAreOffWithoutTheirSections) {
  auto o = LoadOfficeConfig(Office());
  ASSERT_TRUE(o.ok()) << o.status();
  EXPECT_FALSE(o->metrics.enabled());
  EXPECT_FALSE(o->health.enabled());
  EXPECT_FALSE(o->district.aggregator.metrics.enabled());
  EXPECT_FALSE(o->district.aggregator.health.enabled());
}

TEST_F(ConfigFiles, MetricsAndHealthListenAreRead) {
  auto o = LoadOfficeConfig(
      Office("metrics: {listen: 127.0.0.1:7301}\nhealth: {listen: 0.0.0.0:7401}\n"));
  ASSERT_TRUE(o.ok()) << o.status();
  EXPECT_EQ(o->metrics.listen, "127.0.0.1:7301");
  EXPECT_EQ(o->health.listen, "0.0.0.0:7401");
  Write("district.yaml", R"(
id: test-district
name: Testkreis
aggregator:
  address: localhost:7100
  server: {listen: 127.0.0.1:7100}
  metrics: {listen: 127.0.0.1:7300}
  health: {listen: 127.0.0.1:7400}
  database: {dsn: "postgresql:///agg"}
offices:
  - {id: alpha, name: Jugendamt Alpha}
)");
  auto d = LoadDistrictConfig(dir_ + "/district.yaml");
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->aggregator.metrics.listen, "127.0.0.1:7300");
  EXPECT_EQ(d->aggregator.health.listen, "127.0.0.1:7400");
}

TEST_F(ConfigFiles, MetricsAndHealthListenComeFromTheEnvironmentWithoutASection) {
  setenv("SCHUTZNETZ_METRICS_LISTEN", "0.0.0.0:9101", 1);
  setenv("SCHUTZNETZ_HEALTH_LISTEN", "0.0.0.0:9102", 1);
  setenv("SCHUTZNETZ_DISTRICT_AGGREGATOR_METRICS_LISTEN", "0.0.0.0:9100", 1);
  setenv("SCHUTZNETZ_DISTRICT_AGGREGATOR_HEALTH_LISTEN", "0.0.0.0:9200", 1);
  auto o = LoadOfficeConfig(Office());
  auto d = LoadDistrictConfig(dir_ + "/district.yaml");
  for (const char* name : {"SCHUTZNETZ_METRICS_LISTEN", "SCHUTZNETZ_HEALTH_LISTEN",
                           "SCHUTZNETZ_DISTRICT_AGGREGATOR_METRICS_LISTEN",
                           "SCHUTZNETZ_DISTRICT_AGGREGATOR_HEALTH_LISTEN"}) {
    unsetenv(name);
  }
  ASSERT_TRUE(o.ok()) << o.status();
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(o->metrics.listen, "0.0.0.0:9101");
  EXPECT_EQ(o->health.listen, "0.0.0.0:9102");
  EXPECT_EQ(d->aggregator.metrics.listen, "0.0.0.0:9100");
  EXPECT_EQ(d->aggregator.health.listen, "0.0.0.0:9200");
}

TEST_F(ConfigFiles, BadOrSharedMetricsAndHealthAddressesAreErrors) {
  auto bad = LoadOfficeConfig(Office("metrics: {listen: nowhere}\nhealth: {port: 1}\n"));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("metrics.listen: must be host:port"), std::string::npos)
      << bad.status();
  EXPECT_NE(bad.status().message().find("health.port: unknown key"), std::string::npos)
      << bad.status();
  auto shared = LoadOfficeConfig(Office("health: {listen: 127.0.0.1:7101}\n"));
  ASSERT_FALSE(shared.ok());
  EXPECT_NE(shared.status().message().find("health.listen: listens on the same address as "
                                           "server.listen"),
            std::string::npos)
      << shared.status();
}

TEST_F(ConfigFiles, ApiTokenValidityHasDefaultsAndIsChecked) {
  auto defaults = LoadOfficeConfig(Office(""));
  ASSERT_TRUE(defaults.ok()) << defaults.status();
  EXPECT_EQ(defaults->api_tokens.default_valid_days, 365);
  EXPECT_EQ(defaults->api_tokens.max_valid_days, 730);
  auto set =
      LoadOfficeConfig(Office("api_tokens: {default_valid_days: 90, max_valid_days: 180}\n"));
  ASSERT_TRUE(set.ok()) << set.status();
  EXPECT_EQ(set->api_tokens.default_valid_days, 90);
  EXPECT_EQ(set->api_tokens.max_valid_days, 180);
  auto short_max = LoadOfficeConfig(Office("api_tokens: {max_valid_days: 30}\n"));
  ASSERT_TRUE(short_max.ok()) << short_max.status();
  EXPECT_EQ(short_max->api_tokens.default_valid_days, 30);
  auto inverted =
      LoadOfficeConfig(Office("api_tokens: {default_valid_days: 400, max_valid_days: 100}\n"));
  EXPECT_NE(inverted.status().message().find("api_tokens.default_valid_days"), std::string::npos)
      << inverted.status();
  auto district = LoadDistrictConfig(dir_ + "/district.yaml");
  ASSERT_TRUE(district.ok()) << district.status();
  EXPECT_EQ(district->aggregator.api_tokens.max_valid_days, 730);
}

TEST_F(ConfigFiles, MissingFileAndSyntaxErrorsAreClear) {
  auto missing = LoadOfficeConfig(dir_ + "/nope.yaml");
  EXPECT_NE(missing.status().message().find("cannot read configuration file"), std::string::npos);
  auto broken = LoadOfficeConfig(Write("broken.yaml", "id: [unclosed\n"));
  EXPECT_NE(broken.status().message().find("YAML syntax error"), std::string::npos);
}


TEST_F(ConfigFiles, TlsPathsAreResolvedRelativeToTheFile) {
  auto o = LoadOfficeConfig(
      Office("tls: {cert_file: pki/alpha.pem, key_file: pki/alpha.key, ca_file: /etc/ca.pem}\n"));
  ASSERT_TRUE(o.ok()) << o.status();
  EXPECT_TRUE(o->tls.enabled());
  EXPECT_EQ(o->tls.cert_file, dir_ + "/pki/alpha.pem");
  EXPECT_EQ(o->tls.key_file, dir_ + "/pki/alpha.key");
  EXPECT_EQ(o->tls.ca_file, "/etc/ca.pem");
  EXPECT_FALSE(o->server.insecure_dev) << "plaintext never comes from a file";
}

TEST_F(ConfigFiles, IncompleteTlsNamesTheMissingFile) {
  auto o = LoadOfficeConfig(Office("tls: {cert_file: a.pem, key_file: a.key}\n"));
  ASSERT_FALSE(o.ok());
  EXPECT_NE(o.status().message().find("tls.ca_file"), std::string::npos) << o.status();
}

TEST_F(ConfigFiles, OfficesHaveNoRevocationList) {
  auto o = LoadOfficeConfig(Office(
      "tls: {cert_file: a.pem, key_file: a.key, ca_file: ca.pem, crl_file: crl.pem}\n"));
  ASSERT_FALSE(o.ok());
  EXPECT_NE(o.status().message().find("crl_file"), std::string::npos) << o.status();
}

}  // namespace
}  // namespace schutznetz::config
