// The handlers of "reporting_paths" items (an office's newly published reporting paths, for every
// office of the district):
//
//   ReportingPathsMirror  at an office: keeps the newest version of every other office (a newer
//                         item version replaces the copy, an older or replayed one changes
//                         nothing); a stored copy is audited with actor "office:<origin>".
//   ReportingPathsCheck   at the aggregator: stores nothing, checks the payload as untrusted
//                         input; once applied, the receiver relays the item to every office.
//
// A malformed payload (federation::ReportingPathsFromItem) is rejected by both.
#pragma once

#include <memory>
#include <string>

#include "libs/storage/audit_repository.h"
#include "libs/storage/reporting_paths_repository.h"
#include "libs/sync/applier.h"

namespace schutznetz::federation {

class ReportingPathsMirror final : public sync::ItemHandler {
 public:
  // `own_office`: this office, whose own reporting paths never come back as a copy.
  explicit ReportingPathsMirror(std::string own_office);

  absl::StatusOr<sync::ApplyResult> Apply(storage::Tx& tx, const domain::SyncItem& item) override;

 private:
  std::string own_office_;
  std::unique_ptr<storage::ReportingPathsRepository> paths_;
  std::unique_ptr<storage::AuditRepository> audit_;
};

class ReportingPathsCheck final : public sync::ItemHandler {
 public:
  absl::StatusOr<sync::ApplyResult> Apply(storage::Tx& tx, const domain::SyncItem& item) override;
};

}  // namespace schutznetz::federation
