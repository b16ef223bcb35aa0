#include "services/aggregator/district_report.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "libs/api/report_access.h"
#include "libs/api/statistics_convert.h"
#include "libs/common/status_macros.h"
#include "libs/common/time.h"
#include "libs/report/report_builder.h"
#include "libs/rpc/proto_util.h"

namespace schutznetz::aggregator {
namespace {

using Snapshots = std::map<std::string, v1::StatisticsSnapshot>;

absl::StatusOr<Snapshots> Parse(const std::vector<storage::OfficeSnapshotRecord>& records) {
  Snapshots out;
  for (const storage::OfficeSnapshotRecord& r : records) {
    if (!out[r.office_id].ParseFromString(r.payload)) {
      return absl::InternalError(absl::StrCat("stored statistics snapshot of ", r.office_id,
                                              " is unreadable / gespeicherte Statistik unlesbar"));
    }
  }
  return out;
}

}  // namespace

DistrictReport::DistrictReport(storage::Database& db, config::DistrictConfig config, Clock clock)
    : db_(db),
      config_(std::move(config)),
      clock_(std::move(clock)),
      snapshots_(storage::NewOfficeStatisticsRepository()),
      state_(storage::NewSyncStateRepository()),
      audit_(storage::NewAuditRepository()) {}

absl::Status DistrictReport::Get(const api::Call& call, const v1::GetDistrictReportRequest& req,
                                 v1::GetDistrictReportResponse* resp) {
  SN_ASSIGN_OR_RETURN(domain::StatisticsPeriod period,
                      api::PeriodFromProto(req.period(), "period"));
  SN_ASSIGN_OR_RETURN(bool exact,
                      api::ExactReportAllowed(call, req.disclosure(),
                                              domain::Role::kDistrictCoordinator, db_, *audit_));
  const domain::StatisticsPeriod before{period.year - 1, period.quarter};
  const bool has_before = domain::ValidatePeriod(before, "").ok();

  std::vector<storage::OfficeSnapshotRecord> now_records;
  std::vector<storage::OfficeSnapshotRecord> before_records;
  std::map<std::string, storage::PeerState> peers;
  SN_RETURN_IF_ERROR(db_.Transact(
      [&](storage::Tx& tx) -> absl::Status {
        SN_ASSIGN_OR_RETURN(now_records, snapshots_->ListForPeriod(tx, period));
        if (has_before) {
          SN_ASSIGN_OR_RETURN(before_records, snapshots_->ListForPeriod(tx, before));
        }
        SN_ASSIGN_OR_RETURN(std::vector<storage::PeerState> all, state_->ListPeers(tx));
        peers.clear();
        for (storage::PeerState& p : all) peers[p.peer] = std::move(p);
        return absl::OkStatus();
      },
      {.read_only = true}));
  SN_ASSIGN_OR_RETURN(Snapshots now, Parse(now_records));
  SN_ASSIGN_OR_RETURN(Snapshots earlier, Parse(before_records));

  const absl::Time generated = clock_();
  const absl::Time period_end = domain::BoundsOf(period).end;
  report::ReportSpec spec;
  spec.title = absl::StrCat("Netzwerk Kinderschutz ", config_.name, " – Bericht ",
                            domain::PeriodLabel(period));
  spec.period = period;
  spec.exact = exact;
  spec.total_label = absl::StrCat(config_.name, " gesamt");
  spec.generated_at = generated;
  for (const config::OfficeRef& office : config_.offices) {
    report::ReportColumn c;
    c.office_id = office.id;
    c.name = office.name;
    if (auto it = peers.find(office.id); it != peers.end()) {
      c.last_contact = std::max(it->second.last_push_success, it->second.last_subscribe_success);
    }
    if (auto it = now.find(office.id); it != now.end()) c.current = it->second;
    if (auto it = earlier.find(office.id); it != earlier.end()) c.previous = it->second;
    if (c.current.has_value()) {
      const absl::Time computed = rpc::FromProto(c.current->computed_at());
      const std::string contact = c.last_contact == absl::InfinitePast()
                                      ? "noch kein Kontakt mit dem Kreis"
                                      : absl::StrCat("letzter Kontakt am ",
                                                     FormatLocalDateTime(c.last_contact));
      if (generated < period_end) {
        if (generated - c.last_contact > kStaleAfter) {
          c.stale = true;
          c.note = contact;
        }
      } else if (computed < period_end && c.last_contact < period_end + absl::Hours(1)) {
        c.stale = true;
        c.note = absl::StrCat("Zahlen vom ", FormatLocalDateTime(computed),
                              ", vor dem Ende des Zeitraums; ", contact);
      }
    }
    spec.columns.push_back(std::move(c));
  }
  *resp->mutable_report() = report::BuildReport(spec);
  return absl::OkStatus();
}

}  // namespace schutznetz::aggregator
