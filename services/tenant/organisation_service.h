// OrganisationService: gRPC edge for the office's member organisations.
//
// Converts between proto and domain types, validates requests, and runs each call in one
// database transaction. Business rules live in libs/domain, SQL in libs/storage.
#pragma once

#include <memory>

#include "libs/storage/audit_repository.h"
#include "libs/storage/database.h"
#include "libs/storage/organisations_repository.h"
#include "schutznetz/v1/organisation_service.grpc.pb.h"

namespace schutznetz::tenant {

class OrganisationService final : public v1::OrganisationService::Service {
 public:
  explicit OrganisationService(storage::Database& db);

  grpc::Status ListOrganisations(grpc::ServerContext* ctx, const v1::ListOrganisationsRequest* req,
                                 v1::ListOrganisationsResponse* resp) override;
  grpc::Status GetOrganisation(grpc::ServerContext* ctx, const v1::GetOrganisationRequest* req,
                               v1::GetOrganisationResponse* resp) override;
  grpc::Status CreateOrganisation(grpc::ServerContext* ctx,
                                  const v1::CreateOrganisationRequest* req,
                                  v1::CreateOrganisationResponse* resp) override;
  grpc::Status UpdateOrganisation(grpc::ServerContext* ctx,
                                  const v1::UpdateOrganisationRequest* req,
                                  v1::UpdateOrganisationResponse* resp) override;
  grpc::Status DeleteOrganisation(grpc::ServerContext* ctx,
                                  const v1::DeleteOrganisationRequest* req,
                                  v1::DeleteOrganisationResponse* resp) override;

 private:
  storage::Database& db_;
  std::unique_ptr<storage::OrganisationsRepository> repo_;
  std::unique_ptr<storage::AuditRepository> audit_;
};

}  // namespace schutznetz::tenant
