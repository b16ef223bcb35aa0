// RepresentationService: gRPC edge for the network's representations in other networks and
// working groups and the reports of the meetings attended (§ 9 LKSG NRW: information transfer).
// Every change is audited with ids only.
#pragma once

#include <memory>

#include "libs/storage/audit_repository.h"
#include "libs/storage/database.h"
#include "libs/storage/representations_repository.h"
#include "schutznetz/v1/representation_service.grpc.pb.h"

namespace schutznetz::tenant {

class RepresentationService final : public v1::RepresentationService::Service {
 public:
  explicit RepresentationService(storage::Database& db);

  grpc::Status CreateRepresentation(grpc::ServerContext* ctx,
                                    const v1::CreateRepresentationRequest* req,
                                    v1::CreateRepresentationResponse* resp) override;
  grpc::Status ListRepresentations(grpc::ServerContext* ctx,
                                   const v1::ListRepresentationsRequest* req,
                                   v1::ListRepresentationsResponse* resp) override;
  grpc::Status EndRepresentation(grpc::ServerContext* ctx, const v1::EndRepresentationRequest* req,
                                 v1::EndRepresentationResponse* resp) override;
  grpc::Status AddRepresentationReport(grpc::ServerContext* ctx,
                                       const v1::AddRepresentationReportRequest* req,
                                       v1::AddRepresentationReportResponse* resp) override;
  grpc::Status ListRepresentationReports(grpc::ServerContext* ctx,
                                         const v1::ListRepresentationReportsRequest* req,
                                         v1::ListRepresentationReportsResponse* resp) override;

 private:
  storage::Database& db_;
  std::unique_ptr<storage::RepresentationsRepository> representations_;
  std::unique_ptr<storage::AuditRepository> audit_;
};

}  // namespace schutznetz::tenant
