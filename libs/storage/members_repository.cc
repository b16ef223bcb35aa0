#include "libs/storage/members_repository.h"

#include <optional>

#include "absl/strings/numbers.h"
#include "libs/common/errors.h"
#include "libs/common/page_token.h"
#include "libs/common/time.h"
#include "libs/storage/pg_error.h"
#include "libs/storage/tx.h"

namespace schutznetz::storage {
namespace {

using domain::Member;
using domain::MemberId;

#define SN_MEMBER_SELECT                                                                        \
  "SELECT m.id::text AS id, m.organisation_id::text AS organisation_id, m.first_name, "       \
  "m.last_name, m.role, m.email, m.phone, m.consent_internal_directory, "                     \
  "m.consent_share_registrations, m.consent_public_contact, m.state, m.decision_reason, "     \
  "sn_us(m.request_time) AS request_us, sn_us(m.join_time) AS join_us, "                      \
  "sn_us(m.leave_time) AS leave_us, m.anonymised, m.version, "                                \
  "sn_us(m.create_time) AS create_us, sn_us(m.update_time) AS update_us, "                    \
  "o.name AS organisation_name, o.sector, o.actor_category "                                  \
  "FROM members m JOIN organisations o ON o.id = m.organisation_id "

#define SN_MEMBER_FILTER                                                                        \
  "($1 = '' OR strpos(lower(m.first_name || ' ' || m.last_name), lower($1)) > 0) "            \
  "AND ($2::uuid IS NULL OR m.organisation_id = $2::uuid) "                                   \
  "AND ($3 = '' OR o.sector = $3) AND ($4 = '' OR o.actor_category = $4) "                    \
  "AND ($5 = '' OR lower(o.municipality) = lower($5)) AND ($6 = '' OR m.state = $6) "

constexpr Statement kInsert{
    "member_insert",
    "INSERT INTO members (organisation_id, first_name, last_name, role, email, phone, "
    "consent_internal_directory, consent_share_registrations, state, request_time, join_time) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, coalesce(sn_ts($10), now()), "
    "CASE WHEN $9 = 'active' THEN coalesce(sn_ts($10), now()) END) "
    "RETURNING id::text"};

constexpr Statement kGet{"member_get", SN_MEMBER_SELECT "WHERE m.id = $1"};
constexpr Statement kGetForUpdate{"member_get_for_update",
                                  SN_MEMBER_SELECT "WHERE m.id = $1 FOR UPDATE OF m"};

// One page of members: the keys of the page first (by members_name_idx when no filter narrows
// the set), then the full rows of those members only.
constexpr Statement kList{
    "member_list",
    "WITH page AS MATERIALIZED (SELECT m.id FROM members m JOIN organisations o ON "
    "o.id = m.organisation_id WHERE " SN_MEMBER_FILTER
    "AND (NOT $7 OR (m.last_name, m.first_name, m.id) > ($8, $9, $10::uuid)) "
    "ORDER BY m.last_name, m.first_name, m.id LIMIT $11) "
    SN_MEMBER_SELECT "WHERE m.id IN (SELECT id FROM page) "
    "ORDER BY m.last_name, m.first_name, m.id"};

// The same without filters (the member list as it opens): a statement of its own, because the
// generic plan of the filtered one cannot know that every filter is empty and joins all members
// to their organisations before sorting. Here the page is the first rows of members_name_idx.
constexpr Statement kListUnfiltered{
    "member_list_unfiltered",
    "WITH page AS MATERIALIZED (SELECT m.id FROM members m "
    "WHERE (m.last_name, m.first_name, m.id) > ($1, $2, $3::uuid) "
    "ORDER BY m.last_name, m.first_name, m.id LIMIT $4) "
    SN_MEMBER_SELECT "WHERE m.id IN (SELECT id FROM page) "
    "ORDER BY m.last_name, m.first_name, m.id"};

// Every member belongs to an organisation (foreign key, NOT NULL).
constexpr Statement kCountUnfiltered{"member_count_unfiltered", "SELECT count(*) FROM members"};

constexpr Statement kCount{
    "member_count",
    "SELECT count(*) FROM members m JOIN organisations o ON o.id = m.organisation_id WHERE "
    SN_MEMBER_FILTER};

constexpr Statement kUpdate{
    "member_update",
    "UPDATE members SET organisation_id = $3, first_name = $4, last_name = $5, role = $6, "
    "email = $7, phone = $8, consent_internal_directory = $9, consent_share_registrations = $10, "
    "state = $11, decision_reason = $12, join_time = sn_ts($13), leave_time = sn_ts($14), "
    "anonymised = $15, consent_public_contact = $16, version = version + 1, update_time = now() "
    "WHERE id = $1 AND version = $2 RETURNING id::text"};

constexpr Statement kDelete{"member_delete", "DELETE FROM members WHERE id = $1"};

constexpr Statement kDuplicates{
    "member_duplicates",
    SN_MEMBER_SELECT
    "WHERE NOT m.anonymised AND ((lower(m.first_name) = lower($1) AND lower(m.last_name) = "
    "lower($2)) OR ($3 <> '' AND lower(m.email) = lower($3))) ORDER BY m.last_name, m.first_name"};

constexpr char kNilUuid[] = "00000000-0000-0000-0000-000000000000";

absl::Time OptionalTime(const pqxx::field& f) {
  return f.is_null() ? absl::InfinitePast() : absl::FromUnixMicros(f.as<int64_t>());
}

std::optional<int64_t> OptionalMicros(absl::Time t) {
  if (t == absl::InfinitePast()) return std::nullopt;
  return absl::ToUnixMicros(t);
}

std::optional<std::string> OptionalId(const std::string& id) {
  if (id.empty()) return std::nullopt;
  return id;
}

Member FromRow(const pqxx::row& r) {
  Member m;
  m.id = MemberId(r["id"].as<std::string>());
  m.organisation_id = domain::OrganisationId(r["organisation_id"].as<std::string>());
  m.first_name = r["first_name"].as<std::string>();
  m.last_name = r["last_name"].as<std::string>();
  m.role = r["role"].as<std::string>();
  m.email = r["email"].as<std::string>();
  m.phone = r["phone"].as<std::string>();
  m.consent_internal_directory = r["consent_internal_directory"].as<bool>();
  m.consent_share_registrations = r["consent_share_registrations"].as<bool>();
  m.consent_public_contact = r["consent_public_contact"].as<bool>();
  m.state = domain::MembershipStateFromSlug(r["state"].as<std::string>())
                .value_or(domain::MembershipState::kUnspecified);
  m.decision_reason = r["decision_reason"].as<std::string>();
  m.request_time = OptionalTime(r["request_us"]);
  m.join_time = OptionalTime(r["join_us"]);
  m.leave_time = OptionalTime(r["leave_us"]);
  m.anonymised = r["anonymised"].as<bool>();
  m.version = r["version"].as<int64_t>();
  m.create_time = absl::FromUnixMicros(r["create_us"].as<int64_t>());
  m.update_time = absl::FromUnixMicros(r["update_us"].as<int64_t>());
  m.organisation_name = r["organisation_name"].as<std::string>();
  m.sector = domain::SectorFromSlug(r["sector"].as<std::string>()).value_or(domain::Sector::kOther);
  m.actor_category = domain::ActorCategoryFromSlug(r["actor_category"].as<std::string>())
                         .value_or(domain::ActorCategory::kOther);
  return m;
}

std::string Slug(domain::Sector s) {
  return s == domain::Sector::kUnspecified ? "" : std::string(domain::SectorSlug(s));
}
std::string Slug(domain::ActorCategory c) {
  return c == domain::ActorCategory::kUnspecified ? "" : std::string(domain::ActorCategorySlug(c));
}
std::string Slug(domain::MembershipState s) {
  return s == domain::MembershipState::kUnspecified ? ""
                                                    : std::string(domain::MembershipStateSlug(s));
}

class PgMembersRepository final : public MembersRepository {
 public:
  absl::StatusOr<Member> Insert(Tx& tx, const Member& m) override {
    absl::StatusOr<std::string> id = Guarded("member_insert", [&]() -> absl::StatusOr<std::string> {
      return tx.Exec(kInsert, m.organisation_id.value(), m.first_name, m.last_name, m.role, m.email,
                     m.phone, m.consent_internal_directory, m.consent_share_registrations,
                     Slug(m.state), OptionalMicros(m.join_time))
          .at(0)[0]
          .as<std::string>();
    });
    if (!id.ok()) return id.status();
    return Get(tx, MemberId(*id), false);
  }

  absl::StatusOr<Member> Get(Tx& tx, const MemberId& id, bool lock) override {
    return Guarded("member_get", [&]() -> absl::StatusOr<Member> {
      pqxx::result r = tx.Exec(lock ? kGetForUpdate : kGet, id.value());
      if (r.empty()) return NotFound("member", "Mitglied", id.value());
      return FromRow(r[0]);
    });
  }

  absl::StatusOr<domain::Page<Member>> List(Tx& tx, const domain::MemberFilter& f,
                                            const domain::PageRequest& page) override {
    std::string fingerprint =
        FilterFingerprint({"members", f.name_contains, f.organisation_id.value(), Slug(f.sector),
                           Slug(f.actor_category), f.municipality, Slug(f.state)});
    bool has_cursor = !page.page_token.empty();
    std::vector<std::string> cursor = {"", "", kNilUuid};
    int total = -1;  // counted on the first page, carried in the token to the later ones
    if (has_cursor) {
      absl::StatusOr<std::vector<std::string>> decoded =
          DecodePageToken(page.page_token, fingerprint, 4);
      if (!decoded.ok()) return decoded.status();
      if (!absl::SimpleAtoi((*decoded)[3], &total) || total < 0) {
        return absl::InvalidArgumentError("page_token: malformed / ungültig");
      }
      cursor = *std::move(decoded);
    }
    return Guarded("member_list", [&]() -> absl::StatusOr<domain::Page<Member>> {
      domain::Page<Member> out;
      std::optional<std::string> org = OptionalId(f.organisation_id.value());
      const bool unfiltered = f.name_contains.empty() && !org && Slug(f.sector).empty() &&
                              Slug(f.actor_category).empty() && f.municipality.empty() &&
                              Slug(f.state).empty();
      pqxx::result rows =
          unfiltered ? tx.Exec(kListUnfiltered, cursor[0], cursor[1], cursor[2], page.page_size + 1)
                     : tx.Exec(kList, f.name_contains, org, Slug(f.sector), Slug(f.actor_category),
                               f.municipality, Slug(f.state), has_cursor, cursor[0], cursor[1],
                               cursor[2], page.page_size + 1);
      for (const auto& row : rows) out.items.push_back(FromRow(row));
      const bool more = static_cast<int>(out.items.size()) > page.page_size;
      if (more) out.items.pop_back();
      if (total < 0) {
        if (!more) {
          total = static_cast<int>(out.items.size());
        } else if (unfiltered) {
          total = tx.Exec(kCountUnfiltered).at(0)[0].as<int>();
        } else {
          total = tx.Exec(kCount, f.name_contains, org, Slug(f.sector), Slug(f.actor_category),
                          f.municipality, Slug(f.state))
                      .at(0)[0]
                      .as<int>();
        }
      }
      if (more) {
        const Member& last = out.items.back();
        out.next_page_token = EncodePageToken(
            fingerprint, {last.last_name, last.first_name, last.id.value(), std::to_string(total)});
      }
      out.total_size = total;
      return out;
    });
  }

  absl::StatusOr<Member> Update(Tx& tx, const Member& m) override {
    absl::Status s = Guarded("member_update", [&]() -> absl::Status {
      pqxx::result r =
          tx.Exec(kUpdate, m.id.value(), m.version, m.organisation_id.value(), m.first_name,
                  m.last_name, m.role, m.email, m.phone, m.consent_internal_directory,
                  m.consent_share_registrations, Slug(m.state), m.decision_reason,
                  OptionalMicros(m.join_time), OptionalMicros(m.leave_time), m.anonymised,
                  m.consent_public_contact);
      if (r.empty()) return EtagMismatch("member", "Mitglied");
      return absl::OkStatus();
    });
    if (!s.ok()) return s;
    return Get(tx, m.id, false);
  }

  absl::Status Delete(Tx& tx, const MemberId& id) override {
    return Guarded("member_delete", [&]() -> absl::Status {
      if (tx.Exec(kDelete, id.value()).affected_rows() == 0) {
        return NotFound("member", "Mitglied", id.value());
      }
      return absl::OkStatus();
    });
  }

  absl::StatusOr<std::vector<Member>> FindDuplicates(Tx& tx, const std::string& first_name,
                                                     const std::string& last_name,
                                                     const std::string& email) override {
    return Guarded("member_duplicates", [&]() -> absl::StatusOr<std::vector<Member>> {
      std::vector<Member> out;
      for (const auto& row : tx.Exec(kDuplicates, first_name, last_name, email)) {
        out.push_back(FromRow(row));
      }
      return out;
    });
  }
};

}  // namespace

std::unique_ptr<MembersRepository> NewMembersRepository() {
  return std::make_unique<PgMembersRepository>();
}

}  // namespace schutznetz::storage
