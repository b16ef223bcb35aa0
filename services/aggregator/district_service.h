// DistrictService: the district coordination API of the aggregator (district_service.proto).
//
// Each RPC names its call for the audit log and hands the work to the feature class behind it
// (agreements: DistrictAgreements, reports: DistrictReport); this file stays a thin edge that more
// features join.
#pragma once

#include "libs/common/clock.h"
#include "libs/storage/database.h"
#include "schutznetz/v1/district_service.grpc.pb.h"
#include "services/aggregator/agreement_publisher.h"
#include "services/aggregator/district_agreements.h"
#include "services/aggregator/district_report.h"

namespace schutznetz::aggregator {

class DistrictService final : public v1::DistrictService::Service {
 public:
  DistrictService(storage::Database& db, AgreementPublisher& publisher, AgreementRules rules,
                  const config::DistrictConfig& district, Clock clock = SystemClock());

  grpc::Status CreateAgreement(grpc::ServerContext* ctx, const v1::CreateAgreementRequest* req,
                               v1::CreateAgreementResponse* resp) override;
  grpc::Status ListAgreements(grpc::ServerContext* ctx, const v1::ListAgreementsRequest* req,
                              v1::ListAgreementsResponse* resp) override;
  grpc::Status GetAgreement(grpc::ServerContext* ctx, const v1::GetAgreementRequest* req,
                            v1::GetAgreementResponse* resp) override;
  grpc::Status UpdateDraft(grpc::ServerContext* ctx, const v1::UpdateDraftRequest* req,
                           v1::UpdateDraftResponse* resp) override;
  grpc::Status AddVersion(grpc::ServerContext* ctx, const v1::AddVersionRequest* req,
                          v1::AddVersionResponse* resp) override;
  grpc::Status OpenForRatification(grpc::ServerContext* ctx,
                                   const v1::OpenForRatificationRequest* req,
                                   v1::OpenForRatificationResponse* resp) override;
  grpc::Status WithdrawVersion(grpc::ServerContext* ctx, const v1::WithdrawVersionRequest* req,
                               v1::WithdrawVersionResponse* resp) override;
  grpc::Status ListProposals(grpc::ServerContext* ctx, const v1::ListProposalsRequest* req,
                             v1::ListProposalsResponse* resp) override;
  grpc::Status AdoptProposal(grpc::ServerContext* ctx, const v1::AdoptProposalRequest* req,
                             v1::AdoptProposalResponse* resp) override;
  grpc::Status GetDistrictReport(grpc::ServerContext* ctx, const v1::GetDistrictReportRequest* req,
                                 v1::GetDistrictReportResponse* resp) override;

 private:
  DistrictAgreements agreements_;
  DistrictReport report_;
};

}  // namespace schutznetz::aggregator
