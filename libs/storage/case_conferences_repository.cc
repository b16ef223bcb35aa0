#include "libs/storage/case_conferences_repository.h"

#include <map>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "libs/common/errors.h"
#include "libs/common/page_token.h"
#include "libs/common/time.h"
#include "libs/storage/pg_array.h"
#include "libs/storage/pg_error.h"
#include "libs/storage/tx.h"

namespace schutznetz::storage {
namespace {

using domain::CaseConference;
using domain::CaseConferenceId;
using domain::FollowUp;
using domain::FollowUpId;

#define SN_CASE_SELECT                                                                          \
  "SELECT c.id::text AS id, c.municipality, "                                                 \
  "to_char(c.conference_date, 'YYYY-MM-DD') AS conference_date, c.event_id::text AS event_id, " \
  "c.participating_sectors, c.summary, c.findings, c.version, "                               \
  "sn_us(c.create_time) AS create_us, sn_us(c.update_time) AS update_us "                      \
  "FROM case_conferences c "

#define SN_CASE_FILTER                                                                          \
  "($1 = '' OR lower(c.municipality) = lower($1)) "                                           \
  "AND ($2 = 0 OR extract(year FROM c.conference_date) = $2) "

constexpr Statement kInsert{
    "case_conference_insert",
    "INSERT INTO case_conferences (municipality, conference_date, event_id, "
    "participating_sectors, summary, findings) "
    "VALUES ($1, $2::date, $3::uuid, $4::text[], $5, $6) RETURNING id::text"};

constexpr Statement kGet{"case_conference_get", SN_CASE_SELECT "WHERE c.id = $1"};
constexpr Statement kGetForUpdate{"case_conference_get_for_update",
                                  SN_CASE_SELECT "WHERE c.id = $1 FOR UPDATE"};

constexpr Statement kList{
    "case_conference_list",
    SN_CASE_SELECT "WHERE " SN_CASE_FILTER
    "AND (NOT $3 OR (c.conference_date, c.id) < ($4::date, $5::uuid)) "
    "ORDER BY c.conference_date DESC, c.id DESC LIMIT $6"};

constexpr Statement kCount{"case_conference_count",
                           "SELECT count(*) FROM case_conferences c WHERE " SN_CASE_FILTER};

constexpr Statement kUpdate{
    "case_conference_update",
    "UPDATE case_conferences SET municipality = $3, conference_date = $4::date, "
    "event_id = $5::uuid, participating_sectors = $6::text[], summary = $7, findings = $8, "
    "version = version + 1, update_time = now() WHERE id = $1 AND version = $2 RETURNING id::text"};

constexpr Statement kDelete{"case_conference_delete", "DELETE FROM case_conferences WHERE id = $1"};

constexpr Statement kFollowUps{
    "case_conference_follow_ups",
    "SELECT f.id::text AS id, f.case_conference_id::text AS case_conference_id, f.position, "
    "f.action, f.owner_organisation_id::text AS owner_organisation_id, "
    "o.name AS owner_organisation_name, to_char(f.due_date, 'YYYY-MM-DD') AS due_date, f.done, "
    "sn_us(f.done_time) AS done_us "
    "FROM case_conference_follow_ups f JOIN organisations o ON o.id = f.owner_organisation_id "
    "WHERE f.case_conference_id = ANY($1::uuid[]) ORDER BY f.case_conference_id, f.position"};

constexpr Statement kInsertFollowUp{
    "case_conference_follow_up_insert",
    "INSERT INTO case_conference_follow_ups (case_conference_id, position, action, "
    "owner_organisation_id, due_date, done, done_time) "
    "VALUES ($1, (SELECT COALESCE(max(position), 0) + 1 FROM case_conference_follow_ups "
    "WHERE case_conference_id = $1), $2, $3, $4::date, $5, CASE WHEN $5 THEN now() END) "
    "RETURNING id::text"};

constexpr Statement kUpdateFollowUp{
    "case_conference_follow_up_update",
    "UPDATE case_conference_follow_ups SET action = $3, owner_organisation_id = $4, "
    "due_date = $5::date, done = $6, done_time = CASE WHEN $6 THEN COALESCE(done_time, now()) END "
    "WHERE id = $1 AND case_conference_id = $2"};

constexpr Statement kDeleteFollowUp{
    "case_conference_follow_up_delete",
    "DELETE FROM case_conference_follow_ups WHERE id = $1 AND case_conference_id = $2"};

constexpr char kNilUuid[] = "00000000-0000-0000-0000-000000000000";

std::optional<std::string> OptionalDate(const std::optional<absl::CivilDay>& day) {
  if (!day) return std::nullopt;
  return FormatIsoDate(*day);
}

std::optional<std::string> OptionalId(const std::string& id) {
  if (id.empty()) return std::nullopt;
  return id;
}

std::string SectorsLiteral(const std::vector<domain::Sector>& sectors) {
  std::vector<std::string> slugs;
  for (domain::Sector s : sectors) slugs.emplace_back(domain::SectorSlug(s));
  return ArrayLiteral(slugs);
}

CaseConference FromRow(const pqxx::row& r) {
  CaseConference c;
  c.id = CaseConferenceId(r["id"].as<std::string>());
  c.municipality = r["municipality"].as<std::string>();
  c.conference_date = IsoDateOf(r["conference_date"].as<std::string>());
  c.event_id = domain::EventId(r["event_id"].as<std::string>(""));
  for (const std::string& slug : TextArray(r["participating_sectors"])) {
    c.participating_sectors.push_back(
        domain::SectorFromSlug(slug).value_or(domain::Sector::kOther));
  }
  c.summary = r["summary"].as<std::string>();
  c.findings = r["findings"].as<std::string>();
  c.version = r["version"].as<int64_t>();
  c.create_time = absl::FromUnixMicros(r["create_us"].as<int64_t>());
  c.update_time = absl::FromUnixMicros(r["update_us"].as<int64_t>());
  return c;
}

FollowUp FollowUpFromRow(const pqxx::row& r) {
  FollowUp f;
  f.id = FollowUpId(r["id"].as<std::string>());
  f.position = r["position"].as<int>();
  f.action = r["action"].as<std::string>();
  f.owner_organisation_id = domain::OrganisationId(r["owner_organisation_id"].as<std::string>());
  f.owner_organisation_name = r["owner_organisation_name"].as<std::string>();
  if (!r["due_date"].is_null()) f.due_date = IsoDateOf(r["due_date"].as<std::string>());
  f.done = r["done"].as<bool>();
  f.done_time = r["done_us"].is_null() ? absl::InfinitePast()
                                        : absl::FromUnixMicros(r["done_us"].as<int64_t>());
  return f;
}

// Loads the follow-ups of `conferences` into them (one query for a whole page).
void LoadFollowUps(Tx& tx, std::vector<CaseConference>& conferences) {
  if (conferences.empty()) return;
  std::vector<std::string> ids;
  std::map<std::string, CaseConference*> by_id;
  for (CaseConference& c : conferences) {
    ids.push_back(c.id.value());
    by_id[c.id.value()] = &c;
  }
  for (const auto& row : tx.Exec(kFollowUps, ArrayLiteral(ids))) {
    auto it = by_id.find(row["case_conference_id"].as<std::string>());
    if (it != by_id.end()) it->second->follow_ups.push_back(FollowUpFromRow(row));
  }
}

class PgCaseConferencesRepository final : public CaseConferencesRepository {
 public:
  absl::StatusOr<CaseConference> Insert(Tx& tx, const CaseConference& c) override {
    absl::StatusOr<std::string> id =
        Guarded("case_conference_insert", [&]() -> absl::StatusOr<std::string> {
          std::string id = tx.Exec(kInsert, c.municipality, FormatIsoDate(c.conference_date),
                                   OptionalId(c.event_id.value()),
                                   SectorsLiteral(c.participating_sectors), c.summary, c.findings)
                               .at(0)[0]
                               .as<std::string>();
          for (const FollowUp& f : c.follow_ups) InsertFollowUpRow(tx, id, f);
          return id;
        });
    if (!id.ok()) return id.status();
    return Get(tx, CaseConferenceId(*id), false);
  }

  absl::StatusOr<CaseConference> Get(Tx& tx, const CaseConferenceId& id, bool lock) override {
    return Guarded("case_conference_get", [&]() -> absl::StatusOr<CaseConference> {
      pqxx::result r = tx.Exec(lock ? kGetForUpdate : kGet, id.value());
      if (r.empty()) return NotFound("case conference", "Fallkonferenz", id.value());
      std::vector<CaseConference> one = {FromRow(r[0])};
      LoadFollowUps(tx, one);
      return std::move(one[0]);
    });
  }

  absl::StatusOr<domain::Page<CaseConference>> List(Tx& tx,
                                                    const domain::CaseConferenceFilter& f,
                                                    const domain::PageRequest& page) override {
    std::string fingerprint =
        FilterFingerprint({"case_conferences", f.municipality, absl::StrCat(f.year)});
    bool has_cursor = !page.page_token.empty();
    std::vector<std::string> cursor = {"1970-01-01", kNilUuid};
    if (has_cursor) {
      absl::StatusOr<std::vector<std::string>> decoded =
          DecodePageToken(page.page_token, fingerprint, 2);
      if (!decoded.ok()) return decoded.status();
      cursor = *std::move(decoded);
    }
    return Guarded("case_conference_list", [&]() -> absl::StatusOr<domain::Page<CaseConference>> {
      domain::Page<CaseConference> out;
      for (const auto& row : tx.Exec(kList, f.municipality, f.year, has_cursor, cursor[0],
                                     cursor[1], page.page_size + 1)) {
        out.items.push_back(FromRow(row));
      }
      if (static_cast<int>(out.items.size()) > page.page_size) {
        out.items.pop_back();
        const CaseConference& last = out.items.back();
        out.next_page_token =
            EncodePageToken(fingerprint, {FormatIsoDate(last.conference_date), last.id.value()});
      }
      LoadFollowUps(tx, out.items);
      out.total_size = tx.Exec(kCount, f.municipality, f.year).at(0)[0].as<int>();
      return out;
    });
  }

  absl::StatusOr<CaseConference> Update(Tx& tx, const CaseConference& c) override {
    absl::Status s = Guarded("case_conference_update", [&]() -> absl::Status {
      pqxx::result r = tx.Exec(kUpdate, c.id.value(), c.version, c.municipality,
                               FormatIsoDate(c.conference_date), OptionalId(c.event_id.value()),
                               SectorsLiteral(c.participating_sectors), c.summary, c.findings);
      if (r.empty()) return EtagMismatch("case conference", "Fallkonferenz");
      return absl::OkStatus();
    });
    if (!s.ok()) return s;
    return Get(tx, c.id, false);
  }

  absl::Status Delete(Tx& tx, const CaseConferenceId& id) override {
    return Guarded("case_conference_delete", [&]() -> absl::Status {
      if (tx.Exec(kDelete, id.value()).affected_rows() == 0) {
        return NotFound("case conference", "Fallkonferenz", id.value());
      }
      return absl::OkStatus();
    });
  }

  absl::StatusOr<FollowUpId> InsertFollowUp(Tx& tx, const CaseConferenceId& id,
                                            const FollowUp& f) override {
    return Guarded("case_conference_follow_up_insert", [&]() -> absl::StatusOr<FollowUpId> {
      return FollowUpId(InsertFollowUpRow(tx, id.value(), f));
    });
  }

  absl::Status UpdateFollowUp(Tx& tx, const CaseConferenceId& id, const FollowUp& f) override {
    return Guarded("case_conference_follow_up_update", [&]() -> absl::Status {
      pqxx::result r = tx.Exec(kUpdateFollowUp, f.id.value(), id.value(), f.action,
                               f.owner_organisation_id.value(), OptionalDate(f.due_date), f.done);
      if (r.affected_rows() == 0) return NotFound("follow-up", "Folgeaufgabe", f.id.value());
      return absl::OkStatus();
    });
  }

  absl::Status DeleteFollowUp(Tx& tx, const CaseConferenceId& id,
                              const FollowUpId& follow_up) override {
    return Guarded("case_conference_follow_up_delete", [&]() -> absl::Status {
      if (tx.Exec(kDeleteFollowUp, follow_up.value(), id.value()).affected_rows() == 0) {
        return NotFound("follow-up", "Folgeaufgabe", follow_up.value());
      }
      return absl::OkStatus();
    });
  }

 private:
  static std::string InsertFollowUpRow(Tx& tx, const std::string& conference_id,
                                       const FollowUp& f) {
    return tx.Exec(kInsertFollowUp, conference_id, f.action, f.owner_organisation_id.value(),
                   OptionalDate(f.due_date), f.done)
        .at(0)[0]
        .as<std::string>();
  }
};

}  // namespace

std::unique_ptr<CaseConferencesRepository> NewCaseConferencesRepository() {
  return std::make_unique<PgCaseConferencesRepository>();
}

}  // namespace schutznetz::storage
