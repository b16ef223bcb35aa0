// Trail: recording events in the tamper-evident trail and verifying it (libs/domain/trail.h).
//
// What services call. An entry is appended in the caller's transaction, so it commits with the
// event it records or not at all:
//
//   storage::Trail trail(clock);
//   return db.Transact([&](storage::Tx& tx) -> absl::Status {
//     … erase the member's personal data …
//     return trail.Record(tx, {domain::TrailKind::kErasureReceipt, member_id, requesting_office,
//                              "erasure of member data, request " + request_id, call.actor()});
//   });
//
// Record last in the transaction: it holds the trail's lock until the transaction ends, and
// every appender of the database waits for it.
#pragma once

#include <memory>
#include <optional>

#include "absl/status/statusor.h"
#include "libs/common/clock.h"
#include "libs/domain/trail.h"
#include "libs/storage/trail_repository.h"

namespace schutznetz::storage {

class Tx;

class Trail {
 public:
  explicit Trail(Clock clock = SystemClock());

  // Appends `record` (kinds: ratification, rejection, handover, erasure_request,
  // erasure_receipt) at the clock's time in `tx`. INVALID_ARGUMENT naming the field
  // ("trail.details: …") if the record is invalid or its details hold an e-mail address or a
  // name; database errors as statuses.
  absl::Status Record(Tx& tx, const domain::TrailRecord& record);

  // Reads the whole chain in seq order and verifies it against the head and, if given, an anchor
  // noted earlier. Call in a REPEATABLE READ transaction, so entries and head are one snapshot.
  absl::StatusOr<domain::TrailVerification> Verify(
      Tx& tx, const std::optional<domain::TrailAnchor>& anchor = std::nullopt);

  TrailRepository& repository() { return *repo_; }

 private:
  Clock clock_;
  std::unique_ptr<TrailRepository> repo_;
};

}  // namespace schutznetz::storage
