#include "libs/sync/receiver.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "libs/common/errors.h"
#include "libs/common/log.h"
#include "libs/common/status_macros.h"
#include "libs/sync/item_convert.h"

namespace schutznetz::sync {
namespace {

v1::ItemResult::Outcome OutcomeOf(ApplyResult::Outcome o) {
  switch (o) {
    case ApplyResult::Outcome::kApplied: return v1::ItemResult::OUTCOME_APPLIED;
    case ApplyResult::Outcome::kDuplicate: return v1::ItemResult::OUTCOME_DUPLICATE;
    case ApplyResult::Outcome::kHeld: return v1::ItemResult::OUTCOME_HELD;
    case ApplyResult::Outcome::kRejected: return v1::ItemResult::OUTCOME_REJECTED;
  }
  return v1::ItemResult::OUTCOME_UNSPECIFIED;
}

bool ForOffices(const domain::SyncItem& item) {
  return item.destination != domain::kToAggregator;
}

}  // namespace

Receiver::Receiver(storage::Database& db, Applier& applier, Outbox& relay, ReceiverLimits limits)
    : db_(db),
      applier_(applier),
      relay_(relay),
      limits_(limits),
      state_(storage::NewSyncStateRepository()) {}

absl::Status Receiver::Validate(const std::string& peer,
                                const v1::PushChangesRequest& req) const {
  if (req.items_size() > limits_.max_items) {
    return Bilingual(absl::StatusCode::kResourceExhausted,
                     absl::StrCat("items: batch of ", req.items_size(), " items exceeds the limit of ",
                                  limits_.max_items, "; nothing applied"),
                     absl::StrCat("zu viele Einträge (höchstens ", limits_.max_items, ")"));
  }
  int64_t bytes = 0;
  for (const v1::SyncItem& item : req.items()) bytes += static_cast<int64_t>(item.payload().size());
  if (bytes > limits_.max_payload_bytes) {
    return Bilingual(absl::StatusCode::kResourceExhausted,
                     absl::StrCat("items: ", bytes, " payload bytes exceed the limit of ",
                                  limits_.max_payload_bytes, "; nothing applied"),
                     "Datenmenge zu groß");
  }
  if (req.txn_id().empty() || req.txn_id().size() > 64) {
    return FieldError("txn_id", "must be 1–64 characters", "muss 1–64 Zeichen lang sein");
  }
  if (req.to_cursor().size() > 200) {
    return FieldError("to_cursor", "is too long", "ist zu lang");
  }
  for (int i = 0; i < req.items_size(); ++i) {
    const v1::SyncItem& item = req.items(i);
    if (item.origin() != peer) {
      return Bilingual(absl::StatusCode::kPermissionDenied,
                       absl::StrCat("items[", i, "].origin: office ", peer,
                                    " may only push its own items, not those of '", item.origin(),
                                    "'; nothing applied"),
                       "ein Jugendamt darf nur eigene Einträge übermitteln");
    }
    if (item.item_type().empty() || item.item_type().size() > 64 || item.item_id().empty() ||
        item.item_id().size() > 128 || item.version() <= 0 || item.destination().size() > 64) {
      return FieldError(absl::StrCat("items[", i, "]"),
                        "needs item_type, item_id, a positive version and a short destination",
                        "unvollständiger Eintrag");
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::PushChangesResponse> Receiver::Push(const std::string& peer,
                                                       const v1::PushChangesRequest& req) {
  SN_RETURN_IF_ERROR(Validate(peer, req));
  v1::PushChangesResponse response;
  absl::Status s = db_.Transact([&](storage::Tx& tx) -> absl::Status {
    response.Clear();
    // The peer row lock serialises batches of one office, retries included.
    SN_ASSIGN_OR_RETURN(storage::PeerState state, state_->GetPeer(tx, peer, true));
    SN_ASSIGN_OR_RETURN(std::optional<std::string> stored,
                        state_->GetTxnResponse(tx, peer, req.txn_id()));
    if (stored) {
      if (!response.ParseFromString(*stored)) return absl::InternalError("stored answer unreadable");
      return absl::OkStatus();
    }
    for (const v1::SyncItem& wire : req.items()) {
      domain::SyncItem item = ItemFromProto(wire);
      SN_ASSIGN_OR_RETURN(ApplyResult r, applier_.Apply(tx, item));
      if (r.outcome == ApplyResult::Outcome::kApplied && ForOffices(item)) {
        SN_RETURN_IF_ERROR(relay_.Relay(tx, item));
      }
      v1::ItemResult* result = response.add_results();
      result->set_item_type(item.type);
      result->set_item_id(item.id);
      result->set_version(item.version);
      result->set_outcome(OutcomeOf(r.outcome));
      result->set_message(r.message);
    }
    SN_ASSIGN_OR_RETURN(std::vector<domain::SyncItem> released, applier_.RetryHeld(tx));
    for (const domain::SyncItem& item : released) {
      if (ForOffices(item)) SN_RETURN_IF_ERROR(relay_.Relay(tx, item));
    }
    response.set_applied_cursor(req.to_cursor());
    state.last_push_success = absl::Now();
    state.push_cursor = req.to_cursor();
    state.push_error.clear();
    state.push_failures = 0;
    SN_RETURN_IF_ERROR(state_->PutPeer(tx, state));
    return state_->PutTxnResponse(tx, peer, req.txn_id(), response.SerializeAsString());
  });
  if (!s.ok()) return s;
  return response;
}

absl::StatusOr<int> Receiver::RetryHeld() {
  return db_.TransactValue<int>([&](storage::Tx& tx) -> absl::StatusOr<int> {
    SN_ASSIGN_OR_RETURN(std::vector<domain::SyncItem> released, applier_.RetryHeld(tx));
    for (const domain::SyncItem& item : released) {
      if (ForOffices(item)) SN_RETURN_IF_ERROR(relay_.Relay(tx, item));
    }
    return static_cast<int>(released.size());
  });
}

HeldRetrier::HeldRetrier(Receiver& receiver, absl::Duration interval)
    : receiver_(receiver), interval_(interval) {
  thread_ = std::thread([this] {
    while (!stopping_) {
      stop_.Wait(stop_.generation(), interval_);
      if (stopping_) break;
      absl::StatusOr<int> applied = receiver_.RetryHeld();
      if (!applied.ok()) {
        log::Warning("retrying held items failed",
                     {{"code", absl::StatusCodeToString(applied.status().code())}});
      } else if (*applied > 0) {
        log::Info("held items applied", {{"count", *applied}});
      }
    }
  });
}

HeldRetrier::~HeldRetrier() {
  stopping_ = true;
  stop_.Notify();
  if (thread_.joinable()) thread_.join();
}

}  // namespace schutznetz::sync
