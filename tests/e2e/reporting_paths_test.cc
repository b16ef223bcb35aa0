// Reporting paths (Mitteilungswege) across real processes: Lippstadt's coordination saves a draft
// and publishes it with netzctl; the version travels through the aggregator, and Warstein — a
// school there asking whom to tell in Lippstadt — answers GetReportingPaths(office_id=lippstadt)
// from its copy, lists Lippstadt's public entries on its /reporting-paths page and keeps the
// internal ones off it. A second version replaces the first at Warstein.
#include <unistd.h>

#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "schutznetz/v1/reporting_path_service.grpc.pb.h"
#include "tests/e2e/e2e_support.h"
#include "tests/support/http_client.h"

namespace schutznetz::testing {
namespace {

std::string WriteTemp(const std::string& name, const std::string& text) {
  std::string path =
      ::testing::TempDir() + "reporting-paths-" + std::to_string(getpid()) + "-" + name;
  std::ofstream(path) << text;
  return path;
}

constexpr char kDraft[] = R"(entries:
  - kind: asd_child_protection
    title: Kinderschutz im ASD Lippstadt
    municipality: Lippstadt
    contact:
      unit: ASD Kinderschutzfachdienst
      phone: 02941 980-3300
      email: kinderschutz@lippstadt.example
      hours: Mo–Fr 8–16 Uhr
    public: true
  - kind: emergency
    title: Rufbereitschaft für Fachkräfte
    contact:
      unit: Rufbereitschaft Jugendamt Lippstadt
      phone: 02941 980-3999
    public: false
)";

TEST(ReportingPathsTest, LippstadtsPublishedReportingPathsAreReadAtWarstein) {
  auto d = StartKreisSoest();
  ASSERT_NE(d, nullptr);
  const std::string lippstadt = d->office("lippstadt").address;

  CommandResult saved = Netzctl({"--target", lippstadt, "reporting-paths", "draft", "--file",
                                 WriteTemp("draft.yaml", kDraft)});
  ASSERT_EQ(saved.exit_code, 0) << saved.output;
  EXPECT_TRUE(absl::StrContains(saved.output, "Entwurf gespeichert: 2 Einträge")) << saved.output;
  CommandResult published = Netzctl({"--target", lippstadt, "reporting-paths", "publish"});
  ASSERT_EQ(published.exit_code, 0) << published.output;
  EXPECT_TRUE(absl::StrContains(published.output, "Fassung 1")) << published.output;

  auto warstein = v1::ReportingPathService::NewStub(d->ChannelTo(d->office("warstein")));
  v1::GetReportingPathsRequest req;
  req.set_office_id("lippstadt");
  v1::ReportingPathVersion at_warstein;
  auto received = [&](int version) {
    return Eventually([&] {
      grpc::ClientContext ctx;
      v1::GetReportingPathsResponse resp;
      if (!warstein->GetReportingPaths(&ctx, req, &resp).ok()) return false;
      at_warstein = resp.paths();
      return at_warstein.version() == version;
    });
  };
  ASSERT_TRUE(received(1)) << "Lippstadt's reporting paths never reached Warstein";
  EXPECT_TRUE(at_warstein.mirrored());
  ASSERT_EQ(at_warstein.entries_size(), 2);  // the internal number too: network partners
  EXPECT_EQ(at_warstein.entries(0).contact().phone(), "02941 980-3300");
  EXPECT_EQ(at_warstein.entries(1).contact().phone(), "02941 980-3999");

  CommandResult shown = Netzctl({"--target", d->office("warstein").address, "reporting-paths",
                                 "show", "--office", "lippstadt"});
  ASSERT_EQ(shown.exit_code, 0) << shown.output;
  EXPECT_TRUE(absl::StrContains(shown.output, "vom Kreis übermittelt")) << shown.output;

  // Warstein's public page lists Lippstadt's public entry, never the internal one.
  auto page = HttpRequest("GET", d->HttpBase(d->office("warstein")) + "/reporting-paths",
                          d->pki().ca_file);
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_TRUE(absl::StrContains(page->body, "Kinderschutz im ASD Lippstadt")) << page->body;
  EXPECT_FALSE(absl::StrContains(page->body, "980-3999")) << page->body;
  auto contacts = HttpRequest("GET", d->HttpBase(d->office("lippstadt")) + "/contacts.json",
                              d->pki().ca_file);
  ASSERT_TRUE(contacts.ok()) << contacts.status();
  EXPECT_TRUE(absl::StrContains(contacts->body, "980-3300")) << contacts->body;
  EXPECT_FALSE(absl::StrContains(contacts->body, "980-3999")) << contacts->body;

  // A second version replaces the first at Warstein.
  std::string second = kDraft;
  second.replace(second.find("980-3300"), 8, "980-3301");
  ASSERT_EQ(Netzctl({"--target", lippstadt, "reporting-paths", "draft", "--file",
                     WriteTemp("draft2.yaml", second)})
                .exit_code,
            0);
  ASSERT_EQ(Netzctl({"--target", lippstadt, "reporting-paths", "publish"}).exit_code, 0);
  ASSERT_TRUE(received(2)) << "the second version never reached Warstein";
  EXPECT_EQ(at_warstein.entries(0).contact().phone(), "02941 980-3301");
  CommandResult versions = Netzctl({"--target", lippstadt, "reporting-paths", "versions"});
  EXPECT_TRUE(absl::StrContains(versions.output, "2")) << versions.output;
}

}  // namespace
}  // namespace schutznetz::testing
