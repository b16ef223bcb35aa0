#include "libs/storage/trail_repository.h"

#include <limits>

#include "absl/strings/numbers.h"
#include "libs/common/page_token.h"
#include "libs/common/status_macros.h"
#include "libs/storage/pg_error.h"
#include "libs/storage/tx.h"

namespace schutznetz::storage {
namespace {

using domain::TrailEntry;

// Rows ReadAll fetches per statement.
constexpr int kReadBatch = 1000;

constexpr Statement kLockHead{"trail_lock_head",
                              "SELECT seq, hash FROM trail_head WHERE id FOR UPDATE"};

constexpr Statement kHead{"trail_head", "SELECT seq, hash FROM trail_head WHERE id"};

// One round trip: the entry and the new head.
constexpr Statement kAppend{
    "trail_append",
    "WITH appended AS ("
    " INSERT INTO trail (seq, kind, subject, counterpart, details, actor, recorded_at, prev_hash,"
    " hash) VALUES ($1, $2, $3, $4, $5, $6, sn_ts($7), $8, $9)) "
    "UPDATE trail_head SET seq = $1, hash = $9 WHERE id"};

#define SN_TRAIL_COLUMNS                                                                 \
  "seq, kind, subject, counterpart, details, actor, sn_us(recorded_at) AS recorded_us, " \
  "prev_hash, hash "

constexpr Statement kListNewest{"trail_list",
                                "SELECT " SN_TRAIL_COLUMNS
                                "FROM trail WHERE ($1 = 0 OR seq < $1) ORDER BY seq DESC LIMIT $2"};

constexpr Statement kCount{"trail_count", "SELECT count(*) FROM trail"};

constexpr Statement kReadFrom{"trail_read_from", "SELECT " SN_TRAIL_COLUMNS
                                                 "FROM trail WHERE seq > $1 ORDER BY seq LIMIT $2"};

TrailEntry EntryFromRow(const pqxx::row& r) {
  TrailEntry e;
  e.seq = r["seq"].as<int64_t>();
  e.kind = r["kind"].as<std::string>();
  e.subject = r["subject"].as<std::string>();
  e.counterpart = r["counterpart"].as<std::string>();
  e.details = r["details"].as<std::string>();
  e.actor = r["actor"].as<std::string>();
  e.recorded_at = absl::FromUnixMicros(r["recorded_us"].as<int64_t>());
  e.prev_hash = r["prev_hash"].as<std::string>();
  e.hash = r["hash"].as<std::string>();
  return e;
}

class PgTrailRepository final : public TrailRepository {
 public:
  absl::StatusOr<TrailEntry> Append(Tx& tx, const domain::TrailRecord& record,
                                    absl::Time recorded_at) override {
    SN_RETURN_IF_ERROR(domain::ValidateTrailRecord(record));
    return Guarded("trail_append", [&]() -> absl::StatusOr<TrailEntry> {
      pqxx::result head = tx.Exec(kLockHead);
      if (head.empty()) return absl::InternalError("trail_head has no row");
      int64_t last = head[0]["seq"].as<int64_t>();
      TrailEntry e =
          domain::ChainEntry(record, last + 1, head[0]["hash"].as<std::string>(), recorded_at);
      tx.Exec(kAppend, e.seq, e.kind, e.subject, e.counterpart, e.details, e.actor,
              absl::ToUnixMicros(e.recorded_at), e.prev_hash, e.hash);
      return e;
    });
  }

  absl::StatusOr<domain::Page<TrailEntry>> List(Tx& tx, const domain::PageRequest& page) override {
    std::string fingerprint = FilterFingerprint({"trail"});
    int64_t before = 0;
    if (!page.page_token.empty()) {
      SN_ASSIGN_OR_RETURN(std::vector<std::string> key,
                          DecodePageToken(page.page_token, fingerprint, 1));
      if (!absl::SimpleAtoi(key[0], &before) || before < 1) {
        return absl::InvalidArgumentError("page_token: malformed / ungültig");
      }
    }
    return Guarded("trail_list", [&]() -> absl::StatusOr<domain::Page<TrailEntry>> {
      domain::Page<TrailEntry> out;
      for (const auto& r : tx.Exec(kListNewest, before, page.page_size + 1)) {
        out.items.push_back(EntryFromRow(r));
      }
      if (static_cast<int>(out.items.size()) > page.page_size) {
        out.items.pop_back();
        out.next_page_token = EncodePageToken(fingerprint, {std::to_string(out.items.back().seq)});
      }
      out.total_size = tx.Exec(kCount).at(0)[0].as<int>();
      return out;
    });
  }

  absl::StatusOr<domain::TrailHead> Head(Tx& tx) override {
    return Guarded("trail_head", [&]() -> absl::StatusOr<domain::TrailHead> {
      pqxx::result r = tx.Exec(kHead);
      if (r.empty()) return absl::InternalError("trail_head has no row");
      return domain::TrailHead{r[0]["seq"].as<int64_t>(), r[0]["hash"].as<std::string>()};
    });
  }

  absl::Status ReadAll(Tx& tx, const std::function<void(const TrailEntry&)>& fn) override {
    return Guarded("trail_read", [&]() -> absl::Status {
      // From the lowest possible seq: a row moved to seq 0 or below must be seen, too.
      int64_t after = std::numeric_limits<int64_t>::min();
      while (true) {
        pqxx::result rows = tx.Exec(kReadFrom, after, kReadBatch);
        for (const auto& r : rows) {
          TrailEntry e = EntryFromRow(r);
          after = e.seq;
          fn(e);
        }
        if (static_cast<int>(rows.size()) < kReadBatch) return absl::OkStatus();
      }
    });
  }
};

}  // namespace

std::unique_ptr<TrailRepository> NewTrailRepository() {
  return std::make_unique<PgTrailRepository>();
}

}  // namespace schutznetz::storage
