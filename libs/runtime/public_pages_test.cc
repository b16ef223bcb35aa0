// The public pages over a stand-in PublicService: what each route answers, HTML escaping of
// configured texts, and 503 when the service fails.
#include "libs/runtime/public_pages.h"

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "schutznetz/v1/public_service.grpc.pb.h"

namespace schutznetz::runtime {
namespace {

class FakePublicService final : public v1::PublicService::Service {
 public:
  grpc::Status GetPublicCalendar(grpc::ServerContext*, const v1::GetPublicCalendarRequest*,
                                 v1::PublicCalendar* resp) override {
    if (fail) return grpc::Status(grpc::StatusCode::UNAVAILABLE, "database down");
    resp->set_ics("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
    return grpc::Status::OK;
  }
  grpc::Status ListPublicContacts(grpc::ServerContext*, const v1::ListPublicContactsRequest*,
                                  v1::ListPublicContactsResponse* resp) override {
    if (fail) return grpc::Status(grpc::StatusCode::UNAVAILABLE, "database down");
    v1::PublicContact* c = resp->add_contacts();
    c->set_office_id("lippstadt");
    c->set_office_name("Jugendamt der Stadt Lippstadt");
    c->set_function("Koordination <b>Kinderschutz</b> & \"Frühe Hilfen\"");
    c->set_phone("+49 2941 980-4711");
    c->set_email("kinderschutz@lippstadt.example.org");
    return grpc::Status::OK;
  }
  grpc::Status ListPublicReportingPaths(grpc::ServerContext*,
                                        const v1::ListPublicReportingPathsRequest*,
                                        v1::ListPublicReportingPathsResponse* resp) override {
    if (fail) return grpc::Status(grpc::StatusCode::UNAVAILABLE, "database down");
    for (const char* office : {"lippstadt", "warstein"}) {
      v1::PublicReportingPaths* p = resp->add_offices();
      p->set_office_id(office);
      p->set_office_name(std::string("Jugendamt der Stadt ") +
                         (office[0] == 'l' ? "Lippstadt" : "Warstein"));
      p->set_version(2);
      v1::ReportingPathEntry* e = p->add_entries();
      e->set_kind(v1::REPORTING_PATH_KIND_ASD_CHILD_PROTECTION);
      e->set_title("Kinderschutz im ASD");
      e->set_municipality(office[0] == 'l' ? "Lippstadt" : "Warstein");
      e->mutable_contact()->set_unit("ASD <Kinderschutz>");
      e->mutable_contact()->set_phone("02941 980-3300");
      e->set_public_(true);
    }
    return grpc::Status::OK;
  }
  bool fail = false;
};

class PublicPagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    builder.RegisterService(&service_);
    server_ = builder.BuildAndStart();
    routes_ = PublicPages(server_->InProcessChannel(grpc::ChannelArguments()),
                          "Netzwerk Kinderschutz Lippstadt");
  }
  void TearDown() override { server_->Shutdown(); }
  http::HttpResponse Get(const std::string& path) { return routes_.at(path)({path, {}}); }

  FakePublicService service_;
  std::unique_ptr<grpc::Server> server_;
  std::map<std::string, http::HttpHandler> routes_;
};

TEST_F(PublicPagesTest, ServesExactlyTheSixPages) {
  std::vector<std::string> paths;
  for (const auto& [path, handler] : routes_) paths.push_back(path);
  EXPECT_EQ(paths, (std::vector<std::string>{"/", "/calendar.ics", "/contacts", "/contacts.json",
                                             "/reporting-paths", "/reporting-paths.json"}));
}

TEST_F(PublicPagesTest, ReportingPathsAreGroupedByOfficeAndEscaped) {
  http::HttpResponse r = Get("/reporting-paths");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_TRUE(absl::StrContains(r.body, "<h1>Jugendamt der Stadt Lippstadt</h1>"));
  EXPECT_TRUE(absl::StrContains(r.body, "<h1>Jugendamt der Stadt Warstein</h1>"));
  EXPECT_LT(r.body.find("Lippstadt</h1>"), r.body.find("Warstein</h1>"));
  EXPECT_TRUE(absl::StrContains(r.body, "ASD &lt;Kinderschutz&gt;"));
  EXPECT_TRUE(absl::StrContains(r.body, "ASD-Kinderschutz – Lippstadt"));
  EXPECT_TRUE(absl::StrContains(r.body, "href=\"tel:029419803300\""));
  http::HttpResponse json = Get("/reporting-paths.json");
  EXPECT_EQ(json.content_type, "application/json");
  EXPECT_TRUE(absl::StrContains(json.body, "\"office_id\":\"warstein\""));
}

TEST_F(PublicPagesTest, ReportingPathsAre503WhenTheServiceFails) {
  service_.fail = true;
  EXPECT_EQ(Get("/reporting-paths").status, 503);
  EXPECT_EQ(Get("/reporting-paths.json").status, 503);
}

TEST_F(PublicPagesTest, CalendarIsTextCalendarInUtf8) {
  http::HttpResponse r = Get("/calendar.ics");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/calendar; charset=utf-8");
  EXPECT_EQ(r.body, "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
}

TEST_F(PublicPagesTest, ContactsPageEscapesConfiguredTexts) {
  http::HttpResponse r = Get("/contacts");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_FALSE(absl::StrContains(r.body, "<b>"));
  EXPECT_TRUE(absl::StrContains(
      r.body, "Koordination &lt;b&gt;Kinderschutz&lt;/b&gt; &amp; &quot;Frühe Hilfen&quot;"));
  EXPECT_TRUE(absl::StrContains(r.body, "href=\"tel:+4929419804711\""));
  EXPECT_TRUE(absl::StrContains(r.body, "mailto:kinderschutz@lippstadt.example.org"));
  bool csp = false;
  for (const auto& [name, value] : r.headers) csp |= name == "Content-Security-Policy";
  EXPECT_TRUE(csp);
}

TEST_F(PublicPagesTest, ContactsJsonIsTheApiMessage) {
  http::HttpResponse r = Get("/contacts.json");
  EXPECT_EQ(r.content_type, "application/json");
  EXPECT_TRUE(absl::StrContains(r.body, "\"office_name\":\"Jugendamt der Stadt Lippstadt\""));
  EXPECT_FALSE(absl::StrContains(r.body, "\"name\""));  // not published, not printed
}

TEST_F(PublicPagesTest, FailingServiceIs503) {
  service_.fail = true;
  for (const char* path : {"/calendar.ics", "/contacts", "/contacts.json"}) {
    http::HttpResponse r = Get(path);
    EXPECT_EQ(r.status, 503) << path;
    EXPECT_FALSE(absl::StrContains(r.body, "database down")) << path;
  }
}

TEST(HtmlEscapeTest, NeutralisesMarkup) {
  EXPECT_EQ(HtmlEscape("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
  EXPECT_EQ(HtmlEscape("Grüße"), "Grüße");
}

}  // namespace
}  // namespace schutznetz::runtime
