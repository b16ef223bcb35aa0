// SyncService: the coordinator's view of the office's sync with the district aggregator.
#pragma once

#include <string>

#include "schutznetz/v1/sync_service.grpc.pb.h"
#include "services/tenant/sync_status.h"

namespace schutznetz::tenant {

class SyncService final : public v1::SyncService::Service {
 public:
  SyncService(SyncStatusReader& status, std::string office_id, std::string aggregator_address,
              bool enabled);

  grpc::Status GetSyncStatus(grpc::ServerContext* ctx, const v1::GetSyncStatusRequest* req,
                             v1::GetSyncStatusResponse* resp) override;

 private:
  SyncStatusReader& status_;
  std::string office_id_;
  std::string aggregator_address_;
  bool enabled_;
};

}  // namespace schutznetz::tenant
