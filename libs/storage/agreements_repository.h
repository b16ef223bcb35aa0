// Persistence of district agreements at the aggregator (tables `agreements`,
// `agreement_versions`, `agreement_decisions`) and of the offices' proposals
// (`agreement_proposals`).
//
// An agreement is loaded and saved as a whole: the domain rules (libs/domain/agreement.h) change
// it in memory, Save() writes back what changed. Every change takes the agreement's row lock
// first (Get with lock), so changes of one agreement — by district coordination or by arriving
// ratifications — are serialised.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "libs/domain/agreement.h"
#include "libs/domain/page.h"

namespace schutznetz::storage {

class Tx;

class AgreementsRepository {
 public:
  virtual ~AgreementsRepository() = default;

  // The agreement with every version and decision; NOT_FOUND if unknown. With `lock` the
  // agreement stays locked until the transaction ends.
  virtual absl::StatusOr<domain::Agreement> Get(Tx& tx, const domain::AgreementId& id,
                                                bool lock) = 0;
  // One page ordered by title (German order); versions carry no text (text_sha256 stays).
  // `kind` kUnspecified: every kind.
  virtual absl::StatusOr<domain::Page<domain::Agreement>> List(Tx& tx, domain::AgreementKind kind,
                                                               const domain::PageRequest& page) = 0;
  // Stores `a`: inserts it when a.revision is 0, otherwise updates it if a.revision is the
  // stored one (ABORTED otherwise); versions are inserted or updated (those whose revision
  // changed), new decisions inserted. Returns the stored revision.
  virtual absl::StatusOr<int64_t> Save(Tx& tx, const domain::Agreement& a) = 0;

  // Stores a proposal received from an office; ALREADY_EXISTS for a known id.
  virtual absl::Status InsertProposal(Tx& tx, const domain::AgreementProposal& p) = 0;
  virtual absl::StatusOr<domain::AgreementProposal> GetProposal(Tx& tx, const std::string& id,
                                                                bool lock) = 0;
  // Newest first; `adopted` empty: every proposal.
  virtual absl::StatusOr<domain::Page<domain::AgreementProposal>> ListProposals(
      Tx& tx, std::optional<bool> adopted, const domain::PageRequest& page) = 0;
  // Writes the adoption fields if p.revision is current (ABORTED otherwise); returns the row.
  virtual absl::StatusOr<domain::AgreementProposal> UpdateProposal(
      Tx& tx, const domain::AgreementProposal& p) = 0;
};

std::unique_ptr<AgreementsRepository> NewAgreementsRepository();

}  // namespace schutznetz::storage
