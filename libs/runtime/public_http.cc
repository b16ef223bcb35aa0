#include "libs/runtime/public_http.h"

#include "libs/runtime/public_pages.h"
#include "libs/common/errors.h"
#include "libs/common/log.h"

namespace schutznetz::runtime {

absl::StatusOr<std::unique_ptr<http::HttpServer>> StartPublicHttp(
    const config::HttpConfig& http, const config::TlsConfig& tls, bool insecure_dev,
    std::shared_ptr<grpc::Channel> channel, const std::string& site_name) {
  if (!http.enabled()) return std::unique_ptr<http::HttpServer>();
  http::HttpServerOptions options;
  options.listen = http.listen;
  options.log_name = "public";
  if (insecure_dev) {
    log::Warning("--insecure-dev: public pages over plain HTTP, without TLS");
  } else if (!tls.enabled()) {
    return Bilingual(absl::StatusCode::kFailedPrecondition,
                     "http: tls.cert_file and tls.key_file are required for HTTPS (plain HTTP "
                     "only with --insecure-dev)",
                     "http: TLS-Zertifikat und Schlüssel fehlen (unverschlüsselt nur mit "
                     "--insecure-dev)");
  } else {
    options.cert_file = tls.cert_file;
    options.key_file = tls.key_file;
  }
  return http::HttpServer::Start(options, PublicPages(std::move(channel), site_name));
}

}  // namespace schutznetz::runtime
