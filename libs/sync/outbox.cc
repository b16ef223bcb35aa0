#include "libs/sync/outbox.h"

#include "absl/time/clock.h"

namespace schutznetz::sync {

Outbox::Outbox(std::string origin, Signal* changed)
    : origin_(std::move(origin)), changed_(changed), log_(storage::NewChangeLogRepository()) {}

absl::Status Outbox::Append(storage::Tx& tx, const OutboundChange& change) {
  domain::SyncItem item;
  item.type = change.type;
  item.id = change.id;
  item.origin = origin_;
  item.version = change.version;
  item.destination = change.destination;
  item.payload = change.payload;
  item.change_time = absl::Now();
  return Relay(tx, item);
}

absl::Status Outbox::Relay(storage::Tx& tx, const domain::SyncItem& item) {
  absl::Status s = log_->Append(tx, item);
  if (s.ok() && changed_ != nullptr) {
    Signal* changed = changed_;
    storage::RunAfterCommit(tx, [changed] { changed->Notify(); });
  }
  return s;
}

}  // namespace schutznetz::sync
