// HttpServer: a small read-only HTTP(S) server for public documents next to a gRPC service (the
// public calendar and contact listing, libs/runtime/public_pages.h).
//
// It serves a fixed table of exact paths for GET (and HEAD, which HTTP requires with GET), and
// POST too when the options say so (the web UI's calls); every other path is 404 Not Found and
// every other method 405 Method Not Allowed with the methods allowed. With a certificate and key it speaks only HTTPS (TLS 1.2 or newer); plaintext HTTP is for
// --insecure-dev. Handlers run on a small thread pool of the server's own. One log line per
// request names the method, the route (the table's path, or "other") and the status — never the
// client's address, the path as sent, a query or a header, so nothing a client types reaches the
// log. cpp-httplib stays inside server.cc: this header is cheap to include.
//
//   auto server = HttpServer::Start({.listen = "127.0.0.1:7202", .cert_file = …, .key_file = …},
//                                   {{"/calendar.ics", [](const HttpRequest&) { return …; }}});
//   …
//   (*server)->Stop();  // waits for running requests
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace schutznetz::http {

struct HttpRequest {
  std::string method;                             // "GET", "HEAD" or "POST"
  std::string path;                               // the route's path
  std::multimap<std::string, std::string> query;  // decoded query parameters
  std::multimap<std::string, std::string> headers;  // names in lower case
  std::string body;                               // POST only

  // The first value of header `name` (lower case), "" if absent.
  std::string Header(const std::string& name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra response headers
};

using HttpHandler = std::function<HttpResponse(const HttpRequest&)>;

struct HttpServerOptions {
  std::string listen;  // host:port ("[::]:7202" for IPv6); port 0 picks a free port
  // PEM certificate (chain) and private key: HTTPS. Both empty: plaintext HTTP.
  std::string cert_file;
  std::string key_file;
  int threads = 8;
  std::string log_name = "http";  // names the server in its log lines
  std::string config_key = "http.listen";  // names the listen address in errors
  // One log line per request; off for endpoints polled every few seconds (metrics scrapes).
  bool log_requests = true;
  // Whether POST requests reach the handlers (with their body); otherwise 405.
  bool accept_post = false;
  size_t max_body_bytes = 64 * 1024;  // larger requests: 413
};

class HttpServer {
 public:
  // Binds, then serves `routes` (exact paths) on a thread of its own. A listen address that cannot
  // be bound is UNAVAILABLE; an unreadable certificate or key FAILED_PRECONDITION.
  static absl::StatusOr<std::unique_ptr<HttpServer>> Start(
      const HttpServerOptions& options, std::map<std::string, HttpHandler> routes);
  ~HttpServer();

  // The port actually bound.
  int port() const { return port_; }
  bool tls() const { return tls_; }
  // Stops accepting connections and waits for the requests being served. Idempotent.
  void Stop();

 private:
  struct Impl;
  HttpServer() = default;
  std::unique_ptr<Impl> impl_;
  int port_ = 0;
  bool tls_ = false;
};

}  // namespace schutznetz::http
