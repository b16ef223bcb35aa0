// The public web pages of a tenant service or the aggregator, served by libs/http next to gRPC:
//
//   GET /               a short German page linking to the others
//   GET /calendar.ics   the public calendar, text/calendar (PublicService.GetPublicCalendar)
//   GET /contacts       the public contacts as an HTML page (PublicService.ListPublicContacts)
//   GET /contacts.json  the same as JSON (the ListPublicContactsResponse message); both with the
//                       office's own reporting paths marked public
//   GET /reporting-paths       the public reporting paths (Mitteilungswege) of the office and of
//                              the other offices of the district, grouped by office, as HTML
//                              (PublicService.ListPublicReportingPaths)
//   GET /reporting-paths.json  the same as JSON (ListPublicReportingPathsResponse)
//
// Each page calls the service's own PublicService over an in-process channel, so a page request
// passes the same authorisation gate (public methods) and request log as a gRPC call and shows
// exactly what the API shows. A failed call is 503 with a short German/English text.
#pragma once

#include <grpcpp/channel.h>

#include <map>
#include <memory>
#include <string>

#include "libs/http/server.h"

namespace schutznetz::runtime {

// The routes for http::HttpServer; `site_name` heads the pages ("Netzwerk Kinderschutz Lippstadt").
std::map<std::string, http::HttpHandler> PublicPages(std::shared_ptr<grpc::Channel> channel,
                                                     const std::string& site_name);

// `text` with &, <, >, " and ' replaced by HTML character references.
std::string HtmlEscape(const std::string& text);

}  // namespace schutznetz::runtime
