#include "services/tenant/tenant_app.h"

#include "libs/api/audit_service.h"
#include "libs/runtime/runtime.h"
#include "services/tenant/event_service.h"
#include "services/tenant/group_service.h"
#include "services/tenant/member_service.h"
#include "services/tenant/organisation_service.h"
#include "services/tenant/regional_groups.h"
#include "services/tenant/registration_service.h"

namespace schutznetz::tenant {

struct TenantApp::Services {
  Services(storage::Database& db, const config::OfficeConfig& config)
      : audit(db),
        organisations(db),
        members(db),
        groups(db),
        events(db, config.id),
        registrations(db) {}
  std::vector<grpc::Service*> All() {
    return {&audit, &organisations, &members, &groups, &events, &registrations};
  }

  api::AuditService audit;
  OrganisationService organisations;
  MemberService members;
  GroupService groups;
  EventService events;
  RegistrationService registrations;
};

TenantApp::~TenantApp() {
  if (server_) server_->Shutdown();
}

absl::StatusOr<std::unique_ptr<TenantApp>> TenantApp::Create(const config::OfficeConfig& config) {
  std::unique_ptr<TenantApp> app(new TenantApp());
  app->config_ = config;
  absl::StatusOr<std::unique_ptr<storage::Database>> db = runtime::OpenDatabase(
      config.database, "schutznetz-tenant-" + config.id, storage::SchemaRole::kTenant);
  if (!db.ok()) return db.status();
  app->db_ = *std::move(db);
  absl::StatusOr<RegionalGroupSyncReport> synced =
      SyncRegionalGroups(*app->db_, config.regional_groups);
  if (!synced.ok()) return synced.status();
  app->services_ = std::make_unique<Services>(*app->db_, config);
  return app;
}

absl::Status TenantApp::Start() {
  absl::StatusOr<std::unique_ptr<rpc::RpcServer>> server =
      rpc::RpcServer::Start(runtime::ServerOptionsFrom(config_.server), services_->All());
  if (!server.ok()) return server.status();
  server_ = *std::move(server);
  return absl::OkStatus();
}

}  // namespace schutznetz::tenant
