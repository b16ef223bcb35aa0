// Sync bookkeeping (tables `sync_instance`, `sync_peers`, `sync_txns`, `sync_inbox`, `sync_held`):
// this database's epoch, what was exchanged with each peer, answers to pushed batches, the items
// applied here, and the items waiting for a dependency.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/domain/sync_item.h"

namespace schutznetz::storage {

class Tx;

// What this server exchanged with one peer.
struct PeerState {
  std::string peer;
  // Sender side.
  std::string push_cursor;
  std::string pending_txn_id;  // empty: no batch in flight
  std::string pending_from_cursor;
  std::string pending_to_cursor;
  absl::Time last_push_success = absl::InfinitePast();
  std::string push_error;
  absl::Time push_error_time = absl::InfinitePast();
  int push_failures = 0;
  // Receiver side.
  std::string subscribe_cursor;
  int64_t subscribe_remaining = 0;
  absl::Time last_subscribe_success = absl::InfinitePast();
  std::string subscribe_error;
  absl::Time subscribe_error_time = absl::InfinitePast();
  int subscribe_failures = 0;
};

struct EpochInfo {
  std::string epoch;
  // True if this call gave the database a new epoch (first start, or restored from a backup or
  // copied to another instance): cursors into this database's own log handed out before are void.
  bool renewed = false;
  // Renewed although the database had an epoch before: restored from a backup or copied. Its
  // state is older than what the other servers were told.
  bool restored = false;
};

struct HeldItem {
  domain::SyncItem item;
  std::string reason;
};

class SyncStateRepository {
 public:
  virtual ~SyncStateRepository() = default;

  // This database's epoch; renewed when the database instance changed (see EpochInfo).
  virtual absl::StatusOr<EpochInfo> EnsureEpoch(Tx& tx) = 0;
  // The state of `peer` (created empty if new); `lock` locks it until the transaction ends.
  virtual absl::StatusOr<PeerState> GetPeer(Tx& tx, const std::string& peer, bool lock) = 0;
  virtual absl::StatusOr<std::vector<PeerState>> ListPeers(Tx& tx) = 0;
  virtual absl::Status PutPeer(Tx& tx, const PeerState& state) = 0;

  // The stored answer to a pushed batch, if it was applied before.
  virtual absl::StatusOr<std::optional<std::string>> GetTxnResponse(Tx& tx,
                                                                     const std::string& peer,
                                                                     const std::string& txn_id) = 0;
  virtual absl::Status PutTxnResponse(Tx& tx, const std::string& peer, const std::string& txn_id,
                                      const std::string& response) = 0;

  // Whether this (origin, type, id, version) was applied (or rejected) here before.
  virtual absl::StatusOr<bool> WasApplied(Tx& tx, const domain::SyncItem& item) = 0;
  // Records the item as applied; false if this (origin, type, id, version) was applied before.
  virtual absl::StatusOr<bool> MarkApplied(Tx& tx, const domain::SyncItem& item) = 0;

  virtual absl::Status Hold(Tx& tx, const domain::SyncItem& item, const std::string& reason) = 0;
  // Held items, locked for this transaction; items another transaction is retrying are skipped.
  virtual absl::StatusOr<std::vector<HeldItem>> ListHeld(Tx& tx, int limit) = 0;
  virtual absl::Status Release(Tx& tx, const domain::SyncItem& item) = 0;
  virtual absl::StatusOr<int64_t> CountHeld(Tx& tx) = 0;
};

std::unique_ptr<SyncStateRepository> NewSyncStateRepository();

}  // namespace schutznetz::storage
