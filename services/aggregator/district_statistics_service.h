// DistrictStatisticsService: the offices' statistics snapshots for district coordination — per
// period the latest snapshot of every office, when it was received, and which offices have not
// sent one yet. Read only; the snapshots arrive through the sync (StatisticsSnapshotHandler).
#pragma once

#include <memory>
#include <set>
#include <string>

#include "libs/storage/database.h"
#include "libs/storage/office_statistics_repository.h"
#include "schutznetz/v1/district_statistics_service.grpc.pb.h"

namespace schutznetz::aggregator {

class DistrictStatisticsService final : public v1::DistrictStatisticsService::Service {
 public:
  // `offices`: the office ids of the district configuration.
  DistrictStatisticsService(storage::Database& db, std::set<std::string> offices);

  grpc::Status GetOfficeSnapshots(grpc::ServerContext* ctx,
                                  const v1::GetOfficeSnapshotsRequest* req,
                                  v1::GetOfficeSnapshotsResponse* resp) override;

 private:
  storage::Database& db_;
  std::set<std::string> offices_;
  std::unique_ptr<storage::OfficeStatisticsRepository> snapshots_;
};

}  // namespace schutznetz::aggregator
