// AgreementService: the district agreements as this office sees them (agreement_service.proto).
//
// Reads come from the office's local copy (AgreementItemHandler keeps it), so they work while the
// aggregator is unreachable. A ratification or rejection is checked against that copy with the
// district's rules (open version, the office is asked, text_sha256 that of the text), recorded
// locally as "sent, awaiting district confirmation" and appended to the office's outbox as a
// "ratification" item — one transaction, audited. The copy shows the decision as confirmed once
// the aggregator's updated agreement has arrived. The decision is also appended to the office's
// trail (kind "ratification" or "rejection", bound to the text's SHA-256), in the same
// transaction. Proposals go out as "agreement_proposal" items the same way.
#pragma once

#include <memory>
#include <string>

#include "libs/api/call.h"
#include "libs/common/clock.h"
#include "libs/domain/agreement.h"
#include "libs/storage/agreement_mirror_repository.h"
#include "libs/storage/audit_repository.h"
#include "libs/storage/database.h"
#include "libs/storage/trail.h"
#include "libs/sync/outbox.h"
#include "schutznetz/v1/agreement_service.grpc.pb.h"

namespace schutznetz::tenant {

class AgreementService final : public v1::AgreementService::Service {
 public:
  // `office_id` is this office; `outbox` its sync outbox.
  AgreementService(storage::Database& db, std::string office_id, sync::Outbox& outbox,
                   Clock clock = SystemClock());

  grpc::Status ListAgreements(grpc::ServerContext* ctx, const v1::ListOfficeAgreementsRequest* req,
                              v1::ListOfficeAgreementsResponse* resp) override;
  grpc::Status GetAgreement(grpc::ServerContext* ctx, const v1::GetOfficeAgreementRequest* req,
                            v1::GetOfficeAgreementResponse* resp) override;
  grpc::Status RatifyAgreement(grpc::ServerContext* ctx, const v1::DecideAgreementRequest* req,
                               v1::DecideAgreementResponse* resp) override;
  grpc::Status RejectAgreement(grpc::ServerContext* ctx, const v1::DecideAgreementRequest* req,
                               v1::DecideAgreementResponse* resp) override;
  grpc::Status ProposeAgreement(grpc::ServerContext* ctx, const v1::ProposeAgreementRequest* req,
                                v1::ProposeAgreementResponse* resp) override;

 private:
  // Ratify or reject: checks, records, sends.
  absl::Status Decide(const api::Call& call, const v1::DecideAgreementRequest& req,
                      domain::Decision decision, v1::DecideAgreementResponse* resp);
  // The local copy of agreement `id` with this office's sent decisions, written to `out`;
  // `agreement` receives its domain form if not null.
  absl::Status ReadCopy(storage::Tx& tx, const domain::AgreementId& id, bool lock,
                        v1::Agreement* out, domain::Agreement* agreement,
                        std::vector<domain::SentDecision>* sent);

  storage::Database& db_;
  std::string office_id_;
  sync::Outbox& outbox_;
  Clock clock_;
  std::unique_ptr<storage::AgreementMirrorRepository> mirror_;
  std::unique_ptr<storage::AuditRepository> audit_;
  storage::Trail trail_;
};

}  // namespace schutznetz::tenant
