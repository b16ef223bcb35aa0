// The public calendar and contacts end to end: the Kreis Soest district as real processes with
// TLS. Public events of two offices reach every office's feed and the district's at the
// aggregator with the same UIDs, cancellations as STATUS:CANCELLED; district and local events stay
// out. Feeds come over HTTPS (the district CA) and from netzctl, and parse with Python's
// icalendar. Contacts show only what each office file marks public; no log holds a contact; an
// office stops cleanly with its HTTP listener on SIGTERM.
#include <gtest/gtest.h>
#include <signal.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "libs/rpc/proto_util.h"
#include "schutznetz/v1/event_service.grpc.pb.h"
#include "schutznetz/v1/public_service.grpc.pb.h"
#include "tests/e2e/e2e_support.h"
#include "tests/support/http_client.h"
#include "tests/support/ics_check.h"

namespace schutznetz::testing {
namespace {

v1::Event Create(LocalDistrict& d, const std::string& office, const std::string& title,
                 v1::EventScope scope, absl::Duration from_now) {
  v1::CreateEventRequest req;
  v1::Event* e = req.mutable_event();
  e->set_kind(v1::EVENT_KIND_TALK);
  e->set_title(title);
  e->set_scope(scope);
  e->set_place("Kreishaus Soest, Raum 1, Hoher Weg 1–3");
  e->set_online_link("https://example.org/stream");
  absl::Time start = absl::Now() + from_now;
  rpc::ToProto(start, e->mutable_start_time());
  rpc::ToProto(start + absl::Hours(2), e->mutable_end_time());
  v1::CreateEventResponse resp;
  grpc::ClientContext ctx;
  grpc::Status s =
      v1::EventService::NewStub(d.ChannelTo(d.office(office)))->CreateEvent(&ctx, req, &resp);
  EXPECT_TRUE(s.ok()) << s.error_message();
  return resp.event();
}

// Waits until `service`'s public list shows every id in `ids`, `cancelled` among them cancelled.
bool WaitForPublicEvents(LocalDistrict& d, const DistrictService& service,
                         const std::vector<std::string>& ids, const std::string& cancelled) {
  auto stub = v1::PublicService::NewStub(d.ChannelTo(service, ""));
  absl::Time deadline = absl::Now() + absl::Seconds(60);
  while (absl::Now() < deadline) {
    v1::ListPublicEventsResponse resp;
    grpc::ClientContext ctx;
    if (stub->ListPublicEvents(&ctx, v1::ListPublicEventsRequest(), &resp).ok()) {
      size_t found = 0;
      bool cancelled_seen = false;
      for (const v1::PublicEvent& e : resp.events()) {
        for (const std::string& id : ids) found += e.id() == id;
        cancelled_seen |= e.id() == cancelled && e.state() == v1::EVENT_STATE_CANCELLED;
      }
      if (found == ids.size() && cancelled_seen) return true;
    }
    absl::SleepFor(absl::Milliseconds(200));
  }
  return false;
}

ParsedCalendar MustParse(const std::string& ics) {
  absl::StatusOr<ParsedCalendar> parsed = ParseWithPythonIcalendar(ics);
  EXPECT_TRUE(parsed.ok()) << parsed.status() << "\n" << ics;
  return parsed.ok() ? *parsed : ParsedCalendar();
}

TEST(PublicCalendarE2eTest, FeedsContactsAndPagesOfTheDistrict) {
  auto district = StartKreisSoest();
  ASSERT_NE(district, nullptr);
  LocalDistrict& d = *district;
  const std::string ca = d.pki().ca_file;

  v1::Event talk = Create(d, "lippstadt", "Vortrag „Digitale Kindeswohlgefährdung“",
                          v1::EVENT_SCOPE_PUBLIC, absl::Hours(24 * 20));
  v1::Event forum = Create(d, "kreis-soest", "Forum Frühe Hilfen; Eltern, Kitas & Schulen",
                           v1::EVENT_SCOPE_PUBLIC, absl::Hours(24 * 30));
  v1::Event internal = Create(d, "lippstadt", "Arbeitskreis kreisweit", v1::EVENT_SCOPE_DISTRICT,
                              absl::Hours(24 * 21));
  v1::Event local =
      Create(d, "lippstadt", "Regionalgruppe intern", v1::EVENT_SCOPE_LOCAL, absl::Hours(24 * 22));
  {
    v1::CancelEventRequest req;
    req.set_id(forum.id());
    req.set_reason("Raum nicht verfügbar");
    v1::CancelEventResponse resp;
    grpc::ClientContext ctx;
    ASSERT_TRUE(v1::EventService::NewStub(d.ChannelTo(d.office("kreis-soest")))
                    ->CancelEvent(&ctx, req, &resp)
                    .ok());
  }
  ASSERT_TRUE(WaitForPublicEvents(d, d.aggregator(), {talk.id(), forum.id()}, forum.id()));
  ASSERT_TRUE(WaitForPublicEvents(d, d.office("soest"), {talk.id(), forum.id()}, forum.id()));
  ASSERT_TRUE(WaitForPublicEvents(d, d.office("lippstadt"), {talk.id(), forum.id()}, forum.id()));

  const std::string talk_uid = talk.id() + "@lippstadt.schutznetz";
  const std::string forum_uid = forum.id() + "@kreis-soest.schutznetz";
  std::string talk_sequence;
  // The same events with the same UIDs and sequences at the organiser, another office and the
  // district, over HTTPS.
  for (const DistrictService* s : {&d.office("lippstadt"), &d.office("soest"), &d.aggregator()}) {
    std::string url = d.HttpBase(*s) + "/calendar.ics";
    auto feed = HttpRequest("GET", url, ca);
    ASSERT_TRUE(feed.ok()) << feed.status();
    EXPECT_EQ(feed->status, 200) << url;
    EXPECT_EQ(feed->Header("Content-Type"), "text/calendar; charset=utf-8") << url;
    ParsedCalendar cal = MustParse(feed->body);
    EXPECT_EQ(cal.method, "PUBLISH");
    const ParsedEvent* t = cal.Find(talk_uid);
    ASSERT_NE(t, nullptr) << url << "\n" << feed->body;
    EXPECT_EQ(t->summary, "Vortrag „Digitale Kindeswohlgefährdung“");
    EXPECT_EQ(t->status, "CONFIRMED");
    EXPECT_EQ(t->start_utc,
              absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", rpc::FromProto(talk.start_time()),
                               absl::UTCTimeZone()));
    if (talk_sequence.empty()) talk_sequence = t->sequence;
    EXPECT_EQ(t->sequence, talk_sequence) << url;
    EXPECT_TRUE(absl::StrContains(t->description, "Veranstalter: Jugendamt der Stadt Lippstadt"));
    const ParsedEvent* f = cal.Find(forum_uid);
    ASSERT_NE(f, nullptr) << url;
    EXPECT_EQ(f->status, "CANCELLED");
    EXPECT_EQ(f->summary, "Abgesagt: Forum Frühe Hilfen; Eltern, Kitas & Schulen");
    EXPECT_EQ(cal.Find(internal.id() + "@lippstadt.schutznetz"), nullptr) << url;
    EXPECT_EQ(cal.Find(local.id() + "@lippstadt.schutznetz"), nullptr) << url;
    EXPECT_FALSE(absl::StrContains(feed->body, "Arbeitskreis kreisweit")) << url;
    EXPECT_FALSE(absl::StrContains(feed->body, "Regionalgruppe intern")) << url;
    EXPECT_FALSE(absl::StrContains(feed->body, "Raum nicht verfügbar")) << url;
  }
  EXPECT_EQ(
      MustParse(HttpRequest("GET", d.HttpBase(d.aggregator()) + "/calendar.ics", ca)->body).name,
      "Öffentliche Termine – Netzwerk Kinderschutz Kreis Soest");

  // netzctl writes the same feed to stdout: an office's and the district's.
  CommandResult office_feed = Netzctl({"--target", d.office("warstein").address, "calendar"});
  ASSERT_EQ(office_feed.exit_code, 0) << office_feed.output;
  ParsedCalendar warstein = MustParse(office_feed.output);
  EXPECT_EQ(warstein.name, "Öffentliche Termine – Netzwerk Kinderschutz Warstein");
  EXPECT_NE(warstein.Find(talk_uid), nullptr);
  EXPECT_NE(warstein.Find(forum_uid), nullptr);
  CommandResult district_feed =
      Netzctl({"--target", d.aggregator().address, "district", "calendar"});
  ASSERT_EQ(district_feed.exit_code, 0) << district_feed.output;
  EXPECT_NE(MustParse(district_feed.output).Find(talk_uid), nullptr);

  // Contacts: only the fields the office files publish (soest keeps the name, warstein the phone).
  auto soest = HttpRequest("GET", d.HttpBase(d.office("soest")) + "/contacts.json", ca);
  ASSERT_TRUE(soest.ok()) << soest.status();
  EXPECT_EQ(soest->status, 200);
  EXPECT_TRUE(absl::StrContains(soest->body, "netzwerk-kinderschutz@soest.example.org"));
  EXPECT_TRUE(absl::StrContains(soest->body, "02921 103-2345"));
  EXPECT_FALSE(absl::StrContains(soest->body, "Beispielmann"));
  CommandResult warstein_contacts = Netzctl({"--target", d.office("warstein").address, "contacts"});
  ASSERT_EQ(warstein_contacts.exit_code, 0) << warstein_contacts.output;
  EXPECT_TRUE(absl::StrContains(warstein_contacts.output, "Sabine Exempel"));
  EXPECT_TRUE(absl::StrContains(warstein_contacts.output, "kinderschutz@warstein.example.org"));
  EXPECT_FALSE(absl::StrContains(warstein_contacts.output, "81-255"));
  auto district_contacts = HttpRequest("GET", d.HttpBase(d.aggregator()) + "/contacts", ca);
  ASSERT_TRUE(district_contacts.ok());
  EXPECT_TRUE(
      absl::StrContains(district_contacts->body, "Kreiskoordination Netzwerke Kinderschutz"));
  CommandResult district_contacts_cli =
      Netzctl({"--target", d.aggregator().address, "district", "contacts"});
  ASSERT_EQ(district_contacts_cli.exit_code, 0) << district_contacts_cli.output;
  EXPECT_TRUE(absl::StrContains(district_contacts_cli.output, "02921 30-2998"));

  // Read-only and HTTPS only.
  auto post = HttpRequest("POST", d.HttpBase(d.office("lippstadt")) + "/calendar.ics", ca);
  ASSERT_TRUE(post.ok());
  EXPECT_EQ(post->status, 405);
  auto unknown = HttpRequest("GET", d.HttpBase(d.office("lippstadt")) + "/events", ca);
  ASSERT_TRUE(unknown.ok());
  EXPECT_EQ(unknown->status, 404);
  EXPECT_FALSE(
      HttpRequest("GET", "http://" + d.office("lippstadt").http_address + "/calendar.ics").ok());

  // SIGTERM stops the office, its HTTP listener included, with exit code 0.
  std::string lippstadt_url = d.HttpBase(d.office("lippstadt")) + "/calendar.ics";
  absl::StatusOr<int> code = d.StopService(d.office("lippstadt"), SIGTERM);
  ASSERT_TRUE(code.ok()) << code.status();
  EXPECT_EQ(*code, 0);
  EXPECT_FALSE(HttpRequest("GET", lippstadt_url, ca).ok());

  // No contact reaches a log, published or not; HTTP requests are logged by route only.
  std::vector<std::string> logs = {d.aggregator().log_file};
  for (const std::string& id : d.office_ids()) logs.push_back(d.office(id).log_file);
  for (const std::string& file : logs) {
    std::string log = ReadFile(file);
    for (const char* contact : {"Martina Beispiel", "Musterfrau", "Beispielmann", "Exempel",
                                "980-4711", "81-255", "@soest.example.org"}) {
      EXPECT_FALSE(absl::StrContains(log, contact)) << file << ": " << contact;
    }
  }
  EXPECT_TRUE(
      absl::StrContains(ReadFile(d.office("soest").log_file), "\"route\":\"/contacts.json\""));
}

}  // namespace
}  // namespace schutznetz::testing
