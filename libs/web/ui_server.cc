#include "libs/web/ui_server.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <fstream>
#include <optional>
#include <sstream>
#include <variant>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"
#include "libs/common/json.h"
#include "libs/common/log.h"
#include "libs/http/server.h"
#include "libs/web/rpc_bridge.h"
#include "libs/web/sessions.h"
#include "libs/web/ui_assets.h"
#include "schutznetz/v1/token_service.grpc.pb.h"

namespace schutznetz::web {

namespace {

constexpr char kCookie[] = "snz_session";
constexpr char kJson[] = "application/json; charset=utf-8";
constexpr char kPolicy[] =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

http::HttpResponse Json(int status, std::string body) {
  http::HttpResponse r;
  r.status = status;
  r.content_type = kJson;
  r.body = std::move(body);
  r.headers = {{"Cache-Control", "no-store"}};
  return r;
}

http::HttpResponse JsonError(int status, const std::string& code, const std::string& message) {
  return Json(status, RpcBridge::ErrorJson(code, message));
}

// "name":"value", with a comma unless last.
std::string JsonField(const std::string& name, const std::string& value, bool last = false) {
  return absl::StrCat(JsonString(name), ":", JsonString(value), last ? "" : ",");
}

}  // namespace

struct UiServer::Impl {
  UiOptions options;
  std::unique_ptr<SessionStore> sessions;
  std::unique_ptr<RpcBridge> bridge;
  std::unique_ptr<http::HttpServer> http;

  std::string SessionJson(const Session& s) const {
    return absl::StrCat("{", JsonField("label", s.label), JsonField("role", s.role),
                        JsonField("csrf", s.csrf), "\"site\":{", JsonField("id", options.site.id),
                        JsonField("name", options.site.name), JsonField("kind", options.site.kind),
                        "\"offices\":[", OfficesJson(), "]}}");
  }

  std::string OfficesJson() const {
    std::string out;
    for (const config::OfficeRef& o : options.site.offices) {
      absl::StrAppend(&out, out.empty() ? "" : ",", "{", JsonField("id", o.id),
                      JsonField("name", o.name, true), "}");
    }
    return out;
  }

  std::string CookieHeader(const std::string& id, int max_age_seconds) const {
    return absl::StrCat(kCookie, "=", id, "; Path=/; HttpOnly; SameSite=Strict; Max-Age=",
                        max_age_seconds, options.insecure_dev ? "" : "; Secure");
  }

  // A POST the UI may make: JSON and from the UI's own origin; nullopt if so, else the refusal.
  std::optional<http::HttpResponse> CheckPost(const http::HttpRequest& req) const {
    if (req.method != "POST") {
      http::HttpResponse r = JsonError(405, "METHOD_NOT_ALLOWED",
                                       "POST only / nur POST");
      r.headers.push_back({"Allow", "POST"});
      return r;
    }
    if (!absl::StartsWith(req.Header("content-type"), "application/json")) {
      return JsonError(415, "UNSUPPORTED_MEDIA_TYPE",
                       "Content-Type must be application/json / nur JSON");
    }
    std::string site = req.Header("sec-fetch-site");
    if (!site.empty() && site != "same-origin" && site != "none") {
      return JsonError(403, "PERMISSION_DENIED",
                       "cross-site request refused / seitenfremde Anfrage abgelehnt");
    }
    return std::nullopt;
  }

  // The session of a request with a valid cookie and CSRF value; else the refusal.
  std::variant<Session, http::HttpResponse> SessionOf(const http::HttpRequest& req,
                                                      bool need_csrf) {
    std::optional<Session> s = sessions->Find(CookieValue(req.Header("cookie"), kCookie));
    if (!s.has_value()) {
      return JsonError(401, "UNAUTHENTICATED",
                       "not logged in or session ended / nicht angemeldet oder Sitzung abgelaufen");
    }
    if (need_csrf && req.Header("x-csrf-token") != s->csrf) {
      return JsonError(403, "PERMISSION_DENIED",
                       "X-CSRF-Token missing or wrong / X-CSRF-Token fehlt oder falsch");
    }
    return *s;
  }

  http::HttpResponse Login(const http::HttpRequest& req) {
    if (auto refused = CheckPost(req)) return *refused;
    google::protobuf::Struct body;
    if (!google::protobuf::util::JsonStringToMessage(req.body, &body).ok() ||
        !body.fields().count("token") || body.fields().at("token").string_value().empty()) {
      return JsonError(400, "INVALID_ARGUMENT", "token: required / token: Pflichtfeld");
    }
    std::string token = body.fields().at("token").string_value();
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(15));
    ctx.AddMetadata("authorization", absl::StrCat("Bearer ", token));
    v1::GetCurrentTokenResponse who;
    grpc::Status status =
        v1::TokenService::NewStub(options.channel)->GetCurrentToken(&ctx, {}, &who);
    if (!status.ok()) {
      BridgeReply refused = RpcBridge::FromStatus(status);
      return Json(refused.http_status, refused.json);
    }
    std::string id = sessions->Create(token, who.token().label(),
                                      v1::TokenRole_Name(who.token().role()));
    std::optional<Session> s = sessions->Find(id);
    http::HttpResponse r = Json(200, SessionJson(*s));
    r.headers.push_back(
        {"Set-Cookie", CookieHeader(id, options.ui.session_max_hours * 3600)});
    log::Info("ui login", {{"token", who.token().id()}, {"site", options.site.id}});
    return r;
  }

  http::HttpResponse Logout(const http::HttpRequest& req) {
    if (auto refused = CheckPost(req)) return *refused;
    std::string id = CookieValue(req.Header("cookie"), kCookie);
    auto s = SessionOf(req, /*need_csrf=*/true);
    if (auto* refused = std::get_if<http::HttpResponse>(&s)) return *refused;
    sessions->Remove(id);
    http::HttpResponse r = Json(200, "{}");
    r.headers.push_back({"Set-Cookie", CookieHeader("", 0)});
    return r;
  }

  http::HttpResponse Current(const http::HttpRequest& req) {
    auto s = SessionOf(req, /*need_csrf=*/false);
    if (auto* refused = std::get_if<http::HttpResponse>(&s)) return *refused;
    return Json(200, SessionJson(std::get<Session>(s)));
  }

  http::HttpResponse Rpc(const std::string& method, const http::HttpRequest& req) {
    if (auto refused = CheckPost(req)) return *refused;
    auto s = SessionOf(req, /*need_csrf=*/true);
    if (auto* refused = std::get_if<http::HttpResponse>(&s)) return *refused;
    BridgeReply reply = bridge->Call(method, req.body, std::get<Session>(s).token);
    return Json(reply.http_status, std::move(reply.json));
  }

  http::HttpResponse Asset(const std::string& path, std::string_view embedded) const {
    http::HttpResponse r;
    r.content_type = ContentTypeFor(path);
    if (options.ui.assets_dir.empty()) {
      r.body = std::string(embedded);
    } else {
      std::ifstream in(options.ui.assets_dir + path, std::ios::binary);
      std::stringstream buffer;
      buffer << in.rdbuf();
      r.body = buffer.str();
    }
    r.headers = {{"Content-Security-Policy", kPolicy},
                 {"X-Frame-Options", "DENY"},
                 {"Cache-Control", "no-cache"}};
    return r;
  }
};

absl::StatusOr<std::unique_ptr<UiServer>> UiServer::Start(UiOptions options) {
  if (!options.ui.enabled()) return std::unique_ptr<UiServer>();
  http::HttpServerOptions http_options;
  http_options.listen = options.ui.listen;
  http_options.log_name = "ui";
  http_options.config_key = "ui.listen";
  http_options.accept_post = true;
  http_options.max_body_bytes = 1024 * 1024;
  if (options.insecure_dev) {
    log::Warning("--insecure-dev: web UI over plain HTTP, without TLS");
  } else if (!options.tls.enabled()) {
    return Bilingual(absl::StatusCode::kFailedPrecondition,
                     "ui: tls.cert_file and tls.key_file are required for HTTPS (plain HTTP only "
                     "with --insecure-dev)",
                     "ui: TLS-Zertifikat und Schlüssel fehlen (unverschlüsselt nur mit "
                     "--insecure-dev)");
  } else {
    http_options.cert_file = options.tls.cert_file;
    http_options.key_file = options.tls.key_file;
  }

  std::unique_ptr<UiServer> out(new UiServer());
  out->impl_ = std::make_unique<Impl>();
  Impl* impl = out->impl_.get();
  impl->options = std::move(options);
  impl->sessions = std::make_unique<SessionStore>(
      absl::Minutes(impl->options.ui.session_idle_minutes),
      absl::Hours(impl->options.ui.session_max_hours));
  impl->bridge = std::make_unique<RpcBridge>(impl->options.channel, impl->options.services);

  std::map<std::string, http::HttpHandler> routes;
  for (const UiAsset& asset : EmbeddedUiAssets()) {
    std::string path(asset.path);
    std::string_view body = asset.body;
    routes[path] = [impl, path, body](const http::HttpRequest&) {
      return impl->Asset(path, body);
    };
    if (path == "/index.html") {
      routes["/"] = routes[path];
    }
  }
  routes["/api/login"] = [impl](const http::HttpRequest& r) { return impl->Login(r); };
  routes["/api/logout"] = [impl](const http::HttpRequest& r) { return impl->Logout(r); };
  routes["/api/session"] = [impl](const http::HttpRequest& r) { return impl->Current(r); };
  for (const std::string& method : impl->bridge->Methods()) {
    routes[absl::StrCat("/api/rpc/", method)] = [impl, method](const http::HttpRequest& r) {
      return impl->Rpc(method, r);
    };
  }
  absl::StatusOr<std::unique_ptr<http::HttpServer>> http =
      http::HttpServer::Start(http_options, std::move(routes));
  if (!http.ok()) return http.status();
  impl->http = *std::move(http);
  return out;
}

UiServer::~UiServer() { Stop(); }

int UiServer::port() const { return impl_->http->port(); }

void UiServer::Stop() {
  if (impl_ && impl_->http) impl_->http->Stop();
}

}  // namespace schutznetz::web
