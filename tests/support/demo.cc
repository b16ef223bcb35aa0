#include "tests/support/demo.h"

#include <filesystem>
#include <map>
#include <memory>

#include "tests/support/demo_loader.h"
#include "tests/support/district_demo_loader.h"

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
  if (!std::filesystem::exists(district_file)) return absl::OkStatus();
  return LoadDistrictDemoData(district_file, d.ChannelTo(d.aggregator()), offices);
}

}  // namespace schutznetz::testing
