// SurveysRepository on a real PostgreSQL database: options and answers survive the round trip
// through PostgreSQL arrays, whatever characters they contain.
#include "libs/storage/surveys_repository.h"

#include <gtest/gtest.h>

#include "libs/storage/tx.h"
#include "tests/support/test_database.h"

namespace schutznetz::storage {
namespace {

using domain::QuestionKind;
using domain::Survey;

class SurveysRepositoryTest : public schutznetz::testing::DbTest {
 protected:
  Survey Insert(const Survey& s) {
    auto r = db().TransactValue<Survey>([&](Tx& tx) { return repo_->Insert(tx, s); });
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? *r : Survey{};
  }
  std::unique_ptr<SurveysRepository> repo_ = NewSurveysRepository();
};

TEST_F(SurveysRepositoryTest, OptionsWithQuotesCommasAndBracesRoundTrip) {
  Survey s;
  s.title = "Themen";
  domain::Question q;
  q.text = "Welche?";
  q.kind = QuestionKind::kMultipleChoice;
  q.options = {"Kinderschutz, Grundlagen", "„Zitat“ und \"quotes\"", "a\\b {c}", "NULL", " "};
  s.questions = {q};
  Survey stored = Insert(s);
  ASSERT_EQ(stored.questions.size(), 1u);
  EXPECT_EQ(stored.questions[0].options, q.options);
  EXPECT_EQ(stored.questions[0].position, 1);
  EXPECT_EQ(stored.state, domain::SurveyState::kDraft);
  EXPECT_EQ(stored.response_count, 0);
}

TEST_F(SurveysRepositoryTest, ResponsesRoundTripWithoutIdentifyingData) {
  Survey s;
  s.title = "Bedarf";
  domain::Question choice;
  choice.text = "Thema";
  choice.kind = QuestionKind::kMultipleChoice;
  choice.options = {"A", "B", "C"};
  domain::Question text;
  text.text = "Sonst?";
  text.kind = QuestionKind::kFreeText;
  s.questions = {choice, text};
  Survey stored = Insert(s);
  domain::SurveyResponse r;
  r.sector = domain::Sector::kHealth;
  domain::Answer a;
  a.question_id = stored.questions[0].id;
  a.choices = {0, 2};
  domain::Answer b;
  b.question_id = stored.questions[1].id;
  b.text = "Mehr \"Praxis\", weniger {Theorie}";
  r.answers = {a, b};
  domain::SurveyResponse empty;
  empty.sector = domain::Sector::kSchool;
  ASSERT_TRUE(db().Transact([&](Tx& tx) {
                    absl::Status st = repo_->InsertResponse(tx, stored.id, r);
                    if (!st.ok()) return st;
                    return repo_->InsertResponse(tx, stored.id, empty);
                  })
                  .ok());
  auto all = db().TransactValue<std::vector<domain::SurveyResponse>>(
      [&](Tx& tx) { return repo_->ListResponses(tx, stored.id); });
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_EQ(all->size(), 2u);
  const domain::SurveyResponse& health =
      (*all)[0].sector == domain::Sector::kHealth ? (*all)[0] : (*all)[1];
  ASSERT_EQ(health.answers.size(), 2u);
  for (const domain::Answer& got : health.answers) {
    if (got.question_id == a.question_id) {
      EXPECT_EQ(got.choices, a.choices);
    } else {
      EXPECT_EQ(got.text, b.text);
    }
    EXPECT_EQ(got.scale, 0);
  }
  // The response table has no column that could identify a respondent.
  EXPECT_EQ(QueryScalar("SELECT string_agg(column_name, ',' ORDER BY column_name) FROM "
                        "information_schema.columns WHERE table_name = 'survey_responses'"),
            "id,respondent_sector,survey_id");
  auto again = db().TransactValue<Survey>(
      [&](Tx& tx) { return repo_->Get(tx, stored.id, RowLock::kShare); });
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->response_count, 2);
}

}  // namespace
}  // namespace schutznetz::storage
