// CaseConferenceService: gRPC edge for anonymised case conferences and their follow-ups.
//
// Every text (summary, findings, follow-up actions) passes the PII guard before anything is
// stored; the names it looks for are the default list plus the office's own list, given at
// construction (TenantApp loads it from the file named in the office configuration).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "libs/api/call.h"
#include "libs/domain/case_conference.h"
#include "libs/domain/pii_guard.h"
#include "libs/storage/audit_repository.h"
#include "libs/storage/case_conferences_repository.h"
#include "libs/storage/database.h"
#include "libs/storage/events_repository.h"
#include "libs/storage/organisations_repository.h"
#include "schutznetz/v1/case_conference_service.grpc.pb.h"

namespace schutznetz::tenant {

class CaseConferenceService final : public v1::CaseConferenceService::Service {
 public:
  // `municipalities`: those the office serves (config::OfficeConfig::municipalities).
  // `pii_guard`: names for the guard; its allowed_date is set per conference.
  CaseConferenceService(storage::Database& db, std::vector<std::string> municipalities,
                        domain::PiiGuardOptions pii_guard);

  grpc::Status ListCaseConferences(grpc::ServerContext* ctx,
                                   const v1::ListCaseConferencesRequest* req,
                                   v1::ListCaseConferencesResponse* resp) override;
  grpc::Status GetCaseConference(grpc::ServerContext* ctx, const v1::GetCaseConferenceRequest* req,
                                 v1::GetCaseConferenceResponse* resp) override;
  grpc::Status CreateCaseConference(grpc::ServerContext* ctx,
                                    const v1::CreateCaseConferenceRequest* req,
                                    v1::CreateCaseConferenceResponse* resp) override;
  grpc::Status UpdateCaseConference(grpc::ServerContext* ctx,
                                    const v1::UpdateCaseConferenceRequest* req,
                                    v1::UpdateCaseConferenceResponse* resp) override;
  grpc::Status DeleteCaseConference(grpc::ServerContext* ctx,
                                    const v1::DeleteCaseConferenceRequest* req,
                                    v1::DeleteCaseConferenceResponse* resp) override;
  grpc::Status AddFollowUp(grpc::ServerContext* ctx, const v1::AddFollowUpRequest* req,
                           v1::AddFollowUpResponse* resp) override;
  grpc::Status UpdateFollowUp(grpc::ServerContext* ctx, const v1::UpdateFollowUpRequest* req,
                              v1::UpdateFollowUpResponse* resp) override;
  grpc::Status RemoveFollowUp(grpc::ServerContext* ctx, const v1::RemoveFollowUpRequest* req,
                              v1::RemoveFollowUpResponse* resp) override;

 private:
  // A change of the follow-ups: writes them and returns the audit detail (ids only).
  using FollowUpChange =
      std::function<absl::StatusOr<std::string>(storage::Tx&, domain::CaseConference&)>;

  // Loads the conference `id` under lock, checks `etag`, runs `change`, increases the
  // conference's version, records the audit entry `action` and writes the result to `out`.
  absl::Status ChangeFollowUps(const api::Call& call, const std::string& id,
                               const std::string& etag, const std::string& action,
                               const FollowUpChange& change, v1::CaseConference* out);
  // NOT_FOUND naming `field` unless the organisation / event exists.
  absl::Status CheckOrganisationExists(storage::Tx& tx, const domain::OrganisationId& id,
                                       const std::string& field);
  absl::Status CheckEventExists(storage::Tx& tx, const domain::EventId& id,
                                const std::string& field);

  storage::Database& db_;
  const std::vector<std::string> municipalities_;
  const domain::PiiGuardOptions pii_guard_;
  std::unique_ptr<storage::CaseConferencesRepository> conferences_;
  std::unique_ptr<storage::OrganisationsRepository> organisations_;
  std::unique_ptr<storage::EventsRepository> events_;
  std::unique_ptr<storage::AuditRepository> audit_;
};

}  // namespace schutznetz::tenant
