#include "services/aggregator/agreement_items.h"

#include "absl/strings/str_cat.h"
#include "libs/api/agreement_convert.h"
#include "libs/common/errors.h"
#include "libs/common/sha256.h"
#include "libs/common/status_macros.h"
#include "libs/common/text.h"
#include "libs/common/uuid.h"
#include "libs/domain/trail.h"
#include "libs/rpc/proto_util.h"
#include "schutznetz/v1/agreement.pb.h"

namespace schutznetz::aggregator {
namespace {

using sync::ApplyResult;

constexpr char kPushMethod[] = "FederationService/PushChanges";

domain::AuditEntry OfficeAudit(const domain::SyncItem& item, std::string resource_type,
                               std::string resource_id, std::string action, std::string detail) {
  domain::AuditEntry e;
  e.actor = "office:" + item.origin;
  e.method = kPushMethod;
  e.resource_type = std::move(resource_type);
  e.resource_id = std::move(resource_id);
  e.action = std::move(action);
  e.detail = std::move(detail);
  return e;
}

// A status of a rule the item broke, as the reason it is rejected.
ApplyResult RejectedBecause(const absl::Status& s) {
  return ApplyResult::Rejected(std::string(s.message()));
}

}  // namespace

RatificationHandler::RatificationHandler(AgreementPublisher& publisher, Clock clock)
    : publisher_(publisher),
      clock_(std::move(clock)),
      agreements_(storage::NewAgreementsRepository()),
      audit_(storage::NewAuditRepository()),
      trail_(clock_) {}

absl::StatusOr<ApplyResult> RatificationHandler::Apply(storage::Tx& tx,
                                                       const domain::SyncItem& item) {
  v1::RatificationItem r;
  if (!r.ParseFromString(item.payload)) {
    return ApplyResult::Rejected("payload is not a schutznetz.v1.RatificationItem");
  }
  if (r.office_id() != item.origin) {
    return ApplyResult::Rejected(absl::StrCat("office_id '", r.office_id(),
                                              "' is not the item's origin '", item.origin, "'"));
  }
  FieldViolations v;
  v.Add(ValidateUuid("item_id", item.id));
  v.Add(ValidateUuid("agreement_id", r.agreement_id()));
  if (!IsSha256Hex(r.text_sha256())) {
    v.Add("text_sha256", "must be 64 hex digits", "muss aus 64 Hexadezimalziffern bestehen");
  }
  v.Add(domain::ValidateDecisionComment("comment", r.comment()));
  if (absl::Status s = v.ToStatus(); !s.ok()) return RejectedBecause(s);

  absl::StatusOr<domain::Agreement> found =
      agreements_->Get(tx, domain::AgreementId(r.agreement_id()), true);
  if (found.status().code() == absl::StatusCode::kNotFound) {
    return RejectedBecause(found.status());
  }
  if (!found.ok()) return found.status();
  domain::Agreement& a = *found;

  absl::Time now = clock_();
  domain::OfficeDecision d;
  d.decision_id = item.id;
  d.office_id = item.origin;
  d.decision = static_cast<domain::Decision>(r.decision());
  d.text_sha256 = AsciiLower(r.text_sha256());
  d.comment = Trim(r.comment());
  d.decide_time = r.has_decide_time() ? rpc::FromProto(r.decide_time()) : item.change_time;
  absl::StatusOr<domain::DecisionOutcome> outcome =
      domain::RecordDecision(a, r.version_number(), d, now);
  if (!outcome.ok()) return RejectedBecause(outcome.status());

  SN_RETURN_IF_ERROR(publisher_.SaveAndPublish(tx, a, now));
  std::string detail = absl::StrCat("version ", r.version_number());
  if (outcome->entered_into_force) absl::StrAppend(&detail, "; in force");
  for (int superseded : outcome->superseded) {
    absl::StrAppend(&detail, "; version ", superseded, " superseded");
  }
  SN_RETURN_IF_ERROR(
      audit_->Record(tx, OfficeAudit(item, "agreement", a.id.value(),
                                     std::string(domain::DecisionSlug(d.decision)), detail)));
  // Last: the trail's lock is held to the commit of the batch.
  SN_RETURN_IF_ERROR(trail_.Record(
      tx,
      domain::AgreementDecisionRecord(d.decision, a.id.value(), r.version_number(), d.text_sha256,
                                      d.decision_id, item.origin, "office:" + item.origin)));
  return ApplyResult::Applied();
}

AgreementProposalHandler::AgreementProposalHandler(Clock clock)
    : clock_(std::move(clock)),
      agreements_(storage::NewAgreementsRepository()),
      audit_(storage::NewAuditRepository()) {}

absl::StatusOr<ApplyResult> AgreementProposalHandler::Apply(storage::Tx& tx,
                                                            const domain::SyncItem& item) {
  v1::AgreementProposalItem p;
  if (!p.ParseFromString(item.payload)) {
    return ApplyResult::Rejected("payload is not a schutznetz.v1.AgreementProposalItem");
  }
  if (p.office_id() != item.origin) {
    return ApplyResult::Rejected(absl::StrCat("office_id '", p.office_id(),
                                              "' is not the item's origin '", item.origin, "'"));
  }
  domain::AgreementProposal proposal;
  proposal.id = item.id;
  proposal.office_id = item.origin;
  proposal.title = Trim(p.title());
  proposal.text = p.text();
  proposal.agreement_id = p.agreement_id();
  proposal.comment = Trim(p.comment());
  proposal.propose_time =
      p.has_propose_time() ? rpc::FromProto(p.propose_time()) : item.change_time;
  proposal.receive_time = clock_();

  FieldViolations v;
  v.Add(ValidateUuid("item_id", item.id));
  absl::StatusOr<domain::AgreementKind> kind =
      api::AgreementKindFromProto(p.kind(), "kind", proposal.agreement_id.empty());
  if (kind.ok())
    proposal.kind = *kind;
  else
    v.Add(kind.status());
  if (!proposal.agreement_id.empty()) {
    v.Add(ValidateUuid("agreement_id", proposal.agreement_id));
  } else {
    v.Add(domain::ValidateAgreementTitle("title", proposal.title));
  }
  v.Add(domain::ValidateAgreementText("text", proposal.text));
  v.Add(domain::ValidateDecisionComment("comment", proposal.comment));
  if (absl::Status s = v.ToStatus(); !s.ok()) return RejectedBecause(s);

  if (!proposal.agreement_id.empty()) {
    // An amendment: kind and title default to the agreement's.
    absl::StatusOr<domain::Agreement> a =
        agreements_->Get(tx, domain::AgreementId(proposal.agreement_id), false);
    if (a.status().code() == absl::StatusCode::kNotFound) {
      return RejectedBecause(InField(a.status(), "agreement_id"));
    }
    if (!a.ok()) return a.status();
    if (proposal.kind == domain::AgreementKind::kUnspecified) proposal.kind = a->kind;
    if (proposal.title.empty()) proposal.title = a->title;
    if (absl::Status s = domain::ValidateAgreementTitle("title", proposal.title); !s.ok()) {
      return RejectedBecause(s);
    }
  }
  absl::Status stored = agreements_->InsertProposal(tx, proposal);
  if (stored.code() == absl::StatusCode::kAlreadyExists) {
    return ApplyResult::Rejected(absl::StrCat("proposal ", item.id, " was received before"));
  }
  SN_RETURN_IF_ERROR(stored);
  SN_RETURN_IF_ERROR(audit_->Record(
      tx, OfficeAudit(item, "agreement_proposal", proposal.id, "propose",
                      proposal.agreement_id.empty()
                          ? std::string("new agreement")
                          : absl::StrCat("amendment of agreement ", proposal.agreement_id))));
  return ApplyResult::Applied();
}

}  // namespace schutznetz::aggregator
