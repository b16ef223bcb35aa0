#include "libs/storage/retention_repository.h"

#include "absl/strings/numbers.h"
#include "libs/common/page_token.h"
#include "libs/storage/pg_error.h"
#include "libs/storage/tx.h"

namespace schutznetz::storage {
namespace {

using domain::RetentionRun;

// An arbitrary constant: the advisory lock key of the retention runs.
constexpr int64_t kRetentionLockKey = 0x524554454e54;  // "RETENT"

constexpr Statement kLock{"retention_lock", "SELECT pg_advisory_xact_lock($1)"};

// $1: cutoff, $2: now (µs). The version changes, so an etag read before the erasure is stale.
constexpr Statement kEraseExternal{
    "retention_erase_external",
    "UPDATE registrations r SET person_name = '', person_organisation = '', "
    "erased_at = sn_ts($2), version = r.version + 1 "
    "FROM events e WHERE e.id = r.event_id AND r.origin_office IS NOT NULL "
    "AND r.erased_at IS NULL AND e.end_time <= sn_ts($1)"};

constexpr Statement kMembersDue{
    "retention_members_due",
    "SELECT id::text FROM members WHERE state IN ('left', 'declined') AND NOT anonymised "
    "AND leave_time <= sn_ts($1) ORDER BY leave_time, id"};

constexpr Statement kInsertRun{
    "retention_insert_run",
    "INSERT INTO retention_runs (run_id, run_time, rule, setting, cutoff, rows_affected, actor) "
    "VALUES ($1::uuid, sn_ts($2), $3, $4, sn_ts($5), $6, $7) RETURNING id"};

constexpr Statement kListRuns{
    "retention_list_runs",
    "SELECT id, run_id::text AS run_id, sn_us(run_time) AS run_us, rule, setting, "
    "sn_us(cutoff) AS cutoff_us, rows_affected, actor FROM retention_runs "
    "WHERE ($1::bigint = 0 OR id < $1::bigint) ORDER BY id DESC LIMIT $2"};

constexpr Statement kCountRuns{"retention_count_runs", "SELECT count(*) FROM retention_runs"};

RetentionRun FromRow(const pqxx::row& r) {
  RetentionRun run;
  run.id = r["id"].as<int64_t>();
  run.run_id = r["run_id"].as<std::string>();
  run.run_time = absl::FromUnixMicros(r["run_us"].as<int64_t>());
  run.rule = domain::RetentionRuleFromSlug(r["rule"].as<std::string>())
                 .value_or(domain::RetentionRule::kUnspecified);
  run.setting = r["setting"].as<int>();
  if (!r["cutoff_us"].is_null()) run.cutoff = absl::FromUnixMicros(r["cutoff_us"].as<int64_t>());
  run.rows_affected = r["rows_affected"].as<int64_t>();
  run.actor = r["actor"].as<std::string>();
  return run;
}

class PgRetentionRepository final : public RetentionRepository {
 public:
  absl::Status Lock(Tx& tx) override {
    return Guarded("retention_lock", [&]() -> absl::Status {
      tx.Exec(kLock, kRetentionLockKey);
      return absl::OkStatus();
    });
  }

  absl::StatusOr<int64_t> EraseExternalRegistrations(Tx& tx, absl::Time cutoff,
                                                     absl::Time now) override {
    return Guarded("retention_erase_external", [&]() -> absl::StatusOr<int64_t> {
      pqxx::result r = tx.Exec(kEraseExternal, absl::ToUnixMicros(cutoff), absl::ToUnixMicros(now));
      return static_cast<int64_t>(r.affected_rows());
    });
  }

  absl::StatusOr<std::vector<domain::MemberId>> MembersDueForAnonymisation(
      Tx& tx, absl::Time cutoff) override {
    return Guarded("retention_members_due", [&]() -> absl::StatusOr<std::vector<domain::MemberId>> {
      std::vector<domain::MemberId> out;
      for (const auto& row : tx.Exec(kMembersDue, absl::ToUnixMicros(cutoff))) {
        out.emplace_back(row[0].as<std::string>());
      }
      return out;
    });
  }

  absl::StatusOr<RetentionRun> RecordRun(Tx& tx, const RetentionRun& run) override {
    return Guarded("retention_insert_run", [&]() -> absl::StatusOr<RetentionRun> {
      std::optional<int64_t> cutoff;
      if (run.cutoff) cutoff = absl::ToUnixMicros(*run.cutoff);
      RetentionRun stored = run;
      stored.id = tx.Exec(kInsertRun, run.run_id, absl::ToUnixMicros(run.run_time),
                          std::string(domain::RetentionRuleSlug(run.rule)), run.setting, cutoff,
                          run.rows_affected, run.actor)
                      .at(0)[0]
                      .as<int64_t>();
      return stored;
    });
  }

  absl::StatusOr<domain::Page<RetentionRun>> ListRuns(Tx& tx,
                                                      const domain::PageRequest& page) override {
    const std::string fingerprint = FilterFingerprint({"retention_runs"});
    int64_t before = 0;
    if (!page.page_token.empty()) {
      absl::StatusOr<std::vector<std::string>> key =
          DecodePageToken(page.page_token, fingerprint, 1);
      if (!key.ok()) return key.status();
      if (!absl::SimpleAtoi((*key)[0], &before) || before <= 0) {
        return absl::InvalidArgumentError("page_token: malformed / ungültig");
      }
    }
    return Guarded("retention_list_runs", [&]() -> absl::StatusOr<domain::Page<RetentionRun>> {
      domain::Page<RetentionRun> out;
      for (const auto& row : tx.Exec(kListRuns, before, page.page_size + 1)) {
        out.items.push_back(FromRow(row));
      }
      if (static_cast<int>(out.items.size()) > page.page_size) {
        out.items.pop_back();
        out.next_page_token = EncodePageToken(fingerprint, {std::to_string(out.items.back().id)});
      }
      out.total_size = tx.Exec(kCountRuns).at(0)[0].as<int>();
      return out;
    });
  }
};

}  // namespace

std::unique_ptr<RetentionRepository> NewRetentionRepository() {
  return std::make_unique<PgRetentionRepository>();
}

}  // namespace schutznetz::storage
