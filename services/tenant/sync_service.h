// SyncService: the coordinator's view of the office's sync with the district aggregator.
#pragma once

#include <memory>
#include <string>

#include "libs/storage/database.h"
#include "libs/storage/sync_state_repository.h"
#include "libs/sync/log_reader.h"
#include "schutznetz/v1/sync_service.grpc.pb.h"

namespace schutznetz::tenant {

class SyncService final : public v1::SyncService::Service {
 public:
  SyncService(storage::Database& db, sync::LogReader& own_log, std::string office_id,
              std::string aggregator_address, bool enabled);

  grpc::Status GetSyncStatus(grpc::ServerContext* ctx, const v1::GetSyncStatusRequest* req,
                             v1::GetSyncStatusResponse* resp) override;

 private:
  storage::Database& db_;
  sync::LogReader& own_log_;
  std::string office_id_;
  std::string aggregator_address_;
  bool enabled_;
  std::unique_ptr<storage::SyncStateRepository> state_;
};

}  // namespace schutznetz::tenant
