#include "libs/api/public_reporting_paths.h"

#include "libs/common/status_macros.h"
#include "libs/storage/reporting_paths_repository.h"

namespace schutznetz::api {
namespace {

void KeepPublic(domain::ReportingPathSet& s) {
  std::vector<domain::ReportingPathEntry> kept;
  for (domain::ReportingPathEntry& e : s.entries) {
    if (e.is_public) kept.push_back(std::move(e));
  }
  s.entries = std::move(kept);
  s.published_by.clear();
}

class OfficePublicReportingPaths final : public PublicReportingPathSource {
 public:
  explicit OfficePublicReportingPaths(std::string office_id) : office_id_(std::move(office_id)) {}

  absl::StatusOr<std::vector<domain::ReportingPathSet>> List(storage::Tx& tx) override {
    std::vector<domain::ReportingPathSet> out;
    absl::StatusOr<domain::ReportingPathSet> own = paths_->GetVersion(tx, office_id_, 0);
    if (own.ok()) {
      out.push_back(*std::move(own));
    } else if (own.status().code() != absl::StatusCode::kNotFound) {
      return own.status();
    }
    SN_ASSIGN_OR_RETURN(std::vector<domain::ReportingPathSet> others, paths_->ListMirrored(tx));
    for (domain::ReportingPathSet& s : others) {
      if (s.office_id != office_id_) out.push_back(std::move(s));
    }
    for (domain::ReportingPathSet& s : out) KeepPublic(s);
    return out;
  }

 private:
  std::string office_id_;
  std::unique_ptr<storage::ReportingPathsRepository> paths_ =
      storage::NewReportingPathsRepository();
};

}  // namespace

std::unique_ptr<PublicReportingPathSource> NewOfficePublicReportingPaths(std::string office_id) {
  return std::make_unique<OfficePublicReportingPaths>(std::move(office_id));
}

}  // namespace schutznetz::api
