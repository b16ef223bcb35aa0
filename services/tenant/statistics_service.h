// StatisticsService: gRPC edge for the office's own statistics (counts only): the current figures
// of a period for the coordinator, and sending changed snapshots to the district aggregator now.
// The work is done by the StatisticsPublisher that also runs in the background. The office's
// report for its committee is built from the same figures (libs/report).
#pragma once

#include <memory>
#include <string>

#include "libs/common/clock.h"
#include "libs/storage/audit_repository.h"
#include "libs/storage/database.h"
#include "schutznetz/v1/statistics_service.grpc.pb.h"
#include "services/tenant/statistics_publisher.h"

namespace schutznetz::tenant {

class StatisticsService final : public v1::StatisticsService::Service {
 public:
  // `publisher` and `db` must outlive the service; `office_name` heads the office's report.
  StatisticsService(StatisticsPublisher& publisher, storage::Database& db, std::string office_name,
                    Clock clock = SystemClock());

  grpc::Status ComputeSnapshot(grpc::ServerContext* ctx, const v1::ComputeSnapshotRequest* req,
                               v1::ComputeSnapshotResponse* resp) override;
  grpc::Status SendSnapshots(grpc::ServerContext* ctx, const v1::SendSnapshotsRequest* req,
                             v1::SendSnapshotsResponse* resp) override;
  grpc::Status GetOfficeReport(grpc::ServerContext* ctx, const v1::GetOfficeReportRequest* req,
                               v1::GetOfficeReportResponse* resp) override;

 private:
  StatisticsPublisher& publisher_;
  storage::Database& db_;
  std::string office_name_;
  Clock clock_;
  std::unique_ptr<storage::AuditRepository> audit_;
};

}  // namespace schutznetz::tenant
