#include "libs/storage/trail.h"

#include "libs/common/status_macros.h"

namespace schutznetz::storage {

Trail::Trail(Clock clock) : clock_(std::move(clock)), repo_(NewTrailRepository()) {}

absl::Status Trail::Record(Tx& tx, const domain::TrailRecord& record) {
  return repo_->Append(tx, record, clock_()).status();
}

absl::StatusOr<domain::TrailVerification> Trail::Verify(
    Tx& tx, const std::optional<domain::TrailAnchor>& anchor) {
  SN_ASSIGN_OR_RETURN(domain::TrailHead head, repo_->Head(tx));
  domain::TrailVerifier verifier(head, anchor);
  SN_RETURN_IF_ERROR(repo_->ReadAll(tx, [&](const domain::TrailEntry& e) { verifier.Add(e); }));
  return verifier.Finish();
}

}  // namespace schutznetz::storage
