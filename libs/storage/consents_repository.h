// Persistence of consent texts, consents and erasure requests (tables consent_texts, consents,
// erasure_requests; migration 0038). Recording or withdrawing a consent also keeps the member's
// mirrored flag (members.consent_*) current, in the same transaction.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/domain/consent.h"
#include "libs/domain/registration.h"

namespace schutznetz::storage {

class Tx;

// An erasure request this office sent for a member's registration data held by `office`.
struct ErasureRequest {
  std::string id;
  domain::MemberId member_id;
  std::string office;
  std::vector<std::string> registration_ids;  // this office's ids (the items' ids)
  std::string reason;                         // consent_withdrawn, erased, retention
  absl::Time requested_at;
  std::string requested_by;
  int64_t sync_version = 0;
  absl::Time receipt_at = absl::InfiniteFuture();  // InfiniteFuture: outstanding
  int receipt_erased = 0;                          // rows the office erased, per its receipt
};

class ConsentsRepository {
 public:
  virtual ~ConsentsRepository() = default;

  // Every version of the texts of `purpose` (all purposes if kUnspecified), newest first.
  virtual absl::StatusOr<std::vector<domain::ConsentText>> ListTexts(
      Tx& tx, domain::ConsentPurpose purpose) = 0;
  // NOT_FOUND naming the version; version 0: the newest.
  virtual absl::StatusOr<domain::ConsentText> GetText(Tx& tx, domain::ConsentPurpose purpose,
                                                      int version) = 0;
  // Publishes `body` as the next version of `purpose`.
  virtual absl::StatusOr<domain::ConsentText> PublishText(Tx& tx, domain::ConsentPurpose purpose,
                                                          const std::string& body,
                                                          const std::string& by) = 0;

  // The live consent of the member for the purpose, if any.
  virtual absl::StatusOr<std::optional<domain::Consent>> FindLive(
      Tx& tx, const domain::MemberId& member, domain::ConsentPurpose purpose) = 0;
  // Stores a new live consent (the caller ended the previous one) and sets the member's flag.
  virtual absl::StatusOr<domain::Consent> Insert(Tx& tx, const domain::Consent& c) = 0;
  // Ends the live consent `id` and clears the member's flag.
  virtual absl::StatusOr<domain::Consent> Withdraw(Tx& tx, const std::string& id, absl::Time at,
                                                   const std::string& by,
                                                   domain::ConsentSource source) = 0;
  // Every consent of the member, given and withdrawn, oldest first.
  virtual absl::StatusOr<std::vector<domain::Consent>> ListForMember(
      Tx& tx, const domain::MemberId& member) = 0;

  // Erasure requests.
  virtual absl::StatusOr<ErasureRequest> InsertErasure(Tx& tx, const ErasureRequest& r) = 0;
  // NOT_FOUND if unknown.
  virtual absl::StatusOr<ErasureRequest> GetErasure(Tx& tx, const std::string& id) = 0;
  virtual absl::Status SetErasureSyncVersion(Tx& tx, const std::string& id, int64_t version) = 0;
  // Records the receipt of request `id` (first receipt wins); NOT_FOUND if unknown.
  virtual absl::StatusOr<ErasureRequest> RecordReceipt(Tx& tx, const std::string& id,
                                                       absl::Time at, int erased) = 0;
  // The requests of `member` (all members if empty), newest first; only outstanding ones if
  // `outstanding_only`.
  virtual absl::StatusOr<std::vector<ErasureRequest>> ListErasures(Tx& tx,
                                                                   const domain::MemberId& member,
                                                                   bool outstanding_only) = 0;
};

std::unique_ptr<ConsentsRepository> NewConsentsRepository();

}  // namespace schutznetz::storage
