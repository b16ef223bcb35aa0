#include "libs/storage/agreements_repository.h"

#include <map>
#include <optional>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"
#include "libs/common/page_token.h"
#include "libs/storage/pg_array.h"
#include "libs/storage/pg_error.h"
#include "libs/storage/tx.h"

namespace schutznetz::storage {
namespace {

using domain::Agreement;
using domain::AgreementId;
using domain::AgreementProposal;
using domain::AgreementVersion;
using domain::OfficeDecision;

#define SN_AGREEMENT_SELECT                                                   \
  "SELECT id::text AS id, kind, title, proposed_by, revision, sync_version, " \
  "sn_us(create_time) AS create_us, sn_us(update_time) AS update_us FROM agreements "

constexpr Statement kGet{"agreement_get", SN_AGREEMENT_SELECT "WHERE id = $1"};
constexpr Statement kGetForUpdate{"agreement_get_for_update",
                                  SN_AGREEMENT_SELECT "WHERE id = $1 FOR UPDATE"};

constexpr Statement kList{
    "agreement_list", SN_AGREEMENT_SELECT
    "WHERE ($1 = '' OR kind = $1) "
    "AND (NOT $2 OR (title, id) > ($3, $4::uuid)) ORDER BY title, id LIMIT $5"};

constexpr Statement kCount{"agreement_count",
                           "SELECT count(*) FROM agreements WHERE ($1 = '' OR kind = $1)"};

// $2: whether to read the texts (lists leave them out).
constexpr Statement kVersions{
    "agreement_versions",
    "SELECT agreement_id::text AS agreement_id, number, state, "
    "CASE WHEN $2 THEN text ELSE '' END AS text, text_sha256, change_note, proposed_by, "
    "coalesce(proposal_id::text, '') AS proposal_id, rule, required_offices, revision, "
    "sn_us(create_time) AS create_us, sn_us(update_time) AS update_us, "
    "sn_us(open_time) AS open_us, sn_us(in_force_time) AS in_force_us, "
    "sn_us(superseded_time) AS superseded_us, sn_us(withdrawn_time) AS withdrawn_us, "
    "withdraw_reason FROM agreement_versions WHERE agreement_id = ANY($1::uuid[]) "
    "ORDER BY agreement_id, number"};

constexpr Statement kDecisions{
    "agreement_decisions",
    "SELECT decision_id::text AS decision_id, agreement_id::text AS agreement_id, "
    "version_number, office_id, decision, text_sha256, comment, "
    "sn_us(decide_time) AS decide_us, sn_us(record_time) AS record_us "
    "FROM agreement_decisions WHERE agreement_id = ANY($1::uuid[]) ORDER BY seq"};

constexpr Statement kInsert{
    "agreement_insert",
    "INSERT INTO agreements (id, kind, title, proposed_by, revision, sync_version, create_time, "
    "update_time) VALUES ($1, $2, $3, $4, 1, $5, sn_ts($6), sn_ts($7))"};

constexpr Statement kUpdate{
    "agreement_update",
    "UPDATE agreements SET kind = $3, title = $4, proposed_by = $5, sync_version = $6, "
    "update_time = sn_ts($7), revision = revision + 1 WHERE id = $1 AND revision = $2 "
    "RETURNING revision"};

// Unchanged versions (same revision) are left alone.
constexpr Statement kUpsertVersion{
    "agreement_version_upsert",
    "INSERT INTO agreement_versions (agreement_id, number, state, text, text_sha256, "
    "change_note, proposed_by, proposal_id, rule, required_offices, revision, create_time, "
    "update_time, open_time, in_force_time, superseded_time, withdrawn_time, withdraw_reason) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8::uuid, $9, $10::text[], $11, sn_ts($12), sn_ts($13), "
    "sn_ts($14), sn_ts($15), sn_ts($16), sn_ts($17), $18) "
    "ON CONFLICT (agreement_id, number) DO UPDATE SET state = EXCLUDED.state, "
    "text = EXCLUDED.text, text_sha256 = EXCLUDED.text_sha256, "
    "change_note = EXCLUDED.change_note, rule = EXCLUDED.rule, "
    "required_offices = EXCLUDED.required_offices, revision = EXCLUDED.revision, "
    "update_time = EXCLUDED.update_time, open_time = EXCLUDED.open_time, "
    "in_force_time = EXCLUDED.in_force_time, superseded_time = EXCLUDED.superseded_time, "
    "withdrawn_time = EXCLUDED.withdrawn_time, withdraw_reason = EXCLUDED.withdraw_reason "
    "WHERE agreement_versions.revision <> EXCLUDED.revision"};

constexpr Statement kInsertDecision{
    "agreement_decision_insert",
    "INSERT INTO agreement_decisions (decision_id, agreement_id, version_number, office_id, "
    "decision, text_sha256, comment, decide_time, record_time) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, sn_ts($8), sn_ts($9)) "
    "ON CONFLICT (decision_id) DO NOTHING"};

#define SN_PROPOSAL_SELECT                                                                    \
  "SELECT id::text AS id, office_id, kind, title, text, "                                     \
  "coalesce(agreement_id::text, '') AS agreement_id, comment, "                               \
  "sn_us(propose_time) AS propose_us, sn_us(receive_time) AS receive_us, adopted, "           \
  "coalesce(adopted_agreement_id::text, '') AS adopted_agreement_id, "                        \
  "coalesce(adopted_version, 0) AS adopted_version, sn_us(adopt_time) AS adopt_us, revision " \
  "FROM agreement_proposals "

constexpr Statement kInsertProposal{
    "agreement_proposal_insert",
    "INSERT INTO agreement_proposals (id, office_id, kind, title, text, agreement_id, comment, "
    "propose_time, receive_time) VALUES ($1, $2, $3, $4, $5, $6::uuid, $7, sn_ts($8), sn_ts($9))"};

constexpr Statement kGetProposal{"agreement_proposal_get", SN_PROPOSAL_SELECT "WHERE id = $1"};
constexpr Statement kGetProposalForUpdate{"agreement_proposal_get_for_update",
                                          SN_PROPOSAL_SELECT "WHERE id = $1 FOR UPDATE"};

constexpr Statement kListProposals{"agreement_proposal_list", SN_PROPOSAL_SELECT
                                   "WHERE ($1::boolean IS NULL OR adopted = $1::boolean) "
                                   "AND (NOT $2 OR (receive_time, id) < (sn_ts($3), $4::uuid)) "
                                   "ORDER BY receive_time DESC, id DESC LIMIT $5"};

constexpr Statement kCountProposals{"agreement_proposal_count",
                                    "SELECT count(*) FROM agreement_proposals WHERE ($1::boolean "
                                    "IS NULL OR adopted = $1::boolean)"};

constexpr Statement kUpdateProposal{
    "agreement_proposal_update",
    "UPDATE agreement_proposals SET adopted = $3, adopted_agreement_id = $4::uuid, "
    "adopted_version = $5, adopt_time = sn_ts($6), revision = revision + 1 "
    "WHERE id = $1 AND revision = $2 RETURNING id::text"};

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

std::string KindSlug(domain::AgreementKind k) {
  return k == domain::AgreementKind::kUnspecified ? "" : std::string(domain::AgreementKindSlug(k));
}

std::string RuleSlug(domain::RatificationRule r) {
  return r == domain::RatificationRule::kUnspecified ? ""
                                                     : std::string(domain::RatificationRuleSlug(r));
}

Agreement AgreementFromRow(const pqxx::row& r) {
  Agreement a;
  a.id = AgreementId(r["id"].as<std::string>());
  a.kind = domain::AgreementKindFromSlug(r["kind"].as<std::string>())
               .value_or(domain::AgreementKind::kOther);
  a.title = r["title"].as<std::string>();
  a.proposed_by = r["proposed_by"].as<std::string>();
  a.revision = r["revision"].as<int64_t>();
  a.sync_version = r["sync_version"].as<int64_t>();
  a.create_time = absl::FromUnixMicros(r["create_us"].as<int64_t>());
  a.update_time = absl::FromUnixMicros(r["update_us"].as<int64_t>());
  return a;
}

AgreementVersion VersionFromRow(const pqxx::row& r) {
  AgreementVersion v;
  v.number = r["number"].as<int>();
  v.state = domain::VersionStateFromSlug(r["state"].as<std::string>())
                .value_or(domain::VersionState::kUnspecified);
  v.text = r["text"].as<std::string>();
  v.text_sha256 = r["text_sha256"].as<std::string>();
  v.change_note = r["change_note"].as<std::string>();
  v.proposed_by = r["proposed_by"].as<std::string>();
  v.proposal_id = r["proposal_id"].as<std::string>();
  v.rule = domain::RatificationRuleFromSlug(r["rule"].as<std::string>())
               .value_or(domain::RatificationRule::kUnspecified);
  v.required_offices = TextArray(r["required_offices"]);
  v.revision = r["revision"].as<int64_t>();
  v.create_time = absl::FromUnixMicros(r["create_us"].as<int64_t>());
  v.update_time = absl::FromUnixMicros(r["update_us"].as<int64_t>());
  v.open_time = OptionalTime(r["open_us"]);
  v.in_force_time = OptionalTime(r["in_force_us"]);
  v.superseded_time = OptionalTime(r["superseded_us"]);
  v.withdrawn_time = OptionalTime(r["withdrawn_us"]);
  v.withdraw_reason = r["withdraw_reason"].as<std::string>();
  return v;
}

OfficeDecision DecisionFromRow(const pqxx::row& r) {
  OfficeDecision d;
  d.decision_id = r["decision_id"].as<std::string>();
  d.office_id = r["office_id"].as<std::string>();
  d.decision = domain::DecisionFromSlug(r["decision"].as<std::string>())
                   .value_or(domain::Decision::kUnspecified);
  d.text_sha256 = r["text_sha256"].as<std::string>();
  d.comment = r["comment"].as<std::string>();
  d.decide_time = absl::FromUnixMicros(r["decide_us"].as<int64_t>());
  d.record_time = absl::FromUnixMicros(r["record_us"].as<int64_t>());
  return d;
}

AgreementProposal ProposalFromRow(const pqxx::row& r) {
  AgreementProposal p;
  p.id = r["id"].as<std::string>();
  p.office_id = r["office_id"].as<std::string>();
  p.kind = domain::AgreementKindFromSlug(r["kind"].as<std::string>())
               .value_or(domain::AgreementKind::kOther);
  p.title = r["title"].as<std::string>();
  p.text = r["text"].as<std::string>();
  p.agreement_id = r["agreement_id"].as<std::string>();
  p.comment = r["comment"].as<std::string>();
  p.propose_time = absl::FromUnixMicros(r["propose_us"].as<int64_t>());
  p.receive_time = absl::FromUnixMicros(r["receive_us"].as<int64_t>());
  p.adopted = r["adopted"].as<bool>();
  p.adopted_agreement_id = r["adopted_agreement_id"].as<std::string>();
  p.adopted_version = r["adopted_version"].as<int>();
  p.adopt_time = OptionalTime(r["adopt_us"]);
  p.revision = r["revision"].as<int64_t>();
  return p;
}

class PgAgreementsRepository final : public AgreementsRepository {
 public:
  absl::StatusOr<Agreement> Get(Tx& tx, const AgreementId& id, bool lock) override {
    return Guarded("agreement_get", [&]() -> absl::StatusOr<Agreement> {
      pqxx::result r = tx.Exec(lock ? kGetForUpdate : kGet, id.value());
      if (r.empty()) {
        return NotFound(domain::kAgreementKind.english, domain::kAgreementKind.german, id.value());
      }
      std::vector<Agreement> one = {AgreementFromRow(r[0])};
      LoadVersions(tx, one, true);
      return std::move(one[0]);
    });
  }

  absl::StatusOr<domain::Page<Agreement>> List(Tx& tx, domain::AgreementKind kind,
                                               const domain::PageRequest& page) override {
    std::string fingerprint = FilterFingerprint({"agreements", KindSlug(kind)});
    bool has_cursor = !page.page_token.empty();
    std::vector<std::string> cursor = {"", kNilUuid};
    if (has_cursor) {
      absl::StatusOr<std::vector<std::string>> decoded =
          DecodePageToken(page.page_token, fingerprint, 2);
      if (!decoded.ok()) return decoded.status();
      cursor = *std::move(decoded);
    }
    return Guarded("agreement_list", [&]() -> absl::StatusOr<domain::Page<Agreement>> {
      domain::Page<Agreement> out;
      for (const auto& row :
           tx.Exec(kList, KindSlug(kind), has_cursor, cursor[0], cursor[1], page.page_size + 1)) {
        out.items.push_back(AgreementFromRow(row));
      }
      if (static_cast<int>(out.items.size()) > page.page_size) {
        out.items.pop_back();
        const Agreement& last = out.items.back();
        out.next_page_token = EncodePageToken(fingerprint, {last.title, last.id.value()});
      }
      LoadVersions(tx, out.items, false);
      out.total_size = tx.Exec(kCount, KindSlug(kind)).at(0)[0].as<int>();
      return out;
    });
  }

  absl::StatusOr<int64_t> Save(Tx& tx, const Agreement& a) override {
    return Guarded("agreement_save", [&]() -> absl::StatusOr<int64_t> {
      int64_t revision = 1;
      if (a.revision == 0) {
        tx.Exec(kInsert, a.id.value(), KindSlug(a.kind), a.title, a.proposed_by, a.sync_version,
                absl::ToUnixMicros(a.create_time), absl::ToUnixMicros(a.update_time));
      } else {
        pqxx::result r = tx.Exec(kUpdate, a.id.value(), a.revision, KindSlug(a.kind), a.title,
                                 a.proposed_by, a.sync_version, absl::ToUnixMicros(a.update_time));
        if (r.empty()) {
          return EtagMismatch(domain::kAgreementKind.english, domain::kAgreementKind.german);
        }
        revision = r[0][0].as<int64_t>();
      }
      // Ascending by number: a version leaving IN_FORCE is written before the newer one that
      // enters it (one version in force per agreement is also a unique index).
      for (const AgreementVersion& v : a.versions) {
        tx.Exec(kUpsertVersion, a.id.value(), v.number,
                std::string(domain::VersionStateSlug(v.state)), v.text, v.text_sha256,
                v.change_note, v.proposed_by, OptionalId(v.proposal_id), RuleSlug(v.rule),
                ArrayLiteral(v.required_offices), v.revision, absl::ToUnixMicros(v.create_time),
                absl::ToUnixMicros(v.update_time), OptionalMicros(v.open_time),
                OptionalMicros(v.in_force_time), OptionalMicros(v.superseded_time),
                OptionalMicros(v.withdrawn_time), v.withdraw_reason);
        for (const OfficeDecision& d : v.decisions) {
          tx.Exec(kInsertDecision, d.decision_id, a.id.value(), v.number, d.office_id,
                  std::string(domain::DecisionSlug(d.decision)), d.text_sha256, d.comment,
                  absl::ToUnixMicros(d.decide_time), absl::ToUnixMicros(d.record_time));
        }
      }
      return revision;
    });
  }

  absl::Status InsertProposal(Tx& tx, const AgreementProposal& p) override {
    return Guarded("agreement_proposal_insert", [&]() -> absl::Status {
      tx.Exec(kInsertProposal, p.id, p.office_id, KindSlug(p.kind), p.title, p.text,
              OptionalId(p.agreement_id), p.comment, absl::ToUnixMicros(p.propose_time),
              absl::ToUnixMicros(p.receive_time));
      return absl::OkStatus();
    });
  }

  absl::StatusOr<AgreementProposal> GetProposal(Tx& tx, const std::string& id, bool lock) override {
    return Guarded("agreement_proposal_get", [&]() -> absl::StatusOr<AgreementProposal> {
      pqxx::result r = tx.Exec(lock ? kGetProposalForUpdate : kGetProposal, id);
      if (r.empty()) {
        return NotFound(domain::kAgreementProposalKind.english,
                        domain::kAgreementProposalKind.german, id);
      }
      return ProposalFromRow(r[0]);
    });
  }

  absl::StatusOr<domain::Page<AgreementProposal>> ListProposals(
      Tx& tx, std::optional<bool> adopted, const domain::PageRequest& page) override {
    std::string fingerprint = FilterFingerprint(
        {"agreement_proposals", adopted ? (*adopted ? "adopted" : "submitted") : ""});
    bool has_cursor = !page.page_token.empty();
    std::vector<std::string> cursor = {"0", kNilUuid};
    int64_t cursor_us = 0;
    if (has_cursor) {
      absl::StatusOr<std::vector<std::string>> decoded =
          DecodePageToken(page.page_token, fingerprint, 2);
      if (!decoded.ok()) return decoded.status();
      cursor = *std::move(decoded);
      if (!absl::SimpleAtoi(cursor[0], &cursor_us)) {
        return FieldError("page_token", "is malformed", "ist ungültig");
      }
    }
    return Guarded(
        "agreement_proposal_list", [&]() -> absl::StatusOr<domain::Page<AgreementProposal>> {
          domain::Page<AgreementProposal> out;
          for (const auto& row : tx.Exec(kListProposals, adopted, has_cursor, cursor_us, cursor[1],
                                         page.page_size + 1)) {
            out.items.push_back(ProposalFromRow(row));
          }
          if (static_cast<int>(out.items.size()) > page.page_size) {
            out.items.pop_back();
            const AgreementProposal& last = out.items.back();
            out.next_page_token = EncodePageToken(
                fingerprint, {absl::StrCat(absl::ToUnixMicros(last.receive_time)), last.id});
          }
          out.total_size = tx.Exec(kCountProposals, adopted).at(0)[0].as<int>();
          return out;
        });
  }

  absl::StatusOr<AgreementProposal> UpdateProposal(Tx& tx, const AgreementProposal& p) override {
    absl::Status s = Guarded("agreement_proposal_update", [&]() -> absl::Status {
      pqxx::result r =
          tx.Exec(kUpdateProposal, p.id, p.revision, p.adopted, OptionalId(p.adopted_agreement_id),
                  p.adopted_version, OptionalMicros(p.adopt_time));
      if (r.empty()) {
        return EtagMismatch(domain::kAgreementProposalKind.english,
                            domain::kAgreementProposalKind.german);
      }
      return absl::OkStatus();
    });
    if (!s.ok()) return s;
    return GetProposal(tx, p.id, false);
  }

 private:
  // Fills the versions and decisions of `agreements` (throws on SQL errors; callers guard).
  static void LoadVersions(Tx& tx, std::vector<Agreement>& agreements, bool with_texts) {
    if (agreements.empty()) return;
    std::map<std::string, Agreement*> by_id;
    std::vector<std::string> ids;
    for (Agreement& a : agreements) {
      by_id[a.id.value()] = &a;
      ids.push_back(a.id.value());
    }
    std::string id_array = ArrayLiteral(ids);
    for (const auto& row : tx.Exec(kVersions, id_array, with_texts)) {
      by_id[row["agreement_id"].as<std::string>()]->versions.push_back(VersionFromRow(row));
    }
    for (const auto& row : tx.Exec(kDecisions, id_array)) {
      Agreement* a = by_id[row["agreement_id"].as<std::string>()];
      AgreementVersion* v = domain::FindVersion(*a, row["version_number"].as<int>());
      if (v != nullptr) v->decisions.push_back(DecisionFromRow(row));
    }
  }
};

}  // namespace

std::unique_ptr<AgreementsRepository> NewAgreementsRepository() {
  return std::make_unique<PgAgreementsRepository>();
}

}  // namespace schutznetz::storage
