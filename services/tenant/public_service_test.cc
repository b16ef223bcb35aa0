// The office's public side through the real TenantApp on a real database: the iCalendar feed
// (validated with Python's icalendar, across both clock changes of 2026), the public event list,
// the contacts — only what the office file marks public — and the HTTP pages that serve them.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <fstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "libs/config/office_config.h"
#include "libs/rpc/proto_util.h"
#include "schutznetz/v1/event_service.grpc.pb.h"
#include "schutznetz/v1/public_service.grpc.pb.h"
#include "services/tenant/tenant_app.h"
#include "tests/support/http_client.h"
#include "tests/support/ics_check.h"
#include "tests/support/test_database.h"
#include "tests/support/test_tokens.h"

namespace schutznetz::tenant {
namespace {

using schutznetz::testing::HttpRequest;
using schutznetz::testing::ParsedCalendar;
using schutznetz::testing::ParsedEvent;

absl::Time Utc(int y, int mo, int d, int h, int mi) {
  return absl::FromCivil(absl::CivilMinute(y, mo, d, h, mi), absl::UTCTimeZone());
}

class PublicServiceTest : public schutznetz::testing::DbTest {
 protected:
  void SetUp() override {
    DbTest::SetUp();
    char tmpl[] = "/tmp/schutznetz-public-XXXXXX";
    dir_ = mkdtemp(tmpl);
    Write("district.yaml", R"(id: kreis-soest
name: Kreis Soest
aggregator:
  address: localhost:7100
  server: {listen: 127.0.0.1:7100}
  database: {dsn: "postgresql:///agg"}
offices:
  - {id: lippstadt, name: Jugendamt der Stadt Lippstadt}
  - {id: soest, name: Jugendamt der Stadt Soest}
)");
    std::string file = Write("lippstadt.yaml", R"(id: lippstadt
name: Jugendamt der Stadt Lippstadt
kind: city_office
district: district.yaml
municipalities: [Lippstadt]
regional_groups:
  - {id: rg-lippstadt, name: Regionalgruppe Lippstadt}
server: {listen: 127.0.0.1:7102}
http: {listen: 127.0.0.1:7202}
database: {dsn: "postgresql:///unused"}
public_contacts:
  - name: Julia Geheimname
    function: Koordination Netzwerk Kinderschutz
    phone: 02941 980-4711
    email: kinderschutz@lippstadt.example.org
    publish: [function, phone, email]
  - name: Tom Öffentlich
    function: Frühe Hilfen
    phone: 02941 555-0000
    email: tom.privat@example.org
    publish: [name, function]
)");
    absl::StatusOr<config::OfficeConfig> config = config::LoadOfficeConfig(file);
    ASSERT_TRUE(config.ok()) << config.status();
    config->server.listen = "127.0.0.1:0";
    config->server.insecure_dev = true;
    config->server.shutdown_grace_ms = 100;
    config->http.listen = "127.0.0.1:0";
    config->database.dsn = dsn();
    config->database.pool_size = 4;
    config->sync.enabled = false;
    absl::StatusOr<std::unique_ptr<TenantApp>> app = TenantApp::Create(*config);
    ASSERT_TRUE(app.ok()) << app.status();
    app_ = *std::move(app);
    ASSERT_TRUE(app_->Start().ok());
    ASSERT_NE(app_->http(), nullptr);
    events_ = v1::EventService::NewStub(app_->server().InProcessChannel(
        schutznetz::testing::CreateTestToken(app_->database(), domain::Role::kCoordinator)));
    public_ = v1::PublicService::NewStub(app_->server().InProcessChannel());
  }
  void TearDown() override {
    app_.reset();
    std::string cmd = "rm -rf " + dir_;
    ASSERT_EQ(system(cmd.c_str()), 0);
  }

  std::string Write(const std::string& name, const std::string& text) {
    std::string path = dir_ + "/" + name;
    std::ofstream(path) << text;
    return path;
  }

  v1::Event Create(const std::string& title, v1::EventScope scope, absl::Time start,
                   absl::Time end) {
    v1::CreateEventRequest req;
    v1::Event* e = req.mutable_event();
    e->set_kind(v1::EVENT_KIND_CONFERENCE_DAY);
    e->set_title(title);
    e->set_scope(scope);
    e->set_place("Stadthalle Lippstadt, Saal 2");
    rpc::ToProto(start, e->mutable_start_time());
    rpc::ToProto(end, e->mutable_end_time());
    v1::CreateEventResponse resp;
    grpc::ClientContext ctx;
    grpc::Status s = events_->CreateEvent(&ctx, req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp.event();
  }

  void Cancel(const v1::Event& e) {
    v1::CancelEventRequest req;
    req.set_id(e.id());
    req.set_reason("Referentin erkrankt");
    v1::CancelEventResponse resp;
    grpc::ClientContext ctx;
    grpc::Status s = events_->CancelEvent(&ctx, req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
  }

  v1::PublicCalendar Calendar(absl::Time from) {
    v1::GetPublicCalendarRequest req;
    rpc::ToProto(from, req.mutable_start_from());
    v1::PublicCalendar resp;
    grpc::ClientContext ctx;
    grpc::Status s = public_->GetPublicCalendar(&ctx, req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp;
  }

  std::string Url(const std::string& path) {
    return absl::StrCat("http://127.0.0.1:", app_->http()->port(), path);
  }

  static std::string Uid(const v1::Event& e) { return e.id() + "@lippstadt.schutznetz"; }

  std::string dir_;
  std::unique_ptr<TenantApp> app_;
  std::unique_ptr<v1::EventService::Stub> events_;
  std::unique_ptr<v1::PublicService::Stub> public_;
};

TEST_F(PublicServiceTest, FeedParsesWithPythonIcalendarAcrossBothClockChanges) {
  // 29.03.2026 01:30 CET – 03:30 CEST: one hour.
  v1::Event spring =
      Create("Fachtag „Kinderschutz“ – Grüße, Übergänge; Schule", v1::EVENT_SCOPE_PUBLIC,
             Utc(2026, 3, 29, 0, 30), Utc(2026, 3, 29, 1, 30));
  // 25.10.2026 01:30 CEST – 03:30 CET: three hours.
  v1::Event autumn = Create("Nachtcafé Jugendschutz", v1::EVENT_SCOPE_PUBLIC,
                            Utc(2026, 10, 24, 23, 30), Utc(2026, 10, 25, 2, 30));
  // 02:45 CEST – 02:45 CET: both local times happen twice; the feed writes them in UTC.
  v1::Event repeated = Create("Die doppelte Stunde", v1::EVENT_SCOPE_PUBLIC,
                              Utc(2026, 10, 25, 0, 45), Utc(2026, 10, 25, 1, 45));
  v1::Event cancelled = Create("Elternabend Medienkompetenz", v1::EVENT_SCOPE_PUBLIC,
                               Utc(2026, 6, 10, 17, 0), Utc(2026, 6, 10, 19, 0));
  Cancel(cancelled);
  v1::Event district = Create("Kreisweiter Arbeitskreis", v1::EVENT_SCOPE_DISTRICT,
                              Utc(2026, 5, 5, 8, 0), Utc(2026, 5, 5, 10, 0));
  v1::Event local = Create("Regionalgruppe intern", v1::EVENT_SCOPE_LOCAL, Utc(2026, 5, 6, 8, 0),
                           Utc(2026, 5, 6, 10, 0));

  v1::PublicCalendar feed = Calendar(Utc(2026, 1, 1, 0, 0));
  EXPECT_EQ(feed.event_count(), 4);
  EXPECT_FALSE(feed.truncated());
  EXPECT_TRUE(absl::StrContains(feed.ics(), "DTSTART;TZID=Europe/Berlin:20260329T013000\r\n"));
  EXPECT_TRUE(absl::StrContains(feed.ics(), "DTEND;TZID=Europe/Berlin:20261025T033000\r\n"));
  EXPECT_TRUE(absl::StrContains(feed.ics(), "DTSTART:20261025T004500Z\r\n"));

  absl::StatusOr<ParsedCalendar> parsed = schutznetz::testing::ParseWithPythonIcalendar(feed.ics());
  ASSERT_TRUE(parsed.ok()) << parsed.status() << "\n" << feed.ics();
  EXPECT_EQ(parsed->version, "2.0");
  EXPECT_EQ(parsed->calscale, "GREGORIAN");
  EXPECT_EQ(parsed->method, "PUBLISH");
  EXPECT_EQ(parsed->name, "Öffentliche Termine – Netzwerk Kinderschutz Lippstadt");
  EXPECT_EQ(parsed->time_zones, "Europe/Berlin");
  EXPECT_FALSE(parsed->prodid.empty());
  ASSERT_EQ(parsed->events.size(), 4u);

  const ParsedEvent* s = parsed->Find(Uid(spring));
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->start_utc, "2026-03-29T00:30:00Z");
  EXPECT_EQ(s->end_utc, "2026-03-29T01:30:00Z");
  EXPECT_EQ(s->summary, "Fachtag „Kinderschutz“ – Grüße, Übergänge; Schule");
  EXPECT_EQ(s->location, "Stadthalle Lippstadt, Saal 2");
  EXPECT_EQ(s->status, "CONFIRMED");
  EXPECT_NE(s->sequence, "0");

  const ParsedEvent* a = parsed->Find(Uid(autumn));
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->start_utc, "2026-10-24T23:30:00Z");
  EXPECT_EQ(a->end_utc, "2026-10-25T02:30:00Z");

  const ParsedEvent* r = parsed->Find(Uid(repeated));
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->start_utc, "2026-10-25T00:45:00Z");
  EXPECT_EQ(r->end_utc, "2026-10-25T01:45:00Z");

  const ParsedEvent* c = parsed->Find(Uid(cancelled));
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->status, "CANCELLED");
  EXPECT_EQ(c->summary, "Abgesagt: Elternabend Medienkompetenz");
  // The reason is internal: it is not on a poster.
  EXPECT_FALSE(absl::StrContains(feed.ics(), "erkrankt"));

  EXPECT_EQ(parsed->Find(Uid(district)), nullptr);
  EXPECT_EQ(parsed->Find(Uid(local)), nullptr);
  EXPECT_FALSE(absl::StrContains(feed.ics(), "Kreisweiter Arbeitskreis"));
  EXPECT_FALSE(absl::StrContains(feed.ics(), "Regionalgruppe intern"));
}

TEST_F(PublicServiceTest, LongTextsFoldWithoutSplittingUmlauts) {
  std::string title;
  while (title.size() < 190) title += "Übergänge ";
  Create(title, v1::EVENT_SCOPE_PUBLIC, absl::Now() + absl::Hours(48),
         absl::Now() + absl::Hours(50));
  v1::PublicCalendar feed = Calendar(absl::Now());
  absl::StatusOr<ParsedCalendar> parsed = schutznetz::testing::ParseWithPythonIcalendar(feed.ics());
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  ASSERT_EQ(parsed->events.size(), 1u);
  EXPECT_EQ(parsed->events[0].summary, title.substr(0, title.find_last_not_of(' ') + 1));
}

TEST_F(PublicServiceTest, ListPublicEventsCarriesTheVersionOfPublicEventsOnly) {
  v1::Event open = Create("Vortrag", v1::EVENT_SCOPE_PUBLIC, absl::Now() + absl::Hours(24),
                          absl::Now() + absl::Hours(26));
  Create("Intern", v1::EVENT_SCOPE_LOCAL, absl::Now() + absl::Hours(24),
         absl::Now() + absl::Hours(26));
  v1::ListPublicEventsResponse resp;
  grpc::ClientContext ctx;
  ASSERT_TRUE(public_->ListPublicEvents(&ctx, v1::ListPublicEventsRequest(), &resp).ok());
  ASSERT_EQ(resp.events_size(), 1);
  EXPECT_EQ(resp.events(0).id(), open.id());
  EXPECT_GT(resp.events(0).version(), 0);
}

TEST_F(PublicServiceTest, ContactsShowOnlyWhatTheOfficeMarkedPublic) {
  v1::ListPublicContactsResponse resp;
  grpc::ClientContext ctx;
  ASSERT_TRUE(public_->ListPublicContacts(&ctx, v1::ListPublicContactsRequest(), &resp).ok());
  ASSERT_EQ(resp.contacts_size(), 2);
  const v1::PublicContact& coordination = resp.contacts(0);
  EXPECT_EQ(coordination.office_id(), "lippstadt");
  EXPECT_EQ(coordination.office_name(), "Jugendamt der Stadt Lippstadt");
  EXPECT_EQ(coordination.name(), "");
  EXPECT_EQ(coordination.function(), "Koordination Netzwerk Kinderschutz");
  EXPECT_EQ(coordination.phone(), "02941 980-4711");
  EXPECT_EQ(coordination.email(), "kinderschutz@lippstadt.example.org");
  const v1::PublicContact& early_help = resp.contacts(1);
  EXPECT_EQ(early_help.name(), "Tom Öffentlich");
  EXPECT_EQ(early_help.function(), "Frühe Hilfen");
  EXPECT_EQ(early_help.phone(), "");
  EXPECT_EQ(early_help.email(), "");

  // The same over HTTP, as a page and as JSON: the unpublished values appear nowhere.
  for (const char* path : {"/contacts", "/contacts.json"}) {
    auto page = HttpRequest("GET", Url(path));
    ASSERT_TRUE(page.ok()) << page.status();
    EXPECT_EQ(page->status, 200) << path;
    EXPECT_TRUE(absl::StrContains(page->body, "02941 980-4711")) << path;
    EXPECT_TRUE(absl::StrContains(page->body, "Tom Öffentlich")) << path;
    for (const char* hidden : {"Geheimname", "555-0000", "tom.privat"}) {
      EXPECT_FALSE(absl::StrContains(page->body, hidden)) << path << ": " << hidden;
    }
  }
  auto json = HttpRequest("GET", Url("/contacts.json"));
  ASSERT_TRUE(json.ok());
  EXPECT_EQ(json->Header("Content-Type"), "application/json");
  auto html = HttpRequest("GET", Url("/contacts"));
  ASSERT_TRUE(html.ok());
  EXPECT_EQ(html->Header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_TRUE(absl::StrContains(html->body, "href=\"tel:029419804711\""));
}

TEST_F(PublicServiceTest, HttpServesTheCalendarFeedAndNothingElse) {
  v1::Event open =
      Create("Infoabend Frühe Hilfen", v1::EVENT_SCOPE_PUBLIC, absl::Now() + absl::Hours(24 * 10),
             absl::Now() + absl::Hours(24 * 10 + 2));
  auto feed = HttpRequest("GET", Url("/calendar.ics"));
  ASSERT_TRUE(feed.ok()) << feed.status();
  EXPECT_EQ(feed->status, 200);
  EXPECT_EQ(feed->Header("Content-Type"), "text/calendar; charset=utf-8");
  absl::StatusOr<ParsedCalendar> parsed = schutznetz::testing::ParseWithPythonIcalendar(feed->body);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  ASSERT_NE(parsed->Find(Uid(open)), nullptr);
  EXPECT_EQ(parsed->Find(Uid(open))->summary, "Infoabend Frühe Hilfen");

  auto post = HttpRequest("POST", Url("/calendar.ics"));
  ASSERT_TRUE(post.ok());
  EXPECT_EQ(post->status, 405);
  EXPECT_EQ(post->Header("Allow"), "GET, HEAD");
  auto missing = HttpRequest("GET", Url("/admin"));
  ASSERT_TRUE(missing.ok());
  EXPECT_EQ(missing->status, 404);
  auto index = HttpRequest("GET", Url("/"));
  ASSERT_TRUE(index.ok());
  EXPECT_EQ(index->status, 200);
  EXPECT_TRUE(absl::StrContains(index->body, "Netzwerk Kinderschutz Lippstadt"));
}

TEST_F(PublicServiceTest, StoppingTheAppStopsTheHttpListener) {
  std::string url = Url("/calendar.ics");
  ASSERT_TRUE(HttpRequest("GET", url).ok());
  app_->StopHttp();
  EXPECT_FALSE(HttpRequest("GET", url).ok());
}

}  // namespace
}  // namespace schutznetz::tenant
