#include "services/aggregator/aggregator_app.h"

#include <set>

#include "libs/api/audit_service.h"
#include "libs/api/public_service.h"
#include "libs/api/token_service.h"
#include "libs/api/trail_service.h"
#include "libs/common/log.h"
#include "libs/domain/statistics.h"
#include "libs/domain/sync_item.h"
#include "libs/federation/district_event_handler.h"
#include "libs/federation/insofa_items.h"
#include "libs/federation/items.h"
#include "libs/federation/reporting_paths_handler.h"
#include "libs/runtime/public_http.h"
#include "libs/runtime/runtime.h"
#include "libs/storage/sync_state_repository.h"
#include "libs/sync/applier.h"
#include "libs/sync/log_reader.h"
#include "libs/sync/outbox.h"
#include "libs/sync/receiver.h"
#include "libs/sync/signal.h"
#include "services/aggregator/agreement_items.h"
#include "services/aggregator/agreement_publisher.h"
#include "services/aggregator/district_service.h"
#include "services/aggregator/district_statistics_service.h"
#include "services/aggregator/district_sync_service.h"
#include "services/aggregator/federation_service.h"
#include "services/aggregator/insofa_relay.h"
#include "services/aggregator/office_sync_metrics.h"
#include "services/aggregator/registration_routing.h"
#include "services/aggregator/statistics_snapshot_handler.h"

namespace schutznetz::aggregator {

struct AggregatorApp::Services {
  Services(storage::Database& db, const config::DistrictConfig& config, const std::string& epoch)
      : relay(domain::kAggregatorOrigin, &log_changed),
        receiver(db, applier, relay,
                 {config.aggregator.receiver.max_batch_items,
                  config.aggregator.receiver.max_batch_bytes}),
        district_log(db, epoch),
        identity(config.id, OfficeIds(config), !config.aggregator.server.insecure_dev,
                 config.aggregator.tls.ca_file, config.aggregator.tls.crl_file),
        federation(db, receiver, district_log, log_changed, identity),
        sync_status(db, district_log, federation, OfficeOrder(config)),
        district_sync(sync_status),
        audit(db),
        trail(db),
        tokens(db, domain::ServerKind::kDistrict,
               {config.aggregator.api_tokens.default_valid_days,
                config.aggregator.api_tokens.max_valid_days}),
        agreements(relay),
        ratifications(agreements),
        district(db, agreements, AgreementRulesFrom(config), config),
        statistics(db, OfficeIds(config)),
        public_calendar(db, api::NewDistrictPublicEvents(), api::DistrictPublicProfile(config)),
        held_retrier(receiver, absl::Seconds(2)) {
    applier.Register(domain::kRatificationItem, &ratifications);
    applier.Register(domain::kAgreementProposalItem, &proposals);
    applier.Register(domain::kStatisticsSnapshotItemType, &statistics_snapshots);
    // The registry of district events, and the routes of registrations between offices.
    applier.Register(federation::kDistrictEventItem, &district_events);
    applier.Register(federation::kRegistrationRequestItem, &registration_routing);
    applier.Register(federation::kRegistrationCancelItem, &registration_routing);
    applier.Register(federation::kRegistrationDecisionItem, &registration_routing);
    applier.Register(federation::kErasureRequestItem, &registration_routing);
    applier.Register(federation::kErasureReceiptItem, &registration_routing);
    applier.Register(federation::kRegistrationResendItem, &registration_routing);
    // The InsoFa pool: entries relayed to every office, older versions' data dropped on a tombstone.
    applier.Register(federation::kInsofaEntryItem, &insofa_relay);
    // Offices' reporting paths: checked, then relayed to every office.
    applier.Register(federation::kReportingPathsItem, &reporting_paths);
  }
  std::vector<grpc::Service*> All() {
    return {&federation, &district_sync, &district,   &audit,
            &trail,      &tokens,        &statistics, &public_calendar};
  }

  static std::set<std::string> OfficeIds(const config::DistrictConfig& config) {
    std::set<std::string> ids;
    for (const config::OfficeRef& o : config.offices) ids.insert(o.id);
    return ids;
  }
  static std::vector<std::string> OfficeOrder(const config::DistrictConfig& config) {
    std::vector<std::string> ids;
    for (const config::OfficeRef& o : config.offices) ids.push_back(o.id);
    return ids;
  }

  // The district log: the aggregator's own items and the office items it relays.
  sync::Signal log_changed;
  federation::DistrictEventHandler district_events;
  RegistrationRouting registration_routing;
  InsofaRelay insofa_relay;
  federation::ReportingPathsCheck reporting_paths;
  sync::Outbox relay;
  // Item handlers before the applier that refers to them.
  StatisticsSnapshotHandler statistics_snapshots;
  sync::Applier applier;
  sync::Receiver receiver;
  sync::LogReader district_log;
  OfficeIdentity identity;
  FederationService federation;
  // Every office's sync, for DistrictSyncService and the metrics.
  OfficeSyncStatusReader sync_status;
  DistrictSyncService district_sync;
  api::AuditService audit;
  api::TrailService trail;
  api::TokenService tokens;
  // District agreements: changes go to every office through the district log.
  AgreementPublisher agreements;
  RatificationHandler ratifications;
  AgreementProposalHandler proposals;
  DistrictService district;
  DistrictStatisticsService statistics;
  // The district's public calendar (from the registry of district events) and contacts.
  api::PublicService public_calendar;
  // A held item whose dependency arrived in a concurrent batch gets another try.
  sync::HeldRetrier held_retrier;
};

AggregatorApp::~AggregatorApp() {
  BeginShutdown();
  if (services_) services_->federation.Shutdown();
  if (server_) server_->Shutdown();
  if (ops_) ops_->Stop();
}

absl::StatusOr<std::unique_ptr<AggregatorApp>> AggregatorApp::Create(
    const config::DistrictConfig& config) {
  std::unique_ptr<AggregatorApp> app(new AggregatorApp());
  app->config_ = config;
  absl::StatusOr<std::unique_ptr<storage::Database>> db =
      runtime::OpenDatabase(config.aggregator.database, "schutznetz-aggregator-" + config.id,
                            storage::SchemaRole::kAggregator);
  if (!db.ok()) return db.status();
  app->db_ = *std::move(db);
  absl::StatusOr<std::unique_ptr<runtime::Operations>> ops = runtime::Operations::Create(
      {"aggregator", config.id, config.aggregator.metrics, config.aggregator.health},
      config.aggregator.database, *app->db_);
  if (!ops.ok()) return ops.status();
  app->ops_ = *std::move(ops);
  app->gate_ = std::make_unique<auth::Gate>(*app->db_, domain::ServerKind::kDistrict);
  auto state = storage::NewSyncStateRepository();
  absl::StatusOr<storage::EpochInfo> epoch = app->db_->TransactValue<storage::EpochInfo>(
      [&](storage::Tx& tx) { return state->EnsureEpoch(tx); });
  if (!epoch.ok()) return epoch.status();
  if (epoch->renewed) log::Info("sync epoch renewed", {{"epoch", epoch->epoch}});
  app->services_ = std::make_unique<Services>(*app->db_, config, epoch->epoch);
  AddOfficeSyncMetrics(app->ops_->registry(), app->services_->sync_status);
  return app;
}

sync::Receiver& AggregatorApp::receiver() { return services_->receiver; }

absl::Status AggregatorApp::Start() {
  rpc::ServerOptions options = runtime::ServerOptionsFrom(config_.aggregator.server);
  gate_->InstallOn(options);
  options.request_metrics = ops_->request_metrics();
  // Every caller — office or district coordination — presents a certificate of the district CA.
  absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> credentials =
      runtime::ServerCredentialsFor(config_.aggregator.tls, config_.aggregator.server.insecure_dev,
                                    /*require_client_certificate=*/true);
  if (!credentials.ok()) return credentials.status();
  options.credentials = *credentials;
  absl::StatusOr<std::unique_ptr<rpc::RpcServer>> server =
      rpc::RpcServer::Start(options, services_->All());
  if (!server.ok()) return server.status();
  server_ = *std::move(server);
  absl::StatusOr<std::unique_ptr<http::HttpServer>> http = runtime::StartPublicHttp(
      config_.aggregator.http, config_.aggregator.tls, config_.aggregator.server.insecure_dev,
      server_->InProcessChannel(), api::DistrictPublicProfile(config_).network_name);
  if (!http.ok()) return http.status();
  http_ = *std::move(http);
  absl::StatusOr<std::unique_ptr<web::UiServer>> ui = web::UiServer::Start(
      {config_.aggregator.ui,
       config_.aggregator.tls,
       config_.aggregator.server.insecure_dev,
       server_->InProcessChannel(),
       {"schutznetz.v1.DistrictService", "schutznetz.v1.DistrictSyncService",
        "schutznetz.v1.DistrictStatisticsService", "schutznetz.v1.AuditService",
        "schutznetz.v1.TrailService", "schutznetz.v1.TokenService"},
       {config_.id, config_.name, "district", config_.offices}});
  if (!ui.ok()) return ui.status();
  ui_ = *std::move(ui);
  return ops_->Start();
}

void AggregatorApp::BeginShutdown() {
  if (ops_) ops_->BeginShutdown();
  StopHttp();
}

void AggregatorApp::StopHttp() {
  if (ui_) ui_->Stop();
  if (http_) http_->Stop();
}

}  // namespace schutznetz::aggregator
