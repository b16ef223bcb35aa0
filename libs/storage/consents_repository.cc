#include "libs/storage/consents_repository.h"

#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"
#include "libs/storage/pg_array.h"
#include "libs/storage/pg_error.h"
#include "libs/storage/tx.h"

namespace schutznetz::storage {
namespace {

using domain::Consent;
using domain::ConsentPurpose;
using domain::ConsentSource;
using domain::ConsentText;

#define SN_TEXT_COLUMNS \
  "purpose, version, body, sha256, sn_us(published_at) AS published_us, published_by "

#define SN_CONSENT_COLUMNS                                                                     \
  "id::text AS id, member_id::text AS member_id, purpose, text_version, text_sha256, source, " \
  "sn_us(given_at) AS given_us, recorded_by, sn_us(withdrawn_at) AS withdrawn_us, "          \
  "coalesce(withdrawn_by, '') AS withdrawn_by, coalesce(withdrawal_source, '') AS wsource "

#define SN_ERASURE_COLUMNS                                                                     \
  "id::text AS id, member_id::text AS member_id, office, registration_ids::text[] AS ids, "    \
  "reason, sn_us(requested_at) AS requested_us, requested_by, sync_version, "                 \
  "sn_us(receipt_at) AS receipt_us, coalesce(receipt_erased, 0) AS receipt_erased "

constexpr Statement kListTexts{
    "consent_text_list",
    "SELECT " SN_TEXT_COLUMNS "FROM consent_texts WHERE ($1 = '' OR purpose = $1) "
    "ORDER BY purpose, version DESC"};
constexpr Statement kGetText{
    "consent_text_get",
    "SELECT " SN_TEXT_COLUMNS "FROM consent_texts WHERE purpose = $1 "
    "AND ($2 = 0 OR version = $2) ORDER BY version DESC LIMIT 1"};
constexpr Statement kPublishText{
    "consent_text_publish",
    "INSERT INTO consent_texts (purpose, version, body, sha256, published_by) "
    "SELECT $1, coalesce(max(version), 0) + 1, $2, encode(sha256(convert_to($2, 'UTF8')), 'hex'), "
    "$3 FROM consent_texts WHERE purpose = $1 RETURNING " SN_TEXT_COLUMNS};
// Serialises publications of one purpose (max + 1 under concurrency).
constexpr Statement kLockPurpose{"consent_text_lock",
                                 "SELECT pg_advisory_xact_lock(hashtext('consent_texts:' || $1))"};

constexpr Statement kFindLive{
    "consent_find_live",
    "SELECT " SN_CONSENT_COLUMNS "FROM consents WHERE member_id = $1 AND purpose = $2 "
    "AND withdrawn_at IS NULL"};
constexpr Statement kInsert{
    "consent_insert",
    "INSERT INTO consents (member_id, purpose, text_version, text_sha256, source, given_at, "
    "recorded_by) VALUES ($1, $2, $3, $4, $5, sn_ts($6), $7) RETURNING " SN_CONSENT_COLUMNS};
constexpr Statement kWithdraw{
    "consent_withdraw",
    "UPDATE consents SET withdrawn_at = sn_ts($2), withdrawn_by = $3, withdrawal_source = $4 "
    "WHERE id = $1 AND withdrawn_at IS NULL RETURNING " SN_CONSENT_COLUMNS};
// The member's flag of a purpose follows whether a live consent exists.
constexpr Statement kSetFlags{
    "consent_set_member_flags",
    "UPDATE members m SET "
    "consent_internal_directory = EXISTS (SELECT 1 FROM consents c WHERE c.member_id = m.id "
    "AND c.purpose = 'internal_directory' AND c.withdrawn_at IS NULL), "
    "consent_public_contact = EXISTS (SELECT 1 FROM consents c WHERE c.member_id = m.id "
    "AND c.purpose = 'public_contact' AND c.withdrawn_at IS NULL), "
    "consent_share_registrations = EXISTS (SELECT 1 FROM consents c WHERE c.member_id = m.id "
    "AND c.purpose = 'share_registrations' AND c.withdrawn_at IS NULL), "
    "version = version + 1, update_time = now() WHERE m.id = $1"};
constexpr Statement kListForMember{
    "consent_list_member",
    "SELECT " SN_CONSENT_COLUMNS "FROM consents WHERE member_id = $1 "
    "ORDER BY given_at, withdrawn_at NULLS LAST, id"};

constexpr Statement kInsertErasure{
    "erasure_insert",
    "INSERT INTO erasure_requests (member_id, office, registration_ids, reason, requested_by) "
    "VALUES ($1, $2, $3::uuid[], $4, $5) RETURNING " SN_ERASURE_COLUMNS};
constexpr Statement kGetErasure{
    "erasure_get", "SELECT " SN_ERASURE_COLUMNS "FROM erasure_requests WHERE id = $1::uuid"};
constexpr Statement kErasureVersion{
    "erasure_set_sync_version", "UPDATE erasure_requests SET sync_version = $2 WHERE id = $1"};
constexpr Statement kReceipt{
    "erasure_receipt",
    "UPDATE erasure_requests SET receipt_at = coalesce(receipt_at, sn_ts($2)), "
    "receipt_erased = coalesce(receipt_erased, $3) WHERE id = $1 RETURNING " SN_ERASURE_COLUMNS};
constexpr Statement kListErasures{
    "erasure_list",
    "SELECT " SN_ERASURE_COLUMNS "FROM erasure_requests WHERE ($1::uuid IS NULL OR member_id = "
    "$1::uuid) AND (NOT $2 OR receipt_at IS NULL) ORDER BY requested_at DESC, id"};

absl::Time TimeOr(const pqxx::field& f, absl::Time otherwise) {
  return f.is_null() ? otherwise : absl::FromUnixMicros(f.as<int64_t>());
}

ConsentText TextFromRow(const pqxx::row& r) {
  ConsentText t;
  t.purpose = domain::ConsentPurposeFromSlug(r["purpose"].as<std::string>())
                  .value_or(ConsentPurpose::kUnspecified);
  t.version = r["version"].as<int>();
  t.body = r["body"].as<std::string>();
  t.sha256 = r["sha256"].as<std::string>();
  t.published_at = absl::FromUnixMicros(r["published_us"].as<int64_t>());
  t.published_by = r["published_by"].as<std::string>();
  return t;
}

Consent ConsentFromRow(const pqxx::row& r) {
  Consent c;
  c.id = r["id"].as<std::string>();
  c.member_id = domain::MemberId(r["member_id"].as<std::string>());
  c.purpose = domain::ConsentPurposeFromSlug(r["purpose"].as<std::string>())
                  .value_or(ConsentPurpose::kUnspecified);
  c.text_version = r["text_version"].as<int>();
  c.text_sha256 = r["text_sha256"].as<std::string>();
  c.source = domain::ConsentSourceFromSlug(r["source"].as<std::string>())
                 .value_or(ConsentSource::kUnspecified);
  c.given_at = absl::FromUnixMicros(r["given_us"].as<int64_t>());
  c.recorded_by = r["recorded_by"].as<std::string>();
  c.withdrawn_at = TimeOr(r["withdrawn_us"], absl::InfiniteFuture());
  c.withdrawn_by = r["withdrawn_by"].as<std::string>();
  c.withdrawal_source = domain::ConsentSourceFromSlug(r["wsource"].as<std::string>())
                            .value_or(ConsentSource::kUnspecified);
  return c;
}

ErasureRequest ErasureFromRow(const pqxx::row& r) {
  ErasureRequest e;
  e.id = r["id"].as<std::string>();
  e.member_id = domain::MemberId(r["member_id"].as<std::string>());
  e.office = r["office"].as<std::string>();
  e.registration_ids = TextArray(r["ids"]);
  e.reason = r["reason"].as<std::string>();
  e.requested_at = absl::FromUnixMicros(r["requested_us"].as<int64_t>());
  e.requested_by = r["requested_by"].as<std::string>();
  e.sync_version = r["sync_version"].as<int64_t>();
  e.receipt_at = TimeOr(r["receipt_us"], absl::InfiniteFuture());
  e.receipt_erased = r["receipt_erased"].as<int>();
  return e;
}

std::string PurposeSlug(ConsentPurpose p) { return std::string(domain::ConsentPurposeSlug(p)); }

class PgConsentsRepository final : public ConsentsRepository {
 public:
  absl::StatusOr<std::vector<ConsentText>> ListTexts(Tx& tx, ConsentPurpose purpose) override {
    return Guarded("consent_text_list", [&]() -> absl::StatusOr<std::vector<ConsentText>> {
      std::vector<ConsentText> out;
      for (const auto& r : tx.Exec(kListTexts, PurposeSlug(purpose))) {
        out.push_back(TextFromRow(r));
      }
      return out;
    });
  }

  absl::StatusOr<ConsentText> GetText(Tx& tx, ConsentPurpose purpose, int version) override {
    return Guarded("consent_text_get", [&]() -> absl::StatusOr<ConsentText> {
      pqxx::result r = tx.Exec(kGetText, PurposeSlug(purpose), version);
      if (r.empty()) {
        return NotFound("consent text", "Einwilligungstext",
                        absl::StrCat(PurposeSlug(purpose), " ", version));
      }
      return TextFromRow(r[0]);
    });
  }

  absl::StatusOr<ConsentText> PublishText(Tx& tx, ConsentPurpose purpose, const std::string& body,
                                          const std::string& by) override {
    return Guarded("consent_text_publish", [&]() -> absl::StatusOr<ConsentText> {
      tx.Exec(kLockPurpose, PurposeSlug(purpose));
      return TextFromRow(tx.Exec(kPublishText, PurposeSlug(purpose), body, by).at(0));
    });
  }

  absl::StatusOr<std::optional<Consent>> FindLive(Tx& tx, const domain::MemberId& member,
                                                  ConsentPurpose purpose) override {
    return Guarded("consent_find_live", [&]() -> absl::StatusOr<std::optional<Consent>> {
      pqxx::result r = tx.Exec(kFindLive, member.value(), PurposeSlug(purpose));
      if (r.empty()) return std::nullopt;
      return ConsentFromRow(r[0]);
    });
  }

  absl::StatusOr<Consent> Insert(Tx& tx, const Consent& c) override {
    return Guarded("consent_insert", [&]() -> absl::StatusOr<Consent> {
      Consent stored = ConsentFromRow(
          tx.Exec(kInsert, c.member_id.value(), PurposeSlug(c.purpose), c.text_version,
                  c.text_sha256, std::string(domain::ConsentSourceSlug(c.source)),
                  absl::ToUnixMicros(c.given_at), c.recorded_by)
              .at(0));
      tx.Exec(kSetFlags, c.member_id.value());
      return stored;
    });
  }

  absl::StatusOr<Consent> Withdraw(Tx& tx, const std::string& id, absl::Time at,
                                   const std::string& by, ConsentSource source) override {
    return Guarded("consent_withdraw", [&]() -> absl::StatusOr<Consent> {
      pqxx::result r = tx.Exec(kWithdraw, id, absl::ToUnixMicros(at), by,
                               std::string(domain::ConsentSourceSlug(source)));
      if (r.empty()) return NotFound("consent", "Einwilligung", id);
      Consent c = ConsentFromRow(r[0]);
      tx.Exec(kSetFlags, c.member_id.value());
      return c;
    });
  }

  absl::StatusOr<std::vector<Consent>> ListForMember(Tx& tx,
                                                     const domain::MemberId& member) override {
    return Guarded("consent_list_member", [&]() -> absl::StatusOr<std::vector<Consent>> {
      std::vector<Consent> out;
      for (const auto& r : tx.Exec(kListForMember, member.value())) {
        out.push_back(ConsentFromRow(r));
      }
      return out;
    });
  }

  absl::StatusOr<ErasureRequest> InsertErasure(Tx& tx, const ErasureRequest& e) override {
    return Guarded("erasure_insert", [&]() -> absl::StatusOr<ErasureRequest> {
      return ErasureFromRow(tx.Exec(kInsertErasure, e.member_id.value(), e.office,
                                    ArrayLiteral(e.registration_ids), e.reason, e.requested_by)
                                .at(0));
    });
  }

  absl::StatusOr<ErasureRequest> GetErasure(Tx& tx, const std::string& id) override {
    return Guarded("erasure_get", [&]() -> absl::StatusOr<ErasureRequest> {
      pqxx::result r = tx.Exec(kGetErasure, id);
      if (r.empty()) return NotFound("erasure request", "Löschersuchen", id);
      return ErasureFromRow(r[0]);
    });
  }

  absl::Status SetErasureSyncVersion(Tx& tx, const std::string& id, int64_t version) override {
    return Guarded("erasure_set_sync_version", [&]() -> absl::Status {
      tx.Exec(kErasureVersion, id, version);
      return absl::OkStatus();
    });
  }

  absl::StatusOr<ErasureRequest> RecordReceipt(Tx& tx, const std::string& id, absl::Time at,
                                               int erased) override {
    return Guarded("erasure_receipt", [&]() -> absl::StatusOr<ErasureRequest> {
      pqxx::result r = tx.Exec(kReceipt, id, absl::ToUnixMicros(at), erased);
      if (r.empty()) return NotFound("erasure request", "Löschersuchen", id);
      return ErasureFromRow(r[0]);
    });
  }

  absl::StatusOr<std::vector<ErasureRequest>> ListErasures(Tx& tx, const domain::MemberId& member,
                                                           bool outstanding_only) override {
    return Guarded("erasure_list", [&]() -> absl::StatusOr<std::vector<ErasureRequest>> {
      std::optional<std::string> m;
      if (!member.value().empty()) m = member.value();
      std::vector<ErasureRequest> out;
      for (const auto& r : tx.Exec(kListErasures, m, outstanding_only)) {
        out.push_back(ErasureFromRow(r));
      }
      return out;
    });
  }
};

}  // namespace

std::unique_ptr<ConsentsRepository> NewConsentsRepository() {
  return std::make_unique<PgConsentsRepository>();
}

}  // namespace schutznetz::storage
