#include "libs/storage/organisations_repository.h"

#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"
#include "libs/common/page_token.h"
#include "libs/common/time.h"
#include "libs/storage/pg_error.h"
#include "libs/storage/tx.h"

namespace schutznetz::storage {
namespace {

using domain::Organisation;
using domain::OrganisationFilter;
using domain::OrganisationId;

#define SN_ORG_COLUMNS                                                                   \
  "id::text, name, sector, actor_category, municipality, address, website, active, " \
  "version, sn_us(create_time) AS create_us, sn_us(update_time) AS update_us"

#define SN_ORG_FILTER                                        \
  "($1 = '' OR strpos(lower(name), lower($1)) > 0) "         \
  "AND ($2 = '' OR sector = $2) "                            \
  "AND ($3 = '' OR actor_category = $3) "                    \
  "AND ($4 = '' OR lower(municipality) = lower($4)) "        \
  "AND ($5 OR active) "

constexpr Statement kInsert{
    "organisation_insert",
    "INSERT INTO organisations (name, sector, actor_category, municipality, address, website, "
    "active) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING " SN_ORG_COLUMNS};

constexpr Statement kGet{"organisation_get",
                         "SELECT " SN_ORG_COLUMNS " FROM organisations WHERE id = $1"};

constexpr Statement kGetForUpdate{
    "organisation_get_for_update",
    "SELECT " SN_ORG_COLUMNS " FROM organisations WHERE id = $1 FOR UPDATE"};

constexpr Statement kList{
    "organisation_list",
    "SELECT " SN_ORG_COLUMNS " FROM organisations WHERE " SN_ORG_FILTER
    "AND (NOT $6 OR (name, id) > ($7, $8::uuid)) ORDER BY name, id LIMIT $9"};

constexpr Statement kCount{"organisation_count",
                           "SELECT count(*) FROM organisations WHERE " SN_ORG_FILTER};

constexpr Statement kUpdate{
    "organisation_update",
    "UPDATE organisations SET name = $3, sector = $4, actor_category = $5, municipality = $6, "
    "address = $7, website = $8, active = $9, version = version + 1, update_time = now() "
    "WHERE id = $1 AND version = $2 RETURNING " SN_ORG_COLUMNS};

constexpr Statement kDelete{"organisation_delete", "DELETE FROM organisations WHERE id = $1"};

constexpr Statement kFindByName{
    "organisation_find_by_name",
    "SELECT " SN_ORG_COLUMNS " FROM organisations WHERE lower(name) = lower($1) ORDER BY name"};

constexpr char kNilUuid[] = "00000000-0000-0000-0000-000000000000";

Organisation FromRow(const pqxx::row& r) {
  Organisation o;
  o.id = OrganisationId(r["id"].as<std::string>());
  o.name = r["name"].as<std::string>();
  o.sector = domain::SectorFromSlug(r["sector"].as<std::string>()).value_or(domain::Sector::kOther);
  o.actor_category = domain::ActorCategoryFromSlug(r["actor_category"].as<std::string>())
                         .value_or(domain::ActorCategory::kOther);
  o.municipality = r["municipality"].as<std::string>();
  o.address = r["address"].as<std::string>();
  o.website = r["website"].as<std::string>();
  o.active = r["active"].as<bool>();
  o.version = r["version"].as<int64_t>();
  o.create_time = absl::FromUnixMicros(r["create_us"].as<int64_t>());
  o.update_time = absl::FromUnixMicros(r["update_us"].as<int64_t>());
  return o;
}

std::string Slug(domain::Sector s) {
  return s == domain::Sector::kUnspecified ? "" : std::string(domain::SectorSlug(s));
}
std::string Slug(domain::ActorCategory c) {
  return c == domain::ActorCategory::kUnspecified ? "" : std::string(domain::ActorCategorySlug(c));
}

absl::Status OrgNotFound(const OrganisationId& id) {
  return NotFound("organisation", "Organisation", id.value());
}

class PgOrganisationsRepository final : public OrganisationsRepository {
 public:
  absl::StatusOr<Organisation> Insert(Tx& tx, const Organisation& o) override {
    return Guarded("organisation_insert", [&]() -> absl::StatusOr<Organisation> {
      return FromRow(tx.Exec(kInsert, o.name, Slug(o.sector), Slug(o.actor_category),
                             o.municipality, o.address, o.website, o.active)
                         .at(0));
    });
  }

  absl::StatusOr<Organisation> Get(Tx& tx, const OrganisationId& id, bool lock) override {
    return Guarded("organisation_get", [&]() -> absl::StatusOr<Organisation> {
      pqxx::result r = tx.Exec(lock ? kGetForUpdate : kGet, id.value());
      if (r.empty()) return OrgNotFound(id);
      return FromRow(r[0]);
    });
  }

  absl::StatusOr<domain::Page<Organisation>> List(Tx& tx, const OrganisationFilter& f,
                                                  const domain::PageRequest& page) override {
    std::string fingerprint =
        FilterFingerprint({"organisations", f.name_contains, Slug(f.sector),
                           Slug(f.actor_category), f.municipality, f.include_inactive ? "1" : "0"});
    bool has_cursor = !page.page_token.empty();
    std::vector<std::string> cursor = {"", kNilUuid};
    if (has_cursor) {
      absl::StatusOr<std::vector<std::string>> decoded =
          DecodePageToken(page.page_token, fingerprint, 2);
      if (!decoded.ok()) return decoded.status();
      cursor = *std::move(decoded);
    }
    return Guarded("organisation_list", [&]() -> absl::StatusOr<domain::Page<Organisation>> {
      domain::Page<Organisation> out;
      pqxx::result rows =
          tx.Exec(kList, f.name_contains, Slug(f.sector), Slug(f.actor_category), f.municipality,
                  f.include_inactive, has_cursor, cursor[0], cursor[1], page.page_size + 1);
      for (const auto& row : rows) out.items.push_back(FromRow(row));
      if (static_cast<int>(out.items.size()) > page.page_size) {
        out.items.pop_back();
        const Organisation& last = out.items.back();
        out.next_page_token = EncodePageToken(fingerprint, {last.name, last.id.value()});
      }
      out.total_size = tx.Exec(kCount, f.name_contains, Slug(f.sector), Slug(f.actor_category),
                               f.municipality, f.include_inactive)
                           .at(0)[0]
                           .as<int>();
      return out;
    });
  }

  absl::StatusOr<Organisation> Update(Tx& tx, const Organisation& o) override {
    return Guarded("organisation_update", [&]() -> absl::StatusOr<Organisation> {
      pqxx::result r =
          tx.Exec(kUpdate, o.id.value(), o.version, o.name, Slug(o.sector),
                  Slug(o.actor_category), o.municipality, o.address, o.website, o.active);
      if (r.empty()) return EtagMismatch("organisation", "Organisation");
      return FromRow(r[0]);
    });
  }

  absl::Status Delete(Tx& tx, const OrganisationId& id) override {
    return Guarded("organisation_delete", [&]() -> absl::Status {
      if (tx.Exec(kDelete, id.value()).affected_rows() == 0) return OrgNotFound(id);
      return absl::OkStatus();
    });
  }

  absl::StatusOr<std::vector<Organisation>> FindByName(Tx& tx, const std::string& name) override {
    return Guarded("organisation_find_by_name",
                   [&]() -> absl::StatusOr<std::vector<Organisation>> {
                     std::vector<Organisation> out;
                     for (const auto& row : tx.Exec(kFindByName, name)) {
                       out.push_back(FromRow(row));
                     }
                     return out;
                   });
  }
};

}  // namespace

std::unique_ptr<OrganisationsRepository> NewOrganisationsRepository() {
  return std::make_unique<PgOrganisationsRepository>();
}

}  // namespace schutznetz::storage
