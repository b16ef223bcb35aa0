#include "libs/storage/audit_repository.h"

#include "absl/strings/numbers.h"
#include "libs/common/page_token.h"
#include "libs/common/time.h"
#include "libs/storage/pg_error.h"
#include "libs/storage/tx.h"

namespace schutznetz::storage {
namespace {

using domain::AuditEntry;

constexpr Statement kInsert{
    "audit_insert",
    "INSERT INTO audit_log (actor, method, resource_type, resource_id, action, outcome, detail) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7)"};

#define SN_AUDIT_FILTER                                            \
  "($1 = '' OR resource_type = $1) AND ($2 = '' OR resource_id = $2) " \
  "AND ($3 = '' OR actor = $3) "

constexpr Statement kList{
    "audit_list",
    "SELECT id, sn_us(time) AS time_us, actor, method, resource_type, resource_id, action, "
    "outcome, detail FROM audit_log WHERE " SN_AUDIT_FILTER
    "AND ($4 = 0 OR id < $4) ORDER BY id DESC LIMIT $5"};

constexpr Statement kCount{"audit_count", "SELECT count(*) FROM audit_log WHERE " SN_AUDIT_FILTER};

class PgAuditRepository final : public AuditRepository {
 public:
  absl::Status Record(Tx& tx, const AuditEntry& e) override {
    return Guarded("audit_insert", [&]() -> absl::Status {
      tx.Exec(kInsert, e.actor, e.method, e.resource_type, e.resource_id, e.action, e.outcome,
              e.detail);
      return absl::OkStatus();
    });
  }

  absl::StatusOr<domain::Page<AuditEntry>> List(Tx& tx, const domain::AuditFilter& f,
                                                const domain::PageRequest& page) override {
    std::string fingerprint = FilterFingerprint({"audit", f.resource_type, f.resource_id, f.actor});
    int64_t before = 0;
    if (!page.page_token.empty()) {
      absl::StatusOr<std::vector<std::string>> key =
          DecodePageToken(page.page_token, fingerprint, 1);
      if (!key.ok()) return key.status();
      if (!absl::SimpleAtoi((*key)[0], &before)) return absl::InvalidArgumentError("page_token");
    }
    return Guarded("audit_list", [&]() -> absl::StatusOr<domain::Page<AuditEntry>> {
      domain::Page<AuditEntry> out;
      for (const auto& r : tx.Exec(kList, f.resource_type, f.resource_id, f.actor, before,
                                   page.page_size + 1)) {
        AuditEntry e;
        e.id = r["id"].as<int64_t>();
        e.time = absl::FromUnixMicros(r["time_us"].as<int64_t>());
        e.actor = r["actor"].as<std::string>();
        e.method = r["method"].as<std::string>();
        e.resource_type = r["resource_type"].as<std::string>();
        e.resource_id = r["resource_id"].as<std::string>();
        e.action = r["action"].as<std::string>();
        e.outcome = r["outcome"].as<std::string>();
        e.detail = r["detail"].as<std::string>();
        out.items.push_back(std::move(e));
      }
      if (static_cast<int>(out.items.size()) > page.page_size) {
        out.items.pop_back();
        out.next_page_token =
            EncodePageToken(fingerprint, {std::to_string(out.items.back().id)});
      }
      out.total_size =
          tx.Exec(kCount, f.resource_type, f.resource_id, f.actor).at(0)[0].as<int>();
      return out;
    });
  }
};

}  // namespace

std::unique_ptr<AuditRepository> NewAuditRepository() {
  return std::make_unique<PgAuditRepository>();
}

}  // namespace schutznetz::storage
