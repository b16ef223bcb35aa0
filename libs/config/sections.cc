#include "libs/config/sections.h"

#include <algorithm>

#include "absl/strings/numbers.h"

namespace schutznetz::config {

DatabaseConfig ReadDatabase(ConfigReader r) {
  DatabaseConfig c;
  c.dsn = r.String("dsn", Need::kRequired);
  c.pool_size = r.Int("pool_size", Need::kOptional, c.pool_size, 1, 256);
  c.statement_timeout_ms =
      r.Int("statement_timeout_ms", Need::kOptional, c.statement_timeout_ms, 100, 600000);
  r.Finish();
  return c;
}

namespace {

std::string ReadListen(ConfigReader& r, const char* example) {
  std::string listen = r.String("listen", Need::kOptional);
  if (!listen.empty() && !IsListenAddress(listen)) {
    r.Error("listen", std::string("must be host:port, e.g. ") + example);
  }
  return listen;
}

}  // namespace

MetricsConfig ReadMetrics(ConfigReader r) {
  MetricsConfig c;
  c.listen = ReadListen(r, "0.0.0.0:7302");
  r.Finish();
  return c;
}

HealthConfig ReadHealth(ConfigReader r) {
  HealthConfig c;
  c.listen = ReadListen(r, "0.0.0.0:7402");
  r.Finish();
  return c;
}

void CheckDistinctListens(ConfigReader& r,
                          const std::vector<std::pair<std::string, std::string>>& addresses) {
  for (size_t i = 0; i < addresses.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (!addresses[i].second.empty() && addresses[i].second == addresses[j].second) {
        r.Error(addresses[i].first, "listens on the same address as " + addresses[j].first +
                                        " / gleiche Adresse wie " + addresses[j].first);
      }
    }
  }
}

ApiTokensConfig ReadApiTokens(ConfigReader r) {
  ApiTokensConfig c;
  c.max_valid_days = r.Int("max_valid_days", Need::kOptional, c.max_valid_days, 1, 3650);
  c.default_valid_days = r.Int("default_valid_days", Need::kOptional,
                               std::min(c.default_valid_days, c.max_valid_days), 1, 3650);
  if (c.default_valid_days > c.max_valid_days) {
    r.Error("default_valid_days", "must not exceed max_valid_days");
  }
  r.Finish();
  return c;
}

SyncConfig ReadSync(ConfigReader r) {
  SyncConfig c;
  c.enabled = r.Bool("enabled", c.enabled);
  c.batch_items = r.Int("batch_items", Need::kOptional, c.batch_items, 1, 5000);
  c.poll_interval_ms = r.Int("poll_interval_ms", Need::kOptional, c.poll_interval_ms, 10, 600000);
  c.call_deadline_ms = r.Int("call_deadline_ms", Need::kOptional, c.call_deadline_ms, 100, 600000);
  c.backoff_max_ms = r.Int("backoff_max_ms", Need::kOptional, c.backoff_max_ms, 100, 3600000);
  r.Finish();
  return c;
}

ReceiverConfig ReadReceiver(ConfigReader r) {
  ReceiverConfig c;
  c.max_batch_items = r.Int("max_batch_items", Need::kOptional, c.max_batch_items, 1, 100000);
  c.max_batch_bytes =
      r.Int("max_batch_bytes", Need::kOptional, c.max_batch_bytes, 1024, 64 * 1024 * 1024);
  r.Finish();
  return c;
}

TlsConfig ReadTls(ConfigReader r, const std::string& config_file, bool allow_crl) {
  TlsConfig c;
  auto path = [&](const char* key) {
    std::string value = r.String(key, Need::kOptional);
    return value.empty() ? value : ResolveRelative(config_file, value);
  };
  c.cert_file = path("cert_file");
  c.key_file = path("key_file");
  c.ca_file = path("ca_file");
  if (allow_crl) c.crl_file = path("crl_file");
  bool any = !c.cert_file.empty() || !c.key_file.empty() || !c.ca_file.empty();
  if (any) {
    for (const auto& [key, value] : {std::pair<const char*, const std::string&>{"cert_file", c.cert_file},
                                     {"key_file", c.key_file},
                                     {"ca_file", c.ca_file}}) {
      if (value.empty()) r.Error(key, "required when TLS is configured / bei TLS erforderlich");
    }
  }
  r.Finish();
  return c;
}

ServerConfig ReadServer(ConfigReader r) {
  ServerConfig c;
  c.listen = r.String("listen", Need::kRequired);
  if (!c.listen.empty() && !IsListenAddress(c.listen)) {
    r.Error("listen", "must be host:port, e.g. 0.0.0.0:7101");
  }
  c.threads = r.Int("threads", Need::kOptional, c.threads, 2, 1024);
  c.shutdown_grace_ms =
      r.Int("shutdown_grace_ms", Need::kOptional, c.shutdown_grace_ms, 0, 600000);
  r.Finish();
  return c;
}

LoggingConfig ReadLogging(ConfigReader r) {
  LoggingConfig c;
  c.level = r.String("level", Need::kOptional, c.level);
  if (c.level != "debug" && c.level != "info" && c.level != "warning" && c.level != "error") {
    r.Error("level", "must be one of debug, info, warning, error");
  }
  r.Finish();
  return c;
}

bool IsSlug(const std::string& v) {
  if (v.empty() || v.size() > 63 || !(v[0] >= 'a' && v[0] <= 'z')) return false;
  for (char c : v) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return v.back() != '-';
}

bool IsListenAddress(const std::string& v) {
  size_t colon = v.rfind(':');
  if (colon == std::string::npos || colon == 0) return false;
  int port;
  if (!absl::SimpleAtoi(v.substr(colon + 1), &port)) return false;
  return port >= 1 && port <= 65535;
}

}  // namespace schutznetz::config
