// DistrictAgreements: district coordination's work on agreements (the agreement RPCs of
// DistrictService) — drafting, amending, opening for ratification, withdrawing, and adopting the
// offices' proposals.
//
// Every change takes the agreement's row lock, applies the domain rules
// (libs/domain/agreement.h), is saved and sent to every office through the AgreementPublisher, and
// is audited (ids and version numbers, never text) — all in one transaction. Invalid input is
// refused before anything is written, naming the field.
#pragma once

#include <memory>

#include "absl/status/status.h"
#include "libs/api/call.h"
#include "libs/common/clock.h"
#include "libs/storage/agreements_repository.h"
#include "libs/storage/audit_repository.h"
#include "libs/storage/database.h"
#include "schutznetz/v1/district_service.pb.h"
#include "services/aggregator/agreement_publisher.h"

namespace schutznetz::aggregator {

class DistrictAgreements {
 public:
  DistrictAgreements(storage::Database& db, AgreementPublisher& publisher, AgreementRules rules,
                     Clock clock = SystemClock());

  absl::Status Create(const api::Call& call, const v1::CreateAgreementRequest& req,
                      v1::CreateAgreementResponse* resp);
  absl::Status List(const v1::ListAgreementsRequest& req, v1::ListAgreementsResponse* resp);
  absl::Status Get(const v1::GetAgreementRequest& req, v1::GetAgreementResponse* resp);
  absl::Status UpdateDraft(const api::Call& call, const v1::UpdateDraftRequest& req,
                           v1::UpdateDraftResponse* resp);
  absl::Status AddVersion(const api::Call& call, const v1::AddVersionRequest& req,
                          v1::AddVersionResponse* resp);
  absl::Status Open(const api::Call& call, const v1::OpenForRatificationRequest& req,
                    v1::OpenForRatificationResponse* resp);
  absl::Status Withdraw(const api::Call& call, const v1::WithdrawVersionRequest& req,
                        v1::WithdrawVersionResponse* resp);
  absl::Status ListProposals(const v1::ListProposalsRequest& req, v1::ListProposalsResponse* resp);
  absl::Status AdoptProposal(const api::Call& call, const v1::AdoptProposalRequest& req,
                             v1::AdoptProposalResponse* resp);

 private:
  // Locks agreement `id`, lets `change` modify it, saves and publishes it, records the audit
  // entry (`action`, `detail`) and writes the result to `out`.
  absl::Status Change(
      const api::Call& call, const std::string& id, const std::string& action,
      const std::function<absl::StatusOr<std::string>(domain::Agreement&, absl::Time now)>& change,
      v1::Agreement* out);

  storage::Database& db_;
  AgreementPublisher& publisher_;
  AgreementRules rules_;
  Clock clock_;
  std::unique_ptr<storage::AgreementsRepository> agreements_;
  std::unique_ptr<storage::AuditRepository> audit_;
};

}  // namespace schutznetz::aggregator
