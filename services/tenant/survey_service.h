// SurveyService: gRPC edge for needs surveys (Bedarfsabfragen), their anonymous responses and
// the aggregated results.
//
// Responses are anonymous by construction: the request carries only the respondent's sector and
// the answers, the audit entry of a response names the survey but not the response, and free-text
// answers pass the PII guard (names: default list plus the office's list, given at construction).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "libs/api/call.h"
#include "libs/domain/pii_guard.h"
#include "libs/domain/survey.h"
#include "libs/storage/audit_repository.h"
#include "libs/storage/database.h"
#include "libs/storage/surveys_repository.h"
#include "schutznetz/v1/survey_service.grpc.pb.h"

namespace schutznetz::tenant {

class SurveyService final : public v1::SurveyService::Service {
 public:
  SurveyService(storage::Database& db, domain::PiiGuardOptions pii_guard);

  grpc::Status ListSurveys(grpc::ServerContext* ctx, const v1::ListSurveysRequest* req,
                           v1::ListSurveysResponse* resp) override;
  grpc::Status GetSurvey(grpc::ServerContext* ctx, const v1::GetSurveyRequest* req,
                         v1::GetSurveyResponse* resp) override;
  grpc::Status CreateSurvey(grpc::ServerContext* ctx, const v1::CreateSurveyRequest* req,
                            v1::CreateSurveyResponse* resp) override;
  grpc::Status UpdateSurvey(grpc::ServerContext* ctx, const v1::UpdateSurveyRequest* req,
                            v1::UpdateSurveyResponse* resp) override;
  grpc::Status DeleteSurvey(grpc::ServerContext* ctx, const v1::DeleteSurveyRequest* req,
                            v1::DeleteSurveyResponse* resp) override;
  grpc::Status OpenSurvey(grpc::ServerContext* ctx, const v1::OpenSurveyRequest* req,
                          v1::OpenSurveyResponse* resp) override;
  grpc::Status CloseSurvey(grpc::ServerContext* ctx, const v1::CloseSurveyRequest* req,
                           v1::CloseSurveyResponse* resp) override;
  grpc::Status SubmitResponse(grpc::ServerContext* ctx, const v1::SubmitResponseRequest* req,
                              v1::SubmitResponseResponse* resp) override;
  grpc::Status GetSurveyResults(grpc::ServerContext* ctx, const v1::GetSurveyResultsRequest* req,
                                v1::GetSurveyResultsResponse* resp) override;

 private:
  // Loads the survey `id` under lock, checks `etag`, lets `change` modify it, stores it and
  // records the audit entry `action`; the stored survey is written to `out`.
  absl::Status ChangeSurvey(const api::Call& call, const std::string& id, const std::string& etag,
                            const std::string& action,
                            const std::function<absl::Status(domain::Survey&)>& change,
                            v1::Survey* out);

  storage::Database& db_;
  const domain::PiiGuardOptions pii_guard_;
  std::unique_ptr<storage::SurveysRepository> surveys_;
  std::unique_ptr<storage::AuditRepository> audit_;
};

}  // namespace schutznetz::tenant
