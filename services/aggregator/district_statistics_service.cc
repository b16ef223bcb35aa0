#include "services/aggregator/district_statistics_service.h"

#include "libs/api/call.h"
#include "libs/api/statistics_convert.h"
#include "libs/common/status_macros.h"
#include "libs/rpc/proto_util.h"
#include "libs/rpc/status.h"

namespace schutznetz::aggregator {

DistrictStatisticsService::DistrictStatisticsService(storage::Database& db,
                                                     std::set<std::string> offices)
    : db_(db), offices_(std::move(offices)), snapshots_(storage::NewOfficeStatisticsRepository()) {}

grpc::Status DistrictStatisticsService::GetOfficeSnapshots(grpc::ServerContext* ctx,
                                                           const v1::GetOfficeSnapshotsRequest* req,
                                                           v1::GetOfficeSnapshotsResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    SN_ASSIGN_OR_RETURN(domain::StatisticsPeriod period,
                        api::PeriodFromProto(req->period(), "period"));
    SN_ASSIGN_OR_RETURN(std::vector<storage::OfficeSnapshotRecord> records,
                        db_.TransactValue<std::vector<storage::OfficeSnapshotRecord>>(
                            [&](storage::Tx& tx) { return snapshots_->ListForPeriod(tx, period); },
                            {.read_only = true}));
    api::PeriodToProto(period, resp->mutable_period());
    std::set<std::string> missing = offices_;
    for (const storage::OfficeSnapshotRecord& r : records) {
      v1::OfficeSnapshot* out = resp->add_snapshots();
      out->set_office_id(r.office_id);
      if (!out->mutable_snapshot()->ParseFromString(r.payload)) {
        return absl::InternalError("stored statistics snapshot of " + r.office_id +
                                   " is unreadable / gespeicherte Statistik unlesbar");
      }
      rpc::ToProto(r.received_at, out->mutable_received_time());
      out->set_version(r.version);
      missing.erase(r.office_id);
    }
    for (const std::string& office : missing) resp->add_offices_without_snapshot(office);
    return absl::OkStatus();
  }());
}

}  // namespace schutznetz::aggregator
