// Anonymisation (erasure) of one member: the single place that does it, for the coordinator's
// MemberService/AnonymiseMember and for the retention job (rule left_members).
//
// In the caller's transaction: locks the member row, checks the etag if one is given, checks that
// the member may be anonymised (domain::CheckCanAnonymise: LEFT or DECLINED, not yet anonymised),
// clears every personal field (domain::Anonymise), stores the row and records the audit entry
// "anonymise" of `by`. The row, its organisation, state and dates stay, so counts and statistics
// stay correct; registrations and group memberships keep pointing at it and show
// "(anonymisiert)".
//
//   SN_ASSIGN_OR_RETURN(domain::Member m,
//                       AnonymiseMember(tx, id, {.etag = req->etag(),
//                                                .by = {call.actor(), call.method()}}));
//
// Everything that erasure of a member has to reach goes here, so the RPC and the job can never
// differ: every live consent of the member ends, and the offices that received the member's
// registration data (the outgoing registrations' organisers) are asked to erase it
// (ConsentBook::MemberErased, ErasureLink).
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "libs/domain/member.h"
#include "services/tenant/consent_book.h"

namespace schutznetz::storage {
class Tx;
}  // namespace schutznetz::storage

namespace schutznetz::tenant {

// Who anonymises, for the audit entry.
struct AnonymisedBy {
  std::string actor;   // "token:<id>" or domain::kRetentionActor
  std::string method;  // "MemberService/AnonymiseMember", "RetentionJob/Run", …
  std::string detail;  // non-personal, e.g. "retention left_members_months=24"
};

struct AnonymiseOptions {
  // The etag the caller last saw (field "etag"); empty: not checked.
  std::string etag;
  AnonymisedBy by;
  // Why, as the erasure requests to other offices name it: "erased" or "retention".
  std::string reason = "erased";
};

// Anonymises member `id` as described above and returns the stored row. NOT_FOUND for an
// unknown member, ABORTED for a stale etag, FAILED_PRECONDITION if the member may not be
// anonymised; nothing changes then.
absl::StatusOr<domain::Member> AnonymiseMember(storage::Tx& tx, ConsentBook& consents,
                                               const domain::MemberId& id,
                                               const AnonymiseOptions& options);

}  // namespace schutznetz::tenant
