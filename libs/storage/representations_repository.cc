#include "libs/storage/representations_repository.h"

#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"
#include "libs/common/page_token.h"
#include "libs/common/time.h"
#include "libs/common/uuid.h"
#include "libs/storage/pg_error.h"
#include "libs/storage/tx.h"

namespace schutznetz::storage {
namespace {

using domain::Representation;
using domain::RepresentationReport;

#define SN_REPRESENTATION_SELECT                                                              \
  "SELECT r.id::text AS id, coalesce(r.member_id::text, '') AS member_id, "                  \
  "CASE WHEN m.id IS NULL OR m.anonymised THEN '(gelöscht)' "                                \
  "ELSE m.last_name || ', ' || m.first_name END AS member_name, r.network, r.kind, "         \
  "r.since::text AS since, coalesce(r.until::text, '') AS until, "                           \
  "(SELECT count(*) FROM representation_reports p WHERE p.representation_id = r.id) AS n "   \
  "FROM representations r LEFT JOIN members m ON m.id = r.member_id "

constexpr Statement kMemberExists{"representation_member_exists",
                                  "SELECT 1 FROM members WHERE id = $1"};
constexpr Statement kInsert{
    "representation_insert",
    "INSERT INTO representations (member_id, network, kind, since, until) "
    "VALUES ($1, $2, $3, $4::date, nullif($5, '')::date) RETURNING id::text"};
constexpr Statement kGet{"representation_get", SN_REPRESENTATION_SELECT "WHERE r.id = $1"};
constexpr Statement kLock{"representation_lock",
                          "SELECT 1 FROM representations WHERE id = $1 FOR UPDATE"};
// $1: year (0: all); $2, $3: keyset after (since, id) — for the first page beyond every row;
// $4: limit.
constexpr Statement kList{
    "representation_list",
    SN_REPRESENTATION_SELECT
    "WHERE ($1 = 0 OR (r.since < make_date($1, 12, 31) + 1 "
    "AND (r.until IS NULL OR r.until >= make_date($1, 1, 1)))) "
    "AND (r.since, r.id) < ($2::date, $3::uuid) "
    "ORDER BY r.since DESC, r.id DESC LIMIT $4"};
constexpr Statement kEnd{"representation_end",
                         "UPDATE representations SET until = $2::date WHERE id = $1"};
constexpr Statement kAddReport{
    "representation_report_add",
    "INSERT INTO representation_reports (representation_id, meeting_date, summary) "
    "VALUES ($1, $2::date, $3) RETURNING id::text"};
constexpr Statement kListReports{
    "representation_report_list",
    "SELECT id::text, representation_id::text, meeting_date::text, summary "
    "FROM representation_reports WHERE representation_id = $1 ORDER BY meeting_date, create_time"};

Representation FromRow(const pqxx::row& row) {
  Representation r;
  r.id = row["id"].as<std::string>();
  r.member_id = row["member_id"].as<std::string>();
  r.member_name = row["member_name"].as<std::string>();
  r.network = row["network"].as<std::string>();
  r.kind = domain::NetworkKindFromSlug(row["kind"].as<std::string>())
               .value_or(domain::NetworkKind::kOther);
  r.since = IsoDateOf(row["since"].as<std::string>());
  std::string until = row["until"].as<std::string>();
  if (!until.empty()) r.until = IsoDateOf(until);
  r.report_count = row["n"].as<int>();
  return r;
}

absl::Status NotFoundRepresentation(const std::string& id) {
  return NotFound("representation", "Vertretung", id);
}

class PgRepresentationsRepository final : public RepresentationsRepository {
 public:
  absl::StatusOr<Representation> Insert(Tx& tx, const Representation& r) override {
    return Guarded("representation_insert", [&]() -> absl::StatusOr<Representation> {
      if (tx.Exec(kMemberExists, r.member_id).empty()) {
        return NotFound("member", "Mitglied", r.member_id);
      }
      std::string id =
          tx.Exec(kInsert, r.member_id, r.network, domain::NetworkKindSlug(r.kind),
                  FormatIsoDate(r.since), r.until ? FormatIsoDate(*r.until) : std::string())
              .at(0)[0]
              .as<std::string>();
      return FromRow(tx.Exec(kGet, id).at(0));
    });
  }

  absl::StatusOr<Representation> Get(Tx& tx, const std::string& id, bool lock) override {
    return Guarded("representation_get", [&]() -> absl::StatusOr<Representation> {
      if (lock && tx.Exec(kLock, id).empty()) return NotFoundRepresentation(id);
      pqxx::result r = tx.Exec(kGet, id);
      if (r.empty()) return NotFoundRepresentation(id);
      return FromRow(r[0]);
    });
  }

  absl::StatusOr<domain::Page<Representation>> List(Tx& tx, int year,
                                                    const domain::PageRequest& page) override {
    const std::string fingerprint = FilterFingerprint({absl::StrCat(year)});
    std::string since = "9999-12-31";
    std::string id = "ffffffff-ffff-ffff-ffff-ffffffffffff";
    if (!page.page_token.empty()) {
      absl::StatusOr<std::vector<std::string>> key =
          DecodePageToken(page.page_token, fingerprint, 2);
      if (!key.ok()) return key.status();
      since = (*key)[0];
      id = (*key)[1];
      absl::CivilDay day;
      if (!absl::ParseCivilTime(since, &day) || !ValidateUuid("page_token", id).ok()) {
        return Bilingual(absl::StatusCode::kInvalidArgument, "page_token: malformed",
                         "page_token: ungültig");
      }
    }
    return Guarded("representation_list", [&]() -> absl::StatusOr<domain::Page<Representation>> {
      domain::Page<Representation> out;
      for (const auto& row : tx.Exec(kList, year, since, id,
                                     page.page_size + 1)) {
        out.items.push_back(FromRow(row));
      }
      if (static_cast<int>(out.items.size()) > page.page_size) {
        out.items.pop_back();
        const Representation& last = out.items.back();
        out.next_page_token = EncodePageToken(fingerprint, {FormatIsoDate(last.since), last.id});
      }
      out.total_size = static_cast<int>(out.items.size());
      return out;
    });
  }

  absl::StatusOr<Representation> End(Tx& tx, const std::string& id,
                                     absl::CivilDay until) override {
    return Guarded("representation_end", [&]() -> absl::StatusOr<Representation> {
      if (tx.Exec(kEnd, id, FormatIsoDate(until)).affected_rows() == 0) {
        return NotFoundRepresentation(id);
      }
      return FromRow(tx.Exec(kGet, id).at(0));
    });
  }

  absl::StatusOr<RepresentationReport> AddReport(Tx& tx,
                                                 const RepresentationReport& report) override {
    return Guarded("representation_report_add", [&]() -> absl::StatusOr<RepresentationReport> {
      RepresentationReport out = report;
      out.id = tx.Exec(kAddReport, report.representation_id, FormatIsoDate(report.meeting_date),
                       report.summary)
                   .at(0)[0]
                   .as<std::string>();
      return out;
    });
  }

  absl::StatusOr<std::vector<RepresentationReport>> ListReports(
      Tx& tx, const std::string& representation_id) override {
    return Guarded("representation_report_list",
                   [&]() -> absl::StatusOr<std::vector<RepresentationReport>> {
                     std::vector<RepresentationReport> out;
                     for (const auto& row : tx.Exec(kListReports, representation_id)) {
                       out.push_back({row[0].as<std::string>(), row[1].as<std::string>(),
                                      IsoDateOf(row[2].as<std::string>()),
                                      row[3].as<std::string>()});
                     }
                     return out;
                   });
  }
};

}  // namespace

std::unique_ptr<RepresentationsRepository> NewRepresentationsRepository() {
  return std::make_unique<PgRepresentationsRepository>();
}

}  // namespace schutznetz::storage
