#include "services/aggregator/district_agreements.h"

#include "absl/strings/str_cat.h"
#include "libs/api/agreement_convert.h"
#include "libs/api/paging.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "libs/common/text.h"
#include "libs/common/uuid.h"

namespace schutznetz::aggregator {
namespace {

using domain::Agreement;
using domain::AgreementId;

absl::Status ValidateVersionNumber(int number) {
  if (number < 1) {
    return FieldError("version_number", "must be 1 or more", "muss mindestens 1 sein");
  }
  return absl::OkStatus();
}

// The version `number`'s etag check: empty `etag` means no check.
absl::Status CheckVersionEtag(Agreement& a, int number, const std::string& etag) {
  SN_ASSIGN_OR_RETURN(domain::AgreementVersion * v,
                      domain::VersionOrNotFound(a, number, "version_number"));
  return domain::CheckEtag(etag, v->revision, "etag", domain::kAgreementVersionKind);
}

}  // namespace

DistrictAgreements::DistrictAgreements(storage::Database& db, AgreementPublisher& publisher,
                                       AgreementRules rules, Clock clock)
    : db_(db),
      publisher_(publisher),
      rules_(std::move(rules)),
      clock_(std::move(clock)),
      agreements_(storage::NewAgreementsRepository()),
      audit_(storage::NewAuditRepository()) {}

absl::Status DistrictAgreements::Change(
    const api::Call& call, const std::string& id, const std::string& action,
    const std::function<absl::StatusOr<std::string>(Agreement&, absl::Time)>& change,
    v1::Agreement* out) {
  return db_.Transact([&](storage::Tx& tx) -> absl::Status {
    absl::StatusOr<Agreement> found = agreements_->Get(tx, AgreementId(id), true);
    if (found.status().code() == absl::StatusCode::kNotFound) {
      return InField(found.status(), "agreement_id");
    }
    if (!found.ok()) return found.status();
    Agreement& a = *found;
    absl::Time now = clock_();
    SN_ASSIGN_OR_RETURN(std::string detail, change(a, now));
    SN_RETURN_IF_ERROR(publisher_.SaveAndPublish(tx, a, now));
    api::AgreementToProto(a, out);
    return audit_->Record(tx, call.Audit("agreement", a.id.value(), action, detail));
  });
}

absl::Status DistrictAgreements::Create(const api::Call& call,
                                        const v1::CreateAgreementRequest& req,
                                        v1::CreateAgreementResponse* resp) {
  FieldViolations v;
  absl::StatusOr<domain::AgreementKind> kind =
      api::AgreementKindFromProto(req.kind(), "kind", true);
  v.Add(kind.status());
  std::string title = Trim(req.title());
  v.Add(domain::ValidateAgreementTitle("title", title));
  v.Add(domain::ValidateAgreementText("text", req.text()));
  v.Add(domain::ValidateChangeNote("change_note", req.change_note()));
  SN_RETURN_IF_ERROR(v.ToStatus());
  return db_.Transact([&](storage::Tx& tx) -> absl::Status {
    absl::Time now = clock_();
    Agreement a = domain::NewAgreement(AgreementId(NewUuid()), *kind, title, req.text(),
                                       Trim(req.change_note()), now);
    SN_RETURN_IF_ERROR(publisher_.SaveAndPublish(tx, a, now));
    api::AgreementToProto(a, resp->mutable_agreement());
    return audit_->Record(tx, call.Audit("agreement", a.id.value(), "create", "version 1"));
  });
}

absl::Status DistrictAgreements::List(const v1::ListAgreementsRequest& req,
                                      v1::ListAgreementsResponse* resp) {
  FieldViolations v;
  absl::StatusOr<domain::PageRequest> page = api::PageRequestFrom(req.page_size(), req.page_token());
  v.Add(page.status());
  absl::StatusOr<domain::AgreementKind> kind =
      api::AgreementKindFromProto(req.kind(), "kind", false);
  v.Add(kind.status());
  SN_RETURN_IF_ERROR(v.ToStatus());
  return db_.Transact(
      [&](storage::Tx& tx) -> absl::Status {
        SN_ASSIGN_OR_RETURN(domain::Page<Agreement> result, agreements_->List(tx, *kind, *page));
        for (const Agreement& a : result.items) {
          api::AgreementToProto(a, resp->add_agreements(), false);
        }
        resp->set_next_page_token(result.next_page_token);
        resp->set_total_size(result.total_size);
        return absl::OkStatus();
      },
      {.read_only = true});
}

absl::Status DistrictAgreements::Get(const v1::GetAgreementRequest& req,
                                     v1::GetAgreementResponse* resp) {
  SN_RETURN_IF_ERROR(ValidateUuid("id", req.id()));
  return db_.Transact(
      [&](storage::Tx& tx) -> absl::Status {
        SN_ASSIGN_OR_RETURN(Agreement a, agreements_->Get(tx, AgreementId(req.id()), false));
        api::AgreementToProto(a, resp->mutable_agreement());
        return absl::OkStatus();
      },
      {.read_only = true});
}

absl::Status DistrictAgreements::UpdateDraft(const api::Call& call,
                                             const v1::UpdateDraftRequest& req,
                                             v1::UpdateDraftResponse* resp) {
  FieldViolations v;
  v.Add(ValidateUuid("agreement_id", req.agreement_id()));
  v.Add(ValidateVersionNumber(req.version_number()));
  v.Add(domain::ValidateAgreementText("text", req.text()));
  v.Add(domain::ValidateChangeNote("change_note", req.change_note()));
  SN_RETURN_IF_ERROR(v.ToStatus());
  std::optional<std::string> note;
  if (!Trim(req.change_note()).empty()) note = Trim(req.change_note());
  return Change(
      call, req.agreement_id(), "update_draft",
      [&](Agreement& a, absl::Time now) -> absl::StatusOr<std::string> {
        SN_RETURN_IF_ERROR(CheckVersionEtag(a, req.version_number(), req.etag()));
        SN_RETURN_IF_ERROR(domain::UpdateDraft(a, req.version_number(), req.text(), note, now));
        return absl::StrCat("version ", req.version_number());
      },
      resp->mutable_agreement());
}

absl::Status DistrictAgreements::AddVersion(const api::Call& call, const v1::AddVersionRequest& req,
                                            v1::AddVersionResponse* resp) {
  FieldViolations v;
  v.Add(ValidateUuid("agreement_id", req.agreement_id()));
  v.Add(domain::ValidateAgreementText("text", req.text()));
  v.Add(domain::ValidateChangeNote("change_note", req.change_note()));
  SN_RETURN_IF_ERROR(v.ToStatus());
  return Change(
      call, req.agreement_id(), "add_version",
      [&](Agreement& a, absl::Time now) -> absl::StatusOr<std::string> {
        SN_RETURN_IF_ERROR(
            domain::CheckEtag(req.etag(), a.revision, "etag", domain::kAgreementKind));
        domain::AgreementVersion& added =
            domain::AddDraft(a, req.text(), Trim(req.change_note()), now);
        return absl::StrCat("version ", added.number);
      },
      resp->mutable_agreement());
}

absl::Status DistrictAgreements::Open(const api::Call& call,
                                      const v1::OpenForRatificationRequest& req,
                                      v1::OpenForRatificationResponse* resp) {
  FieldViolations v;
  v.Add(ValidateUuid("agreement_id", req.agreement_id()));
  v.Add(ValidateVersionNumber(req.version_number()));
  SN_RETURN_IF_ERROR(v.ToStatus());
  return Change(
      call, req.agreement_id(), "open",
      [&](Agreement& a, absl::Time now) -> absl::StatusOr<std::string> {
        SN_RETURN_IF_ERROR(CheckVersionEtag(a, req.version_number(), req.etag()));
        SN_RETURN_IF_ERROR(
            domain::OpenForRatification(a, req.version_number(), rules_.rule, rules_.offices, now));
        return absl::StrCat("version ", req.version_number(), "; rule ",
                            std::string(domain::RatificationRuleSlug(rules_.rule)), "; ",
                            rules_.offices.size(), " offices");
      },
      resp->mutable_agreement());
}

absl::Status DistrictAgreements::Withdraw(const api::Call& call,
                                          const v1::WithdrawVersionRequest& req,
                                          v1::WithdrawVersionResponse* resp) {
  FieldViolations v;
  v.Add(ValidateUuid("agreement_id", req.agreement_id()));
  v.Add(ValidateVersionNumber(req.version_number()));
  v.Add(domain::ValidateWithdrawReason("reason", req.reason()));
  SN_RETURN_IF_ERROR(v.ToStatus());
  return Change(
      call, req.agreement_id(), "withdraw",
      [&](Agreement& a, absl::Time now) -> absl::StatusOr<std::string> {
        SN_RETURN_IF_ERROR(CheckVersionEtag(a, req.version_number(), req.etag()));
        SN_RETURN_IF_ERROR(domain::Withdraw(a, req.version_number(), Trim(req.reason()), now));
        return absl::StrCat("version ", req.version_number());
      },
      resp->mutable_agreement());
}

absl::Status DistrictAgreements::ListProposals(const v1::ListProposalsRequest& req,
                                               v1::ListProposalsResponse* resp) {
  FieldViolations v;
  absl::StatusOr<domain::PageRequest> page = api::PageRequestFrom(req.page_size(), req.page_token());
  v.Add(page.status());
  std::optional<bool> adopted;
  switch (req.state()) {
    case v1::AgreementProposal::STATE_UNSPECIFIED:
      break;
    case v1::AgreementProposal::STATE_SUBMITTED:
      adopted = false;
      break;
    case v1::AgreementProposal::STATE_ADOPTED:
      adopted = true;
      break;
    default:
      v.Add("state", absl::StrCat("unknown value ", req.state()),
            absl::StrCat("unbekannter Wert ", req.state()));
  }
  SN_RETURN_IF_ERROR(v.ToStatus());
  return db_.Transact(
      [&](storage::Tx& tx) -> absl::Status {
        SN_ASSIGN_OR_RETURN(domain::Page<domain::AgreementProposal> result,
                            agreements_->ListProposals(tx, adopted, *page));
        for (const domain::AgreementProposal& p : result.items) {
          api::ProposalToProto(p, resp->add_proposals());
        }
        resp->set_next_page_token(result.next_page_token);
        resp->set_total_size(result.total_size);
        return absl::OkStatus();
      },
      {.read_only = true});
}

absl::Status DistrictAgreements::AdoptProposal(const api::Call& call,
                                               const v1::AdoptProposalRequest& req,
                                               v1::AdoptProposalResponse* resp) {
  FieldViolations v;
  v.Add(ValidateUuid("proposal_id", req.proposal_id()));
  std::string title = Trim(req.title());
  if (!title.empty()) v.Add(domain::ValidateAgreementTitle("title", title));
  v.Add(domain::ValidateChangeNote("change_note", req.change_note()));
  SN_RETURN_IF_ERROR(v.ToStatus());
  return db_.Transact([&](storage::Tx& tx) -> absl::Status {
    SN_ASSIGN_OR_RETURN(domain::AgreementProposal p,
                        agreements_->GetProposal(tx, req.proposal_id(), true));
    SN_RETURN_IF_ERROR(
        domain::CheckEtag(req.etag(), p.revision, "etag", domain::kAgreementProposalKind));
    if (p.adopted) {
      return Bilingual(
          absl::StatusCode::kFailedPrecondition,
          absl::StrCat("proposal was already adopted as version ", p.adopted_version,
                       " of agreement ", p.adopted_agreement_id),
          absl::StrCat("Vorschlag wurde bereits als Version ", p.adopted_version, " übernommen"));
    }
    absl::Time now = clock_();
    std::string note = Trim(req.change_note()).empty() ? p.comment : Trim(req.change_note());
    Agreement a;
    if (p.agreement_id.empty()) {
      a = domain::NewAgreement(AgreementId(NewUuid()), p.kind, title.empty() ? p.title : title,
                               p.text, note, now);
      a.proposed_by = p.office_id;
    } else {
      SN_ASSIGN_OR_RETURN(a, agreements_->Get(tx, AgreementId(p.agreement_id), true));
      domain::AddDraft(a, p.text, note, now);
    }
    domain::AgreementVersion& draft = a.versions.back();
    draft.proposed_by = p.office_id;
    draft.proposal_id = p.id;
    SN_RETURN_IF_ERROR(publisher_.SaveAndPublish(tx, a, now));
    p.adopted = true;
    p.adopted_agreement_id = a.id.value();
    p.adopted_version = draft.number;
    p.adopt_time = now;
    SN_ASSIGN_OR_RETURN(domain::AgreementProposal adopted, agreements_->UpdateProposal(tx, p));
    api::AgreementToProto(a, resp->mutable_agreement());
    api::ProposalToProto(adopted, resp->mutable_proposal());
    SN_RETURN_IF_ERROR(audit_->Record(
        tx, call.Audit("agreement_proposal", p.id, "adopt",
                       absl::StrCat("agreement ", a.id.value(), " version ", draft.number))));
    return audit_->Record(
        tx, call.Audit("agreement", a.id.value(), p.agreement_id.empty() ? "create" : "add_version",
                       absl::StrCat("version ", draft.number, " from proposal ", p.id)));
  });
}

}  // namespace schutznetz::aggregator
