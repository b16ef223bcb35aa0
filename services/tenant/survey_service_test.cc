// SurveyService over an in-process channel on a real PostgreSQL database.
#include "services/tenant/survey_service.h"

#include <gtest/gtest.h>

#include "libs/rpc/server.h"
#include "tests/support/test_database.h"
#include "tests/support/test_tokens.h"

namespace schutznetz::tenant {
namespace {

void ExpectContains(const std::string& text, const std::vector<std::string>& parts) {
  for (const std::string& p : parts)
    EXPECT_NE(text.find(p), std::string::npos) << p << " in " << text;
}

v1::Question MakeQuestion(const std::string& text, v1::QuestionKind kind,
                          std::vector<std::string> options = {}, bool required = false) {
  v1::Question q;
  q.set_text(text);
  q.set_kind(kind);
  for (const auto& o : options) q.add_options(o);
  q.set_required(required);
  return q;
}

// A training-needs survey: attended (single, required), topics (multiple), confidence (scale,
// required), wishes (free text).
v1::Survey TrainingNeeds() {
  v1::Survey s;
  s.set_title("Fortbildungsbedarf Kinderschutz 2025");
  s.set_description("Bitte bis Ende Mai beantworten.\nDie Antworten sind anonym.");
  *s.add_questions() = MakeQuestion("Haben Sie 2024 eine Kinderschutz-Fortbildung besucht?",
                                    v1::QUESTION_KIND_SINGLE_CHOICE, {"ja", "nein"}, true);
  *s.add_questions() =
      MakeQuestion("Welche Themen wünschen Sie sich?", v1::QUESTION_KIND_MULTIPLE_CHOICE,
                   {"§ 8a SGB VIII", "Gesprächsführung mit Eltern", "Medizinischer Kinderschutz",
                    "Sexualisierte Gewalt", "Datenschutz im Kinderschutz"});
  *s.add_questions() = MakeQuestion("Wie sicher fühlen Sie sich bei einer Gefährdungseinschätzung?",
                                    v1::QUESTION_KIND_SCALE_1_TO_5, {}, true);
  *s.add_questions() = MakeQuestion("Was wünschen Sie sich sonst?", v1::QUESTION_KIND_FREE_TEXT);
  return s;
}

class SurveyServiceTest : public schutznetz::testing::DbTest {
 protected:
  void SetUp() override {
    DbTest::SetUp();
    domain::PiiGuardOptions guard;
    guard.extra_names = {"Brzęczyszczykiewicz"};
    service_ = std::make_unique<SurveyService>(db(), guard);
    gate_ = std::make_unique<schutznetz::testing::TestGate>(db(), domain::ServerKind::kOffice);
    rpc::ServerOptions options{.listen = "127.0.0.1:0"};
    gate_->InstallOn(options);
    auto server = rpc::RpcServer::Start(options, {service_.get()});
    ASSERT_TRUE(server.ok());
    server_ = *std::move(server);
    stub_ = v1::SurveyService::NewStub(server_->InProcessChannel(gate_->secret()));
  }

  grpc::Status Create(const v1::Survey& s, v1::Survey* out = nullptr) {
    v1::CreateSurveyRequest req;
    *req.mutable_survey() = s;
    v1::CreateSurveyResponse resp;
    grpc::ClientContext ctx;
    grpc::Status status = stub_->CreateSurvey(&ctx, req, &resp);
    if (out != nullptr) *out = resp.survey();
    return status;
  }

  v1::Survey CreateOpen() {
    v1::Survey s;
    EXPECT_TRUE(Create(TrainingNeeds(), &s).ok());
    v1::OpenSurveyRequest req;
    req.set_id(s.id());
    v1::OpenSurveyResponse resp;
    grpc::ClientContext ctx;
    EXPECT_TRUE(stub_->OpenSurvey(&ctx, req, &resp).ok());
    return resp.survey();
  }

  grpc::Status Close(const v1::Survey& s) {
    v1::CloseSurveyRequest req;
    req.set_id(s.id());
    v1::CloseSurveyResponse resp;
    grpc::ClientContext ctx;
    return stub_->CloseSurvey(&ctx, req, &resp);
  }

  // A response: attended (0 ja / 1 nein), topic indexes, confidence 1–5, optional wish.
  v1::SubmitResponseRequest Response(const v1::Survey& s, v1::Sector sector, int attended,
                                     std::vector<int> topics, int confidence,
                                     const std::string& wish = "") {
    v1::SubmitResponseRequest req;
    req.set_survey_id(s.id());
    req.set_respondent_sector(sector);
    v1::Answer* a = req.add_answers();
    a->set_question_id(s.questions(0).id());
    a->add_choices(attended);
    if (!topics.empty()) {
      v1::Answer* t = req.add_answers();
      t->set_question_id(s.questions(1).id());
      for (int i : topics) t->add_choices(i);
    }
    v1::Answer* c = req.add_answers();
    c->set_question_id(s.questions(2).id());
    c->set_scale(confidence);
    if (!wish.empty()) {
      v1::Answer* w = req.add_answers();
      w->set_question_id(s.questions(3).id());
      w->set_text(wish);
    }
    return req;
  }

  grpc::Status Submit(const v1::SubmitResponseRequest& req) {
    v1::SubmitResponseResponse resp;
    grpc::ClientContext ctx;
    return stub_->SubmitResponse(&ctx, req, &resp);
  }

  v1::GetSurveyResultsResponse Results(const v1::Survey& s) {
    v1::GetSurveyResultsRequest req;
    req.set_id(s.id());
    v1::GetSurveyResultsResponse resp;
    grpc::ClientContext ctx;
    EXPECT_TRUE(stub_->GetSurveyResults(&ctx, req, &resp).ok());
    return resp;
  }

  // Everything stored about surveys plus the size of the audit log.
  std::string DbState() {
    return QueryScalar(
        "SELECT md5(coalesce((SELECT string_agg(s::text, '|' ORDER BY s.id) FROM surveys s), '') "
        "|| coalesce((SELECT string_agg(q::text, '|' ORDER BY q.id) FROM survey_questions q), '') "
        "|| (SELECT count(*) FROM survey_responses) || '/' || (SELECT count(*) FROM "
        "survey_answers) || '/' || (SELECT count(*) FROM audit_log))");
  }

  std::unique_ptr<SurveyService> service_;
  std::unique_ptr<schutznetz::testing::TestGate> gate_;
  std::unique_ptr<rpc::RpcServer> server_;
  std::unique_ptr<v1::SurveyService::Stub> stub_;
};

TEST_F(SurveyServiceTest, DraftIsEditableUntilOpened) {
  v1::Survey s;
  ASSERT_TRUE(Create(TrainingNeeds(), &s).ok());
  EXPECT_EQ(s.state(), v1::SURVEY_STATE_DRAFT);
  ASSERT_EQ(s.questions_size(), 4);
  EXPECT_EQ(s.questions(3).position(), 4);
  EXPECT_EQ(s.questions(1).options(2), "Medizinischer Kinderschutz");

  v1::UpdateSurveyRequest update;
  *update.mutable_survey() = s;
  update.mutable_survey()->set_title("Fortbildungsbedarf 2025");
  update.mutable_survey()->mutable_questions()->RemoveLast();
  update.mutable_update_mask()->add_paths("title");
  update.mutable_update_mask()->add_paths("questions");
  v1::UpdateSurveyResponse updated;
  grpc::ClientContext c1;
  ASSERT_TRUE(stub_->UpdateSurvey(&c1, update, &updated).ok());
  EXPECT_EQ(updated.survey().title(), "Fortbildungsbedarf 2025");
  EXPECT_EQ(updated.survey().questions_size(), 3);
  EXPECT_EQ(updated.survey().etag(), "\"v2\"");
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM survey_questions"), "3");

  grpc::ClientContext c2;  // `update` still carries etag v1
  EXPECT_EQ(stub_->UpdateSurvey(&c2, update, &updated).error_code(), grpc::StatusCode::ABORTED);

  v1::OpenSurveyRequest open;
  open.set_id(s.id());
  open.set_etag(s.etag());
  v1::OpenSurveyResponse opened;
  grpc::ClientContext c3;
  EXPECT_EQ(stub_->OpenSurvey(&c3, open, &opened).error_code(), grpc::StatusCode::ABORTED);
  open.clear_etag();
  grpc::ClientContext c4;
  ASSERT_TRUE(stub_->OpenSurvey(&c4, open, &opened).ok());
  EXPECT_EQ(opened.survey().state(), v1::SURVEY_STATE_OPEN);
  EXPECT_TRUE(opened.survey().has_open_time());

  std::string before = DbState();
  update.mutable_survey()->set_etag(opened.survey().etag());
  grpc::ClientContext c5;
  grpc::Status refused = stub_->UpdateSurvey(&c5, update, &updated);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  ExpectContains(refused.error_message(), {"only a draft can be changed"});
  EXPECT_EQ(DbState(), before);
  EXPECT_EQ(QueryScalar("SELECT string_agg(action || ':' || detail, ',' ORDER BY id) FROM "
                        "audit_log WHERE resource_type = 'survey'"),
            "create:questions: 4,update:fields: title, questions,open:");
}

TEST_F(SurveyServiceTest, InvalidQuestionsAreNamedAndNothingStored) {
  v1::Survey s = TrainingNeeds();
  s.set_title("");
  s.mutable_questions(0)->clear_options();
  s.mutable_questions(0)->add_options("ja");
  s.mutable_questions(2)->add_options("1");
  s.mutable_questions(3)->set_kind(static_cast<v1::QuestionKind>(9));
  std::string before = DbState();
  grpc::Status status = Create(s);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  ExpectContains(status.error_message(),
                 {"survey.title", "survey.questions[0].options: a choice question needs 2–20",
                  "survey.questions[2].options: only choice questions have options",
                  "survey.questions[3].kind: unknown value 9"});
  EXPECT_EQ(DbState(), before);
}

TEST_F(SurveyServiceTest, OpeningNeedsQuestions) {
  v1::Survey empty;
  empty.set_title("Noch ohne Fragen");
  v1::Survey s;
  ASSERT_TRUE(Create(empty, &s).ok());
  v1::OpenSurveyRequest open;
  open.set_id(s.id());
  v1::OpenSurveyResponse resp;
  grpc::ClientContext ctx;
  EXPECT_EQ(stub_->OpenSurvey(&ctx, open, &resp).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(QueryScalar("SELECT state FROM surveys"), "draft");
}

TEST_F(SurveyServiceTest, ResponsesAreAcceptedOnlyWhileOpen) {
  v1::Survey draft;
  ASSERT_TRUE(Create(TrainingNeeds(), &draft).ok());
  EXPECT_EQ(Submit(Response(draft, v1::SECTOR_SCHOOL, 0, {1}, 3)).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  v1::Survey open = CreateOpen();
  ASSERT_TRUE(Submit(Response(open, v1::SECTOR_SCHOOL, 0, {1}, 3)).ok());
  ASSERT_TRUE(Close(open).ok());
  std::string before = DbState();
  grpc::Status closed = Submit(Response(open, v1::SECTOR_SCHOOL, 1, {}, 2));
  EXPECT_EQ(closed.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  ExpectContains(closed.error_message(), {"responses are accepted only while it is open"});
  EXPECT_EQ(DbState(), before);
  EXPECT_EQ(Close(open).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(SurveyServiceTest, InvalidAnswersAreNamedByTheirIndexAndNothingStored) {
  v1::Survey s = CreateOpen();
  v1::SubmitResponseRequest req = Response(s, v1::SECTOR_HEALTH, 0, {0, 7}, 9);
  req.mutable_answers(0)->add_choices(1);  // two choices for a single-choice question
  req.mutable_answers(1)->set_text("Text passt nicht");
  std::string before = DbState();
  grpc::Status status = Submit(req);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  ExpectContains(
      status.error_message(),
      {"answers[0].choices: choose exactly one option", "answers[1].choices: no option 7",
       "answers[1].text: not allowed", "answers[2].scale: must be a value from 1 to 5"});
  req = Response(s, v1::SECTOR_UNSPECIFIED, 0, {}, 3);
  req.mutable_answers()->DeleteSubrange(1, 1);  // the required scale question is missing
  status = Submit(req);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  ExpectContains(status.error_message(), {"respondent_sector: is required"});
  req.set_respondent_sector(v1::SECTOR_SCHOOL);
  status = Submit(req);
  ExpectContains(status.error_message(), {"answers: question 3", "is required"});
  EXPECT_EQ(DbState(), before);
}

TEST_F(SurveyServiceTest, FreeTextWithPersonalDataIsRefused) {
  v1::Survey s = CreateOpen();
  std::string before = DbState();
  grpc::Status status = Submit(Response(s, v1::SECTOR_SCHOOL, 0, {}, 4,
                                        "Bitte Herrn Brzęczyszczykiewicz einladen, Tel. "
                                        "02941 98765"));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  ExpectContains(status.error_message(), {"answers[2].text: contains personal data",
                                          "„Brzęczyszczykiewicz“", "„02941 98765“"});
  EXPECT_EQ(DbState(), before);
}

TEST_F(SurveyServiceTest, ResponsesStayAnonymous) {
  v1::Survey s = CreateOpen();
  ASSERT_TRUE(Submit(Response(s, v1::SECTOR_JUSTICE, 0, {2}, 5, "Mehr Praxisbeispiele")).ok());
  EXPECT_EQ(QueryScalar("SELECT action || '|' || resource_id || '|' || detail FROM audit_log "
                        "WHERE action = 'respond'"),
            "respond|" + s.id() + "|");
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM audit_log WHERE detail LIKE '%justice%' OR detail "
                        "LIKE '%Praxis%' OR resource_id IN (SELECT id::text FROM "
                        "survey_responses)"),
            "0");
}

TEST_F(SurveyServiceTest, ResultsRankTopicsAndMergeSmallSectors) {
  v1::Survey s = CreateOpen();
  // School 4, health 3, justice 1: justice alone would disclose one person; merged with it,
  // "other" would still hold one response, so health (the smallest shown sector) joins too.
  ASSERT_TRUE(Submit(Response(s, v1::SECTOR_SCHOOL, 0, {0, 1}, 2, "Zeit für Austausch")).ok());
  ASSERT_TRUE(Submit(Response(s, v1::SECTOR_SCHOOL, 1, {1, 3}, 3)).ok());
  ASSERT_TRUE(Submit(Response(s, v1::SECTOR_SCHOOL, 0, {1}, 2)).ok());
  ASSERT_TRUE(Submit(Response(s, v1::SECTOR_SCHOOL, 1, {3}, 1, "Angebote am Nachmittag")).ok());
  ASSERT_TRUE(Submit(Response(s, v1::SECTOR_HEALTH, 0, {2}, 4)).ok());
  ASSERT_TRUE(Submit(Response(s, v1::SECTOR_HEALTH, 0, {2, 1}, 5)).ok());
  ASSERT_TRUE(Submit(Response(s, v1::SECTOR_HEALTH, 1, {}, 4)).ok());
  ASSERT_TRUE(Submit(Response(s, v1::SECTOR_JUSTICE, 0, {4}, 3)).ok());

  v1::GetSurveyResultsResponse r = Results(s);
  EXPECT_EQ(r.response_count(), 8);
  ASSERT_EQ(r.questions_size(), 4);
  const v1::QuestionResult& topics = r.questions(1);
  EXPECT_EQ(topics.answer_count(), 7);
  ASSERT_EQ(topics.options_size(), 5);
  EXPECT_EQ(topics.options(0).option(), "Gesprächsführung mit Eltern");  // most wanted first
  EXPECT_EQ(topics.options(0).count(), 4);
  EXPECT_EQ(topics.options(0).index(), 1);
  EXPECT_NEAR(topics.options(0).share(), 4.0 / 7, 1e-9);
  EXPECT_EQ(topics.options(1).option(), "Medizinischer Kinderschutz");
  EXPECT_EQ(topics.options(2).option(), "Sexualisierte Gewalt");
  const v1::QuestionResult& confidence = r.questions(2);
  EXPECT_EQ(std::vector<int>(confidence.scale_counts().begin(), confidence.scale_counts().end()),
            (std::vector<int>{1, 2, 2, 2, 1}));
  EXPECT_DOUBLE_EQ(confidence.scale_mean(), 24.0 / 8);
  EXPECT_EQ(std::vector<std::string>(r.questions(3).texts().begin(), r.questions(3).texts().end()),
            (std::vector<std::string>{"Angebote am Nachmittag", "Zeit für Austausch"}));

  ASSERT_EQ(r.sectors_size(), 2);
  EXPECT_EQ(r.sectors(0).sector(), v1::SECTOR_SCHOOL);
  EXPECT_EQ(r.sectors(0).response_count(), 4);
  EXPECT_FALSE(r.sectors(0).merged());
  EXPECT_EQ(r.sectors(0).questions(1).options(0).option(), "Gesprächsführung mit Eltern");
  EXPECT_EQ(r.sectors(1).sector(), v1::SECTOR_OTHER);
  EXPECT_TRUE(r.sectors(1).merged());
  EXPECT_EQ(r.sectors(1).response_count(), 4);
  EXPECT_EQ(r.sectors(1).questions(1).options(0).option(), "Medizinischer Kinderschutz");
}

TEST_F(SurveyServiceTest, ASurveyWithResponsesCannotBeDeleted) {
  v1::Survey draft;
  ASSERT_TRUE(Create(TrainingNeeds(), &draft).ok());
  v1::Survey open = CreateOpen();
  ASSERT_TRUE(Submit(Response(open, v1::SECTOR_SCHOOL, 0, {1}, 3)).ok());
  v1::DeleteSurveyRequest req;
  v1::DeleteSurveyResponse resp;
  req.set_id(open.id());
  std::string before = DbState();
  grpc::ClientContext c1;
  EXPECT_EQ(stub_->DeleteSurvey(&c1, req, &resp).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(DbState(), before);
  req.set_id(draft.id());
  req.set_etag("\"v7\"");
  grpc::ClientContext c2;
  EXPECT_EQ(stub_->DeleteSurvey(&c2, req, &resp).error_code(), grpc::StatusCode::ABORTED);
  req.set_etag(draft.etag());
  grpc::ClientContext c3;
  ASSERT_TRUE(stub_->DeleteSurvey(&c3, req, &resp).ok());
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM surveys"), "1");
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM survey_questions"), "4");
}

TEST_F(SurveyServiceTest, ListPagesNewestFirstAndFiltersByState) {
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    v1::Survey in;
    in.set_title("Umfrage " + std::to_string(i));
    v1::Survey s;
    ASSERT_TRUE(Create(in, &s).ok());
    ids.insert(ids.begin(), s.id());
  }
  CreateOpen();
  v1::ListSurveysRequest req;
  req.set_state(v1::SURVEY_STATE_DRAFT);
  req.set_page_size(2);
  std::vector<std::string> seen;
  while (true) {
    v1::ListSurveysResponse resp;
    grpc::ClientContext ctx;
    ASSERT_TRUE(stub_->ListSurveys(&ctx, req, &resp).ok());
    EXPECT_EQ(resp.total_size(), 5);
    for (const auto& s : resp.surveys()) seen.push_back(s.id());
    if (resp.next_page_token().empty()) break;
    req.set_page_token(resp.next_page_token());
  }
  EXPECT_EQ(seen, ids);
  req.set_state(v1::SURVEY_STATE_OPEN);  // the token belongs to the draft filter
  v1::ListSurveysResponse resp;
  grpc::ClientContext c1;
  req.set_page_token("bm9wZQ");
  EXPECT_EQ(stub_->ListSurveys(&c1, req, &resp).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  req.clear_page_token();
  grpc::ClientContext c2;
  ASSERT_TRUE(stub_->ListSurveys(&c2, req, &resp).ok());
  ASSERT_EQ(resp.surveys_size(), 1);
  EXPECT_EQ(resp.surveys(0).questions_size(), 4);
}

}  // namespace
}  // namespace schutznetz::tenant
