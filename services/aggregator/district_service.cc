#include "services/aggregator/district_service.h"

#include "libs/api/call.h"
#include "libs/rpc/status.h"

namespace schutznetz::aggregator {

DistrictService::DistrictService(storage::Database& db, AgreementPublisher& publisher,
                                 AgreementRules rules, const config::DistrictConfig& district,
                                 Clock clock)
    : agreements_(db, publisher, std::move(rules), clock), report_(db, district, clock) {}

grpc::Status DistrictService::CreateAgreement(grpc::ServerContext* ctx,
                                              const v1::CreateAgreementRequest* req,
                                              v1::CreateAgreementResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus(agreements_.Create(call, *req, resp));
}

grpc::Status DistrictService::ListAgreements(grpc::ServerContext* ctx,
                                             const v1::ListAgreementsRequest* req,
                                             v1::ListAgreementsResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus(agreements_.List(*req, resp));
}

grpc::Status DistrictService::GetAgreement(grpc::ServerContext* ctx,
                                           const v1::GetAgreementRequest* req,
                                           v1::GetAgreementResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus(agreements_.Get(*req, resp));
}

grpc::Status DistrictService::UpdateDraft(grpc::ServerContext* ctx,
                                          const v1::UpdateDraftRequest* req,
                                          v1::UpdateDraftResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus(agreements_.UpdateDraft(call, *req, resp));
}

grpc::Status DistrictService::AddVersion(grpc::ServerContext* ctx, const v1::AddVersionRequest* req,
                                         v1::AddVersionResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus(agreements_.AddVersion(call, *req, resp));
}

grpc::Status DistrictService::OpenForRatification(grpc::ServerContext* ctx,
                                                  const v1::OpenForRatificationRequest* req,
                                                  v1::OpenForRatificationResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus(agreements_.Open(call, *req, resp));
}

grpc::Status DistrictService::WithdrawVersion(grpc::ServerContext* ctx,
                                              const v1::WithdrawVersionRequest* req,
                                              v1::WithdrawVersionResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus(agreements_.Withdraw(call, *req, resp));
}

grpc::Status DistrictService::ListProposals(grpc::ServerContext* ctx,
                                            const v1::ListProposalsRequest* req,
                                            v1::ListProposalsResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus(agreements_.ListProposals(*req, resp));
}

grpc::Status DistrictService::AdoptProposal(grpc::ServerContext* ctx,
                                            const v1::AdoptProposalRequest* req,
                                            v1::AdoptProposalResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus(agreements_.AdoptProposal(call, *req, resp));
}

grpc::Status DistrictService::GetDistrictReport(grpc::ServerContext* ctx,
                                                const v1::GetDistrictReportRequest* req,
                                                v1::GetDistrictReportResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus(report_.Get(call, *req, resp));
}

}  // namespace schutznetz::aggregator
