#include "tests/support/district.h"

#include <cstdlib>
#include <signal.h>
#include <sys/stat.h>

#include <filesystem>

#include <grpcpp/grpcpp.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/clock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "libs/config/district_config.h"
#include "libs/config/office_config.h"
#include "libs/rpc/bearer_token.h"
#include "libs/rpc/tls.h"
#include "tests/support/netzctl_config_file.h"

namespace schutznetz::testing {

absl::Status WaitUntilServing(const std::string& address, absl::Duration timeout,
                              std::shared_ptr<grpc::ChannelCredentials> credentials) {
  if (!credentials) credentials = grpc::InsecureChannelCredentials();
  absl::Time deadline = absl::Now() + timeout;
  std::string last = "no answer";
  while (absl::Now() < deadline) {
    // A fresh channel with its own subchannel per attempt: no reconnect backoff carried over from
    // the attempts made before the service was listening.
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    auto channel = grpc::CreateCustomChannel(address, credentials, args);
    auto stub = grpc::health::v1::Health::NewStub(channel);
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(1));
    grpc::health::v1::HealthCheckRequest req;
    grpc::health::v1::HealthCheckResponse resp;
    grpc::Status s = stub->Check(&ctx, req, &resp);
    if (s.ok() && resp.status() == grpc::health::v1::HealthCheckResponse::SERVING) {
      return absl::OkStatus();
    }
    last = s.ok() ? "NOT_SERVING" : s.error_message();
    absl::SleepFor(absl::Milliseconds(100));
  }
  return absl::DeadlineExceededError(absl::StrCat(address, " not serving: ", last));
}

absl::StatusOr<std::unique_ptr<LocalDistrict>> LocalDistrict::Start(DistrictOptions options) {
  std::unique_ptr<LocalDistrict> d(new LocalDistrict());
  d->options_ = options;
  std::filesystem::create_directories(options.log_dir);

  std::string district_file = options.config_dir + "/district.yaml";
  absl::StatusOr<config::DistrictConfig> district = config::LoadDistrictConfig(district_file);
  if (!district.ok()) return district.status();

  if (!options.insecure) {
    absl::Status made = d->MakePki(*district);
    if (!made.ok()) return made;
  }

  absl::StatusOr<std::unique_ptr<PgCluster>> cluster = PgCluster::Start(options.pg);
  if (!cluster.ok()) return cluster.status();
  d->cluster_ = *std::move(cluster);

  auto listen_for = [&](const std::string& configured) {
    if (options.config_ports) return configured;
    return absl::StrCat("127.0.0.1:", PickFreePort());
  };
  auto dial_for = [](const std::string& listen) {
    std::string port = listen.substr(listen.rfind(':') + 1);
    return absl::StrCat("localhost:", port);
  };

  DistrictService& agg = d->aggregator_;
  agg.id = "aggregator";
  agg.config_file = district_file;
  agg.database = "schutznetz_aggregator";
  std::string agg_listen = listen_for(district->aggregator.server.listen);
  agg.address = dial_for(agg_listen);
  agg.log_file = options.log_dir + "/aggregator.log";
  agg.argv = {options.build_dir + "/services/aggregator/schutznetz-aggregator", "--config",
              district_file};
  absl::StatusOr<std::string> agg_dsn = d->cluster_->CreateDatabase(agg.database);
  if (!agg_dsn.ok()) return agg_dsn.status();
  agg.env = {{"SCHUTZNETZ_DISTRICT_AGGREGATOR_DATABASE_DSN", *agg_dsn},
             {"SCHUTZNETZ_DISTRICT_AGGREGATOR_SERVER_LISTEN", agg_listen},
             {"SCHUTZNETZ_DISTRICT_AGGREGATOR_ADDRESS", agg.address}};
  if (district->aggregator.http.enabled()) {
    std::string http_listen = listen_for(district->aggregator.http.listen);
    agg.http_address = dial_for(http_listen);
    agg.env.push_back({"SCHUTZNETZ_DISTRICT_AGGREGATOR_HTTP_LISTEN", http_listen});
  }
  // Development: the web UI's files from a directory instead of the binary (ui.assets_dir).
  const char* ui_dir = std::getenv("SCHUTZNETZ_UI_ASSETS_DIR");
  if (district->aggregator.ui.enabled()) {
    std::string ui_listen = listen_for(district->aggregator.ui.listen);
    agg.ui_address = dial_for(ui_listen);
    agg.env.push_back({"SCHUTZNETZ_DISTRICT_AGGREGATOR_UI_LISTEN", ui_listen});
    if (ui_dir != nullptr) agg.env.push_back({"SCHUTZNETZ_DISTRICT_AGGREGATOR_UI_ASSETS_DIR", ui_dir});
  }
  if (district->aggregator.metrics.enabled()) {
    std::string metrics_listen = listen_for(district->aggregator.metrics.listen);
    agg.metrics_address = dial_for(metrics_listen);
    agg.env.push_back({"SCHUTZNETZ_DISTRICT_AGGREGATOR_METRICS_LISTEN", metrics_listen});
  }
  if (district->aggregator.health.enabled()) {
    std::string health_listen = listen_for(district->aggregator.health.listen);
    agg.health_address = dial_for(health_listen);
    agg.env.push_back({"SCHUTZNETZ_DISTRICT_AGGREGATOR_HEALTH_LISTEN", health_listen});
  }
  if (options.insecure) {
    agg.argv.push_back("--insecure-dev");
  } else {
    agg.env.push_back({"SCHUTZNETZ_DISTRICT_AGGREGATOR_TLS_CERT_FILE", d->pki_.dir + "/aggregator.pem"});
    agg.env.push_back({"SCHUTZNETZ_DISTRICT_AGGREGATOR_TLS_KEY_FILE", d->pki_.dir + "/aggregator.key"});
    agg.env.push_back({"SCHUTZNETZ_DISTRICT_AGGREGATOR_TLS_CA_FILE", d->pki_.ca_file});
    agg.env.push_back({"SCHUTZNETZ_DISTRICT_AGGREGATOR_TLS_CRL_FILE", d->pki_.crl_file});
  }

  for (const config::OfficeRef& ref : district->offices) {
    DistrictService s;
    s.id = ref.id;
    s.config_file = absl::StrCat(options.config_dir, "/", ref.id, ".yaml");
    s.database = absl::StrCat("schutznetz_", absl::StrReplaceAll(ref.id, {{"-", "_"}}));
    absl::StatusOr<std::string> dsn = d->cluster_->CreateDatabase(s.database);
    if (!dsn.ok()) return dsn.status();
    absl::StatusOr<config::OfficeConfig> office = config::LoadOfficeConfig(s.config_file);
    if (!office.ok()) return office.status();
    std::string listen = listen_for(office->server.listen);
    s.address = dial_for(listen);
    s.log_file = absl::StrCat(options.log_dir, "/", ref.id, ".log");
    s.argv = {options.build_dir + "/services/tenant/schutznetz-tenant", "--config", s.config_file};
    s.env = {{"SCHUTZNETZ_DATABASE_DSN", *dsn},
             {"SCHUTZNETZ_DISTRICT_AGGREGATOR_ADDRESS", agg.address},
             {"SCHUTZNETZ_SERVER_LISTEN", listen}};
    if (office->http.enabled()) {
      std::string http_listen = listen_for(office->http.listen);
      s.http_address = dial_for(http_listen);
      s.env.push_back({"SCHUTZNETZ_HTTP_LISTEN", http_listen});
    }
    if (office->ui.enabled()) {
      std::string ui_listen = listen_for(office->ui.listen);
      s.ui_address = dial_for(ui_listen);
      s.env.push_back({"SCHUTZNETZ_UI_LISTEN", ui_listen});
      if (ui_dir != nullptr) s.env.push_back({"SCHUTZNETZ_UI_ASSETS_DIR", ui_dir});
    }
    if (office->metrics.enabled()) {
      std::string metrics_listen = listen_for(office->metrics.listen);
      s.metrics_address = dial_for(metrics_listen);
      s.env.push_back({"SCHUTZNETZ_METRICS_LISTEN", metrics_listen});
    }
    if (office->health.enabled()) {
      std::string health_listen = listen_for(office->health.listen);
      s.health_address = dial_for(health_listen);
      s.env.push_back({"SCHUTZNETZ_HEALTH_LISTEN", health_listen});
    }
    if (options.insecure) {
      s.argv.push_back("--insecure-dev");
    } else {
      s.env.push_back({"SCHUTZNETZ_TLS_CERT_FILE", d->pki_.OfficeCert(ref.id)});
      s.env.push_back({"SCHUTZNETZ_TLS_KEY_FILE", d->pki_.OfficeKey(ref.id)});
      s.env.push_back({"SCHUTZNETZ_TLS_CA_FILE", d->pki_.ca_file});
    }
    s.env.insert(s.env.end(), options.office_env.begin(), options.office_env.end());
    d->office_order_.push_back(ref.id);
    d->offices_.emplace(ref.id, std::move(s));
  }

  // Start everything, then wait for each: the services start in parallel.
  absl::Status launched = d->Launch(agg);
  for (auto& [id, s] : d->offices_) {
    if (launched.ok()) launched = d->Launch(s);
  }
  if (!launched.ok()) return launched;
  std::vector<DistrictService*> all = {&agg};
  for (auto& [id, s] : d->offices_) all.push_back(&s);
  for (DistrictService* s : all) {
    absl::Status serving =
        WaitUntilServing(s->address, options.start_timeout, d->ClientCredentials());
    if (!serving.ok()) {
      return absl::UnavailableError(
          absl::StrCat(s->id, ": ", serving.message(), " (log: ", s->log_file, ")"));
    }
  }
  absl::Status tokens = d->BootstrapTokens();
  if (!tokens.ok()) return tokens;
  return d;
}

absl::StatusOr<std::string> LocalDistrict::CreateToken(const DistrictService& s,
                                                       const std::string& role,
                                                       const std::string& label) {
  ProcessOptions o;
  o.argv = {s.argv.at(0), "admin", "create-token", "--config", s.config_file,
            "--role",     role,    "--label",      label};
  o.env = s.env;
  std::string output;
  absl::StatusOr<int> code = RunCommand(o, absl::Seconds(60), &output);
  if (!code.ok()) return code.status();
  if (*code != 0) {
    return absl::InternalError(absl::StrCat(s.id, ": admin create-token failed: ", output));
  }
  // The secret is the last line the command prints.
  size_t start = output.rfind("snz_");
  if (start == std::string::npos) {
    return absl::InternalError(absl::StrCat(s.id, ": no secret in: ", output));
  }
  size_t end = output.find('\n', start);
  return output.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

absl::Status LocalDistrict::BootstrapTokens() {
  absl::StatusOr<std::string> secret =
      CreateToken(aggregator_, "district-coordinator", "Kreiskoordination");
  if (!secret.ok()) return secret.status();
  aggregator_.token = *secret;
  std::map<std::string, std::string> by_address = {{aggregator_.address, aggregator_.token}};
  for (auto& [id, s] : offices_) {
    secret = CreateToken(s, "coordinator", "Netzwerkkoordination");
    if (!secret.ok()) return secret.status();
    s.token = *secret;
    by_address[s.address] = s.token;
  }
  netzctl_config_ = options_.log_dir + "/netzctl.yaml";
  return WriteNetzctlConfig(netzctl_config_, by_address);
}

absl::Status LocalDistrict::MakePki(const config::DistrictConfig& district) {
  pki_.dir = options_.log_dir + "/pki";
  pki_.ca_file = pki_.dir + "/ca.pem";
  pki_.crl_file = pki_.dir + "/crl.pem";
  pki_.client_cert_file = pki_.dir + "/client-district-coordination.pem";
  pki_.client_key_file = pki_.dir + "/client-district-coordination.key";
  ProcessOptions o;
  o.argv = {options_.dev_ca.empty() ? options_.config_dir + "/../../scripts/dev-ca"
                                    : options_.dev_ca,
            "district", pki_.dir, district.id};
  for (const config::OfficeRef& ref : district.offices) o.argv.push_back(ref.id);
  std::string output;
  absl::StatusOr<int> rc = RunCommand(o, absl::Seconds(60), &output);
  if (!rc.ok()) return rc.status();
  if (*rc != 0) return absl::InternalError("scripts/dev-ca failed: " + output);
  return absl::OkStatus();
}

std::string LocalDistrict::HttpBase(const DistrictService& service) const {
  if (service.http_address.empty()) return "";
  return absl::StrCat(options_.insecure ? "http://" : "https://", service.http_address);
}

std::string LocalDistrict::UiBase(const DistrictService& service) const {
  if (service.ui_address.empty()) return "";
  return absl::StrCat(options_.insecure ? "http://" : "https://", service.ui_address);
}

std::string LocalDistrict::MetricsUrl(const DistrictService& service) {
  if (service.metrics_address.empty()) return "";
  return absl::StrCat("http://", service.metrics_address, "/metrics");
}

std::shared_ptr<grpc::ChannelCredentials> LocalDistrict::ClientCredentials() const {
  if (options_.insecure) return grpc::InsecureChannelCredentials();
  absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> credentials =
      rpc::TlsChannelCredentials({pki_.client_cert_file, pki_.client_key_file, pki_.ca_file});
  // The files were just made; unreadable ones fail every call with a clear TLS error instead.
  return credentials.ok() ? *credentials : grpc::InsecureChannelCredentials();
}

std::shared_ptr<grpc::Channel> LocalDistrict::ChannelTo(const DistrictService& service) const {
  return ChannelTo(service, service.token);
}

std::shared_ptr<grpc::Channel> LocalDistrict::ChannelTo(const DistrictService& service,
                                                        const std::string& token) const {
  if (token.empty()) return grpc::CreateChannel(service.address, ClientCredentials());
  return rpc::CreateChannelWithToken(service.address, token, grpc::ChannelArguments(),
                                     ClientCredentials());
}

std::vector<std::pair<std::string, std::string>> LocalDistrict::NetzctlEnvironment() const {
  std::vector<std::pair<std::string, std::string>> env;
  if (options_.insecure) {
    env = {{"SCHUTZNETZ_CA_FILE", ""}, {"SCHUTZNETZ_CERT_FILE", ""}, {"SCHUTZNETZ_KEY_FILE", ""}};
  } else {
    env = {{"SCHUTZNETZ_CA_FILE", pki_.ca_file},
           {"SCHUTZNETZ_CERT_FILE", pki_.client_cert_file},
           {"SCHUTZNETZ_KEY_FILE", pki_.client_key_file}};
  }
  env.push_back({"SCHUTZNETZ_NETZCTL_CONFIG", netzctl_config_});
  return env;
}

void LocalDistrict::ExportNetzctlEnvironment() const {
  for (const auto& [name, value] : NetzctlEnvironment()) {
    if (value.empty()) {
      unsetenv(name.c_str());
    } else {
      setenv(name.c_str(), value.c_str(), 1);
    }
  }
}

LocalDistrict::~LocalDistrict() {
  for (auto& [id, s] : offices_) {
    if (s.process && s.process->Running()) (void)StopService(s, SIGTERM, absl::Seconds(10));
  }
  if (aggregator_.process && aggregator_.process->Running()) {
    (void)StopService(aggregator_, SIGTERM, absl::Seconds(10));
  }
}

DistrictService& LocalDistrict::office(const std::string& id) { return offices_.at(id); }

std::vector<std::string> LocalDistrict::office_ids() const { return office_order_; }

absl::Status LocalDistrict::Launch(DistrictService& s) {
  ProcessOptions o;
  o.argv = s.argv;
  o.env = s.env;
  o.log_file = s.log_file;
  absl::StatusOr<std::unique_ptr<Process>> p = Process::Start(o);
  if (!p.ok()) return p.status();
  s.process = *std::move(p);
  return absl::OkStatus();
}

absl::Status LocalDistrict::StartService(DistrictService& s) {
  absl::Status launched = Launch(s);
  if (!launched.ok()) return launched;
  absl::Status serving = WaitUntilServing(s.address, options_.start_timeout, ClientCredentials());
  if (!serving.ok()) {
    return absl::UnavailableError(
        absl::StrCat(s.id, ": ", serving.message(), " (log: ", s.log_file, ")"));
  }
  return absl::OkStatus();
}

absl::StatusOr<int> LocalDistrict::StopService(DistrictService& s, int signal,
                                               absl::Duration timeout) {
  if (!s.process) return absl::FailedPreconditionError(s.id + " is not running");
  absl::Status sent = s.process->Signal(signal);
  if (!sent.ok()) return sent;
  absl::StatusOr<int> code = s.process->Wait(timeout);
  if (!code.ok()) {
    (void)s.process->Signal(SIGKILL);
    (void)s.process->Wait(absl::Seconds(5));
  }
  s.process.reset();
  return code;
}

}  // namespace schutznetz::testing
