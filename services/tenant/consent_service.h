// ConsentService: gRPC edge for consent texts, members' consents and the erasure requests they
// cause (libs/domain/consent.h, ConsentBook, ErasureLink).
#pragma once

#include <memory>

#include "libs/storage/audit_repository.h"
#include "libs/storage/consents_repository.h"
#include "libs/storage/database.h"
#include "libs/storage/members_repository.h"
#include "schutznetz/v1/consent_service.grpc.pb.h"
#include "services/tenant/consent_book.h"

namespace schutznetz::tenant {

class ConsentService final : public v1::ConsentService::Service {
 public:
  ConsentService(storage::Database& db, ConsentBook& book, Clock clock);

  grpc::Status ListConsentTexts(grpc::ServerContext* ctx, const v1::ListConsentTextsRequest* req,
                                v1::ListConsentTextsResponse* resp) override;
  grpc::Status PublishConsentText(grpc::ServerContext* ctx,
                                  const v1::PublishConsentTextRequest* req,
                                  v1::PublishConsentTextResponse* resp) override;
  grpc::Status GiveConsent(grpc::ServerContext* ctx, const v1::GiveConsentRequest* req,
                           v1::GiveConsentResponse* resp) override;
  grpc::Status WithdrawConsent(grpc::ServerContext* ctx, const v1::WithdrawConsentRequest* req,
                               v1::WithdrawConsentResponse* resp) override;
  grpc::Status ListConsents(grpc::ServerContext* ctx, const v1::ListConsentsRequest* req,
                            v1::ListConsentsResponse* resp) override;
  grpc::Status ListErasureRequests(grpc::ServerContext* ctx,
                                   const v1::ListErasureRequestsRequest* req,
                                   v1::ListErasureRequestsResponse* resp) override;

 private:
  storage::Database& db_;
  ConsentBook& book_;
  Clock clock_;
  std::unique_ptr<storage::ConsentsRepository> consents_;
  std::unique_ptr<storage::MembersRepository> members_;
  std::unique_ptr<storage::AuditRepository> audit_;
};

}  // namespace schutznetz::tenant
