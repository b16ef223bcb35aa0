// The public HTTP(S) server: exact routes for GET and HEAD, 404 for other paths, 405 for other
// methods, HTTPS with a certificate of the district CA, and a clean stop.
#include "libs/http/server.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "absl/strings/str_cat.h"
#include "tests/support/http_client.h"
#include "tests/support/process.h"

namespace schutznetz::http {
namespace {

using schutznetz::testing::HttpRequest;

std::map<std::string, HttpHandler> Routes() {
  return {{"/calendar.ics",
           [](const http::HttpRequest&) {
             HttpResponse r;
             r.content_type = "text/calendar; charset=utf-8";
             r.body = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n";
             return r;
           }},
          {"/echo", [](const http::HttpRequest& req) {
             HttpResponse r;
             auto it = req.query.find("q");
             r.body = it == req.query.end() ? "" : it->second;
             r.headers = {{"X-Test", "ja"}};
             return r;
           }}};
}

std::string Base(const HttpServer& s) { return absl::StrCat("http://127.0.0.1:", s.port()); }

TEST(HttpServerTest, ServesARouteWithItsContentType) {
  auto server = HttpServer::Start({.listen = "127.0.0.1:0"}, Routes());
  ASSERT_TRUE(server.ok()) << server.status();
  auto r = HttpRequest("GET", Base(**server) + "/calendar.ics");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->Header("Content-Type"), "text/calendar; charset=utf-8");
  EXPECT_EQ(r->Header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(r->body, "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
}

TEST(HttpServerTest, HandlerSeesTheQueryAndSetsHeaders) {
  auto server = HttpServer::Start({.listen = "127.0.0.1:0"}, Routes());
  ASSERT_TRUE(server.ok()) << server.status();
  auto r = HttpRequest("GET", Base(**server) + "/echo?q=Gr%C3%BC%C3%9Fe");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->body, "Grüße");
  EXPECT_EQ(r->Header("X-Test"), "ja");
}

TEST(HttpServerTest, HeadAnswersLikeGetWithoutBody) {
  auto server = HttpServer::Start({.listen = "127.0.0.1:0"}, Routes());
  ASSERT_TRUE(server.ok()) << server.status();
  auto r = HttpRequest("HEAD", Base(**server) + "/calendar.ics");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->Header("Content-Type"), "text/calendar; charset=utf-8");
  EXPECT_EQ(r->body, "");
}

TEST(HttpServerTest, UnknownPathIs404) {
  auto server = HttpServer::Start({.listen = "127.0.0.1:0"}, Routes());
  ASSERT_TRUE(server.ok()) << server.status();
  for (const char* path :
       {"/", "/calendar.ics/", "/calendarXics", "/../etc/passwd", "/CALENDAR.ICS"}) {
    auto r = HttpRequest("GET", Base(**server) + path);
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_EQ(r->status, 404) << path;
  }
}

TEST(HttpServerTest, OtherMethodsAre405WithAllow) {
  auto server = HttpServer::Start({.listen = "127.0.0.1:0"}, Routes());
  ASSERT_TRUE(server.ok()) << server.status();
  for (const char* method : {"POST", "PUT", "DELETE", "OPTIONS"}) {
    for (const char* path : {"/calendar.ics", "/unknown"}) {
      auto r = HttpRequest(method, Base(**server) + path);
      ASSERT_TRUE(r.ok()) << r.status();
      EXPECT_EQ(r->status, 405) << method << " " << path;
      EXPECT_EQ(r->Header("Allow"), "GET, HEAD") << method;
    }
  }
}

TEST(HttpServerTest, PostReachesTheHandlerWithBodyAndHeadersOnlyWhenAccepted) {
  std::map<std::string, HttpHandler> routes = {{"/api", [](const http::HttpRequest& req) {
    HttpResponse r;
    r.body = absl::StrCat(req.method, " ", req.Header("content-type"), " ", req.body);
    return r;
  }}};
  auto server = HttpServer::Start({.listen = "127.0.0.1:0", .accept_post = true}, routes);
  ASSERT_TRUE(server.ok()) << server.status();
  auto r = HttpRequest("POST", Base(**server) + "/api");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "POST application/x-www-form-urlencoded x=1");
  r = HttpRequest("PUT", Base(**server) + "/api");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->status, 405);
  EXPECT_EQ(r->Header("Allow"), "GET, HEAD, POST");

  auto get_only = HttpServer::Start({.listen = "127.0.0.1:0"}, routes);
  ASSERT_TRUE(get_only.ok()) << get_only.status();
  r = HttpRequest("POST", Base(**get_only) + "/api");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->status, 405);
}

TEST(HttpServerTest, ListenAddressInUseIsUnavailable) {
  auto first = HttpServer::Start({.listen = "127.0.0.1:0"}, Routes());
  ASSERT_TRUE(first.ok()) << first.status();
  auto second =
      HttpServer::Start({.listen = absl::StrCat("127.0.0.1:", (*first)->port())}, Routes());
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), absl::StatusCode::kUnavailable);
}

TEST(HttpServerTest, StopWaitsForTheRunningRequestAndRefusesNewOnes) {
  std::atomic<bool> entered{false};
  std::map<std::string, HttpHandler> routes = {{"/slow", [&](const http::HttpRequest&) {
                                                  entered = true;
                                                  absl::SleepFor(absl::Milliseconds(500));
                                                  HttpResponse r;
                                                  r.body = "fertig";
                                                  return r;
                                                }}};
  auto server = HttpServer::Start({.listen = "127.0.0.1:0"}, routes);
  ASSERT_TRUE(server.ok()) << server.status();
  std::string base = Base(**server);
  absl::StatusOr<schutznetz::testing::HttpResult> slow;
  std::thread client([&] { slow = HttpRequest("GET", base + "/slow"); });
  while (!entered) absl::SleepFor(absl::Milliseconds(5));
  (*server)->Stop();
  client.join();
  ASSERT_TRUE(slow.ok()) << slow.status();
  EXPECT_EQ(slow->body, "fertig");
  EXPECT_FALSE(HttpRequest("GET", base + "/slow").ok());
  (*server)->Stop();  // idempotent
}

class HttpsServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    char tmpl[] = "/tmp/schutznetz-http-pki-XXXXXX";
    dir_ = new std::string(mkdtemp(tmpl));
    schutznetz::testing::ProcessOptions o;
    o.argv = {std::string(SCHUTZNETZ_SOURCE_DIR) + "/scripts/dev-ca", "district", *dir_ + "/pki",
              "test-district", "alpha"};
    std::string output;
    auto code = schutznetz::testing::RunCommand(o, absl::Seconds(60), &output);
    ASSERT_TRUE(code.ok() && *code == 0) << output;
  }
  static void TearDownTestSuite() {
    std::string cmd = "rm -rf " + *dir_;
    ASSERT_EQ(system(cmd.c_str()), 0);
  }
  static std::string Pki(const std::string& name) { return *dir_ + "/pki/" + name; }
  static std::string* dir_;
};
std::string* HttpsServerTest::dir_ = nullptr;

TEST_F(HttpsServerTest, ServesHttpsWithTheServiceCertificate) {
  auto server = HttpServer::Start({.listen = "127.0.0.1:0",
                                   .cert_file = Pki("office-alpha.pem"),
                                   .key_file = Pki("office-alpha.key")},
                                  Routes());
  ASSERT_TRUE(server.ok()) << server.status();
  EXPECT_TRUE((*server)->tls());
  // The certificate names localhost; the district CA verifies it.
  std::string url = absl::StrCat("https://localhost:", (*server)->port(), "/calendar.ics");
  auto r = HttpRequest("GET", url, Pki("ca.pem"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->Header("Content-Type"), "text/calendar; charset=utf-8");
  // Without the district CA the certificate is not trusted; plain HTTP gets no answer.
  EXPECT_FALSE(HttpRequest("GET", url, "/etc/ssl/certs/ca-certificates.crt").ok());
  EXPECT_FALSE(
      HttpRequest("GET", absl::StrCat("http://127.0.0.1:", (*server)->port(), "/calendar.ics"))
          .ok());
}

TEST_F(HttpsServerTest, UnreadableCertificateIsFailedPrecondition) {
  auto server = HttpServer::Start(
      {.listen = "127.0.0.1:0", .cert_file = "/nonexistent.pem", .key_file = "/nonexistent.key"},
      Routes());
  ASSERT_FALSE(server.ok());
  EXPECT_EQ(server.status().code(), absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace schutznetz::http
