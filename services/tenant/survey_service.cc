#include "services/tenant/survey_service.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "libs/api/call.h"
#include "libs/api/enums.h"
#include "libs/api/paging.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "libs/common/text.h"
#include "libs/common/uuid.h"
#include "libs/domain/survey_results.h"
#include "libs/rpc/proto_util.h"
#include "libs/rpc/status.h"

namespace schutznetz::tenant {
namespace {

using domain::Question;
using domain::Survey;
using domain::SurveyId;
using domain::SurveyState;

void ToProto(const Question& q, v1::Question* p) {
  p->set_id(q.id.value());
  p->set_position(q.position);
  p->set_text(q.text);
  p->set_kind(static_cast<v1::QuestionKind>(q.kind));
  for (const std::string& o : q.options) p->add_options(o);
  p->set_required(q.required);
}

void ToProto(const Survey& s, v1::Survey* p) {
  p->set_id(s.id.value());
  p->set_title(s.title);
  p->set_description(s.description);
  p->set_state(static_cast<v1::SurveyState>(s.state));
  for (const Question& q : s.questions) ToProto(q, p->add_questions());
  p->set_response_count(s.response_count);
  if (s.open_time != absl::InfinitePast()) rpc::ToProto(s.open_time, p->mutable_open_time());
  if (s.close_time != absl::InfinitePast()) rpc::ToProto(s.close_time, p->mutable_close_time());
  p->set_etag(domain::EtagOf(s.version));
  rpc::ToProto(s.create_time, p->mutable_create_time());
  rpc::ToProto(s.update_time, p->mutable_update_time());
}

void ToProto(const domain::QuestionResult& r, v1::QuestionResult* p) {
  p->set_question_id(r.question_id.value());
  p->set_position(r.position);
  p->set_text(r.text);
  p->set_kind(static_cast<v1::QuestionKind>(r.kind));
  p->set_answer_count(r.answer_count);
  for (const domain::OptionCount& o : r.options) {
    v1::OptionCount* out = p->add_options();
    out->set_index(o.index);
    out->set_option(o.option);
    out->set_count(o.count);
    out->set_share(o.share);
  }
  if (r.kind == domain::QuestionKind::kScale1To5) {
    for (int count : r.scale_counts) p->add_scale_counts(count);
    p->set_scale_mean(r.scale_mean);
  }
  for (const std::string& t : r.texts) p->add_texts(t);
}

// The user-editable fields of `p`, trimmed; unknown enum values go to `v`.
Survey FromProto(const v1::Survey& p, FieldViolations& v) {
  Survey s;
  s.title = Trim(p.title());
  s.description = Trim(p.description());
  for (int i = 0; i < p.questions_size(); ++i) {
    const v1::Question& in = p.questions(i);
    Question q;
    q.text = Trim(in.text());
    std::optional<domain::QuestionKind> kind = domain::QuestionKindFromNumber(in.kind());
    if (kind) {
      q.kind = *kind;
    } else {
      v.Add(absl::StrCat("survey.questions[", i, "].kind"),
            absl::StrCat("unknown value ", in.kind()),
            absl::StrCat("unbekannter Wert ", in.kind()));
    }
    for (const std::string& o : in.options()) q.options.push_back(Trim(o));
    q.required = in.required();
    q.position = i + 1;
    s.questions.push_back(std::move(q));
  }
  return s;
}

void ApplyPath(const std::string& path, const Survey& patch, Survey* s) {
  if (path == "title") s->title = patch.title;
  if (path == "description") s->description = patch.description;
  if (path == "questions") s->questions = patch.questions;
}

domain::SurveyResponse ResponseFromProto(const v1::SubmitResponseRequest& req) {
  domain::SurveyResponse r;
  r.sector =
      domain::SectorFromNumber(req.respondent_sector()).value_or(domain::Sector::kUnspecified);
  for (const v1::Answer& in : req.answers()) {
    domain::Answer a;
    a.question_id = domain::QuestionId(Trim(in.question_id()));
    a.choices.assign(in.choices().begin(), in.choices().end());
    a.scale = in.scale();
    a.text = Trim(in.text());
    r.answers.push_back(std::move(a));
  }
  return r;
}

}  // namespace

SurveyService::SurveyService(storage::Database& db, domain::PiiGuardOptions pii_guard)
    : db_(db),
      pii_guard_(std::move(pii_guard)),
      surveys_(storage::NewSurveysRepository()),
      audit_(storage::NewAuditRepository()) {}

grpc::Status SurveyService::ListSurveys(grpc::ServerContext* ctx, const v1::ListSurveysRequest* req,
                                        v1::ListSurveysResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    FieldViolations v;
    domain::PageRequest page =
        api::PageRequestFrom(req->page_size(), req->page_token(), v);
    domain::SurveyFilter filter;
    std::optional<SurveyState> state = domain::SurveyStateFromNumber(req->state());
    if (state) {
      filter.state = *state;
    } else {
      v.Add("state", absl::StrCat("unknown value ", req->state()),
            absl::StrCat("unbekannter Wert ", req->state()));
    }
    SN_RETURN_IF_ERROR(v.ToStatus());
    return db_.Transact(
        [&](storage::Tx& tx) -> absl::Status {
          SN_ASSIGN_OR_RETURN(domain::Page<Survey> result, surveys_->List(tx, filter, page));
          for (const Survey& s : result.items) ToProto(s, resp->add_surveys());
          resp->set_next_page_token(result.next_page_token);
          resp->set_total_size(result.total_size);
          return absl::OkStatus();
        },
        {.read_only = true});
  }());
}

grpc::Status SurveyService::GetSurvey(grpc::ServerContext* ctx, const v1::GetSurveyRequest* req,
                                      v1::GetSurveyResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    SN_RETURN_IF_ERROR(ValidateUuid("id", req->id()));
    return db_.Transact(
        [&](storage::Tx& tx) -> absl::Status {
          SN_ASSIGN_OR_RETURN(Survey s,
                              surveys_->Get(tx, SurveyId(req->id()), storage::RowLock::kNone));
          ToProto(s, resp->mutable_survey());
          return absl::OkStatus();
        },
        {.read_only = true});
  }());
}

grpc::Status SurveyService::CreateSurvey(grpc::ServerContext* ctx,
                                         const v1::CreateSurveyRequest* req,
                                         v1::CreateSurveyResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    FieldViolations v;
    Survey draft = FromProto(req->survey(), v);
    v.Add(domain::ValidateSurvey(draft, "survey."));
    SN_RETURN_IF_ERROR(v.ToStatus());
    return db_.Transact([&](storage::Tx& tx) -> absl::Status {
      SN_ASSIGN_OR_RETURN(Survey created, surveys_->Insert(tx, draft));
      ToProto(created, resp->mutable_survey());
      return audit_->Record(tx, call.Audit("survey", created.id.value(), "create",
                                           absl::StrCat("questions: ", created.questions.size())));
    });
  }());
}

grpc::Status SurveyService::UpdateSurvey(grpc::ServerContext* ctx,
                                         const v1::UpdateSurveyRequest* req,
                                         v1::UpdateSurveyResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    const v1::Survey& in = req->survey();
    SN_RETURN_IF_ERROR(ValidateUuid("survey.id", in.id()));
    SN_ASSIGN_OR_RETURN(std::vector<std::string> paths,
                        rpc::UpdatePaths(req->update_mask(), domain::SurveyMutableFields()));
    FieldViolations v;
    Survey patch = FromProto(in, v);
    SN_RETURN_IF_ERROR(v.ToStatus());
    bool replace_questions = std::find(paths.begin(), paths.end(), "questions") != paths.end();
    return db_.Transact([&](storage::Tx& tx) -> absl::Status {
      SN_ASSIGN_OR_RETURN(Survey current,
                          surveys_->Get(tx, SurveyId(in.id()), storage::RowLock::kUpdate));
      SN_RETURN_IF_ERROR(
          domain::CheckEtag(in.etag(), current.version, "survey.etag", domain::kSurveyKind));
      SN_RETURN_IF_ERROR(domain::CheckEditable(current));
      Survey merged = current;
      for (const std::string& path : paths) ApplyPath(path, patch, &merged);
      SN_RETURN_IF_ERROR(domain::ValidateSurvey(merged, "survey."));
      SN_ASSIGN_OR_RETURN(Survey updated, surveys_->Update(tx, merged, replace_questions));
      ToProto(updated, resp->mutable_survey());
      return audit_->Record(tx, call.Audit("survey", updated.id.value(), "update",
                                           "fields: " + absl::StrJoin(paths, ", ")));
    });
  }());
}

grpc::Status SurveyService::DeleteSurvey(grpc::ServerContext* ctx,
                                         const v1::DeleteSurveyRequest* req,
                                         v1::DeleteSurveyResponse*) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    SN_RETURN_IF_ERROR(ValidateUuid("id", req->id()));
    return db_.Transact([&](storage::Tx& tx) -> absl::Status {
      SN_ASSIGN_OR_RETURN(Survey current,
                          surveys_->Get(tx, SurveyId(req->id()), storage::RowLock::kUpdate));
      SN_RETURN_IF_ERROR(
          domain::CheckEtag(req->etag(), current.version, "etag", domain::kSurveyKind));
      SN_RETURN_IF_ERROR(domain::CheckDeletable(current));
      SN_RETURN_IF_ERROR(surveys_->Delete(tx, current.id));
      return audit_->Record(tx, call.Audit("survey", current.id.value(), "delete"));
    });
  }());
}

absl::Status SurveyService::ChangeSurvey(const api::Call& call, const std::string& id,
                                         const std::string& etag, const std::string& action,
                                         const std::function<absl::Status(Survey&)>& change,
                                         v1::Survey* out) {
  SN_RETURN_IF_ERROR(ValidateUuid("id", id));
  return db_.Transact([&](storage::Tx& tx) -> absl::Status {
    SN_ASSIGN_OR_RETURN(Survey s, surveys_->Get(tx, SurveyId(id), storage::RowLock::kUpdate));
    SN_RETURN_IF_ERROR(domain::CheckEtag(etag, s.version, "etag", domain::kSurveyKind));
    SN_RETURN_IF_ERROR(change(s));
    SN_ASSIGN_OR_RETURN(Survey stored, surveys_->Update(tx, s, false));
    ToProto(stored, out);
    return audit_->Record(tx, call.Audit("survey", stored.id.value(), action));
  });
}

grpc::Status SurveyService::OpenSurvey(grpc::ServerContext* ctx, const v1::OpenSurveyRequest* req,
                                       v1::OpenSurveyResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus(ChangeSurvey(
      call, req->id(), req->etag(), "open",
      [](Survey& s) -> absl::Status {
        SN_RETURN_IF_ERROR(domain::CheckCanOpen(s));
        s.state = SurveyState::kOpen;
        s.open_time = absl::Now();
        return absl::OkStatus();
      },
      resp->mutable_survey()));
}

grpc::Status SurveyService::CloseSurvey(grpc::ServerContext* ctx, const v1::CloseSurveyRequest* req,
                                        v1::CloseSurveyResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus(ChangeSurvey(
      call, req->id(), req->etag(), "close",
      [](Survey& s) -> absl::Status {
        SN_RETURN_IF_ERROR(domain::CheckSurveyTransition(s.state, SurveyState::kClosed));
        s.state = SurveyState::kClosed;
        s.close_time = absl::Now();
        return absl::OkStatus();
      },
      resp->mutable_survey()));
}

grpc::Status SurveyService::SubmitResponse(grpc::ServerContext* ctx,
                                           const v1::SubmitResponseRequest* req,
                                           v1::SubmitResponseResponse*) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    FieldViolations v;
    v.Add(ValidateUuid("survey_id", req->survey_id()));
    v.Add(api::SectorFromProto(req->respondent_sector(), "respondent_sector", true).status());
    SN_RETURN_IF_ERROR(v.ToStatus());
    domain::SurveyResponse response = ResponseFromProto(*req);
    return db_.Transact([&](storage::Tx& tx) -> absl::Status {
      // A share lock: responses may arrive together, but not while the survey is closed.
      SN_ASSIGN_OR_RETURN(Survey s,
                          surveys_->Get(tx, SurveyId(req->survey_id()), storage::RowLock::kShare));
      SN_RETURN_IF_ERROR(domain::CheckAcceptsResponses(s));
      SN_RETURN_IF_ERROR(domain::ValidateResponse(s, response, pii_guard_));
      SN_RETURN_IF_ERROR(surveys_->InsertResponse(tx, s.id, response));
      // The survey only: no response id, no sector — the entry must not tie a caller to answers.
      return audit_->Record(tx, call.Audit("survey", s.id.value(), "respond"));
    });
  }());
}

grpc::Status SurveyService::GetSurveyResults(grpc::ServerContext* ctx,
                                             const v1::GetSurveyResultsRequest* req,
                                             v1::GetSurveyResultsResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    SN_RETURN_IF_ERROR(ValidateUuid("id", req->id()));
    return db_.Transact(
        [&](storage::Tx& tx) -> absl::Status {
          SN_ASSIGN_OR_RETURN(Survey s,
                              surveys_->Get(tx, SurveyId(req->id()), storage::RowLock::kNone));
          SN_ASSIGN_OR_RETURN(std::vector<domain::SurveyResponse> responses,
                              surveys_->ListResponses(tx, s.id));
          domain::SurveyResults results = domain::AggregateSurveyResults(s, responses);
          resp->set_survey_id(s.id.value());
          resp->set_title(s.title);
          resp->set_state(static_cast<v1::SurveyState>(s.state));
          resp->set_response_count(results.response_count);
          for (const auto& q : results.questions) ToProto(q, resp->add_questions());
          for (const domain::SectorGroupResult& g : results.sectors) {
            v1::SectorResult* out = resp->add_sectors();
            out->set_sector(api::ToProto(g.sector));
            out->set_merged(g.merged);
            out->set_response_count(g.response_count);
            for (const auto& q : g.questions) ToProto(q, out->add_questions());
          }
          return absl::OkStatus();
        },
        {.isolation = storage::Isolation::kRepeatableRead, .read_only = true});
  }());
}

}  // namespace schutznetz::tenant
