#include "libs/storage/agreement_mirror_repository.h"

#include <optional>

#include "libs/common/errors.h"
#include "libs/common/page_token.h"
#include "libs/storage/pg_error.h"
#include "libs/storage/tx.h"

namespace schutznetz::storage {
namespace {

using domain::AgreementId;

#define SN_MIRROR_SELECT \
  "SELECT id::text AS id, sync_version, kind, title, payload FROM agreement_mirror "

constexpr Statement kUpsert{
    "agreement_mirror_upsert",
    "INSERT INTO agreement_mirror (id, sync_version, kind, title, payload) "
    "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO UPDATE SET "
    "sync_version = EXCLUDED.sync_version, kind = EXCLUDED.kind, title = EXCLUDED.title, "
    "payload = EXCLUDED.payload, receive_time = now() "
    "WHERE agreement_mirror.sync_version < EXCLUDED.sync_version RETURNING id"};

constexpr Statement kGet{"agreement_mirror_get", SN_MIRROR_SELECT "WHERE id = $1"};
constexpr Statement kGetForUpdate{"agreement_mirror_get_for_update",
                                  SN_MIRROR_SELECT "WHERE id = $1 FOR UPDATE"};

constexpr Statement kList{
    "agreement_mirror_list", SN_MIRROR_SELECT
    "WHERE ($1 = '' OR kind = $1) "
    "AND (NOT $2 OR (title, id) > ($3, $4::uuid)) ORDER BY title, id LIMIT $5"};

constexpr Statement kCount{"agreement_mirror_count",
                           "SELECT count(*) FROM agreement_mirror WHERE ($1 = '' OR kind = $1)"};

constexpr Statement kInsertSentDecision{
    "agreement_decision_sent_insert",
    "INSERT INTO agreement_decisions_sent (decision_id, agreement_id, version_number, decision, "
    "text_sha256, comment, decide_time) VALUES ($1, $2, $3, $4, $5, $6, sn_ts($7))"};

constexpr Statement kSentDecisions{
    "agreement_decisions_sent",
    "SELECT decision_id::text AS decision_id, version_number, decision, text_sha256, comment, "
    "sn_us(decide_time) AS decide_us FROM agreement_decisions_sent WHERE agreement_id = $1 "
    "ORDER BY seq"};

constexpr Statement kInsertSentProposal{
    "agreement_proposal_sent_insert",
    "INSERT INTO agreement_proposals_sent (id, kind, title, text, agreement_id, comment, "
    "propose_time) VALUES ($1, $2, $3, $4, $5::uuid, $6, sn_ts($7))"};

constexpr char kNilUuid[] = "00000000-0000-0000-0000-000000000000";

std::string KindSlug(domain::AgreementKind k) {
  return k == domain::AgreementKind::kUnspecified ? "" : std::string(domain::AgreementKindSlug(k));
}

MirroredAgreement FromRow(const pqxx::row& r) {
  MirroredAgreement m;
  m.id = AgreementId(r["id"].as<std::string>());
  m.sync_version = r["sync_version"].as<int64_t>();
  m.kind = domain::AgreementKindFromSlug(r["kind"].as<std::string>())
               .value_or(domain::AgreementKind::kOther);
  m.title = r["title"].as<std::string>();
  m.payload = pqxx::binarystring(r["payload"]).str();
  return m;
}

class PgAgreementMirrorRepository final : public AgreementMirrorRepository {
 public:
  absl::StatusOr<bool> Upsert(Tx& tx, const MirroredAgreement& m) override {
    return Guarded("agreement_mirror_upsert", [&]() -> absl::StatusOr<bool> {
      return !tx.Exec(kUpsert, m.id.value(), m.sync_version, KindSlug(m.kind), m.title,
                      pqxx::binarystring(m.payload))
                  .empty();
    });
  }

  absl::StatusOr<MirroredAgreement> Get(Tx& tx, const AgreementId& id, bool lock) override {
    return Guarded("agreement_mirror_get", [&]() -> absl::StatusOr<MirroredAgreement> {
      pqxx::result r = tx.Exec(lock ? kGetForUpdate : kGet, id.value());
      if (r.empty()) {
        return NotFound(domain::kAgreementKind.english, domain::kAgreementKind.german, id.value());
      }
      return FromRow(r[0]);
    });
  }

  absl::StatusOr<domain::Page<MirroredAgreement>> List(Tx& tx, domain::AgreementKind kind,
                                                       const domain::PageRequest& page) override {
    std::string fingerprint = FilterFingerprint({"agreement_mirror", KindSlug(kind)});
    bool has_cursor = !page.page_token.empty();
    std::vector<std::string> cursor = {"", kNilUuid};
    if (has_cursor) {
      absl::StatusOr<std::vector<std::string>> decoded =
          DecodePageToken(page.page_token, fingerprint, 2);
      if (!decoded.ok()) return decoded.status();
      cursor = *std::move(decoded);
    }
    return Guarded(
        "agreement_mirror_list", [&]() -> absl::StatusOr<domain::Page<MirroredAgreement>> {
          domain::Page<MirroredAgreement> out;
          for (const auto& row : tx.Exec(kList, KindSlug(kind), has_cursor, cursor[0], cursor[1],
                                         page.page_size + 1)) {
            out.items.push_back(FromRow(row));
          }
          if (static_cast<int>(out.items.size()) > page.page_size) {
            out.items.pop_back();
            const MirroredAgreement& last = out.items.back();
            out.next_page_token = EncodePageToken(fingerprint, {last.title, last.id.value()});
          }
          out.total_size = tx.Exec(kCount, KindSlug(kind)).at(0)[0].as<int>();
          return out;
        });
  }

  absl::Status InsertSentDecision(Tx& tx, const domain::SentDecision& d) override {
    return Guarded("agreement_decision_sent_insert", [&]() -> absl::Status {
      tx.Exec(kInsertSentDecision, d.decision.decision_id, d.agreement_id.value(), d.version_number,
              std::string(domain::DecisionSlug(d.decision.decision)), d.decision.text_sha256,
              d.decision.comment, absl::ToUnixMicros(d.decision.decide_time));
      return absl::OkStatus();
    });
  }

  absl::StatusOr<std::vector<domain::SentDecision>> SentDecisions(Tx& tx,
                                                                  const AgreementId& id) override {
    return Guarded(
        "agreement_decisions_sent", [&]() -> absl::StatusOr<std::vector<domain::SentDecision>> {
          std::vector<domain::SentDecision> out;
          for (const auto& r : tx.Exec(kSentDecisions, id.value())) {
            domain::SentDecision d;
            d.agreement_id = id;
            d.version_number = r["version_number"].as<int>();
            d.decision.decision_id = r["decision_id"].as<std::string>();
            d.decision.decision = domain::DecisionFromSlug(r["decision"].as<std::string>())
                                      .value_or(domain::Decision::kUnspecified);
            d.decision.text_sha256 = r["text_sha256"].as<std::string>();
            d.decision.comment = r["comment"].as<std::string>();
            d.decision.decide_time = absl::FromUnixMicros(r["decide_us"].as<int64_t>());
            out.push_back(std::move(d));
          }
          return out;
        });
  }

  absl::Status InsertSentProposal(Tx& tx, const domain::AgreementProposal& p) override {
    return Guarded("agreement_proposal_sent_insert", [&]() -> absl::Status {
      std::optional<std::string> agreement;
      if (!p.agreement_id.empty()) agreement = p.agreement_id;
      tx.Exec(kInsertSentProposal, p.id, KindSlug(p.kind), p.title, p.text, agreement, p.comment,
              absl::ToUnixMicros(p.propose_time));
      return absl::OkStatus();
    });
  }
};

}  // namespace

std::unique_ptr<AgreementMirrorRepository> NewAgreementMirrorRepository() {
  return std::make_unique<PgAgreementMirrorRepository>();
}

}  // namespace schutznetz::storage
