// StatisticsService: gRPC edge for the office's own statistics (counts only): the current figures
// of a period for the coordinator, and sending changed snapshots to the district aggregator now.
// The work is done by the StatisticsPublisher that also runs in the background.
#pragma once

#include "schutznetz/v1/statistics_service.grpc.pb.h"
#include "services/tenant/statistics_publisher.h"

namespace schutznetz::tenant {

class StatisticsService final : public v1::StatisticsService::Service {
 public:
  // `publisher` must outlive the service.
  explicit StatisticsService(StatisticsPublisher& publisher);

  grpc::Status ComputeSnapshot(grpc::ServerContext* ctx, const v1::ComputeSnapshotRequest* req,
                               v1::ComputeSnapshotResponse* resp) override;
  grpc::Status SendSnapshots(grpc::ServerContext* ctx, const v1::SendSnapshotsRequest* req,
                             v1::SendSnapshotsResponse* resp) override;

 private:
  StatisticsPublisher& publisher_;
};

}  // namespace schutznetz::tenant
