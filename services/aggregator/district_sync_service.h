// DistrictSyncService: for district coordination, every office's sync with the aggregator —
// last push received, last district log batch sent, what is still to be delivered, and whether
// the office is connected now.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "libs/storage/database.h"
#include "libs/storage/sync_state_repository.h"
#include "libs/sync/log_reader.h"
#include "schutznetz/v1/district_sync_service.grpc.pb.h"
#include "services/aggregator/federation_service.h"

namespace schutznetz::aggregator {

class DistrictSyncService final : public v1::DistrictSyncService::Service {
 public:
  // `offices`: the office ids of the district configuration, in its order.
  DistrictSyncService(storage::Database& db, sync::LogReader& district_log,
                      const FederationService& federation, std::vector<std::string> offices);

  grpc::Status ListOfficeSyncStatus(grpc::ServerContext* ctx,
                                    const v1::ListOfficeSyncStatusRequest* req,
                                    v1::ListOfficeSyncStatusResponse* resp) override;

 private:
  storage::Database& db_;
  sync::LogReader& district_log_;
  const FederationService& federation_;
  std::vector<std::string> offices_;
  std::unique_ptr<storage::SyncStateRepository> state_;
};

}  // namespace schutznetz::aggregator
