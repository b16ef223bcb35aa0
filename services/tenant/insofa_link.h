// InsofaLink: what the office tells the district about its InsoFa pool, in the caller's
// transaction (DESIGN.md §4, §5), and its copies of the other offices' entries.
//
// As the Fachkraft's office:
//   - after an own entry changed while the member's consent CONSENT_PURPOSE_INSOFA_POOL is live,
//     an "insofa_entry" item for every office with what the pool lists (name, organisation,
//     specialisations, languages, municipalities, how to request) and a new version;
//   - when the entry goes — removed, the consent ended (withdrawn, or the member erased), the
//     membership ended — the entry is deleted here and, if it was ever sent, a tombstone follows,
//     and the payloads of its older versions still in this office's change log are dropped (an
//     undelivered version is then never delivered).
// As a ConsentObserver of the ConsentBook it hears of every consent that ends and every change of
// a member, so no path that ends a consent can leave an entry listed.
//
// At every other office InsofaMirrorHandler keeps the copies: the newest version wins, a
// tombstone drops name, organisation and profile and keeps id, office and version, so a late
// older version cannot bring the entry back.
#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "libs/common/clock.h"
#include "libs/domain/insofa.h"
#include "libs/storage/audit_repository.h"
#include "libs/storage/change_log_repository.h"
#include "libs/storage/consents_repository.h"
#include "libs/storage/insofa_repository.h"
#include "libs/sync/applier.h"
#include "libs/sync/outbox.h"
#include "services/tenant/consent_book.h"

namespace schutznetz::tenant {

class InsofaLink final : public ConsentObserver {
 public:
  InsofaLink(sync::Outbox& outbox, Clock clock);

  // This office's id.
  const std::string& office() const { return outbox_.origin(); }

  // Sends the own entry `e` (as stored, its member's consent live) to every office; returns it
  // with the version sent recorded.
  absl::StatusOr<domain::InsofaEntry> Publish(storage::Tx& tx, domain::InsofaEntry e);
  // Deletes the own entry `e`; a tombstone follows if it was ever sent. `actor`, `method` and
  // `why` go to the audit log (ids only).
  absl::Status Remove(storage::Tx& tx, const domain::InsofaEntry& e, const std::string& actor,
                      const std::string& method, const std::string& why);

  // ConsentObserver: the end of an INSOFA_POOL consent removes the member's entry; a change of
  // the member sends the entry again (name, organisation) or removes it once the member can no
  // longer be listed (membership ended, anonymised).
  absl::Status ConsentEnded(storage::Tx& tx, const domain::Member& m,
                            domain::ConsentPurpose purpose, const std::string& actor) override;
  absl::Status MemberChanged(storage::Tx& tx, const domain::Member& m,
                             const std::string& actor) override;

 private:
  sync::Outbox& outbox_;
  Clock clock_;
  std::unique_ptr<storage::InsofaRepository> entries_;
  std::unique_ptr<storage::ConsentsRepository> consents_;
  std::unique_ptr<storage::ChangeLogRepository> log_;
  std::unique_ptr<storage::AuditRepository> audit_;
};

// At every office: applies another office's "insofa_entry" items to the office's copies. Items
// of this office's own origin, and ids that belong to another office's entry, are rejected.
class InsofaMirrorHandler final : public sync::ItemHandler {
 public:
  explicit InsofaMirrorHandler(std::string office);
  absl::StatusOr<sync::ApplyResult> Apply(storage::Tx& tx, const domain::SyncItem& item) override;

 private:
  std::string office_;
  std::unique_ptr<storage::InsofaRepository> entries_;
};

}  // namespace schutznetz::tenant
