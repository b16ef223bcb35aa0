#include "libs/sync/applier.h"

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "libs/common/log.h"
#include "libs/common/status_macros.h"
#include "libs/storage/tx.h"

namespace schutznetz::sync {
namespace {

bool IsTransient(absl::StatusCode code) {
  return code == absl::StatusCode::kUnavailable || code == absl::StatusCode::kAborted ||
         code == absl::StatusCode::kDeadlineExceeded || code == absl::StatusCode::kInternal ||
         code == absl::StatusCode::kUnknown || code == absl::StatusCode::kResourceExhausted;
}

// A status that carries a non-applied outcome out of the savepoint, rolling it back.
constexpr char kNotApplied[] = "schutznetz.sync/not-applied";

}  // namespace

Applier::Applier() : state_(storage::NewSyncStateRepository()) {}

void Applier::Register(const std::string& item_type, ItemHandler* handler) {
  handlers_[item_type] = handler;
}

absl::StatusOr<ApplyResult> Applier::Run(storage::Tx& tx, const domain::SyncItem& item) {
  SN_ASSIGN_OR_RETURN(bool seen, state_->WasApplied(tx, item));
  if (seen) return ApplyResult{ApplyResult::Outcome::kDuplicate, ""};
  auto it = handlers_.find(item.type);
  if (it == handlers_.end()) {
    return ApplyResult::Rejected(absl::StrCat("unknown item type ", item.type));
  }
  ApplyResult result;
  absl::Status s = tx.Savepoint([&](storage::Tx& inner) -> absl::Status {
    absl::StatusOr<ApplyResult> r = it->second->Apply(inner, item);
    if (!r.ok()) return r.status();
    result = *r;
    if (result.outcome == ApplyResult::Outcome::kApplied) {
      // A concurrent transaction may have applied the same item (two retries of a held item):
      // the unique inbox row decides, and the loser undoes its effects.
      SN_ASSIGN_OR_RETURN(bool fresh, state_->MarkApplied(inner, item));
      if (fresh) return absl::OkStatus();
      result = {ApplyResult::Outcome::kDuplicate, ""};
    }
    // Roll back whatever the handler did before it decided not to apply.
    absl::Status undo = absl::CancelledError("not applied");
    undo.SetPayload(kNotApplied, absl::Cord("1"));
    return undo;
  });
  if (s.ok() || s.GetPayload(kNotApplied).has_value()) return result;
  if (IsTransient(s.code())) return s;
  log::Warning("sync item rejected",
               {{"type", item.type}, {"id", item.id}, {"origin", item.origin},
                {"code", static_cast<int>(s.code())}});
  return ApplyResult::Rejected(std::string(s.message()));
}

absl::StatusOr<ApplyResult> Applier::Apply(storage::Tx& tx, const domain::SyncItem& item) {
  SN_ASSIGN_OR_RETURN(ApplyResult result, Run(tx, item));
  switch (result.outcome) {
    case ApplyResult::Outcome::kHeld:
      SN_RETURN_IF_ERROR(state_->Hold(tx, item, result.message));
      break;
    case ApplyResult::Outcome::kRejected: {
      // Remembered as handled, so a replay does not reject it again and again.
      SN_ASSIGN_OR_RETURN(bool fresh, state_->MarkApplied(tx, item));
      (void)fresh;
      break;
    }
    default:
      break;
  }
  return result;
}

absl::StatusOr<std::vector<domain::SyncItem>> Applier::RetryHeld(storage::Tx& tx) {
  std::vector<domain::SyncItem> applied;
  // Applying one held item may unblock another: repeat while progress is made.
  for (bool progress = true; progress;) {
    progress = false;
    SN_ASSIGN_OR_RETURN(std::vector<storage::HeldItem> held, state_->ListHeld(tx, 500));
    for (const storage::HeldItem& h : held) {
      SN_ASSIGN_OR_RETURN(ApplyResult r, Run(tx, h.item));
      if (r.outcome == ApplyResult::Outcome::kHeld) continue;
      SN_RETURN_IF_ERROR(state_->Release(tx, h.item));
      if (r.outcome == ApplyResult::Outcome::kRejected) {
        SN_ASSIGN_OR_RETURN(bool fresh, state_->MarkApplied(tx, h.item));
        (void)fresh;
      } else {
        applied.push_back(h.item);
        progress = true;
      }
    }
  }
  return applied;
}

}  // namespace schutznetz::sync
