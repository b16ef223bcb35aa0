#include "tests/support/http_client.h"

#include <httplib.h>
#include <signal.h>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace schutznetz::testing {

std::string HttpResult::Header(const std::string& name) const {
  for (const auto& [key, value] : headers) {
    if (absl::AsciiStrToLower(key) == absl::AsciiStrToLower(name)) return value;
  }
  return "";
}

absl::StatusOr<HttpResult> HttpRequest(const std::string& method, const std::string& url,
                                       const std::string& ca_file) {
  // A server that closes the connection (e.g. TLS refusing plain HTTP) must fail the request,
  // not kill the test with SIGPIPE.
  signal(SIGPIPE, SIG_IGN);
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return absl::InvalidArgumentError("url: no scheme");
  size_t path_start = url.find('/', scheme_end + 3);
  std::string base = path_start == std::string::npos ? url : url.substr(0, path_start);
  std::string path = path_start == std::string::npos ? "/" : url.substr(path_start);
  httplib::Client client(base);
  if (!ca_file.empty()) client.set_ca_cert_path(ca_file.c_str());
  client.enable_server_certificate_verification(true);
  client.set_connection_timeout(5);
  client.set_read_timeout(20);
  auto send = [&]() -> httplib::Result {
    if (method == "HEAD") return client.Head(path.c_str());
    if (method == "POST")
      return client.Post(path.c_str(), "x=1", "application/x-www-form-urlencoded");
    if (method == "PUT") return client.Put(path.c_str(), "x=1", "text/plain");
    if (method == "DELETE") return client.Delete(path.c_str());
    if (method == "OPTIONS") return client.Options(path.c_str());
    return client.Get(path.c_str());
  };
  if (method != "GET" && method != "HEAD" && method != "POST" && method != "PUT" &&
      method != "DELETE" && method != "OPTIONS") {
    return absl::InvalidArgumentError("unsupported method " + method);
  }
  httplib::Result r = send();
  if (!r) {
    return absl::UnavailableError(
        absl::StrCat(method, " ", url, ": ", httplib::to_string(r.error())));
  }
  HttpResult out;
  out.status = r->status;
  out.body = r->body;
  for (const auto& [key, value] : r->headers) out.headers.emplace(key, value);
  return out;
}

}  // namespace schutznetz::testing
