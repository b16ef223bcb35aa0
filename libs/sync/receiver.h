// The receiving end of PushChanges (at the aggregator): applies a batch of an office's changes
// in one transaction and answers per item.
//
// Guarantees: a batch is applied completely or not at all; the answer is stored under the
// sender's txn id, so a retry — even days later — gets the identical answer and no second
// effect; an item applies once per (origin, type, id, version); an item whose dependency is
// missing is held, not dropped; applied items meant for offices are relayed into this server's
// own log for the subscribers.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "libs/storage/database.h"
#include "libs/storage/sync_state_repository.h"
#include "libs/sync/applier.h"
#include "libs/sync/outbox.h"
#include "libs/sync/signal.h"
#include "schutznetz/v1/federation_service.pb.h"

namespace schutznetz::sync {

struct ReceiverLimits {
  int max_items = 500;
  int64_t max_payload_bytes = 4 * 1024 * 1024;
};

class Receiver {
 public:
  // `relay` appends relayed items to this server's log (and wakes its subscribers).
  Receiver(storage::Database& db, Applier& applier, Outbox& relay, ReceiverLimits limits = {});

  // Applies `request` pushed by `peer` (the office the caller was identified as). Refuses the
  // whole batch — nothing applied — with RESOURCE_EXHAUSTED when too large, PERMISSION_DENIED
  // when an item's origin is not `peer`, INVALID_ARGUMENT when malformed.
  absl::StatusOr<v1::PushChangesResponse> Push(const std::string& peer,
                                               const v1::PushChangesRequest& request);

  // Retries the held items (and relays those that apply now); returns how many applied. Push does
  // this after every batch, but a held item whose dependency committed in a concurrent transaction
  // needs one more try later: HeldRetrier calls this.
  absl::StatusOr<int> RetryHeld();

 private:
  absl::Status Validate(const std::string& peer, const v1::PushChangesRequest& request) const;

  storage::Database& db_;
  Applier& applier_;
  Outbox& relay_;
  ReceiverLimits limits_;
  std::unique_ptr<storage::SyncStateRepository> state_;
};

// Calls Receiver::RetryHeld every `interval` on a thread of its own until destroyed.
class HeldRetrier {
 public:
  HeldRetrier(Receiver& receiver, absl::Duration interval);
  ~HeldRetrier();

 private:
  Receiver& receiver_;
  absl::Duration interval_;
  Signal stop_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace schutznetz::sync
