#include "libs/runtime/public_pages.h"

#include <google/protobuf/util/json_util.h>
#include <grpcpp/grpcpp.h>

#include <chrono>

#include "absl/strings/str_cat.h"
#include "libs/domain/reporting_path.h"
#include "schutznetz/v1/public_service.grpc.pb.h"

namespace schutznetz::runtime {
namespace {

constexpr char kHtml[] = "text/html; charset=utf-8";
constexpr char kHtmlPolicy[] = "default-src 'none'; style-src 'unsafe-inline'";

std::unique_ptr<grpc::ClientContext> NewCall() {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(15));
  return ctx;
}

http::HttpResponse Unavailable() {
  http::HttpResponse r;
  r.status = 503;
  r.body = "Vorübergehend nicht verfügbar / temporarily unavailable\n";
  r.headers = {{"Retry-After", "60"}};
  return r;
}

std::string Page(const std::string& title, const std::string& body) {
  return absl::StrCat(
      "<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
      HtmlEscape(title),
      "</title>\n<style>body{font-family:sans-serif;max-width:42em;margin:2em auto;"
      "padding:0 1em;line-height:1.4}section{margin:1.5em 0}h2{font-size:1.1em;margin:0}"
      "p{margin:.3em 0}</style>\n</head>\n<body>\n",
      body, "</body>\n</html>\n");
}

http::HttpResponse HtmlResponse(const std::string& html) {
  http::HttpResponse r;
  r.content_type = kHtml;
  r.body = html;
  r.headers = {{"Content-Security-Policy", kHtmlPolicy}};
  return r;
}

// "tel:" target: the digits of a phone number, with + for an international prefix.
std::string TelTarget(const std::string& phone) {
  std::string out;
  for (char c : phone) {
    if ((c >= '0' && c <= '9') || (c == '+' && out.empty())) out.push_back(c);
  }
  return out;
}

// One reporting-path entry as a section: kind, title, municipality, contact, note.
std::string EntryHtml(const v1::ReportingPathEntry& e) {
  std::string out = "<section>\n";
  absl::StrAppend(&out, "<h2>", HtmlEscape(e.title()), "</h2>\n<p>",
                  HtmlEscape(std::string(domain::ReportingPathKindLabel(
                      static_cast<domain::ReportingPathKind>(e.kind())))),
                  e.municipality().empty() ? "" : " – ", HtmlEscape(e.municipality()), "</p>\n");
  const v1::ContactPoint& c = e.contact();
  absl::StrAppend(&out, "<p>", HtmlEscape(c.unit()), "</p>\n");
  if (!c.phone().empty()) {
    absl::StrAppend(&out, "<p>Telefon: <a href=\"tel:", HtmlEscape(TelTarget(c.phone())), "\">",
                    HtmlEscape(c.phone()), "</a></p>\n");
  }
  if (!c.email().empty()) {
    absl::StrAppend(&out, "<p>E-Mail: <a href=\"mailto:", HtmlEscape(c.email()), "\">",
                    HtmlEscape(c.email()), "</a></p>\n");
  }
  if (!c.address().empty()) absl::StrAppend(&out, "<p>", HtmlEscape(c.address()), "</p>\n");
  if (!c.hours().empty()) {
    absl::StrAppend(&out, "<p>Erreichbar: ", HtmlEscape(c.hours()), "</p>\n");
  }
  if (!e.note().empty()) absl::StrAppend(&out, "<p>", HtmlEscape(e.note()), "</p>\n");
  absl::StrAppend(&out, "</section>\n");
  return out;
}

std::string ContactsHtml(const std::string& site_name, const v1::ListPublicContactsResponse& r) {
  std::string body =
      absl::StrCat("<h1>Ansprechpersonen</h1>\n<p>", HtmlEscape(site_name), "</p>\n");
  if (r.contacts().empty()) {
    absl::StrAppend(&body, "<p>Keine Ansprechpersonen veröffentlicht.</p>\n");
  }
  for (const v1::PublicContact& c : r.contacts()) {
    absl::StrAppend(&body, "<section>\n");
    if (!c.function().empty()) absl::StrAppend(&body, "<h2>", HtmlEscape(c.function()), "</h2>\n");
    if (!c.name().empty()) absl::StrAppend(&body, "<p>", HtmlEscape(c.name()), "</p>\n");
    absl::StrAppend(&body, "<p>", HtmlEscape(c.office_name()), "</p>\n");
    if (!c.phone().empty()) {
      absl::StrAppend(&body, "<p>Telefon: <a href=\"tel:", HtmlEscape(TelTarget(c.phone())), "\">",
                      HtmlEscape(c.phone()), "</a></p>\n");
    }
    if (!c.email().empty()) {
      absl::StrAppend(&body, "<p>E-Mail: <a href=\"mailto:", HtmlEscape(c.email()), "\">",
                      HtmlEscape(c.email()), "</a></p>\n");
    }
    absl::StrAppend(&body, "</section>\n");
  }
  if (!r.reporting_paths().empty()) {
    absl::StrAppend(&body, "<h1>Mitteilungswege</h1>\n");
    for (const v1::ReportingPathEntry& e : r.reporting_paths()) absl::StrAppend(&body, EntryHtml(e));
    absl::StrAppend(&body,
                    "<p><a href=\"reporting-paths\">Mitteilungswege im Kreis</a></p>\n");
  }
  absl::StrAppend(&body, "<p><a href=\"calendar.ics\">Öffentliche Termine (iCalendar)</a></p>\n");
  return Page(absl::StrCat("Ansprechpersonen – ", site_name), body);
}

std::string ReportingPathsHtml(const std::string& site_name,
                               const v1::ListPublicReportingPathsResponse& r) {
  std::string body = absl::StrCat("<h1>Mitteilungswege im Kinderschutz</h1>\n<p>",
                                  HtmlEscape(site_name),
                                  ": wen Fachkräfte bei gewichtigen Anhaltspunkten für eine "
                                  "Kindeswohlgefährdung ansprechen (§ 8a SGB VIII, § 4 KKG).</p>\n"
                                  "<p>Bei akuter Gefahr: Polizei 110.</p>\n");
  if (r.offices().empty()) absl::StrAppend(&body, "<p>Keine Mitteilungswege veröffentlicht.</p>\n");
  for (const v1::PublicReportingPaths& office : r.offices()) {
    absl::StrAppend(&body, "<h1>", HtmlEscape(office.office_name()), "</h1>\n");
    for (const v1::ReportingPathEntry& e : office.entries()) absl::StrAppend(&body, EntryHtml(e));
  }
  absl::StrAppend(&body, "<p><a href=\"contacts\">Ansprechpersonen</a></p>\n");
  return Page(absl::StrCat("Mitteilungswege – ", site_name), body);
}

http::HttpResponse JsonResponse(const google::protobuf::Message& m) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  http::HttpResponse out;
  if (!google::protobuf::util::MessageToJsonString(m, &out.body, options).ok()) {
    return Unavailable();
  }
  out.body += "\n";
  out.content_type = "application/json";
  return out;
}

std::string IndexHtml(const std::string& site_name) {
  return Page(site_name,
              absl::StrCat("<h1>", HtmlEscape(site_name),
                           "</h1>\n<ul>\n"
                           "<li><a href=\"calendar.ics\">Öffentliche Termine</a> (iCalendar, zum "
                           "Abonnieren im Kalenderprogramm)</li>\n"
                           "<li><a href=\"contacts\">Ansprechpersonen</a> "
                           "(<a href=\"contacts.json\">JSON</a>)</li>\n"
                           "<li><a href=\"reporting-paths\">Mitteilungswege</a> "
                           "(<a href=\"reporting-paths.json\">JSON</a>)</li>\n</ul>\n"));
}

}  // namespace

std::string HtmlEscape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::map<std::string, http::HttpHandler> PublicPages(std::shared_ptr<grpc::Channel> channel,
                                                     const std::string& site_name) {
  std::shared_ptr<v1::PublicService::Stub> stub = v1::PublicService::NewStub(channel);
  std::map<std::string, http::HttpHandler> routes;
  routes["/"] = [site_name](const http::HttpRequest&) {
    return HtmlResponse(IndexHtml(site_name));
  };
  routes["/calendar.ics"] = [stub](const http::HttpRequest&) {
    v1::PublicCalendar calendar;
    if (!stub->GetPublicCalendar(NewCall().get(), v1::GetPublicCalendarRequest(), &calendar).ok()) {
      return Unavailable();
    }
    http::HttpResponse r;
    r.content_type = "text/calendar; charset=utf-8";
    r.body = calendar.ics();
    r.headers = {{"Content-Disposition", "inline; filename=\"calendar.ics\""},
                 {"Cache-Control", "max-age=300"}};
    return r;
  };
  auto contacts = [stub](v1::ListPublicContactsResponse* out) {
    return stub->ListPublicContacts(NewCall().get(), v1::ListPublicContactsRequest(), out).ok();
  };
  routes["/contacts"] = [contacts, site_name](const http::HttpRequest&) {
    v1::ListPublicContactsResponse r;
    if (!contacts(&r)) return Unavailable();
    return HtmlResponse(ContactsHtml(site_name, r));
  };
  routes["/contacts.json"] = [contacts](const http::HttpRequest&) {
    v1::ListPublicContactsResponse r;
    if (!contacts(&r)) return Unavailable();
    return JsonResponse(r);
  };
  auto paths = [stub](v1::ListPublicReportingPathsResponse* out) {
    return stub
        ->ListPublicReportingPaths(NewCall().get(), v1::ListPublicReportingPathsRequest(), out)
        .ok();
  };
  routes["/reporting-paths"] = [paths, site_name](const http::HttpRequest&) {
    v1::ListPublicReportingPathsResponse r;
    if (!paths(&r)) return Unavailable();
    return HtmlResponse(ReportingPathsHtml(site_name, r));
  };
  routes["/reporting-paths.json"] = [paths](const http::HttpRequest&) {
    v1::ListPublicReportingPathsResponse r;
    if (!paths(&r)) return Unavailable();
    return JsonResponse(r);
  };
  return routes;
}

}  // namespace schutznetz::runtime
