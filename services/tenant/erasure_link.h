// ErasureLink: erasure of a member's registration data that reaches every copy (DESIGN.md §5).
//
// As the member's office, when the member withdraws the consent to share registration data or is
// erased (anonymised), in the caller's transaction:
//   - the payloads of the member's registration requests still in this office's change log are
//     dropped (an undelivered request is then never delivered);
//   - the member's live registrations for other offices' events are cancelled here;
//   - one "erasure_request" item per office that was sent the member's data (the organisers of
//     those events), recorded in erasure_requests until that office's receipt arrives. The request
//     carries registration ids only, and waits in the log while an office is offline.
// Requests sent, erasures carried out and receipts received are entries of the tamper-evident
// trail (storage::Trail), in the same transaction.
//
// As the holding office (ErasureRequestHandler): cancels the participant's live registrations of
// events still to come (seats move up), erases name and organisation of every listed
// registration (state, attendance and sector stay for the counts), drops requests held for an
// event not known yet, and answers with an "erasure_receipt". As the member's office
// (ErasureReceiptHandler): records the receipt.
#pragma once

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "libs/common/clock.h"
#include "libs/domain/member.h"
#include "libs/storage/audit_repository.h"
#include "libs/storage/change_log_repository.h"
#include "libs/storage/consents_repository.h"
#include "libs/storage/events_repository.h"
#include "libs/storage/registrations_repository.h"
#include "libs/storage/trail.h"
#include "libs/sync/applier.h"
#include "libs/sync/outbox.h"
#include "services/tenant/district_link.h"

namespace schutznetz::tenant {

class ErasureLink {
 public:
  ErasureLink(sync::Outbox& outbox, Clock clock);

  // The member's registration data held elsewhere must go: `reason` is "consent_withdrawn",
  // "erased" or "retention"; `actor` is written to the requests. Returns the number of erasure
  // requests sent.
  absl::StatusOr<int> EraseSharedData(storage::Tx& tx, const domain::Member& m,
                                      const std::string& reason, const std::string& actor);

  const std::string& office() const { return outbox_.origin(); }
  sync::Outbox& outbox() { return outbox_; }
  Clock& clock() { return clock_; }

 private:
  sync::Outbox& outbox_;
  Clock clock_;
  std::unique_ptr<storage::RegistrationsRepository> registrations_;
  std::unique_ptr<storage::ConsentsRepository> consents_;
  std::unique_ptr<storage::ChangeLogRepository> log_;
  storage::Trail trail_;
};

// At the office holding the data: applies an erasure_request and answers with a receipt.
class ErasureRequestHandler final : public sync::ItemHandler {
 public:
  ErasureRequestHandler(ErasureLink& erasure, DistrictLink& district);
  absl::StatusOr<sync::ApplyResult> Apply(storage::Tx& tx, const domain::SyncItem& item) override;

 private:
  ErasureLink& erasure_;
  DistrictLink& district_;
  std::unique_ptr<storage::EventsRepository> events_;
  std::unique_ptr<storage::RegistrationsRepository> registrations_;
  std::unique_ptr<storage::ChangeLogRepository> log_;
  std::unique_ptr<storage::AuditRepository> audit_;
  storage::Trail trail_;
};

// At the member's office: records the receipt of one of its erasure requests.
class ErasureReceiptHandler final : public sync::ItemHandler {
 public:
  explicit ErasureReceiptHandler(Clock clock);
  absl::StatusOr<sync::ApplyResult> Apply(storage::Tx& tx, const domain::SyncItem& item) override;

 private:
  Clock clock_;
  std::unique_ptr<storage::ConsentsRepository> consents_;
  std::unique_ptr<storage::AuditRepository> audit_;
  storage::Trail trail_;
};

}  // namespace schutznetz::tenant
