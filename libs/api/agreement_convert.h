// Conversions between the agreement messages of agreement.proto and the domain types, shared by
// the aggregator (which owns agreements and sends them as "agreement" items) and the offices
// (which read their copy back to check a decision before sending it).
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "libs/domain/agreement.h"
#include "schutznetz/v1/agreement.pb.h"

namespace schutznetz::api {

// Every field, including the per-office standings, the number in force and the etags.
// `with_texts` false leaves the version texts out (lists); their hashes stay.
void AgreementToProto(const domain::Agreement& a, v1::Agreement* p, bool with_texts = true);
// The domain form of a received agreement; INVALID_ARGUMENT for unknown enum values.
absl::StatusOr<domain::Agreement> AgreementFromProto(const v1::Agreement& p);

void ProposalToProto(const domain::AgreementProposal& p, v1::AgreementProposal* out);
void SentDecisionToProto(const domain::SentDecision& d, domain::SentStatus status,
                         v1::SentDecision* out);

// INVALID_ARGUMENT naming `field` for an unknown number, or for UNSPECIFIED when `required`.
absl::StatusOr<domain::AgreementKind> AgreementKindFromProto(int value, const std::string& field,
                                                             bool required);

inline v1::AgreementKind ToProto(domain::AgreementKind k) {
  return static_cast<v1::AgreementKind>(k);
}
inline v1::AgreementVersionState ToProto(domain::VersionState s) {
  return static_cast<v1::AgreementVersionState>(s);
}
inline v1::RatificationDecision ToProto(domain::Decision d) {
  return static_cast<v1::RatificationDecision>(d);
}
inline v1::RatificationRule ToProto(domain::RatificationRule r) {
  return static_cast<v1::RatificationRule>(r);
}

}  // namespace schutznetz::api
