#include "libs/domain/survey.h"

#include <gtest/gtest.h>

namespace schutznetz::domain {
namespace {

Question MakeQuestion(const std::string& id, QuestionKind kind, std::vector<std::string> options,
                      bool required) {
  Question q;
  q.id = QuestionId(id);
  q.text = "Frage " + id;
  q.kind = kind;
  q.options = std::move(options);
  q.required = required;
  return q;
}

// Four questions, one of each kind: q1 single (required), q2 multiple, q3 scale (required),
// q4 free text.
Survey OpenSurvey() {
  Survey s;
  s.title = "Fortbildungsbedarf 2025";
  s.state = SurveyState::kOpen;
  s.questions = {
      MakeQuestion("q1", QuestionKind::kSingleChoice, {"ja", "nein"}, true),
      MakeQuestion("q2", QuestionKind::kMultipleChoice, {"§ 8a", "KKG", "Gesprächsführung"}, false),
      MakeQuestion("q3", QuestionKind::kScale1To5, {}, true),
      MakeQuestion("q4", QuestionKind::kFreeText, {}, false),
  };
  for (size_t i = 0; i < s.questions.size(); ++i) s.questions[i].position = i + 1;
  return s;
}

Answer Choices(const std::string& q, std::vector<int> c) {
  Answer a;
  a.question_id = QuestionId(q);
  a.choices = std::move(c);
  return a;
}
Answer Scale(const std::string& q, int v) {
  Answer a;
  a.question_id = QuestionId(q);
  a.scale = v;
  return a;
}
Answer Text(const std::string& q, const std::string& t) {
  Answer a;
  a.question_id = QuestionId(q);
  a.text = t;
  return a;
}

std::string Message(const absl::Status& s) { return std::string(s.message()); }

TEST(SurveyTest, ValidSurveyPasses) { EXPECT_TRUE(ValidateSurvey(OpenSurvey(), "survey.").ok()); }

TEST(SurveyTest, OptionsMustFitTheKind) {
  Survey s = OpenSurvey();
  s.questions[0].options = {"nur eine"};
  s.questions[1].options = {"A", "a "};
  s.questions[2].options = {"1", "5"};
  s.questions[3].kind = QuestionKind::kUnspecified;
  s.questions.push_back(
      MakeQuestion("q5", QuestionKind::kSingleChoice, std::vector<std::string>(21, "x"), false));
  std::string m = Message(ValidateSurvey(s, "survey."));
  for (const char* part :
       {"survey.questions[0].options: a choice question needs 2–20 options, got 1",
        "survey.questions[1].options[1]: is listed twice",
        "survey.questions[2].options: only choice questions have options",
        "survey.questions[3].kind: is required",
        "survey.questions[4].options: a choice question needs 2–20 options, got 21"}) {
    EXPECT_NE(m.find(part), std::string::npos) << part << " in " << m;
  }
}

TEST(SurveyTest, TitleIsRequired) {
  Survey s = OpenSurvey();
  s.title = " ";
  EXPECT_NE(Message(ValidateSurvey(s, "survey.")).find("survey.title"), std::string::npos);
}

TEST(SurveyTest, LifecycleIsDraftOpenClosed) {
  EXPECT_TRUE(CheckSurveyTransition(SurveyState::kDraft, SurveyState::kOpen).ok());
  EXPECT_TRUE(CheckSurveyTransition(SurveyState::kOpen, SurveyState::kClosed).ok());
  for (auto [from, to] : {std::pair{SurveyState::kDraft, SurveyState::kClosed},
                          std::pair{SurveyState::kClosed, SurveyState::kOpen},
                          std::pair{SurveyState::kOpen, SurveyState::kDraft}}) {
    EXPECT_EQ(CheckSurveyTransition(from, to).code(), absl::StatusCode::kFailedPrecondition);
  }
}

TEST(SurveyTest, OpeningNeedsADraftWithQuestions) {
  Survey s = OpenSurvey();
  s.state = SurveyState::kDraft;
  EXPECT_TRUE(CheckCanOpen(s).ok());
  s.questions.clear();
  EXPECT_NE(Message(CheckCanOpen(s)).find("at least one question"), std::string::npos);
}

TEST(SurveyTest, OnlyDraftsAreEditableAndOnlySurveysWithoutResponsesDeletable) {
  Survey s = OpenSurvey();
  EXPECT_EQ(CheckEditable(s).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(CheckDeletable(s).ok());
  s.response_count = 4;
  EXPECT_EQ(CheckDeletable(s).code(), absl::StatusCode::kFailedPrecondition);
  s.state = SurveyState::kDraft;
  EXPECT_TRUE(CheckEditable(s).ok());
  EXPECT_EQ(CheckAcceptsResponses(s).code(), absl::StatusCode::kFailedPrecondition);
}

TEST(SurveyTest, CompleteResponsePasses) {
  SurveyResponse r;
  r.sector = Sector::kSchool;
  r.answers = {Choices("q1", {0}), Choices("q2", {0, 2}), Scale("q3", 4),
               Text("q4", "Mehr Fortbildung zu § 8a SGB VIII für Lehrkräfte.")};
  EXPECT_TRUE(ValidateResponse(OpenSurvey(), r, PiiGuardOptions()).ok());
}

TEST(SurveyTest, AnswersAreCheckedAgainstKindAndOptions) {
  SurveyResponse r;
  r.sector = Sector::kHealth;
  r.answers = {Choices("q1", {0, 1}), Choices("q2", {3, 0, 0}), Scale("q3", 6), Choices("q4", {1})};
  std::string m = Message(ValidateResponse(OpenSurvey(), r, PiiGuardOptions()));
  for (const char* part : {"answers[0].choices: choose exactly one option",
                           "answers[1].choices: no option 3; the question has options 0–2",
                           "answers[1].choices: option 0 is chosen twice",
                           "answers[2].scale: must be a value from 1 to 5",
                           "answers[3].choices: not allowed for a free_text question",
                           "answers[3].text: must not be empty"}) {
    EXPECT_NE(m.find(part), std::string::npos) << part << " in " << m;
  }
}

TEST(SurveyTest, RequiredQuestionsUnknownAndDuplicateAnswersAreNamed) {
  SurveyResponse r;
  r.answers = {Choices("q2", {1}), Choices("q2", {2}), Scale("nope", 3)};
  std::string m = Message(ValidateResponse(OpenSurvey(), r, PiiGuardOptions()));
  for (const char* part :
       {"respondent_sector: is required", "answers[1].question_id: this question is answered twice",
        "answers[2].question_id: is not a question of this survey",
        "answers: question 1 (q1) is required", "answers: question 3 (q3) is required"}) {
    EXPECT_NE(m.find(part), std::string::npos) << part << " in " << m;
  }
}

TEST(SurveyTest, FreeTextWithPersonalDataIsRefused) {
  SurveyResponse r;
  r.sector = Sector::kSchool;
  r.answers = {Choices("q1", {0}), Scale("q3", 2),
               Text("q4", "Bitte melden: anna.beispiel@schule.example")};
  absl::Status s = ValidateResponse(OpenSurvey(), r, PiiGuardOptions());
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(Message(s).find("answers[2].text: contains personal data"), std::string::npos) << s;
  EXPECT_NE(Message(s).find("„anna.beispiel@schule.example“"), std::string::npos) << s;
}

TEST(SurveyTest, EnumSlugsRoundTrip) {
  for (int i = 1; i <= 4; ++i) {
    QuestionKind k = *QuestionKindFromNumber(i);
    EXPECT_EQ(QuestionKindFromSlug(QuestionKindSlug(k)), k);
  }
  EXPECT_EQ(SurveyStateFromSlug("closed"), SurveyState::kClosed);
  EXPECT_EQ(SurveyStateLabel(SurveyState::kOpen), "offen");
  EXPECT_FALSE(QuestionKindFromNumber(5).has_value());
  EXPECT_FALSE(SurveyStateFromNumber(-1).has_value());
}

}  // namespace
}  // namespace schutznetz::domain
