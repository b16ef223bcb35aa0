#include "libs/api/agreement_convert.h"

#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"
#include "libs/rpc/proto_util.h"

namespace schutznetz::api {
namespace {

using domain::Agreement;
using domain::AgreementVersion;
using domain::OfficeDecision;

// Sets the timestamp field of `m` unless `t` is InfinitePast ("not (yet)"): the field stays
// unset, so has_…() tells.
template <typename M>
void SetTime(absl::Time t, M* m, google::protobuf::Timestamp* (M::*field)()) {
  if (t != absl::InfinitePast()) rpc::ToProto(t, (m->*field)());
}

absl::Time TimeFromProto(bool set, const google::protobuf::Timestamp& ts) {
  return set ? rpc::FromProto(ts) : absl::InfinitePast();
}

v1::OfficeStanding StandingToProto(domain::OfficeStanding s) {
  return static_cast<v1::OfficeStanding>(s);
}

void DecisionToProto(const OfficeDecision& d, v1::OfficeDecision* p) {
  p->set_decision_id(d.decision_id);
  p->set_office_id(d.office_id);
  p->set_decision(ToProto(d.decision));
  p->set_text_sha256(d.text_sha256);
  p->set_comment(d.comment);
  SetTime(d.decide_time, p, &v1::OfficeDecision::mutable_decide_time);
  SetTime(d.record_time, p, &v1::OfficeDecision::mutable_record_time);
}

void VersionToProto(const AgreementVersion& v, v1::AgreementVersion* p, bool with_texts) {
  p->set_number(v.number);
  p->set_state(ToProto(v.state));
  if (with_texts) p->set_text(v.text);
  p->set_text_sha256(v.text_sha256);
  p->set_change_note(v.change_note);
  p->set_proposed_by_office(v.proposed_by);
  p->set_proposal_id(v.proposal_id);
  p->set_rule(ToProto(v.rule));
  for (const std::string& o : v.required_offices) p->add_required_offices(o);
  for (const OfficeDecision& d : v.decisions) DecisionToProto(d, p->add_decisions());
  for (const domain::OfficeRatification& r : domain::Standings(v)) {
    v1::OfficeRatification* out = p->add_offices();
    out->set_office_id(r.office_id);
    out->set_standing(StandingToProto(r.standing));
    if (r.latest) {
      out->set_comment(r.latest->comment);
      SetTime(r.latest->decide_time, out, &v1::OfficeRatification::mutable_decide_time);
    }
  }
  SetTime(v.create_time, p, &v1::AgreementVersion::mutable_create_time);
  SetTime(v.update_time, p, &v1::AgreementVersion::mutable_update_time);
  SetTime(v.open_time, p, &v1::AgreementVersion::mutable_open_time);
  SetTime(v.in_force_time, p, &v1::AgreementVersion::mutable_in_force_time);
  SetTime(v.superseded_time, p, &v1::AgreementVersion::mutable_superseded_time);
  SetTime(v.withdrawn_time, p, &v1::AgreementVersion::mutable_withdrawn_time);
  p->set_withdraw_reason(v.withdraw_reason);
  p->set_etag(domain::EtagOf(v.revision));
}

absl::Status UnknownValue(const std::string& field, int value) {
  return FieldError(field, absl::StrCat("unknown value ", value),
                    absl::StrCat("unbekannter Wert ", value));
}

template <typename E>
absl::StatusOr<E> InRange(int value, int max, const std::string& field) {
  if (value < 0 || value > max) return UnknownValue(field, value);
  return static_cast<E>(value);
}

}  // namespace

void AgreementToProto(const Agreement& a, v1::Agreement* p, bool with_texts) {
  p->set_id(a.id.value());
  p->set_kind(ToProto(a.kind));
  p->set_title(a.title);
  p->set_proposed_by_office(a.proposed_by);
  for (const AgreementVersion& v : a.versions) VersionToProto(v, p->add_versions(), with_texts);
  p->set_in_force_version(domain::InForceVersion(a));
  SetTime(a.create_time, p, &v1::Agreement::mutable_create_time);
  SetTime(a.update_time, p, &v1::Agreement::mutable_update_time);
  p->set_etag(domain::EtagOf(a.revision));
  p->set_sync_version(a.sync_version);
}

absl::StatusOr<Agreement> AgreementFromProto(const v1::Agreement& p) {
  Agreement a;
  a.id = domain::AgreementId(p.id());
  absl::StatusOr<domain::AgreementKind> kind = AgreementKindFromProto(p.kind(), "kind", false);
  if (!kind.ok()) return kind.status();
  a.kind = *kind;
  a.title = p.title();
  a.proposed_by = p.proposed_by_office();
  a.revision = domain::VersionOfEtag(p.etag()).value_or(0);
  a.sync_version = p.sync_version();
  a.create_time = TimeFromProto(p.has_create_time(), p.create_time());
  a.update_time = TimeFromProto(p.has_update_time(), p.update_time());
  for (const v1::AgreementVersion& pv : p.versions()) {
    AgreementVersion v;
    v.number = pv.number();
    absl::StatusOr<domain::VersionState> state = InRange<domain::VersionState>(
        pv.state(), static_cast<int>(domain::VersionState::kWithdrawn), "versions.state");
    if (!state.ok()) return state.status();
    v.state = *state;
    v.text = pv.text();
    v.text_sha256 = pv.text_sha256();
    v.change_note = pv.change_note();
    v.proposed_by = pv.proposed_by_office();
    v.proposal_id = pv.proposal_id();
    absl::StatusOr<domain::RatificationRule> rule = InRange<domain::RatificationRule>(
        pv.rule(), static_cast<int>(domain::RatificationRule::kMajority), "versions.rule");
    if (!rule.ok()) return rule.status();
    v.rule = *rule;
    v.required_offices.assign(pv.required_offices().begin(), pv.required_offices().end());
    for (const v1::OfficeDecision& pd : pv.decisions()) {
      OfficeDecision d;
      d.decision_id = pd.decision_id();
      d.office_id = pd.office_id();
      absl::StatusOr<domain::Decision> decision = InRange<domain::Decision>(
          pd.decision(), static_cast<int>(domain::Decision::kReject), "versions.decisions");
      if (!decision.ok()) return decision.status();
      d.decision = *decision;
      d.text_sha256 = pd.text_sha256();
      d.comment = pd.comment();
      d.decide_time = TimeFromProto(pd.has_decide_time(), pd.decide_time());
      d.record_time = TimeFromProto(pd.has_record_time(), pd.record_time());
      v.decisions.push_back(std::move(d));
    }
    v.revision = domain::VersionOfEtag(pv.etag()).value_or(0);
    v.create_time = TimeFromProto(pv.has_create_time(), pv.create_time());
    v.update_time = TimeFromProto(pv.has_update_time(), pv.update_time());
    v.open_time = TimeFromProto(pv.has_open_time(), pv.open_time());
    v.in_force_time = TimeFromProto(pv.has_in_force_time(), pv.in_force_time());
    v.superseded_time = TimeFromProto(pv.has_superseded_time(), pv.superseded_time());
    v.withdrawn_time = TimeFromProto(pv.has_withdrawn_time(), pv.withdrawn_time());
    v.withdraw_reason = pv.withdraw_reason();
    a.versions.push_back(std::move(v));
  }
  return a;
}

void ProposalToProto(const domain::AgreementProposal& p, v1::AgreementProposal* out) {
  out->set_id(p.id);
  out->set_office_id(p.office_id);
  out->set_kind(ToProto(p.kind));
  out->set_title(p.title);
  out->set_text(p.text);
  out->set_agreement_id(p.agreement_id);
  out->set_comment(p.comment);
  SetTime(p.propose_time, out, &v1::AgreementProposal::mutable_propose_time);
  SetTime(p.receive_time, out, &v1::AgreementProposal::mutable_receive_time);
  out->set_state(p.adopted ? v1::AgreementProposal::STATE_ADOPTED
                           : v1::AgreementProposal::STATE_SUBMITTED);
  out->set_adopted_agreement_id(p.adopted_agreement_id);
  out->set_adopted_version_number(p.adopted_version);
  out->set_etag(domain::EtagOf(p.revision));
}

void SentDecisionToProto(const domain::SentDecision& d, domain::SentStatus status,
                         v1::SentDecision* out) {
  out->set_decision_id(d.decision.decision_id);
  out->set_decision(ToProto(d.decision.decision));
  out->set_text_sha256(d.decision.text_sha256);
  out->set_comment(d.decision.comment);
  SetTime(d.decision.decide_time, out, &v1::SentDecision::mutable_decide_time);
  switch (status) {
    case domain::SentStatus::kAwaitingConfirmation:
      out->set_status(v1::SentDecision::STATUS_AWAITING_CONFIRMATION);
      break;
    case domain::SentStatus::kConfirmed:
      out->set_status(v1::SentDecision::STATUS_CONFIRMED);
      break;
    case domain::SentStatus::kNotRecorded:
      out->set_status(v1::SentDecision::STATUS_NOT_RECORDED);
      break;
  }
}

absl::StatusOr<domain::AgreementKind> AgreementKindFromProto(int value, const std::string& field,
                                                             bool required) {
  std::optional<domain::AgreementKind> k = domain::AgreementKindFromNumber(value);
  if (!k) return UnknownValue(field, value);
  if (required && *k == domain::AgreementKind::kUnspecified) {
    return FieldError(field, "is required", "Art der Absprache ist erforderlich");
  }
  return *k;
}

}  // namespace schutznetz::api
