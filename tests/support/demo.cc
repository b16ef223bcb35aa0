#include "tests/support/demo.h"

#include <filesystem>
#include <map>
#include <memory>

#include "absl/strings/str_cat.h"
#include "schutznetz/v1/statistics_service.grpc.pb.h"
#include "tests/support/demo_loader.h"
#include "tests/support/district_demo_loader.h"
#include "tests/support/reporting_paths_demo_loader.h"

namespace schutznetz::testing {

absl::Status LoadDemo(LocalDistrict& d, const std::string& config_dir) {
  std::map<std::string, std::shared_ptr<grpc::Channel>> offices;
  for (const std::string& id : d.office_ids()) {
    offices[id] = d.ChannelTo(d.office(id));
    std::string file = config_dir + "/demo/" + id + ".yaml";
    if (!std::filesystem::exists(file)) continue;
    absl::Status loaded = LoadDemoData(file, offices[id]);
    if (!loaded.ok()) return loaded;
  }
  std::string district_file = config_dir + "/demo/district.yaml";
  if (std::filesystem::exists(district_file)) {
    absl::Status loaded = LoadDistrictDemoData(district_file, d.ChannelTo(d.aggregator()), offices);
    if (!loaded.ok()) return loaded;
  }
  // Reporting paths last: an agreed procedure links to a district agreement.
  for (const auto& [id, channel] : offices) {
    std::string file = config_dir + "/demo/" + id + ".yaml";
    if (!std::filesystem::exists(file)) continue;
    absl::Status loaded = LoadDemoReportingPaths(file, channel);
    if (!loaded.ok()) return loaded;
  }
  // The history just entered goes to the district now, not at the next statistics run.
  for (const auto& [id, channel] : offices) {
    auto stub = v1::StatisticsService::NewStub(channel);
    grpc::ClientContext ctx;
    v1::SendSnapshotsResponse resp;
    grpc::Status s = stub->SendSnapshots(&ctx, v1::SendSnapshotsRequest(), &resp);
    if (!s.ok()) {
      return absl::InternalError(
          absl::StrCat(id, ": statistics send failed: ", s.error_message()));
    }
  }
  return absl::OkStatus();
}

}  // namespace schutznetz::testing
