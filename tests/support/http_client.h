// A small HTTP(S) client for tests of the public pages (cpp-httplib, kept out of the header).
#pragma once

#include <map>
#include <string>

#include "absl/status/statusor.h"

namespace schutznetz::testing {

struct HttpResult {
  int status = 0;
  std::string body;
  std::multimap<std::string, std::string> headers;
  // The first value of header `name` (case-insensitive), or "".
  std::string Header(const std::string& name) const;
};

// Sends `method` (GET, HEAD, POST, PUT, DELETE, OPTIONS) to `url` ("https://localhost:7202/x").
// HTTPS is verified against `ca_file`. UNAVAILABLE when no HTTP answer came (e.g. plain HTTP to
// an HTTPS port).
absl::StatusOr<HttpResult> HttpRequest(const std::string& method, const std::string& url,
                                       const std::string& ca_file = "");

}  // namespace schutznetz::testing
