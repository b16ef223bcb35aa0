// The public side of the configuration: the HTTP listener and the published contacts, of which
// only the fields marked public are kept.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <fstream>
#include <string>

#include "libs/config/district_config.h"
#include "libs/config/office_config.h"

namespace schutznetz::config {
namespace {

class PublicSiteConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/schutznetz-public-site-XXXXXX";
    dir_ = mkdtemp(tmpl);
    Write("district.yaml", R"(id: test-district
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
    unsetenv("SCHUTZNETZ_HTTP_LISTEN");
    unsetenv("SCHUTZNETZ_DISTRICT_AGGREGATOR_HTTP_LISTEN");
    unsetenv("SCHUTZNETZ_UI_SESSION_IDLE_MINUTES");
  }
  std::string Write(const std::string& name, const std::string& text) {
    std::string path = dir_ + "/" + name;
    std::ofstream(path) << text;
    return path;
  }
  absl::StatusOr<OfficeConfig> LoadOffice(const std::string& extra) {
    return LoadOfficeConfig(Write("alpha.yaml", R"(id: alpha
name: Jugendamt Alpha
kind: city_office
district: district.yaml
municipalities: [Alpha]
regional_groups:
  - {id: rg-alpha, name: Regionalgruppe Alpha}
server: {listen: 127.0.0.1:7101}
database: {dsn: "postgresql:///alpha"}
)" + extra));
  }
  std::string dir_;
};

TEST_F(PublicSiteConfigTest, HttpIsOffWithoutTheSection) {
  auto c = LoadOffice("");
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_FALSE(c->http.enabled());
  EXPECT_TRUE(c->public_contacts.empty());
}

TEST_F(PublicSiteConfigTest, HttpListenFromTheFileOrTheEnvironment) {
  auto c = LoadOffice("http: {listen: 127.0.0.1:7201}\n");
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->http.listen, "127.0.0.1:7201");
  setenv("SCHUTZNETZ_HTTP_LISTEN", "0.0.0.0:8080", 1);
  c = LoadOffice("");
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->http.listen, "0.0.0.0:8080");
}

TEST_F(PublicSiteConfigTest, MalformedHttpListenIsRefused) {
  auto c = LoadOffice("http: {listen: localhost}\n");
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("http.listen"), std::string::npos) << c.status();
}

TEST_F(PublicSiteConfigTest, TheWebUiIsOffWithoutItsSectionAndTakesItsSessionLimits) {
  auto c = LoadOffice("");
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_FALSE(c->ui.enabled());
  EXPECT_EQ(c->ui.session_idle_minutes, 30);
  EXPECT_EQ(c->ui.session_max_hours, 12);
  c = LoadOffice("ui: {listen: 127.0.0.1:7501, session_max_hours: 8}\n");
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->ui.listen, "127.0.0.1:7501");
  EXPECT_EQ(c->ui.session_max_hours, 8);
  setenv("SCHUTZNETZ_UI_SESSION_IDLE_MINUTES", "15", 1);
  c = LoadOffice("ui: {listen: 127.0.0.1:7501}\n");
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->ui.session_idle_minutes, 15);
}

TEST_F(PublicSiteConfigTest, AWebUiListenThatIsMalformedOrTakenOrLimitsOutOfRangeAreRefused) {
  auto c = LoadOffice("ui: {listen: localhost}\n");
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("ui.listen"), std::string::npos) << c.status();
  c = LoadOffice("http: {listen: 127.0.0.1:7201}\nui: {listen: 127.0.0.1:7201}\n");
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("ui.listen"), std::string::npos) << c.status();
  c = LoadOffice("ui: {listen: 127.0.0.1:7501, session_idle_minutes: 0}\n");
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("session_idle_minutes"), std::string::npos) << c.status();
  c = LoadOffice("ui: {listen: 127.0.0.1:7501, colour: blue}\n");
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("colour"), std::string::npos) << c.status();
}

TEST_F(PublicSiteConfigTest, OnlyPublishedFieldsAreKept) {
  auto c = LoadOffice(R"(public_contacts:
  - name: Julia Beispiel
    function: Koordination Netzwerk Kinderschutz
    phone: 02941 980-1234
    email: kinderschutz@alpha.example.org
    publish: [function, phone, email]
  - name: Tom Muster
    function: Vertretung
    phone: "+49 2941 980-1235"
    email: tom.muster@alpha.example.org
    publish: [name, function]
)");
  ASSERT_TRUE(c.ok()) << c.status();
  ASSERT_EQ(c->public_contacts.size(), 2u);
  const PublicContact& first = c->public_contacts[0];
  EXPECT_EQ(first.name, "");
  EXPECT_EQ(first.function, "Koordination Netzwerk Kinderschutz");
  EXPECT_EQ(first.phone, "02941 980-1234");
  EXPECT_EQ(first.email, "kinderschutz@alpha.example.org");
  const PublicContact& second = c->public_contacts[1];
  EXPECT_EQ(second.name, "Tom Muster");
  EXPECT_EQ(second.function, "Vertretung");
  EXPECT_EQ(second.phone, "");
  EXPECT_EQ(second.email, "");
}

TEST_F(PublicSiteConfigTest, AContactWithNothingPublishedIsNotListed) {
  auto c = LoadOffice(R"(public_contacts:
  - {name: Julia Beispiel, function: Koordination, publish: []}
)");
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_TRUE(c->public_contacts.empty());
}

TEST_F(PublicSiteConfigTest, PublishIsRequiredAndNamesKnownFields) {
  auto missing = LoadOffice("public_contacts:\n  - {function: Koordination}\n");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("public_contacts[0].publish"), std::string::npos)
      << missing.status();
  auto unknown = LoadOffice("public_contacts:\n  - {function: K, publish: [function, room]}\n");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("unknown field 'room'"), std::string::npos)
      << unknown.status();
}

TEST_F(PublicSiteConfigTest, PublishedFieldMustBeGiven) {
  auto c =
      LoadOffice("public_contacts:\n  - {function: Koordination, publish: [function, email]}\n");
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("public_contacts[0].email"), std::string::npos) << c.status();
}

TEST_F(PublicSiteConfigTest, MalformedPhoneAndEmailAreRefusedEvenIfNotPublished) {
  auto c = LoadOffice(R"(public_contacts:
  - {function: Koordination, phone: "ruf an", email: "kein-at.example.org", publish: [function]}
)");
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("public_contacts[0].phone"), std::string::npos) << c.status();
  EXPECT_NE(c.status().message().find("public_contacts[0].email"), std::string::npos) << c.status();
}

TEST_F(PublicSiteConfigTest, DistrictFileHasHttpAndContactsOfTheDistrictCoordination) {
  std::string file = Write("district2.yaml", R"(id: test-district
name: Testkreis
aggregator:
  address: localhost:7100
  server: {listen: 127.0.0.1:7100}
  http: {listen: 127.0.0.1:7200}
  database: {dsn: "postgresql:///agg"}
offices:
  - {id: alpha, name: Jugendamt Alpha}
public_contacts:
  - {function: Kreiskoordination, email: kreis@example.org, publish: [function, email]}
)");
  auto c = LoadDistrictConfig(file);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->aggregator.http.listen, "127.0.0.1:7200");
  ASSERT_EQ(c->public_contacts.size(), 1u);
  EXPECT_EQ(c->public_contacts[0].email, "kreis@example.org");
}

TEST_F(PublicSiteConfigTest, KreisSoestFilesPublishContactsAndHttpPorts) {
  const std::string dir = std::string(SCHUTZNETZ_SOURCE_DIR) + "/tenants/kreis-soest/";
  int port = 7201;
  for (const char* office : {"kreis-soest", "lippstadt", "soest", "warstein"}) {
    auto c = LoadOfficeConfig(dir + office + ".yaml");
    ASSERT_TRUE(c.ok()) << c.status();
    EXPECT_EQ(c->ui.listen, "127.0.0.1:" + std::to_string(port + 300)) << office;
    EXPECT_EQ(c->http.listen, "127.0.0.1:" + std::to_string(port++)) << office;
    EXPECT_FALSE(c->public_contacts.empty()) << office;
  }
  auto district = LoadDistrictConfig(dir + "district.yaml");
  ASSERT_TRUE(district.ok()) << district.status();
  EXPECT_EQ(district->aggregator.http.listen, "127.0.0.1:7200");
  EXPECT_EQ(district->aggregator.ui.listen, "127.0.0.1:7500");
}

}  // namespace
}  // namespace schutznetz::config
