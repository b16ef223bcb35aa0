#include "libs/storage/reporting_paths_repository.h"

#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"
#include "libs/common/page_token.h"
#include "libs/storage/pg_error.h"
#include "libs/storage/tx.h"

namespace schutznetz::storage {
namespace {

using domain::ReportingPathDraft;
using domain::ReportingPathEntry;
using domain::ReportingPathSet;
using domain::ReportingPathVersionInfo;

// The draft's entries are stored under office '' and version 0.
constexpr char kDraftOffice[] = "";
constexpr int kDraftVersion = 0;

#define SN_DRAFT_COLUMNS \
  "revision, changed, sn_us(update_time) AS update_us, updated_by "
#define SN_VERSION_COLUMNS                                                                      \
  "office_id, version, mirrored, office_name, sync_version, sn_us(publish_time) AS publish_us, " \
  "published_by "

constexpr Statement kGetDraft{"reporting_path_draft_get",
                              "SELECT " SN_DRAFT_COLUMNS "FROM reporting_path_draft"};
constexpr Statement kGetDraftForUpdate{
    "reporting_path_draft_get_for_update",
    "SELECT " SN_DRAFT_COLUMNS "FROM reporting_path_draft FOR UPDATE"};
constexpr Statement kSaveDraft{
    "reporting_path_draft_save",
    "UPDATE reporting_path_draft SET revision = revision + 1, changed = true, "
    "update_time = sn_ts($1), updated_by = $2 RETURNING " SN_DRAFT_COLUMNS};
constexpr Statement kDraftPublished{"reporting_path_draft_published",
                                    "UPDATE reporting_path_draft SET changed = false"};

constexpr Statement kEntries{
    "reporting_path_entries_get",
    "SELECT kind, title, municipality, unit, phone, email, address, hours, agreement_id, "
    "is_public, note FROM reporting_path_entries WHERE office_id = $1 AND version = $2 "
    "ORDER BY position"};
constexpr Statement kInsertEntry{
    "reporting_path_entry_insert",
    "INSERT INTO reporting_path_entries (office_id, version, position, kind, title, "
    "municipality, unit, phone, email, address, hours, agreement_id, is_public, note) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"};
constexpr Statement kDeleteEntries{
    "reporting_path_entries_delete",
    "DELETE FROM reporting_path_entries WHERE office_id = $1 AND version = $2"};

constexpr Statement kHead{
    "reporting_path_head",
    "SELECT version, sync_version FROM reporting_path_versions WHERE office_id = $1 "
    "AND NOT mirrored ORDER BY version DESC LIMIT 1"};
constexpr Statement kInsertVersion{
    "reporting_path_version_insert",
    "INSERT INTO reporting_path_versions (office_id, version, mirrored, office_name, "
    "sync_version, publish_time, published_by) VALUES ($1, $2, $3, $4, $5, sn_ts($6), $7)"};
constexpr Statement kGetVersion{
    "reporting_path_version_get",
    "SELECT " SN_VERSION_COLUMNS "FROM reporting_path_versions WHERE office_id = $1 "
    "AND ($2 = 0 OR version = $2) ORDER BY version DESC LIMIT 1"};
constexpr Statement kListVersions{
    "reporting_path_versions_list",
    "SELECT v.version, sn_us(v.publish_time) AS publish_us, v.published_by, "
    "count(e.position) AS entry_count, count(e.position) FILTER (WHERE e.is_public) AS "
    "public_count FROM reporting_path_versions v LEFT JOIN reporting_path_entries e "
    "ON e.office_id = v.office_id AND e.version = v.version "
    "WHERE v.office_id = $1 AND NOT v.mirrored AND (NOT $2 OR v.version < $3) "
    "GROUP BY v.version, v.publish_time, v.published_by ORDER BY v.version DESC LIMIT $4"};
constexpr Statement kCountVersions{
    "reporting_path_versions_count",
    "SELECT count(*) FROM reporting_path_versions WHERE office_id = $1 AND NOT mirrored"};

constexpr Statement kMirrorHead{
    "reporting_path_mirror_head",
    "SELECT version, sync_version FROM reporting_path_versions WHERE office_id = $1 "
    "AND mirrored FOR UPDATE"};
constexpr Statement kDeleteMirror{
    "reporting_path_mirror_delete",
    "DELETE FROM reporting_path_versions WHERE office_id = $1 AND mirrored"};
constexpr Statement kListMirrored{
    "reporting_path_mirror_list",
    "SELECT " SN_VERSION_COLUMNS "FROM reporting_path_versions WHERE mirrored ORDER BY office_id"};

ReportingPathDraft DraftFromRow(const pqxx::row& r) {
  ReportingPathDraft d;
  d.revision = r["revision"].as<int64_t>();
  d.changed = r["changed"].as<bool>();
  if (!r["update_us"].is_null()) d.update_time = absl::FromUnixMicros(r["update_us"].as<int64_t>());
  d.updated_by = r["updated_by"].as<std::string>();
  return d;
}

ReportingPathSet SetFromRow(const pqxx::row& r) {
  ReportingPathSet s;
  s.office_id = r["office_id"].as<std::string>();
  s.version = r["version"].as<int>();
  s.mirrored = r["mirrored"].as<bool>();
  s.office_name = r["office_name"].as<std::string>();
  s.publish_time = absl::FromUnixMicros(r["publish_us"].as<int64_t>());
  s.published_by = r["published_by"].as<std::string>();
  return s;
}

std::vector<ReportingPathEntry> ReadEntries(Tx& tx, const std::string& office_id, int version) {
  std::vector<ReportingPathEntry> out;
  for (const auto& r : tx.Exec(kEntries, office_id, version)) {
    ReportingPathEntry e;
    e.kind = domain::ReportingPathKindFromSlug(r["kind"].as<std::string>())
                 .value_or(domain::ReportingPathKind::kOther);
    e.title = r["title"].as<std::string>();
    e.municipality = r["municipality"].as<std::string>();
    e.contact.unit = r["unit"].as<std::string>();
    e.contact.phone = r["phone"].as<std::string>();
    e.contact.email = r["email"].as<std::string>();
    e.contact.address = r["address"].as<std::string>();
    e.contact.hours = r["hours"].as<std::string>();
    e.agreement_id = r["agreement_id"].as<std::string>();
    e.is_public = r["is_public"].as<bool>();
    e.note = r["note"].as<std::string>();
    out.push_back(std::move(e));
  }
  return out;
}

void WriteEntries(Tx& tx, const std::string& office_id, int version,
                  const std::vector<ReportingPathEntry>& entries) {
  for (size_t i = 0; i < entries.size(); ++i) {
    const ReportingPathEntry& e = entries[i];
    tx.Exec(kInsertEntry, office_id, version, static_cast<int>(i),
            std::string(domain::ReportingPathKindSlug(e.kind)), e.title, e.municipality,
            e.contact.unit, e.contact.phone, e.contact.email, e.contact.address, e.contact.hours,
            e.agreement_id, e.is_public, e.note);
  }
}

class PgReportingPathsRepository final : public ReportingPathsRepository {
 public:
  absl::StatusOr<ReportingPathDraft> GetDraft(Tx& tx, bool lock) override {
    return Guarded("reporting_path_draft_get", [&]() -> absl::StatusOr<ReportingPathDraft> {
      ReportingPathDraft d = DraftFromRow(tx.Exec(lock ? kGetDraftForUpdate : kGetDraft).at(0));
      d.entries = ReadEntries(tx, kDraftOffice, kDraftVersion);
      return d;
    });
  }

  absl::StatusOr<ReportingPathDraft> SaveDraft(Tx& tx,
                                               const std::vector<ReportingPathEntry>& entries,
                                               const std::string& by, absl::Time at) override {
    return Guarded("reporting_path_draft_save", [&]() -> absl::StatusOr<ReportingPathDraft> {
      tx.Exec(kDeleteEntries, std::string(kDraftOffice), kDraftVersion);
      WriteEntries(tx, kDraftOffice, kDraftVersion, entries);
      ReportingPathDraft d = DraftFromRow(tx.Exec(kSaveDraft, absl::ToUnixMicros(at), by).at(0));
      d.entries = entries;
      return d;
    });
  }

  absl::StatusOr<PublishedHead> Head(Tx& tx, const std::string& office_id) override {
    return Guarded("reporting_path_head", [&]() -> absl::StatusOr<PublishedHead> {
      PublishedHead head;
      pqxx::result r = tx.Exec(kHead, office_id);
      if (!r.empty()) {
        head.version = r[0]["version"].as<int>();
        head.sync_version = r[0]["sync_version"].as<int64_t>();
      }
      return head;
    });
  }

  absl::Status InsertVersion(Tx& tx, const ReportingPathSet& set, int64_t sync_version) override {
    return Guarded("reporting_path_version_insert", [&]() -> absl::Status {
      tx.Exec(kInsertVersion, set.office_id, set.version, false, set.office_name, sync_version,
              absl::ToUnixMicros(set.publish_time), set.published_by);
      WriteEntries(tx, set.office_id, set.version, set.entries);
      tx.Exec(kDraftPublished);
      return absl::OkStatus();
    });
  }

  absl::StatusOr<ReportingPathSet> GetVersion(Tx& tx, const std::string& office_id,
                                              int version) override {
    return Guarded("reporting_path_version_get", [&]() -> absl::StatusOr<ReportingPathSet> {
      pqxx::result r = tx.Exec(kGetVersion, office_id, version);
      if (r.empty()) {
        return NotFound(domain::kReportingPathsKind.english, domain::kReportingPathsKind.german,
                        version == 0 ? office_id : absl::StrCat(office_id, " ", version));
      }
      ReportingPathSet s = SetFromRow(r[0]);
      s.entries = ReadEntries(tx, s.office_id, s.version);
      return s;
    });
  }

  absl::StatusOr<domain::Page<ReportingPathVersionInfo>> ListVersions(
      Tx& tx, const std::string& office_id, const domain::PageRequest& page) override {
    std::string fingerprint = FilterFingerprint({"reporting_path_versions", office_id});
    bool has_cursor = !page.page_token.empty();
    int before = 0;
    if (has_cursor) {
      absl::StatusOr<std::vector<std::string>> decoded =
          DecodePageToken(page.page_token, fingerprint, 1);
      if (!decoded.ok()) return decoded.status();
      try {
        before = std::stoi((*decoded)[0]);
      } catch (...) {
        return FieldError("page_token", "is not valid", "ist ungültig");
      }
    }
    return Guarded("reporting_path_versions_list",
                   [&]() -> absl::StatusOr<domain::Page<ReportingPathVersionInfo>> {
                     domain::Page<ReportingPathVersionInfo> out;
                     for (const auto& r : tx.Exec(kListVersions, office_id, has_cursor, before,
                                                  page.page_size + 1)) {
                       ReportingPathVersionInfo v;
                       v.version = r["version"].as<int>();
                       v.publish_time = absl::FromUnixMicros(r["publish_us"].as<int64_t>());
                       v.published_by = r["published_by"].as<std::string>();
                       v.entry_count = r["entry_count"].as<int>();
                       v.public_count = r["public_count"].as<int>();
                       out.items.push_back(std::move(v));
                     }
                     if (static_cast<int>(out.items.size()) > page.page_size) {
                       out.items.pop_back();
                       out.next_page_token = EncodePageToken(
                           fingerprint, {std::to_string(out.items.back().version)});
                     }
                     out.total_size = tx.Exec(kCountVersions, office_id).at(0)[0].as<int>();
                     return out;
                   });
  }

  absl::StatusOr<bool> UpsertMirror(Tx& tx, const ReportingPathSet& set,
                                    int64_t sync_version) override {
    return Guarded("reporting_path_mirror_upsert", [&]() -> absl::StatusOr<bool> {
      pqxx::result held = tx.Exec(kMirrorHead, set.office_id);
      if (!held.empty()) {
        if (held[0]["sync_version"].as<int64_t>() >= sync_version) return false;
        tx.Exec(kDeleteEntries, set.office_id, held[0]["version"].as<int>());
        tx.Exec(kDeleteMirror, set.office_id);
      }
      tx.Exec(kInsertVersion, set.office_id, set.version, true, set.office_name, sync_version,
              absl::ToUnixMicros(set.publish_time), std::string());
      WriteEntries(tx, set.office_id, set.version, set.entries);
      return true;
    });
  }

  absl::StatusOr<std::vector<ReportingPathSet>> ListMirrored(Tx& tx) override {
    return Guarded("reporting_path_mirror_list",
                   [&]() -> absl::StatusOr<std::vector<ReportingPathSet>> {
                     std::vector<ReportingPathSet> out;
                     for (const auto& r : tx.Exec(kListMirrored)) {
                       ReportingPathSet s = SetFromRow(r);
                       s.entries = ReadEntries(tx, s.office_id, s.version);
                       out.push_back(std::move(s));
                     }
                     return out;
                   });
  }
};

}  // namespace

std::unique_ptr<ReportingPathsRepository> NewReportingPathsRepository() {
  return std::make_unique<PgReportingPathsRepository>();
}

}  // namespace schutznetz::storage
