#include "libs/storage/insofa_repository.h"

#include "absl/strings/numbers.h"
#include "libs/common/errors.h"
#include "libs/common/page_token.h"
#include "libs/storage/pg_array.h"
#include "libs/storage/pg_error.h"
#include "libs/storage/tx.h"

namespace schutznetz::storage {
namespace {

using domain::InsofaEntry;

#define SN_INSOFA_COLUMNS                                                                         \
  "id::text AS id, office, member_id, mirrored, first_name, last_name, organisation_name, "      \
  "specialisations, languages, municipalities, how_to_request, version, sync_version, "          \
  "sn_us(update_time) AS update_us "

// Own entries with name and organisation of their member; `$1` is this office's id.
#define SN_INSOFA_OWN                                                                             \
  "SELECT e.id, $1::text AS office, e.member_id::text AS member_id, false AS mirrored, "         \
  "m.first_name, m.last_name, o.name AS organisation_name, e.specialisations, e.languages, "     \
  "e.municipalities, e.how_to_request, e.version, e.sync_version, e.update_time "                \
  "FROM insofa_entries e JOIN members m ON m.id = e.member_id "                                   \
  "JOIN organisations o ON o.id = m.organisation_id "

// What the pool lists: own entries of active members with a live consent, and the other
// offices' entries that are not withdrawn.
#define SN_INSOFA_POOL                                                                            \
  "WITH pool AS (" SN_INSOFA_OWN                                                                  \
  "WHERE m.state = 'active' AND NOT m.anonymised AND EXISTS (SELECT 1 FROM consents c "          \
  "WHERE c.member_id = m.id AND c.purpose = 'insofa_pool' AND c.withdrawn_at IS NULL) "          \
  "UNION ALL SELECT id, office, '' AS member_id, true AS mirrored, first_name, last_name, "      \
  "organisation_name, specialisations, languages, municipalities, how_to_request, 0::bigint, "   \
  "sync_version, update_time FROM insofa_mirror WHERE NOT withdrawn AND office <> $1) "

#define SN_INSOFA_FILTER                                                                          \
  "($2 = '' OR $2 = ANY (specialisations)) AND ($3 = '' OR EXISTS (SELECT 1 FROM "               \
  "unnest(municipalities) AS u (name) WHERE lower(u.name) = lower($3))) "                        \
  "AND ($4 = '' OR $4 = ANY (languages)) "

constexpr Statement kFindByMember{
    "insofa_find_by_member",
    "SELECT " SN_INSOFA_COLUMNS "FROM (" SN_INSOFA_OWN "WHERE e.member_id = $2) AS own"};
constexpr Statement kLockByMember{"insofa_lock_by_member",
                                  "SELECT 1 FROM insofa_entries WHERE member_id = $1 FOR UPDATE"};
constexpr Statement kPut{
    "insofa_put",
    "INSERT INTO insofa_entries (member_id, specialisations, languages, municipalities, "
    "how_to_request) VALUES ($1, $2::text[], $3::text[], $4::text[], $5) "
    "ON CONFLICT (member_id) DO UPDATE SET specialisations = EXCLUDED.specialisations, "
    "languages = EXCLUDED.languages, municipalities = EXCLUDED.municipalities, "
    "how_to_request = EXCLUDED.how_to_request, version = insofa_entries.version + 1, "
    "update_time = now()"};
constexpr Statement kSetSyncVersion{"insofa_set_sync_version",
                                    "UPDATE insofa_entries SET sync_version = $2 WHERE id = $1"};
constexpr Statement kDelete{"insofa_delete", "DELETE FROM insofa_entries WHERE id = $1"};

constexpr Statement kMirrorHeld{
    "insofa_mirror_held", "SELECT office, sync_version FROM insofa_mirror WHERE id = $1 FOR UPDATE"};
constexpr Statement kMirrorPut{
    "insofa_mirror_put",
    "INSERT INTO insofa_mirror (id, office, sync_version, withdrawn, first_name, last_name, "
    "organisation_name, specialisations, languages, municipalities, how_to_request) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text[], $9::text[], $10::text[], $11) "
    "ON CONFLICT (id) DO UPDATE SET sync_version = EXCLUDED.sync_version, "
    "withdrawn = EXCLUDED.withdrawn, first_name = EXCLUDED.first_name, "
    "last_name = EXCLUDED.last_name, organisation_name = EXCLUDED.organisation_name, "
    "specialisations = EXCLUDED.specialisations, languages = EXCLUDED.languages, "
    "municipalities = EXCLUDED.municipalities, how_to_request = EXCLUDED.how_to_request, "
    "update_time = now()"};

constexpr Statement kSearch{
    "insofa_search",
    SN_INSOFA_POOL "SELECT " SN_INSOFA_COLUMNS "FROM pool WHERE " SN_INSOFA_FILTER
    "AND (NOT $5 OR (last_name, first_name, id) > ($6, $7, $8::uuid)) "
    "ORDER BY last_name, first_name, id LIMIT $9"};
constexpr Statement kCount{"insofa_count",
                           SN_INSOFA_POOL "SELECT count(*) FROM pool WHERE " SN_INSOFA_FILTER};

constexpr Statement kPutConsultations{
    "insofa_consultations_put",
    "INSERT INTO insofa_consultations (office, year, quarter, count) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (office, year, quarter) DO UPDATE SET count = EXCLUDED.count "
    "RETURNING year, quarter, count"};
constexpr Statement kListConsultations{
    "insofa_consultations_list",
    "SELECT year, quarter, count FROM insofa_consultations WHERE office = $1 "
    "AND ($2 = 0 OR year = $2) ORDER BY year, quarter"};

constexpr char kNilUuid[] = "00000000-0000-0000-0000-000000000000";

InsofaEntry FromRow(const pqxx::row& r) {
  InsofaEntry e;
  e.id = r["id"].as<std::string>();
  e.office = r["office"].as<std::string>();
  e.member_id = domain::MemberId(r["member_id"].as<std::string>());
  e.mirrored = r["mirrored"].as<bool>();
  e.first_name = r["first_name"].as<std::string>();
  e.last_name = r["last_name"].as<std::string>();
  e.organisation_name = r["organisation_name"].as<std::string>();
  e.profile.specialisations = FromSlugArray<domain::InsofaSpecialisation>(
      r["specialisations"], &domain::InsofaSpecialisationFromSlug);
  e.profile.languages = TextArray(r["languages"]);
  e.profile.municipalities = TextArray(r["municipalities"]);
  e.profile.how_to_request = r["how_to_request"].as<std::string>();
  e.version = r["version"].as<int64_t>();
  e.sync_version = r["sync_version"].as<int64_t>();
  e.update_time = absl::FromUnixMicros(r["update_us"].as<int64_t>());
  return e;
}

std::string Slugs(const domain::InsofaProfile& p) {
  return SlugArray(p.specialisations, &domain::InsofaSpecialisationSlug);
}

std::string Slug(domain::InsofaSpecialisation s) {
  return std::string(domain::InsofaSpecialisationSlug(s));
}

class PgInsofaRepository final : public InsofaRepository {
 public:
  absl::StatusOr<std::optional<InsofaEntry>> FindByMember(Tx& tx, const domain::MemberId& member,
                                                          bool lock) override {
    return Guarded("insofa_find_by_member", [&]() -> absl::StatusOr<std::optional<InsofaEntry>> {
      if (lock) tx.Exec(kLockByMember, member.value());
      pqxx::result r = tx.Exec(kFindByMember, std::string(), member.value());
      if (r.empty()) return std::nullopt;
      return FromRow(r[0]);
    });
  }

  absl::StatusOr<InsofaEntry> Put(Tx& tx, const domain::MemberId& member,
                                  const domain::InsofaProfile& p) override {
    absl::Status s = Guarded("insofa_put", [&]() -> absl::Status {
      tx.Exec(kPut, member.value(), Slugs(p), ArrayLiteral(p.languages),
              ArrayLiteral(p.municipalities), p.how_to_request);
      return absl::OkStatus();
    });
    if (!s.ok()) return s;
    absl::StatusOr<std::optional<InsofaEntry>> stored = FindByMember(tx, member, false);
    if (!stored.ok()) return stored.status();
    if (!stored->has_value()) return absl::InternalError("insofa entry vanished after upsert");
    return **stored;
  }

  absl::Status SetSyncVersion(Tx& tx, const std::string& id, int64_t version) override {
    return Guarded("insofa_set_sync_version", [&]() -> absl::Status {
      tx.Exec(kSetSyncVersion, id, version);
      return absl::OkStatus();
    });
  }

  absl::Status Delete(Tx& tx, const std::string& id) override {
    return Guarded("insofa_delete", [&]() -> absl::Status {
      tx.Exec(kDelete, id);
      return absl::OkStatus();
    });
  }

  absl::StatusOr<MirrorOutcome> PutMirrored(Tx& tx, const InsofaEntry& e,
                                            bool withdrawn) override {
    return Guarded("insofa_mirror_put", [&]() -> absl::StatusOr<MirrorOutcome> {
      pqxx::result held = tx.Exec(kMirrorHeld, e.id);
      if (!held.empty()) {
        if (held[0]["office"].as<std::string>() != e.office) return MirrorOutcome::kForeignId;
        if (held[0]["sync_version"].as<int64_t>() >= e.sync_version) {
          return MirrorOutcome::kOutdated;
        }
      }
      if (withdrawn) {
        tx.Exec(kMirrorPut, e.id, e.office, e.sync_version, true, std::string(), std::string(),
                std::string(), std::string("{}"), std::string("{}"), std::string("{}"),
                std::string());
      } else {
        tx.Exec(kMirrorPut, e.id, e.office, e.sync_version, false, e.first_name, e.last_name,
                e.organisation_name, Slugs(e.profile), ArrayLiteral(e.profile.languages),
                ArrayLiteral(e.profile.municipalities), e.profile.how_to_request);
      }
      return MirrorOutcome::kStored;
    });
  }

  absl::StatusOr<domain::Page<InsofaEntry>> Search(Tx& tx, const std::string& office,
                                                   const domain::InsofaFilter& f,
                                                   const domain::PageRequest& page) override {
    const std::string spec = Slug(f.specialisation);
    std::string fingerprint = FilterFingerprint({"insofa", spec, f.municipality, f.language});
    bool has_cursor = !page.page_token.empty();
    std::vector<std::string> cursor = {"", "", kNilUuid};
    int total = -1;
    if (has_cursor) {
      absl::StatusOr<std::vector<std::string>> decoded =
          DecodePageToken(page.page_token, fingerprint, 4);
      if (!decoded.ok()) return decoded.status();
      if (!absl::SimpleAtoi((*decoded)[3], &total) || total < 0) {
        return absl::InvalidArgumentError("page_token: malformed / ungültig");
      }
      cursor = *std::move(decoded);
    }
    return Guarded("insofa_search", [&]() -> absl::StatusOr<domain::Page<InsofaEntry>> {
      domain::Page<InsofaEntry> out;
      for (const auto& row : tx.Exec(kSearch, office, spec, f.municipality, f.language,
                                     has_cursor, cursor[0], cursor[1], cursor[2],
                                     page.page_size + 1)) {
        out.items.push_back(FromRow(row));
      }
      const bool more = static_cast<int>(out.items.size()) > page.page_size;
      if (more) out.items.pop_back();
      if (total < 0) {
        total = more ? tx.Exec(kCount, office, spec, f.municipality, f.language).at(0)[0].as<int>()
                     : static_cast<int>(out.items.size());
      }
      if (more) {
        const InsofaEntry& last = out.items.back();
        out.next_page_token = EncodePageToken(
            fingerprint, {last.last_name, last.first_name, last.id, std::to_string(total)});
      }
      out.total_size = total;
      return out;
    });
  }

  absl::StatusOr<domain::InsofaConsultationCount> PutConsultations(
      Tx& tx, const std::string& office, const domain::InsofaConsultationCount& c) override {
    return Guarded("insofa_consultations_put",
                   [&]() -> absl::StatusOr<domain::InsofaConsultationCount> {
                     pqxx::row r =
                         tx.Exec(kPutConsultations, office, c.year, c.quarter, c.count).at(0);
                     return domain::InsofaConsultationCount{
                         r["year"].as<int>(), r["quarter"].as<int>(), r["count"].as<int>()};
                   });
  }

  absl::StatusOr<std::vector<domain::InsofaConsultationCount>> ListConsultations(
      Tx& tx, const std::string& office, int year) override {
    return Guarded("insofa_consultations_list",
                   [&]() -> absl::StatusOr<std::vector<domain::InsofaConsultationCount>> {
                     std::vector<domain::InsofaConsultationCount> out;
                     for (const auto& r : tx.Exec(kListConsultations, office, year)) {
                       out.push_back({r["year"].as<int>(), r["quarter"].as<int>(),
                                      r["count"].as<int>()});
                     }
                     return out;
                   });
  }
};

}  // namespace

std::unique_ptr<InsofaRepository> NewInsofaRepository() {
  return std::make_unique<PgInsofaRepository>();
}

}  // namespace schutznetz::storage
