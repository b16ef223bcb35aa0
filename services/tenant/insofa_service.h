// InsofaService: gRPC edge for the district's InsoFa pool (libs/domain/insofa.h) — the office's
// entries, the search over its own and the other offices' entries, and the anonymous
// consultation counts per quarter. Sync of entries goes through InsofaLink.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "libs/common/clock.h"
#include "libs/storage/audit_repository.h"
#include "libs/storage/consents_repository.h"
#include "libs/storage/database.h"
#include "libs/storage/insofa_repository.h"
#include "libs/storage/members_repository.h"
#include "schutznetz/v1/insofa_service.grpc.pb.h"
#include "services/tenant/insofa_link.h"

namespace schutznetz::tenant {

class InsofaService final : public v1::InsofaService::Service {
 public:
  // `municipalities`: those the office serves (config::OfficeConfig::municipalities).
  InsofaService(storage::Database& db, InsofaLink& link, std::vector<std::string> municipalities);

  grpc::Status PutInsofaEntry(grpc::ServerContext* ctx, const v1::PutInsofaEntryRequest* req,
                              v1::PutInsofaEntryResponse* resp) override;
  grpc::Status RemoveInsofaEntry(grpc::ServerContext* ctx,
                                 const v1::RemoveInsofaEntryRequest* req,
                                 v1::RemoveInsofaEntryResponse* resp) override;
  grpc::Status GetInsofaEntry(grpc::ServerContext* ctx, const v1::GetInsofaEntryRequest* req,
                              v1::GetInsofaEntryResponse* resp) override;
  grpc::Status SearchInsofaPool(grpc::ServerContext* ctx, const v1::SearchInsofaPoolRequest* req,
                                v1::SearchInsofaPoolResponse* resp) override;
  grpc::Status RecordInsofaConsultations(grpc::ServerContext* ctx,
                                         const v1::RecordInsofaConsultationsRequest* req,
                                         v1::RecordInsofaConsultationsResponse* resp) override;
  grpc::Status ListInsofaConsultationCounts(grpc::ServerContext* ctx,
                                            const v1::ListInsofaConsultationCountsRequest* req,
                                            v1::ListInsofaConsultationCountsResponse* resp) override;

 private:
  storage::Database& db_;
  InsofaLink& link_;
  const std::vector<std::string> municipalities_;
  std::unique_ptr<storage::InsofaRepository> entries_;
  std::unique_ptr<storage::MembersRepository> members_;
  std::unique_ptr<storage::ConsentsRepository> consents_;
  std::unique_ptr<storage::AuditRepository> audit_;
};

}  // namespace schutznetz::tenant
