#include "services/tenant/tenant_app.h"

#include <filesystem>
#include <fstream>
#include <iterator>

#include "absl/strings/str_cat.h"
#include "libs/api/audit_service.h"
#include "libs/api/public_service.h"
#include "libs/api/token_service.h"
#include "libs/api/trail_service.h"
#include "libs/domain/pii_guard.h"
#include "libs/federation/district_event_handler.h"
#include "libs/common/log.h"
#include "libs/federation/insofa_items.h"
#include "libs/federation/items.h"
#include "libs/federation/reporting_paths_handler.h"
#include "libs/runtime/public_http.h"
#include "libs/runtime/runtime.h"
#include "services/tenant/agreement_items.h"
#include "services/tenant/agreement_service.h"
#include "services/tenant/case_conference_service.h"
#include "services/tenant/consent_service.h"
#include "services/tenant/erasure_link.h"
#include "services/tenant/data_protection_service.h"
#include "services/tenant/event_service.h"
#include "services/tenant/group_service.h"
#include "services/tenant/insofa_link.h"
#include "services/tenant/insofa_service.h"
#include "services/tenant/member_service.h"
#include "services/tenant/organisation_service.h"
#include "services/tenant/regional_groups.h"
#include "services/tenant/registration_service.h"
#include "services/tenant/representation_service.h"
#include "services/tenant/reporting_path_service.h"
#include "services/tenant/seat_handlers.h"
#include "services/tenant/statistics_service.h"
#include "services/tenant/survey_service.h"
#include "services/tenant/sync_metrics.h"

namespace schutznetz::tenant {
namespace {

// The PII guard options of the office: the default names plus those of the configured names
// file, if any. An unreadable file stops the start: running without the office's names would
// let them through silently.
absl::StatusOr<domain::PiiGuardOptions> LoadPiiGuard(const config::PiiGuardConfig& config) {
  domain::PiiGuardOptions options;
  if (config.names_file.empty()) return options;
  std::ifstream in(config.names_file, std::ios::binary);
  std::string contents;
  if (in) contents.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  std::error_code ec;
  if (!std::filesystem::is_regular_file(config.names_file, ec) || !in.is_open() || in.bad()) {
    return absl::InvalidArgumentError(
        absl::StrCat("pii_guard.names_file: cannot read ", config.names_file,
                     " / Namensliste kann nicht gelesen werden"));
  }
  options.extra_names = domain::ParsePiiNameList(contents);
  return options;
}

}  // namespace

struct TenantApp::Services {
  Services(storage::Database& db, const config::OfficeConfig& config,
           const domain::PiiGuardOptions& pii_guard, TenantSync& sync,
           StatisticsPublisher& publisher, RetentionJob& retention, ErasureLink& erasure,
           ConsentBook& consent_book)
      : sync_status(sync.service()),
        district_link(sync.outbox(), SystemClock()),
        erasure_link(erasure),
        erasure_requests(erasure_link, district_link),
        erasure_receipts(SystemClock()),
        seat_requests(district_link, SystemClock()),
        seat_cancels(district_link, SystemClock()),
        seat_decisions(district_link, SystemClock()),
        seat_resends(district_link, SystemClock()),
        audit(db),
        trail(db),
        tokens(db, domain::ServerKind::kOffice,
               {config.api_tokens.default_valid_days, config.api_tokens.max_valid_days}),
        public_calendar(db, api::NewOfficePublicEvents(), api::OfficePublicProfile(config),
                        SystemClock(), api::NewOfficePublicReportingPaths(config.id)),
        organisations(db),
        members(db, consent_book),
        consents(db, consent_book, SystemClock()),
        groups(db),
        events(db, config.id, district_link),
        registrations(db, district_link),
        case_conferences(db, config.municipalities, pii_guard),
        surveys(db, pii_guard),
        statistics(publisher, db, config.name),
        agreements(db, config.id, sync.outbox()),
        data_protection(db, retention, config.id, config.name),
        representations(db),
        insofa_link(sync.outbox(), SystemClock()),
        insofa_mirror(config.id),
        insofa(db, insofa_link, config.municipalities),
        reporting_paths(db, {config.id, config.name, config.municipalities}, sync.outbox()),
        reporting_path_mirror(config.id) {
    // District events of other offices and registrations across offices (before the agent runs).
    sync.applier().Register(federation::kDistrictEventItem, &district_events);
    sync.applier().Register(federation::kRegistrationRequestItem, &seat_requests);
    sync.applier().Register(federation::kRegistrationCancelItem, &seat_cancels);
    sync.applier().Register(federation::kRegistrationDecisionItem, &seat_decisions);
    sync.applier().Register(federation::kRegistrationResendItem, &seat_resends);
    // Erasure of registration data that reaches every office holding it.
    sync.applier().Register(federation::kErasureRequestItem, &erasure_requests);
    sync.applier().Register(federation::kErasureReceiptItem, &erasure_receipts);
    // The office's copy of the district agreements.
    sync.applier().Register(domain::kAgreementItem, &agreement_items);
    // The InsoFa pool: own entries follow their consent; the other offices' entries mirrored.
    consent_book.AddObserver(&insofa_link);
    sync.applier().Register(federation::kInsofaEntryItem, &insofa_mirror);
    // The other offices' published reporting paths.
    sync.applier().Register(federation::kReportingPathsItem, &reporting_path_mirror);
  }
  std::vector<grpc::Service*> All() {
    return {&sync_status,      &audit,   &trail,      &tokens,    &public_calendar,
            &organisations,    &members, &groups,     &events,    &registrations,
            &case_conferences, &surveys, &statistics, &agreements, &consents,
            &data_protection,  &representations, &insofa,
            &reporting_paths};
  }

  SyncService& sync_status;
  DistrictLink district_link;
  ErasureLink& erasure_link;
  ErasureRequestHandler erasure_requests;
  ErasureReceiptHandler erasure_receipts;
  federation::DistrictEventHandler district_events;
  SeatRequestHandler seat_requests;
  SeatCancelHandler seat_cancels;
  SeatDecisionHandler seat_decisions;
  SeatResendHandler seat_resends;
  api::AuditService audit;
  api::TrailService trail;
  api::TokenService tokens;
  api::PublicService public_calendar;
  OrganisationService organisations;
  MemberService members;
  ConsentService consents;
  GroupService groups;
  EventService events;
  RegistrationService registrations;
  CaseConferenceService case_conferences;
  SurveyService surveys;
  StatisticsService statistics;
  AgreementService agreements;
  DataProtectionService data_protection;
  RepresentationService representations;
  // The office's copy of the district agreements ("agreement" items from the aggregator).
  AgreementItemHandler agreement_items;
  // The district's InsoFa pool.
  InsofaLink insofa_link;
  InsofaMirrorHandler insofa_mirror;
  InsofaService insofa;
  // The office's reporting paths, and its copy of the other offices' ("reporting_paths" items).
  ReportingPathService reporting_paths;
  federation::ReportingPathsMirror reporting_path_mirror;
};

TenantApp::~TenantApp() {
  BeginShutdown();
  if (server_) server_->Shutdown();
  if (statistics_) statistics_->Stop();
  if (retention_) retention_->Stop();
  if (sync_) sync_->Stop();
  if (ops_) ops_->Stop();
}

absl::StatusOr<std::unique_ptr<TenantApp>> TenantApp::Create(const config::OfficeConfig& config) {
  std::unique_ptr<TenantApp> app(new TenantApp());
  app->config_ = config;
  absl::StatusOr<domain::PiiGuardOptions> pii_guard = LoadPiiGuard(config.pii_guard);
  if (!pii_guard.ok()) return pii_guard.status();
  absl::StatusOr<std::unique_ptr<storage::Database>> db = runtime::OpenDatabase(
      config.database, "schutznetz-tenant-" + config.id, storage::SchemaRole::kTenant);
  if (!db.ok()) return db.status();
  app->db_ = *std::move(db);
  absl::StatusOr<std::unique_ptr<runtime::Operations>> ops = runtime::Operations::Create(
      {"tenant", config.id, config.metrics, config.health}, config.database, *app->db_);
  if (!ops.ok()) return ops.status();
  app->ops_ = *std::move(ops);
  app->gate_ = std::make_unique<auth::Gate>(*app->db_, domain::ServerKind::kOffice);
  absl::StatusOr<RegionalGroupSyncReport> synced =
      SyncRegionalGroups(*app->db_, config.regional_groups);
  if (!synced.ok()) return synced.status();
  absl::StatusOr<std::unique_ptr<TenantSync>> sync = TenantSync::Create(*app->db_, config);
  if (!sync.ok()) return sync.status();
  app->sync_ = *std::move(sync);
  AddSyncMetrics(app->ops_->registry(), app->sync_->status());
  app->statistics_ = std::make_unique<StatisticsPublisher>(
      *app->db_, app->sync_->outbox(), config.id, absl::Seconds(config.statistics.interval_s));
  app->statistics_->set_min_trainings_per_year(config.duties.min_trainings_per_year);
  app->erasure_ = std::make_unique<ErasureLink>(app->sync_->outbox(), SystemClock());
  app->consents_ = std::make_unique<ConsentBook>(*app->erasure_);
  app->retention_ = std::make_unique<RetentionJob>(
      *app->db_, *app->consents_,
      domain::RetentionPolicy{config.retention.external_registrations_days,
                              config.retention.left_members_months},
      RetentionSchedule{absl::Seconds(config.retention.start_delay_seconds),
                        absl::Seconds(config.retention.interval_seconds)});
  app->services_ = std::make_unique<Services>(*app->db_, config, *pii_guard, *app->sync_,
                                              *app->statistics_, *app->retention_,
                                              *app->erasure_, *app->consents_);
  if (app->sync_->epoch().restored) {
    // Restored from a backup: the district hears the restored state of the own events and sends
    // the registrations the backup lacks again.
    absl::Status told = app->db_->Transact([&](storage::Tx& tx) {
      return app->services_->district_link.AfterRestore(tx, app->sync_->epoch().epoch);
    });
    if (!told.ok()) return told;
    log::Info("restored from a backup: own district events published again, registrations asked for",
              {{"epoch", app->sync_->epoch().epoch}});
  }
  return app;
}

absl::Status TenantApp::Start() {
  rpc::ServerOptions options = runtime::ServerOptionsFrom(config_.server);
  gate_->InstallOn(options);
  options.request_metrics = ops_->request_metrics();
  // Users authenticate with tokens; no client certificate is asked for.
  absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> credentials =
      runtime::ServerCredentialsFor(config_.tls, config_.server.insecure_dev,
                                    /*require_client_certificate=*/false);
  if (!credentials.ok()) return credentials.status();
  options.credentials = *credentials;
  absl::StatusOr<std::unique_ptr<rpc::RpcServer>> server =
      rpc::RpcServer::Start(options, services_->All());
  if (!server.ok()) return server.status();
  server_ = *std::move(server);
  absl::StatusOr<std::unique_ptr<http::HttpServer>> http = runtime::StartPublicHttp(
      config_.http, config_.tls, config_.server.insecure_dev, server_->InProcessChannel(),
      api::OfficePublicProfile(config_).network_name);
  if (!http.ok()) return http.status();
  http_ = *std::move(http);
  absl::StatusOr<std::unique_ptr<web::UiServer>> ui = web::UiServer::Start(
      {config_.ui,
       config_.tls,
       config_.server.insecure_dev,
       server_->InProcessChannel(),
       {"schutznetz.v1.SyncService", "schutznetz.v1.AuditService", "schutznetz.v1.TrailService",
        "schutznetz.v1.TokenService", "schutznetz.v1.OrganisationService",
        "schutznetz.v1.MemberService", "schutznetz.v1.GroupService", "schutznetz.v1.EventService",
        "schutznetz.v1.RegistrationService", "schutznetz.v1.CaseConferenceService",
        "schutznetz.v1.SurveyService", "schutznetz.v1.StatisticsService",
        "schutznetz.v1.AgreementService", "schutznetz.v1.ConsentService",
        "schutznetz.v1.DataProtectionService", "schutznetz.v1.RepresentationService",
        "schutznetz.v1.InsofaService", "schutznetz.v1.ReportingPathService"},
       {config_.id, config_.name, "office", config_.district.offices}});
  if (!ui.ok()) return ui.status();
  ui_ = *std::move(ui);
  if (absl::Status started = ops_->Start(); !started.ok()) return started;
  sync_->Start();
  statistics_->Start();
  retention_->Start();
  return absl::OkStatus();
}

void TenantApp::BeginShutdown() {
  if (ops_) ops_->BeginShutdown();
  StopHttp();
}

void TenantApp::StopHttp() {
  if (ui_) ui_->Stop();
  if (http_) http_->Stop();
}

}  // namespace schutznetz::tenant
