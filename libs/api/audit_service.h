// AuditService: read access to a service's audit log (tenant and aggregator alike).
#pragma once

#include <memory>

#include "libs/storage/audit_repository.h"
#include "libs/storage/database.h"
#include "schutznetz/v1/audit_service.grpc.pb.h"

namespace schutznetz::api {

class AuditService final : public v1::AuditService::Service {
 public:
  explicit AuditService(storage::Database& db);

  grpc::Status ListAuditEntries(grpc::ServerContext* ctx, const v1::ListAuditEntriesRequest* req,
                                v1::ListAuditEntriesResponse* resp) override;

 private:
  storage::Database& db_;
  std::unique_ptr<storage::AuditRepository> repo_;
};

}  // namespace schutznetz::api
