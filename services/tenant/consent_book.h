// ConsentBook: giving and withdrawing consents (libs/domain/consent.h), shared by the
// ConsentService and the member changes that set or clear a consent flag, in the caller's
// transaction. Withdrawing the consent to share registration data, and ending every consent when
// a member is erased, start the erasure of that data at the other offices (ErasureLink).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/domain/consent.h"
#include "libs/domain/member.h"
#include "libs/storage/audit_repository.h"
#include "libs/storage/consents_repository.h"
#include "services/tenant/erasure_link.h"

namespace schutznetz::tenant {

// A use of members' data that rests on a consent and must follow when it ends (the InsoFa pool,
// InsofaLink). Called in the transaction of the change.
class ConsentObserver {
 public:
  virtual ~ConsentObserver() = default;
  // The live consent of `m` for `purpose` ended: withdrawn, or the member was erased.
  virtual absl::Status ConsentEnded(storage::Tx& tx, const domain::Member& m,
                                    domain::ConsentPurpose purpose, const std::string& actor) = 0;
  // The data or the membership state of `m` changed (`m` as stored now; anonymised after an
  // erasure).
  virtual absl::Status MemberChanged(storage::Tx& tx, const domain::Member& m,
                                     const std::string& actor) = 0;
};

class ConsentBook {
 public:
  explicit ConsentBook(ErasureLink& erasure);

  // Records that `m` consents to `purpose` on the text `text_version` (0: the current one) whose
  // SHA-256 the person was shown (`shown_sha256`; empty: entered by the coordination with the
  // member's data, taken as the version's own hash). A live consent on an older text is ended
  // and replaced; on the same text nothing changes. NOT_FOUND for an unknown version,
  // INVALID_ARGUMENT (field "text_sha256") for another hash, FAILED_PRECONDITION for a member
  // who left, was declined or is anonymised.
  absl::StatusOr<domain::Consent> Give(storage::Tx& tx, const domain::Member& m,
                                       domain::ConsentPurpose purpose, int text_version,
                                       const std::string& shown_sha256,
                                       domain::ConsentSource source, absl::Time at,
                                       const std::string& actor);

  // Ends the live consent of `m` for `purpose`; nullopt if there is none. Withdrawing
  // SHARE_REGISTRATIONS asks every office that holds the member's registration data to erase it;
  // `erasure_requests` (if given) receives how many requests were sent.
  absl::StatusOr<std::optional<domain::Consent>> Withdraw(storage::Tx& tx, const domain::Member& m,
                                                          domain::ConsentPurpose purpose,
                                                          domain::ConsentSource source,
                                                          absl::Time at, const std::string& actor,
                                                          int* erasure_requests = nullptr);

  // The consent flags of a member create or update as consent records: a flag turned on gives
  // the consent (entered by the coordination), a flag turned off withdraws it.
  absl::Status ApplyFlags(storage::Tx& tx, const domain::Member& before,
                          const domain::Member& after, absl::Time at, const std::string& actor);

  // The member is erased (`reason` "erased", or "retention" by the retention job): every live
  // consent ends (source "erasure") and the member's registration data held by other offices is
  // erased there.
  absl::Status MemberErased(storage::Tx& tx, const domain::Member& m, absl::Time at,
                            const std::string& actor, const std::string& reason = "erased");

  // `observer` hears of every consent that ends and every member change; it must outlive the
  // book. Call before the book is used from several threads (at start-up).
  void AddObserver(ConsentObserver* observer);
  // Tells the observers that member `m` (as stored now) changed: MemberService calls this after
  // an update or a change of the membership state.
  absl::Status MemberChanged(storage::Tx& tx, const domain::Member& m, const std::string& actor);

 private:
  absl::Status Ended(storage::Tx& tx, const domain::Member& m, domain::ConsentPurpose purpose,
                     const std::string& actor);

  ErasureLink& erasure_;
  std::vector<ConsentObserver*> observers_;
  std::unique_ptr<storage::ConsentsRepository> consents_;
};

}  // namespace schutznetz::tenant
