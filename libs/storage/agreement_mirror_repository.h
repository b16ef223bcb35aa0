// Persistence of an office's copy of the district agreements (table `agreement_mirror`) and of
// the decisions and proposals the office sent (`agreement_decisions_sent`,
// `agreement_proposals_sent`).
//
// The copy stores each agreement as the exact bytes of the aggregator's "agreement" item (a
// serialised schutznetz.v1.Agreement); storage does not look inside. Only a newer sync version
// replaces a stored copy, so replayed or reordered items change nothing.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/domain/agreement.h"
#include "libs/domain/page.h"

namespace schutznetz::storage {

class Tx;

struct MirroredAgreement {
  domain::AgreementId id;
  int64_t sync_version = 0;
  domain::AgreementKind kind = domain::AgreementKind::kUnspecified;
  std::string title;
  std::string payload;  // serialised schutznetz.v1.Agreement
};

class AgreementMirrorRepository {
 public:
  virtual ~AgreementMirrorRepository() = default;

  // Stores `m` unless a copy with the same or a newer sync version is stored; true if stored.
  virtual absl::StatusOr<bool> Upsert(Tx& tx, const MirroredAgreement& m) = 0;
  // NOT_FOUND if the office holds no copy. With `lock` the copy stays locked until the
  // transaction ends (decisions of the office on one agreement are serialised).
  virtual absl::StatusOr<MirroredAgreement> Get(Tx& tx, const domain::AgreementId& id,
                                                bool lock) = 0;
  // One page ordered by title (German order); `kind` kUnspecified: every kind.
  virtual absl::StatusOr<domain::Page<MirroredAgreement>> List(Tx& tx, domain::AgreementKind kind,
                                                               const domain::PageRequest& page) = 0;

  virtual absl::Status InsertSentDecision(Tx& tx, const domain::SentDecision& d) = 0;
  // The office's decisions on agreement `id`, in the order sent.
  virtual absl::StatusOr<std::vector<domain::SentDecision>> SentDecisions(
      Tx& tx, const domain::AgreementId& id) = 0;

  virtual absl::Status InsertSentProposal(Tx& tx, const domain::AgreementProposal& p) = 0;
};

std::unique_ptr<AgreementMirrorRepository> NewAgreementMirrorRepository();

}  // namespace schutznetz::storage
