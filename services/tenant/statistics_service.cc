#include "services/tenant/statistics_service.h"

#include "absl/strings/str_cat.h"
#include "libs/api/call.h"
#include "libs/api/report_access.h"
#include "libs/report/report_builder.h"
#include "libs/api/statistics_convert.h"
#include "libs/common/status_macros.h"
#include "libs/rpc/proto_util.h"
#include "libs/rpc/status.h"

namespace schutznetz::tenant {

StatisticsService::StatisticsService(StatisticsPublisher& publisher, storage::Database& db,
                                     std::string office_name, Clock clock)
    : publisher_(publisher),
      db_(db),
      office_name_(std::move(office_name)),
      clock_(std::move(clock)),
      audit_(storage::NewAuditRepository()) {}

grpc::Status StatisticsService::ComputeSnapshot(grpc::ServerContext* ctx,
                                                const v1::ComputeSnapshotRequest* req,
                                                v1::ComputeSnapshotResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    SN_ASSIGN_OR_RETURN(domain::StatisticsPeriod period,
                        api::PeriodFromProto(req->period(), "period"));
    SN_ASSIGN_OR_RETURN(CurrentSnapshot current, publisher_.Compute(period));
    *resp->mutable_snapshot() = std::move(current.snapshot);
    resp->set_content_hash(current.content_hash);
    if (current.last_sent) {
      rpc::ToProto(current.last_sent->sent_time, resp->mutable_last_sent_time());
      resp->set_sent_up_to_date(current.last_sent->content_hash == current.content_hash);
    }
    return absl::OkStatus();
  }());
}

grpc::Status StatisticsService::SendSnapshots(grpc::ServerContext* ctx,
                                              const v1::SendSnapshotsRequest*,
                                              v1::SendSnapshotsResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    SN_ASSIGN_OR_RETURN(std::vector<PublishResult> results,
                        publisher_.PublishOnce({call.actor(), call.method()}));
    for (const PublishResult& r : results) {
      v1::SentSnapshot* out = resp->add_periods();
      api::PeriodToProto(r.period, out->mutable_period());
      out->set_sent(r.sent);
      out->set_version(r.version);
      out->set_content_hash(r.content_hash);
    }
    return absl::OkStatus();
  }());
}

grpc::Status StatisticsService::GetOfficeReport(grpc::ServerContext* ctx,
                                                const v1::GetOfficeReportRequest* req,
                                                v1::GetOfficeReportResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    SN_ASSIGN_OR_RETURN(domain::StatisticsPeriod period,
                        api::PeriodFromProto(req->period(), "period"));
    SN_ASSIGN_OR_RETURN(bool exact, api::ExactReportAllowed(call, req->disclosure(),
                                                            domain::Role::kCoordinator, db_,
                                                            *audit_));
    report::ReportSpec spec;
    spec.title = absl::StrCat("Netzwerk Kinderschutz – ", office_name_, " – Bericht ",
                              domain::PeriodLabel(period));
    spec.period = period;
    spec.exact = exact;
    spec.generated_at = clock_();
    report::ReportColumn column;
    column.office_id = publisher_.office_id();
    column.name = office_name_;
    SN_ASSIGN_OR_RETURN(CurrentSnapshot current, publisher_.Compute(period));
    column.current = std::move(current.snapshot);
    domain::StatisticsPeriod before{period.year - 1, period.quarter};
    if (domain::ValidatePeriod(before, "").ok()) {
      SN_ASSIGN_OR_RETURN(CurrentSnapshot previous, publisher_.Compute(before));
      column.previous = std::move(previous.snapshot);
    }
    spec.columns.push_back(std::move(column));
    *resp->mutable_report() = report::BuildReport(spec);
    return absl::OkStatus();
  }());
}

}  // namespace schutznetz::tenant
