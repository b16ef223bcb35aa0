// UiServer: the coordinators' web UI of one service (an office's tenant service or the district
// aggregator) on its own HTTPS listener (section `ui`).
//
//   GET  /                     the UI (index.html and its files, libs/web/ui)
//   POST /api/login            {"token": "snz_…"}: checks the token with the service
//                              (TokenService.GetCurrentToken) and starts a session (cookie)
//   GET  /api/session          who is logged in, the CSRF value and the site with the district's
//                              offices; 401 without session
//   POST /api/logout           ends the session
//   POST /api/rpc/<Svc>/<M>    calls the service's method with the session's token (rpc_bridge.h)
//
// POSTs must be JSON, same-origin (Sec-Fetch-Site) and, but for the login, carry the session's
// X-CSRF-Token; the cookie is HttpOnly, Secure (HTTPS) and SameSite=Strict. Same TLS rules as the
// public pages: HTTPS with tls.cert_file/key_file, plain HTTP only with --insecure-dev.
#pragma once

#include <grpcpp/channel.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/config/district_config.h"
#include "libs/config/sections.h"
#include "libs/config/ui_config.h"

namespace schutznetz::web {

struct UiSite {
  std::string id;    // "lippstadt" or the district's id
  std::string name;  // "Jugendamt der Stadt Lippstadt"
  std::string kind;  // "office" or "district"
  std::vector<config::OfficeRef> offices;  // the district's offices, to name them in the UI
};

struct UiOptions {
  config::UiConfig ui;
  config::TlsConfig tls;
  bool insecure_dev = false;
  std::shared_ptr<grpc::Channel> channel;  // in-process channel of the service's gRPC server
  std::vector<std::string> services;       // full names the UI may call
  UiSite site;
};

class UiServer {
 public:
  // Starts the listener; nullptr when `ui` is not enabled.
  static absl::StatusOr<std::unique_ptr<UiServer>> Start(UiOptions options);
  ~UiServer();

  int port() const;
  // Stops accepting requests and waits for those being served. Idempotent.
  void Stop();

 private:
  struct Impl;
  UiServer() = default;
  std::unique_ptr<Impl> impl_;
};

}  // namespace schutznetz::web
