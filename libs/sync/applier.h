// Applying received sync items: once per (origin, type, id, version), one savepoint per item, and
// items whose dependency has not arrived yet held back and retried later.
//
//   Applier applier;
//   applier.Register("district_event", &district_events);   // an ItemHandler
//   absl::StatusOr<ApplyResult> r = applier.Apply(tx, item);
#pragma once

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/domain/sync_item.h"
#include "libs/storage/database.h"
#include "libs/storage/sync_state_repository.h"

namespace schutznetz::sync {

struct ApplyResult {
  enum class Outcome { kApplied, kDuplicate, kHeld, kRejected };
  Outcome outcome = Outcome::kApplied;
  std::string message;  // why held or rejected; never personal data

  static ApplyResult Applied() { return {Outcome::kApplied, ""}; }
  static ApplyResult Held(std::string why) { return {Outcome::kHeld, std::move(why)}; }
  static ApplyResult Rejected(std::string why) { return {Outcome::kRejected, std::move(why)}; }
};

// Applies one item type. Implementations are idempotent upserts keyed by (id, version): an older
// version than the stored one changes nothing.
class ItemHandler {
 public:
  virtual ~ItemHandler() = default;
  // Applies `item` inside `tx`. Held(reason): a dependency is missing, try again later.
  // Rejected(reason): the item can never apply. An error status of a transient kind (UNAVAILABLE,
  // ABORTED, DEADLINE_EXCEEDED, INTERNAL) fails the whole batch, which is then retried; any other
  // error status rejects just this item.
  virtual absl::StatusOr<ApplyResult> Apply(storage::Tx& tx, const domain::SyncItem& item) = 0;
};

class Applier {
 public:
  Applier();
  // `handler` must outlive the applier. Items of unregistered types are rejected.
  void Register(const std::string& item_type, ItemHandler* handler);

  absl::StatusOr<ApplyResult> Apply(storage::Tx& tx, const domain::SyncItem& item);
  // Retries the held items; returns those that applied now.
  absl::StatusOr<std::vector<domain::SyncItem>> RetryHeld(storage::Tx& tx);

 private:
  // Runs the handler in a savepoint; held and rejected items leave no trace but their record.
  absl::StatusOr<ApplyResult> Run(storage::Tx& tx, const domain::SyncItem& item);

  std::map<std::string, ItemHandler*> handlers_;
  std::unique_ptr<storage::SyncStateRepository> state_;
};

}  // namespace schutznetz::sync
