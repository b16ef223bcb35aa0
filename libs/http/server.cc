#include "libs/http/server.h"

#include <httplib.h>
#include <openssl/ssl.h>
#include <sys/socket.h>

#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "libs/common/log.h"

namespace schutznetz::http {

struct HttpServer::Impl {
  std::unique_ptr<httplib::Server> server;
  std::map<std::string, HttpHandler> routes;
  std::thread thread;
  bool stopped = false;
};

namespace {


// "host:port" → host (without IPv6 brackets) and port.
absl::Status SplitListen(const std::string& key, const std::string& listen, std::string* host,
                         int* port) {
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0 ||
      !absl::SimpleAtoi(listen.substr(colon + 1), port) || *port < 0 || *port > 65535) {
    return absl::InvalidArgumentError(absl::StrCat(key, ": must be host:port, got '", listen, "'"));
  }
  *host = listen.substr(0, colon);
  if (host->size() > 2 && host->front() == '[' && host->back() == ']') {
    *host = host->substr(1, host->size() - 2);
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<httplib::Server>> NewServer(const HttpServerOptions& o) {
  if (o.cert_file.empty() && o.key_file.empty()) return std::make_unique<httplib::Server>();
  std::string cert = o.cert_file;
  std::string key = o.key_file;
  auto server = std::make_unique<httplib::SSLServer>([cert, key](SSL_CTX& ctx) {
    SSL_CTX_set_min_proto_version(&ctx, TLS1_2_VERSION);
    SSL_CTX_set_options(&ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
    return SSL_CTX_use_certificate_chain_file(&ctx, cert.c_str()) == 1 &&
           SSL_CTX_use_PrivateKey_file(&ctx, key.c_str(), SSL_FILETYPE_PEM) == 1 &&
           SSL_CTX_check_private_key(&ctx) == 1;
  });
  if (!server->is_valid()) {
    return absl::FailedPreconditionError(
        absl::StrCat("http: cannot load the TLS certificate ", cert, " and key ", key,
                     " / TLS-Zertifikat oder Schlüssel nicht lesbar"));
  }
  return server;
}

void Apply(const HttpResponse& from, httplib::Response& to) {
  to.status = from.status;
  for (const auto& [name, value] : from.headers) to.set_header(name, value);
  to.set_content(from.body, from.content_type);
}

void Dispatch(const std::map<std::string, HttpHandler>& table, const httplib::Request& req,
              httplib::Response& res) {
  auto route = table.find(req.path);
  if (route == table.end()) {
    res.status = 404;
    res.set_content("Nicht gefunden / not found\n", "text/plain; charset=utf-8");
    return;
  }
  HttpRequest request;
  request.method = req.method;
  request.path = req.path;
  for (const auto& [name, value] : req.params) request.query.emplace(name, value);
  for (const auto& [name, value] : req.headers) {
    request.headers.emplace(absl::AsciiStrToLower(name), value);
  }
  if (req.method == "POST") request.body = req.body;
  Apply(route->second(request), res);
}

}  // namespace

std::string HttpRequest::Header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

absl::StatusOr<std::unique_ptr<HttpServer>> HttpServer::Start(
    const HttpServerOptions& options, std::map<std::string, HttpHandler> routes) {
  std::string host;
  int port = 0;
  if (absl::Status s = SplitListen(options.config_key, options.listen, &host, &port); !s.ok())
    return s;
  absl::StatusOr<std::unique_ptr<httplib::Server>> server = NewServer(options);
  if (!server.ok()) return server.status();

  std::unique_ptr<HttpServer> out(new HttpServer());
  out->impl_ = std::make_unique<Impl>();
  out->tls_ = !options.cert_file.empty();
  Impl& impl = *out->impl_;
  impl.server = *std::move(server);
  impl.routes = std::move(routes);
  httplib::Server& svr = *impl.server;

  int threads = options.threads < 1 ? 1 : options.threads;
  svr.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  svr.set_keep_alive_timeout(2);
  svr.set_read_timeout(5);
  svr.set_write_timeout(10);
  svr.set_payload_max_length(options.max_body_bytes);
  // SO_REUSEADDR only: cpp-httplib's default adds SO_REUSEPORT, which would let a second process
  // bind the same port unnoticed.
  svr.set_socket_options([](int sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  svr.set_default_headers(
      {{"X-Content-Type-Options", "nosniff"}, {"Referrer-Policy", "no-referrer"}});

  // Only GET and HEAD (and POST if accepted); the body of any other request is never read.
  bool post = options.accept_post;
  svr.set_pre_routing_handler([post](const httplib::Request& req, httplib::Response& res) {
    if (req.method == "GET" || req.method == "HEAD" || (post && req.method == "POST")) {
      return httplib::Server::HandlerResponse::Unhandled;
    }
    res.status = 405;
    res.set_header("Allow", post ? "GET, HEAD, POST" : "GET, HEAD");
    res.set_content("Methode nicht erlaubt / method not allowed\n", "text/plain; charset=utf-8");
    return httplib::Server::HandlerResponse::Handled;
  });
  // One catch-all handler; the path is looked up exactly in the table (cpp-httplib's patterns are
  // regular expressions, in which "/calendar.ics" would also match "/calendarXics").
  const std::map<std::string, HttpHandler>* table = &impl.routes;
  svr.Get(".*", [table](const httplib::Request& req, httplib::Response& res) {
    Dispatch(*table, req, res);
  });
  if (post) {
    svr.Post(".*", [table](const httplib::Request& req, httplib::Response& res) {
      Dispatch(*table, req, res);
    });
  }
  svr.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        res.status = 500;
        res.set_content("Interner Fehler / internal error\n", "text/plain; charset=utf-8");
      });
  std::string log_name = options.log_name;
  if (options.log_requests) {
    svr.set_logger([table, log_name](const httplib::Request& req, const httplib::Response& res) {
      std::string route = table->count(req.path) ? req.path : "other";
      log::Info(
          "http request",
          {{"server", log_name}, {"method", req.method}, {"route", route}, {"status", res.status}});
    });
  }

  if (port == 0) {
    port = svr.bind_to_any_port(host);
    if (port < 0) port = 0;
  } else if (!svr.bind_to_port(host, port)) {
    port = 0;
  }
  if (port == 0) {
    return absl::UnavailableError(absl::StrCat(options.config_key, ": cannot listen on ",
                                               options.listen, " / Adresse nicht verfügbar"));
  }
  out->port_ = port;
  impl.thread = std::thread([&svr] { svr.listen_after_bind(); });
  // stop() only stops a server that runs already: wait for it, so that Stop() never misses it.
  for (int waited_ms = 0; !svr.is_running() && waited_ms < 5000; ++waited_ms) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  log::Info("http serving",
            {{"server", log_name}, {"listen", options.listen}, {"port", port}, {"tls", out->tls_}});
  return out;
}

HttpServer::~HttpServer() { Stop(); }

void HttpServer::Stop() {
  if (!impl_ || impl_->stopped) return;
  impl_->stopped = true;
  impl_->server->stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

}  // namespace schutznetz::http
