#include "libs/storage/sync_state_repository.h"

#include "libs/common/uuid.h"
#include "libs/storage/pg_error.h"
#include "libs/storage/tx.h"

namespace schutznetz::storage {
namespace {

constexpr Statement kIdentity{
    "sync_identity",
    "SELECT (SELECT system_identifier::text FROM pg_control_system()), "
    "(SELECT oid FROM pg_database WHERE datname = current_database()), "
    "(SELECT timeline_id::bigint FROM pg_control_checkpoint())"};

constexpr Statement kGetInstance{
    "sync_instance_get",
    "SELECT epoch, system_identifier, database_oid, timeline_id FROM sync_instance FOR UPDATE"};

constexpr Statement kPutInstance{
    "sync_instance_put",
    "INSERT INTO sync_instance (epoch, system_identifier, database_oid, timeline_id) "
    "VALUES ($1, $2, $3, $4) ON CONFLICT (singleton) DO UPDATE SET epoch = $1, "
    "system_identifier = $2, database_oid = $3, timeline_id = $4"};

#define SN_PEER_COLUMNS                                                                        \
  "peer, push_cursor, coalesce(pending_txn_id, '') AS pending_txn_id, "                       \
  "coalesce(pending_from_cursor, '') AS pending_from_cursor, "                                \
  "coalesce(pending_to_cursor, '') AS pending_to_cursor, "                                    \
  "sn_us(last_push_success) AS last_push_us, push_error, sn_us(push_error_time) AS push_err_us, " \
  "push_failures, subscribe_cursor, subscribe_remaining, "                                    \
  "sn_us(last_subscribe_success) AS last_sub_us, subscribe_error, "                           \
  "sn_us(subscribe_error_time) AS sub_err_us, subscribe_failures "

constexpr Statement kEnsurePeer{"sync_peer_ensure",
                                "INSERT INTO sync_peers (peer) VALUES ($1) ON CONFLICT DO NOTHING"};
constexpr Statement kGetPeer{"sync_peer_get",
                             "SELECT " SN_PEER_COLUMNS "FROM sync_peers WHERE peer = $1"};
constexpr Statement kGetPeerForUpdate{
    "sync_peer_get_for_update", "SELECT " SN_PEER_COLUMNS "FROM sync_peers WHERE peer = $1 FOR UPDATE"};
constexpr Statement kListPeers{"sync_peer_list",
                               "SELECT " SN_PEER_COLUMNS "FROM sync_peers ORDER BY peer"};

constexpr Statement kPutPeer{
    "sync_peer_put",
    "UPDATE sync_peers SET push_cursor = $2, pending_txn_id = nullif($3, ''), "
    "pending_from_cursor = nullif($4, ''), pending_to_cursor = nullif($5, ''), "
    "last_push_success = sn_ts($6), push_error = $7, push_error_time = sn_ts($8), "
    "push_failures = $9, subscribe_cursor = $10, subscribe_remaining = $11, "
    "last_subscribe_success = sn_ts($12), subscribe_error = $13, subscribe_error_time = sn_ts($14), "
    "subscribe_failures = $15 WHERE peer = $1"};

constexpr Statement kGetTxn{"sync_txn_get",
                            "SELECT response FROM sync_txns WHERE peer = $1 AND txn_id = $2"};
constexpr Statement kPutTxn{"sync_txn_put",
                            "INSERT INTO sync_txns (peer, txn_id, response) VALUES ($1, $2, $3)"};

constexpr Statement kMarkApplied{
    "sync_inbox_add",
    "INSERT INTO sync_inbox (origin, item_type, item_id, version) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT DO NOTHING RETURNING 1"};

constexpr Statement kWasApplied{
    "sync_inbox_has",
    "SELECT EXISTS (SELECT 1 FROM sync_inbox WHERE origin = $1 AND item_type = $2 AND item_id = "
    "$3 AND version = $4)"};

constexpr Statement kHold{
    "sync_held_add",
    "INSERT INTO sync_held (origin, item_type, item_id, version, destination, payload, "
    "change_time, reason) VALUES ($1, $2, $3, $4, $5, $6, sn_ts($7), $8) "
    "ON CONFLICT (origin, item_type, item_id, version) DO UPDATE SET reason = $8"};
constexpr Statement kListHeld{
    "sync_held_list",
    "SELECT origin, item_type, item_id, version, destination, payload, "
    "sn_us(change_time) AS change_us, reason FROM sync_held ORDER BY held_at, item_id LIMIT $1 "
    "FOR UPDATE SKIP LOCKED"};
constexpr Statement kRelease{
    "sync_held_release",
    "DELETE FROM sync_held WHERE origin = $1 AND item_type = $2 AND item_id = $3 AND version = $4"};
constexpr Statement kCountHeld{"sync_held_count", "SELECT count(*) FROM sync_held"};

absl::Time OptionalTime(const pqxx::field& f) {
  return f.is_null() ? absl::InfinitePast() : absl::FromUnixMicros(f.as<int64_t>());
}

std::optional<int64_t> OptionalMicros(absl::Time t) {
  if (t == absl::InfinitePast()) return std::nullopt;
  return absl::ToUnixMicros(t);
}

PeerState PeerFromRow(const pqxx::row& r) {
  PeerState p;
  p.peer = r["peer"].as<std::string>();
  p.push_cursor = r["push_cursor"].as<std::string>();
  p.pending_txn_id = r["pending_txn_id"].as<std::string>();
  p.pending_from_cursor = r["pending_from_cursor"].as<std::string>();
  p.pending_to_cursor = r["pending_to_cursor"].as<std::string>();
  p.last_push_success = OptionalTime(r["last_push_us"]);
  p.push_error = r["push_error"].as<std::string>();
  p.push_error_time = OptionalTime(r["push_err_us"]);
  p.push_failures = r["push_failures"].as<int>();
  p.subscribe_cursor = r["subscribe_cursor"].as<std::string>();
  p.subscribe_remaining = r["subscribe_remaining"].as<int64_t>();
  p.last_subscribe_success = OptionalTime(r["last_sub_us"]);
  p.subscribe_error = r["subscribe_error"].as<std::string>();
  p.subscribe_error_time = OptionalTime(r["sub_err_us"]);
  p.subscribe_failures = r["subscribe_failures"].as<int>();
  return p;
}

class PgSyncStateRepository final : public SyncStateRepository {
 public:
  absl::StatusOr<EpochInfo> EnsureEpoch(Tx& tx) override {
    return Guarded("sync_epoch", [&]() -> absl::StatusOr<EpochInfo> {
      pqxx::row id = tx.Exec(kIdentity).at(0);
      std::string system = id[0].as<std::string>();
      std::string oid = id[1].as<std::string>();
      int64_t timeline = id[2].as<int64_t>();
      pqxx::result current = tx.Exec(kGetInstance);
      // Same server (system identifier), same database (oid), same timeline: same instance.
      if (!current.empty() && current[0][1].as<std::string>() == system &&
          current[0][2].as<std::string>() == oid &&
          (current[0][3].is_null() || current[0][3].as<int64_t>() == timeline)) {
        std::string epoch = current[0][0].as<std::string>();
        if (current[0][3].is_null()) tx.Exec(kPutInstance, epoch, system, oid, timeline);
        return EpochInfo{epoch, false};
      }
      EpochInfo info{NewUuid(), true, !current.empty()};
      tx.Exec(kPutInstance, info.epoch, system, oid, timeline);
      return info;
    });
  }

  absl::StatusOr<PeerState> GetPeer(Tx& tx, const std::string& peer, bool lock) override {
    return Guarded("sync_peer_get", [&]() -> absl::StatusOr<PeerState> {
      tx.Exec(kEnsurePeer, peer);
      return PeerFromRow(tx.Exec(lock ? kGetPeerForUpdate : kGetPeer, peer).at(0));
    });
  }

  absl::StatusOr<std::vector<PeerState>> ListPeers(Tx& tx) override {
    return Guarded("sync_peer_list", [&]() -> absl::StatusOr<std::vector<PeerState>> {
      std::vector<PeerState> out;
      for (const auto& r : tx.Exec(kListPeers)) out.push_back(PeerFromRow(r));
      return out;
    });
  }

  absl::Status PutPeer(Tx& tx, const PeerState& p) override {
    return Guarded("sync_peer_put", [&]() -> absl::Status {
      tx.Exec(kEnsurePeer, p.peer);
      tx.Exec(kPutPeer, p.peer, p.push_cursor, p.pending_txn_id, p.pending_from_cursor,
              p.pending_to_cursor, OptionalMicros(p.last_push_success), p.push_error,
              OptionalMicros(p.push_error_time), p.push_failures, p.subscribe_cursor,
              p.subscribe_remaining, OptionalMicros(p.last_subscribe_success), p.subscribe_error,
              OptionalMicros(p.subscribe_error_time), p.subscribe_failures);
      return absl::OkStatus();
    });
  }

  absl::StatusOr<std::optional<std::string>> GetTxnResponse(Tx& tx, const std::string& peer,
                                                             const std::string& txn_id) override {
    return Guarded("sync_txn_get", [&]() -> absl::StatusOr<std::optional<std::string>> {
      pqxx::result r = tx.Exec(kGetTxn, peer, txn_id);
      if (r.empty()) return std::optional<std::string>();
      return std::optional<std::string>(pqxx::binarystring(r[0][0]).str());
    });
  }

  absl::Status PutTxnResponse(Tx& tx, const std::string& peer, const std::string& txn_id,
                              const std::string& response) override {
    return Guarded("sync_txn_put", [&]() -> absl::Status {
      tx.Exec(kPutTxn, peer, txn_id, pqxx::binarystring(response));
      return absl::OkStatus();
    });
  }

  absl::StatusOr<bool> WasApplied(Tx& tx, const domain::SyncItem& item) override {
    return Guarded("sync_inbox_has", [&]() -> absl::StatusOr<bool> {
      return tx.Exec(kWasApplied, item.origin, item.type, item.id, item.version)
          .at(0)[0]
          .as<bool>();
    });
  }

  absl::StatusOr<bool> MarkApplied(Tx& tx, const domain::SyncItem& item) override {
    return Guarded("sync_inbox_add", [&]() -> absl::StatusOr<bool> {
      return !tx.Exec(kMarkApplied, item.origin, item.type, item.id, item.version).empty();
    });
  }

  absl::Status Hold(Tx& tx, const domain::SyncItem& item, const std::string& reason) override {
    return Guarded("sync_held_add", [&]() -> absl::Status {
      tx.Exec(kHold, item.origin, item.type, item.id, item.version, item.destination,
              pqxx::binarystring(item.payload), absl::ToUnixMicros(item.change_time), reason);
      return absl::OkStatus();
    });
  }

  absl::StatusOr<std::vector<HeldItem>> ListHeld(Tx& tx, int limit) override {
    return Guarded("sync_held_list", [&]() -> absl::StatusOr<std::vector<HeldItem>> {
      std::vector<HeldItem> out;
      for (const auto& r : tx.Exec(kListHeld, limit)) {
        HeldItem h;
        h.item.origin = r["origin"].as<std::string>();
        h.item.type = r["item_type"].as<std::string>();
        h.item.id = r["item_id"].as<std::string>();
        h.item.version = r["version"].as<int64_t>();
        h.item.destination = r["destination"].as<std::string>();
        h.item.payload = pqxx::binarystring(r["payload"]).str();
        h.item.change_time = absl::FromUnixMicros(r["change_us"].as<int64_t>());
        h.reason = r["reason"].as<std::string>();
        out.push_back(std::move(h));
      }
      return out;
    });
  }

  absl::Status Release(Tx& tx, const domain::SyncItem& item) override {
    return Guarded("sync_held_release", [&]() -> absl::Status {
      tx.Exec(kRelease, item.origin, item.type, item.id, item.version);
      return absl::OkStatus();
    });
  }

  absl::StatusOr<int64_t> CountHeld(Tx& tx) override {
    return Guarded("sync_held_count", [&]() -> absl::StatusOr<int64_t> {
      return tx.Exec(kCountHeld).at(0)[0].as<int64_t>();
    });
  }
};

}  // namespace

std::unique_ptr<SyncStateRepository> NewSyncStateRepository() {
  return std::make_unique<PgSyncStateRepository>();
}

}  // namespace schutznetz::storage
