#include "services/tenant/agreement_service.h"

#include "absl/strings/str_cat.h"
#include "libs/api/agreement_convert.h"
#include "libs/api/call.h"
#include "libs/api/paging.h"
#include "libs/common/errors.h"
#include "libs/common/sha256.h"
#include "libs/common/status_macros.h"
#include "libs/common/text.h"
#include "libs/common/uuid.h"
#include "libs/domain/sync_item.h"
#include "libs/domain/trail.h"
#include "libs/rpc/proto_util.h"
#include "libs/rpc/status.h"

namespace schutznetz::tenant {
namespace {

using domain::AgreementId;

// NOT_FOUND of an agreement the office holds no copy of, named at `field`.
absl::Status AtField(const absl::Status& s, const std::string& field) {
  return s.code() == absl::StatusCode::kNotFound ? InField(s, field) : s;
}

}  // namespace

AgreementService::AgreementService(storage::Database& db, std::string office_id,
                                   sync::Outbox& outbox, Clock clock)
    : db_(db),
      office_id_(std::move(office_id)),
      outbox_(outbox),
      clock_(std::move(clock)),
      mirror_(storage::NewAgreementMirrorRepository()),
      audit_(storage::NewAuditRepository()),
      trail_(clock_) {}

absl::Status AgreementService::ReadCopy(storage::Tx& tx, const AgreementId& id, bool lock,
                                        v1::Agreement* out, domain::Agreement* agreement,
                                        std::vector<domain::SentDecision>* sent) {
  SN_ASSIGN_OR_RETURN(storage::MirroredAgreement copy, mirror_->Get(tx, id, lock));
  out->Clear();
  if (!out->ParseFromString(copy.payload)) {
    return absl::InternalError("the office's copy of the agreement is unreadable");
  }
  SN_ASSIGN_OR_RETURN(domain::Agreement a, api::AgreementFromProto(*out));
  SN_ASSIGN_OR_RETURN(std::vector<domain::SentDecision> mine, mirror_->SentDecisions(tx, id));
  for (v1::AgreementVersion& v : *out->mutable_versions()) {
    for (const domain::SentDecision& d : mine) {
      if (d.version_number != v.number()) continue;
      api::SentDecisionToProto(d, domain::StatusOfSent(a, d), v.add_sent_decisions());
    }
  }
  if (agreement != nullptr) *agreement = std::move(a);
  if (sent != nullptr) *sent = std::move(mine);
  return absl::OkStatus();
}

grpc::Status AgreementService::ListAgreements(grpc::ServerContext* ctx,
                                              const v1::ListOfficeAgreementsRequest* req,
                                              v1::ListOfficeAgreementsResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    FieldViolations v;
    domain::PageRequest page =
        api::PageRequestFrom(req->page_size(), req->page_token(), v);
    absl::StatusOr<domain::AgreementKind> kind =
        api::AgreementKindFromProto(req->kind(), "kind", false);
    v.Add(kind.status());
    SN_RETURN_IF_ERROR(v.ToStatus());
    return db_.Transact(
        [&](storage::Tx& tx) -> absl::Status {
          SN_ASSIGN_OR_RETURN(domain::Page<storage::MirroredAgreement> result,
                              mirror_->List(tx, *kind, page));
          for (const storage::MirroredAgreement& copy : result.items) {
            v1::Agreement* a = resp->add_agreements();
            if (!a->ParseFromString(copy.payload)) {
              return absl::InternalError("the office's copy of an agreement is unreadable");
            }
            for (v1::AgreementVersion& version : *a->mutable_versions()) version.clear_text();
          }
          resp->set_next_page_token(result.next_page_token);
          resp->set_total_size(result.total_size);
          return absl::OkStatus();
        },
        {.read_only = true});
  }());
}

grpc::Status AgreementService::GetAgreement(grpc::ServerContext* ctx,
                                            const v1::GetOfficeAgreementRequest* req,
                                            v1::GetOfficeAgreementResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    SN_RETURN_IF_ERROR(ValidateUuid("id", req->id()));
    return db_.Transact(
        [&](storage::Tx& tx) -> absl::Status {
          return ReadCopy(tx, AgreementId(req->id()), false, resp->mutable_agreement(), nullptr,
                          nullptr);
        },
        {.read_only = true});
  }());
}

grpc::Status AgreementService::RatifyAgreement(grpc::ServerContext* ctx,
                                               const v1::DecideAgreementRequest* req,
                                               v1::DecideAgreementResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus(Decide(call, *req, domain::Decision::kRatify, resp));
}

grpc::Status AgreementService::RejectAgreement(grpc::ServerContext* ctx,
                                               const v1::DecideAgreementRequest* req,
                                               v1::DecideAgreementResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus(Decide(call, *req, domain::Decision::kReject, resp));
}

absl::Status AgreementService::Decide(const api::Call& call, const v1::DecideAgreementRequest& req,
                                      domain::Decision decision,
                                      v1::DecideAgreementResponse* resp) {
  FieldViolations v;
  v.Add(ValidateUuid("agreement_id", req.agreement_id()));
  if (req.version_number() < 1) {
    v.Add("version_number", "must be 1 or more", "muss mindestens 1 sein");
  }
  if (req.text_sha256().empty()) {
    v.Add("text_sha256", "is required: the SHA-256 of the text you read",
          "ist erforderlich: SHA-256 des gelesenen Textes");
  } else if (!IsSha256Hex(req.text_sha256())) {
    v.Add("text_sha256", "must be 64 hex digits", "muss aus 64 Hexadezimalziffern bestehen");
  }
  v.Add(domain::ValidateDecisionComment("comment", req.comment()));
  SN_RETURN_IF_ERROR(v.ToStatus());
  AgreementId id(req.agreement_id());
  return db_.Transact([&](storage::Tx& tx) -> absl::Status {
    domain::Agreement a;
    std::vector<domain::SentDecision> sent;
    v1::Agreement copy;
    SN_RETURN_IF_ERROR(AtField(ReadCopy(tx, id, true, &copy, &a, &sent), "agreement_id"));
    std::string hash = AsciiLower(req.text_sha256());
    SN_RETURN_IF_ERROR(
        domain::CheckDecision(a, req.version_number(), office_id_, decision, hash,
                              domain::AwaitingDecision(a, req.version_number(), sent)));
    domain::SentDecision d;
    d.agreement_id = id;
    d.version_number = req.version_number();
    d.decision.decision_id = NewUuid();
    d.decision.office_id = office_id_;
    d.decision.decision = decision;
    d.decision.text_sha256 = hash;
    d.decision.comment = Trim(req.comment());
    d.decision.decide_time = clock_();
    SN_RETURN_IF_ERROR(mirror_->InsertSentDecision(tx, d));

    v1::RatificationItem item;
    item.set_office_id(office_id_);
    item.set_agreement_id(id.value());
    item.set_version_number(d.version_number);
    item.set_text_sha256(hash);
    item.set_decision(api::ToProto(decision));
    item.set_comment(d.decision.comment);
    rpc::ToProto(d.decision.decide_time, item.mutable_decide_time());
    SN_RETURN_IF_ERROR(outbox_.Append(tx, {domain::kRatificationItem, d.decision.decision_id,
                                           domain::kToAggregator, 1, item.SerializeAsString()}));
    SN_RETURN_IF_ERROR(audit_->Record(
        tx, call.Audit("agreement", id.value(), std::string(domain::DecisionSlug(decision)),
                       absl::StrCat("version ", d.version_number, "; decision ",
                                    d.decision.decision_id))));
    // Last: the trail's lock is held to the commit.
    SN_RETURN_IF_ERROR(trail_.Record(
        tx, domain::AgreementDecisionRecord(decision, id.value(), d.version_number, hash,
                                            d.decision.decision_id, "", call.actor())));
    api::SentDecisionToProto(d, domain::SentStatus::kAwaitingConfirmation,
                             resp->mutable_decision());
    return ReadCopy(tx, id, false, resp->mutable_agreement(), nullptr, nullptr);
  });
}

grpc::Status AgreementService::ProposeAgreement(grpc::ServerContext* ctx,
                                                const v1::ProposeAgreementRequest* req,
                                                v1::ProposeAgreementResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    bool amendment = !req->agreement_id().empty();
    domain::AgreementProposal p;
    p.office_id = office_id_;
    p.title = Trim(req->title());
    p.text = req->text();
    p.agreement_id = req->agreement_id();
    p.comment = Trim(req->comment());
    FieldViolations v;
    absl::StatusOr<domain::AgreementKind> kind =
        api::AgreementKindFromProto(req->kind(), "kind", !amendment);
    if (kind.ok())
      p.kind = *kind;
    else
      v.Add(kind.status());
    if (amendment) {
      v.Add(ValidateUuid("agreement_id", p.agreement_id));
      if (!p.title.empty()) v.Add(domain::ValidateAgreementTitle("title", p.title));
    } else {
      v.Add(domain::ValidateAgreementTitle("title", p.title));
    }
    v.Add(domain::ValidateAgreementText("text", p.text));
    v.Add(domain::ValidateDecisionComment("comment", p.comment));
    SN_RETURN_IF_ERROR(v.ToStatus());
    return db_.Transact([&](storage::Tx& tx) -> absl::Status {
      if (amendment) {
        absl::StatusOr<storage::MirroredAgreement> copy =
            mirror_->Get(tx, AgreementId(p.agreement_id), false);
        if (!copy.ok()) return AtField(copy.status(), "agreement_id");
        if (p.kind == domain::AgreementKind::kUnspecified) p.kind = copy->kind;
        if (p.title.empty()) p.title = copy->title;
      }
      p.id = NewUuid();
      p.propose_time = clock_();
      SN_RETURN_IF_ERROR(mirror_->InsertSentProposal(tx, p));
      v1::AgreementProposalItem item;
      item.set_office_id(office_id_);
      item.set_kind(api::ToProto(p.kind));
      item.set_title(p.title);
      item.set_text(p.text);
      item.set_agreement_id(p.agreement_id);
      item.set_comment(p.comment);
      rpc::ToProto(p.propose_time, item.mutable_propose_time());
      SN_RETURN_IF_ERROR(outbox_.Append(tx, {domain::kAgreementProposalItem, p.id,
                                             domain::kToAggregator, 1, item.SerializeAsString()}));
      SN_RETURN_IF_ERROR(audit_->Record(
          tx, call.Audit("agreement_proposal", p.id, "propose",
                         amendment ? absl::StrCat("amendment of agreement ", p.agreement_id)
                                   : std::string("new agreement"))));
      api::ProposalToProto(p, resp->mutable_proposal());
      return absl::OkStatus();
    });
  }());
}

}  // namespace schutznetz::tenant
