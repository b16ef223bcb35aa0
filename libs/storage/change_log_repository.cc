#include "libs/storage/change_log_repository.h"

#include <algorithm>

#include "absl/time/clock.h"
#include "libs/storage/pg_array.h"
#include "libs/storage/pg_error.h"
#include "libs/storage/tx.h"

namespace schutznetz::storage {
namespace {

constexpr Statement kAppend{
    "change_log_append",
    "INSERT INTO change_log (item_type, item_id, origin, version, destination, payload) "
    "VALUES ($1, $2, $3, $4, $5, $6)"};

#define SN_LOG_COLUMNS                                                                   \
  "SELECT xid::text AS xid_text, id, item_type, item_id, origin, version, destination, payload, " \
  "sn_us(change_time) AS change_us FROM change_log "

#define SN_LOG_VISIBLE "xid < pg_snapshot_xmin(pg_current_snapshot()) "

#define SN_LOG_FILTER                                                                    \
  "AND payload IS NOT NULL AND ($3 = '' OR origin <> $3) "                             \
  "AND ($4 = '*' OR destination = '' OR destination = $4) "

constexpr Statement kRead{
    "change_log_read",
    SN_LOG_COLUMNS "WHERE (xid, id) > ($1::xid8, $2::bigint) AND " SN_LOG_VISIBLE SN_LOG_FILTER
                   "ORDER BY change_log.xid, id LIMIT $5"};

constexpr Statement kRemaining{
    "change_log_remaining",
    "SELECT count(*) FROM change_log WHERE (xid, id) > ($1::xid8, $2::bigint) AND " SN_LOG_VISIBLE
    SN_LOG_FILTER};

constexpr Statement kWatermark{
    "change_log_watermark",
    "SELECT xid::text AS xid_text, id FROM change_log WHERE " SN_LOG_VISIBLE
    "ORDER BY change_log.xid DESC, id DESC LIMIT 1"};

constexpr Statement kWaiting{
    "change_log_waiting",
    "SELECT count(*) FROM change_log WHERE xid >= pg_snapshot_xmin(pg_current_snapshot())"};

constexpr Statement kRange{
    "change_log_range",
    SN_LOG_COLUMNS "WHERE (xid, id) > ($1::xid8, $2::bigint) AND (xid, id) <= ($3::xid8, "
                   "$4::bigint) AND payload IS NOT NULL ORDER BY change_log.xid, id"};

constexpr Statement kOldest{
    "change_log_oldest",
    "SELECT sn_us(min(change_time)) FROM change_log WHERE (xid, id) > ($1::xid8, $2::bigint) AND "
    SN_LOG_VISIBLE};

// Per reader (one array element each): the rows Read would still return to it, counted, and the
// time of the oldest. A reader with nothing pending gets a row with count 0 and a NULL time.
constexpr Statement kBacklogs{
    "change_log_backlogs",
    "SELECT r.ord, count(c.id), sn_us(min(c.change_time)) "
    "FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[]) WITH ORDINALITY "
    "  AS r(xid, id, exclude_origin, destination, ord) "
    "LEFT JOIN change_log c ON (c.xid, c.id) > (r.xid::xid8, r.id) "
    "  AND c.xid < pg_snapshot_xmin(pg_current_snapshot()) AND c.payload IS NOT NULL "
    "  AND (r.exclude_origin = '' OR c.origin <> r.exclude_origin) "
    "  AND (r.destination = '*' OR c.destination = '' OR c.destination = r.destination) "
    "GROUP BY r.ord ORDER BY r.ord"};

LogRow FromRow(const pqxx::row& r) {
  LogRow row;
  row.position.xid = r["xid_text"].as<std::string>();
  row.position.id = r["id"].as<int64_t>();
  row.item.type = r["item_type"].as<std::string>();
  row.item.id = r["item_id"].as<std::string>();
  row.item.origin = r["origin"].as<std::string>();
  row.item.version = r["version"].as<int64_t>();
  row.item.destination = r["destination"].as<std::string>();
  row.item.payload = pqxx::binarystring(r["payload"]).str();
  row.item.change_time = absl::FromUnixMicros(r["change_us"].as<int64_t>());
  return row;
}

constexpr Statement kPurge{
    "change_log_purge",
    "UPDATE change_log SET payload = NULL WHERE item_type = $1 AND origin = $2 "
    "AND item_id = ANY($3::text[]) AND payload IS NOT NULL"};
constexpr Statement kPurgeHeld{
    "sync_held_purge",
    "DELETE FROM sync_held WHERE item_type = $1 AND origin = $2 AND item_id = ANY($3::text[])"};
constexpr Statement kPurgeBelow{
    "change_log_purge_below",
    "UPDATE change_log SET payload = NULL WHERE item_type = $1 AND origin = $2 "
    "AND item_id = $3 AND version < $4 AND payload IS NOT NULL"};
constexpr Statement kPurgeHeldBelow{
    "sync_held_purge_below",
    "DELETE FROM sync_held WHERE item_type = $1 AND origin = $2 AND item_id = $3 "
    "AND version < $4"};

class PgChangeLogRepository final : public ChangeLogRepository {
 public:
  absl::StatusOr<int> PurgePayloadsBelow(Tx& tx, const std::string& type,
                                         const std::string& origin, const std::string& id,
                                         int64_t version) override {
    return Guarded("change_log_purge_below", [&]() -> absl::StatusOr<int> {
      int purged = static_cast<int>(
          tx.Exec(kPurgeBelow, type, origin, id, version).affected_rows());
      purged += static_cast<int>(
          tx.Exec(kPurgeHeldBelow, type, origin, id, version).affected_rows());
      return purged;
    });
  }

  absl::StatusOr<int> PurgePayloads(Tx& tx, const std::string& type, const std::string& origin,
                                    const std::vector<std::string>& ids) override {
    return Guarded("change_log_purge", [&]() -> absl::StatusOr<int> {
      if (ids.empty()) return 0;
      std::string array = ArrayLiteral(ids);
      int purged = static_cast<int>(tx.Exec(kPurge, type, origin, array).affected_rows());
      purged += static_cast<int>(tx.Exec(kPurgeHeld, type, origin, array).affected_rows());
      return purged;
    });
  }

  absl::Status Append(Tx& tx, const domain::SyncItem& item) override {
    return Guarded("change_log_append", [&]() -> absl::Status {
      tx.Exec(kAppend, item.type, item.id, item.origin, item.version, item.destination,
              pqxx::binarystring(item.payload));
      return absl::OkStatus();
    });
  }

  absl::StatusOr<LogRead> Read(Tx& tx, const LogPosition& after, int limit,
                               const LogFilter& filter) override {
    return Guarded("change_log_read", [&]() -> absl::StatusOr<LogRead> {
      LogRead out;
      for (const auto& r :
           tx.Exec(kRead, after.xid, after.id, filter.exclude_origin, filter.destination, limit)) {
        out.rows.push_back(FromRow(r));
      }
      if (static_cast<int>(out.rows.size()) == limit) {
        out.end = out.rows.back().position;
      } else {
        // Everything visible was considered: continue after the newest visible row.
        out.end = after;
        pqxx::result w = tx.Exec(kWatermark);
        if (!w.empty()) {
          LogPosition watermark{w[0][0].as<std::string>(), w[0][1].as<int64_t>()};
          if (Before(out.end, watermark)) out.end = watermark;
        }
      }
      out.remaining = tx.Exec(kRemaining, out.end.xid, out.end.id, filter.exclude_origin,
                              filter.destination)
                          .at(0)[0]
                          .as<int64_t>();
      out.waiting_for_open_transactions = tx.Exec(kWaiting).at(0)[0].as<int64_t>();
      return out;
    });
  }

  absl::StatusOr<std::vector<LogRow>> ReadRange(Tx& tx, const LogPosition& from,
                                                const LogPosition& to) override {
    return Guarded("change_log_range", [&]() -> absl::StatusOr<std::vector<LogRow>> {
      std::vector<LogRow> out;
      for (const auto& r : tx.Exec(kRange, from.xid, from.id, to.xid, to.id)) {
        out.push_back(FromRow(r));
      }
      return out;
    });
  }

  absl::StatusOr<absl::Duration> OldestAfter(Tx& tx, const LogPosition& after) override {
    return Guarded("change_log_oldest", [&]() -> absl::StatusOr<absl::Duration> {
      pqxx::result r = tx.Exec(kOldest, after.xid, after.id);
      if (r.empty() || r[0][0].is_null()) return absl::ZeroDuration();
      return absl::Now() - absl::FromUnixMicros(r[0][0].as<int64_t>());
    });
  }

  absl::StatusOr<std::vector<LogBacklog>> Backlogs(
      Tx& tx, const std::vector<BacklogQuery>& queries) override {
    return Guarded("change_log_backlogs", [&]() -> absl::StatusOr<std::vector<LogBacklog>> {
      std::vector<LogBacklog> out(queries.size());
      if (queries.empty()) return out;
      std::vector<std::string> xids, ids, excluded, destinations;
      for (const BacklogQuery& q : queries) {
        xids.push_back(q.after.xid);
        ids.push_back(std::to_string(q.after.id));
        excluded.push_back(q.filter.exclude_origin);
        destinations.push_back(q.filter.destination);
      }
      absl::Time now = absl::Now();
      for (const auto& r : tx.Exec(kBacklogs, ArrayLiteral(xids), ArrayLiteral(ids),
                                   ArrayLiteral(excluded), ArrayLiteral(destinations))) {
        int64_t index = r[0].as<int64_t>() - 1;
        if (index < 0 || index >= static_cast<int64_t>(out.size())) continue;
        out[index].items = r[1].as<int64_t>();
        if (!r[2].is_null()) {
          out[index].age =
              std::max(absl::ZeroDuration(), now - absl::FromUnixMicros(r[2].as<int64_t>()));
        }
      }
      return out;
    });
  }
};

}  // namespace

bool Before(const LogPosition& a, const LogPosition& b) {
  // xids are decimal numbers without leading zeros: shorter is smaller.
  if (a.xid.size() != b.xid.size()) return a.xid.size() < b.xid.size();
  if (a.xid != b.xid) return a.xid < b.xid;
  return a.id < b.id;
}

std::unique_ptr<ChangeLogRepository> NewChangeLogRepository() {
  return std::make_unique<PgChangeLogRepository>();
}

}  // namespace schutznetz::storage
