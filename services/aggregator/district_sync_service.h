// DistrictSyncService: for district coordination, every office's sync with the aggregator —
// last push received, last district log batch sent, what is still to be delivered, and whether
// the office is connected now.
#pragma once

#include "schutznetz/v1/district_sync_service.grpc.pb.h"
#include "services/aggregator/office_sync_status.h"

namespace schutznetz::aggregator {

class DistrictSyncService final : public v1::DistrictSyncService::Service {
 public:
  explicit DistrictSyncService(OfficeSyncStatusReader& status);

  grpc::Status ListOfficeSyncStatus(grpc::ServerContext* ctx,
                                    const v1::ListOfficeSyncStatusRequest* req,
                                    v1::ListOfficeSyncStatusResponse* resp) override;

 private:
  OfficeSyncStatusReader& status_;
};

}  // namespace schutznetz::aggregator
