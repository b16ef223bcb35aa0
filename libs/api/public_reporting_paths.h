// Where the public reporting paths (Mitteilungswege) of PublicService come from: at an office its
// own newest published version and the newest version of every other office of the district it
// received; the aggregator keeps none and serves PublicService without a source.
//
// Only entries marked public leave a source: the filter sits here, before any message is built,
// so no listing can show the others.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/domain/reporting_path.h"
#include "libs/storage/tx.h"

namespace schutznetz::api {

class PublicReportingPathSource {
 public:
  virtual ~PublicReportingPathSource() = default;
  // The office's own newest version first (left out if none is published), then the other
  // offices' by office id; each with its public entries only (possibly none).
  virtual absl::StatusOr<std::vector<domain::ReportingPathSet>> List(storage::Tx& tx) = 0;
};

// The reporting paths of office `office_id` and its copies of the other offices'.
std::unique_ptr<PublicReportingPathSource> NewOfficePublicReportingPaths(std::string office_id);

}  // namespace schutznetz::api
