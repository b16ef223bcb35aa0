// DistrictReport: the district report of a period (DistrictService.GetDistrictReport), built from
// the latest statistics snapshot of every office of the district and the same period a year
// earlier (libs/report).
//
// Whether an office's figures can be trusted is judged from its sync state:
//   missing  no snapshot for the period;
//   stale    for a running period: no contact with the aggregator for more than 7 days;
//            for a past period: the figures were computed before the period ended and the office
//            has not been in contact since (so a change at the end may not have arrived).
#pragma once

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "libs/api/call.h"
#include "libs/common/clock.h"
#include "libs/config/district_config.h"
#include "libs/storage/audit_repository.h"
#include "libs/storage/database.h"
#include "libs/storage/office_statistics_repository.h"
#include "libs/storage/sync_state_repository.h"
#include "schutznetz/v1/district_service.pb.h"

namespace schutznetz::aggregator {

class DistrictReport {
 public:
  // How long without contact makes a running period's figures stale.
  static constexpr absl::Duration kStaleAfter = absl::Hours(24 * 7);

  DistrictReport(storage::Database& db, config::DistrictConfig config, Clock clock = SystemClock());

  absl::Status Get(const api::Call& call, const v1::GetDistrictReportRequest& req,
                   v1::GetDistrictReportResponse* resp);

 private:
  storage::Database& db_;
  config::DistrictConfig config_;
  Clock clock_;
  std::unique_ptr<storage::OfficeStatisticsRepository> snapshots_;
  std::unique_ptr<storage::SyncStateRepository> state_;
  std::unique_ptr<storage::AuditRepository> audit_;
};

}  // namespace schutznetz::aggregator
