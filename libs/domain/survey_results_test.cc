#include "libs/domain/survey_results.h"

#include <gtest/gtest.h>

namespace schutznetz::domain {
namespace {

// "Welche Fortbildungsthemen wünschen Sie sich?" (multiple choice), a scale and a free text.
Survey TrainingSurvey() {
  Survey s;
  s.title = "Fortbildungsbedarf";
  Question topics;
  topics.id = QuestionId("topics");
  topics.position = 1;
  topics.kind = QuestionKind::kMultipleChoice;
  topics.options = {"§ 8a SGB VIII", "Gesprächsführung", "Medizinischer Kinderschutz"};
  Question scale;
  scale.id = QuestionId("scale");
  scale.position = 2;
  scale.kind = QuestionKind::kScale1To5;
  Question text;
  text.id = QuestionId("text");
  text.position = 3;
  text.kind = QuestionKind::kFreeText;
  s.questions = {topics, scale, text};
  return s;
}

SurveyResponse Response(Sector sector, std::vector<int> topics, int scale,
                        const std::string& text = "") {
  SurveyResponse r;
  r.sector = sector;
  Answer t;
  t.question_id = QuestionId("topics");
  t.choices = std::move(topics);
  r.answers.push_back(t);
  if (scale != 0) {
    Answer a;
    a.question_id = QuestionId("scale");
    a.scale = scale;
    r.answers.push_back(a);
  }
  if (!text.empty()) {
    Answer a;
    a.question_id = QuestionId("text");
    a.text = text;
    r.answers.push_back(a);
  }
  return r;
}

TEST(SurveyResultsTest, ChoiceOptionsAreRankedByCount) {
  std::vector<SurveyResponse> rs = {
      Response(Sector::kSchool, {1, 2}, 0), Response(Sector::kSchool, {2}, 0),
      Response(Sector::kHealth, {0, 2}, 0), Response(Sector::kHealth, {1}, 0)};
  SurveyResults r = AggregateSurveyResults(TrainingSurvey(), rs);
  EXPECT_EQ(r.response_count, 4);
  const QuestionResult& topics = r.questions[0];
  EXPECT_EQ(topics.answer_count, 4);
  ASSERT_EQ(topics.options.size(), 3u);
  EXPECT_EQ(topics.options[0].option, "Medizinischer Kinderschutz");
  EXPECT_EQ(topics.options[0].count, 3);
  EXPECT_EQ(topics.options[0].index, 2);
  EXPECT_DOUBLE_EQ(topics.options[0].share, 0.75);
  EXPECT_EQ(topics.options[1].option, "Gesprächsführung");
  EXPECT_EQ(topics.options[2].option, "§ 8a SGB VIII");
  EXPECT_EQ(topics.options[2].count, 1);
}

TEST(SurveyResultsTest, ScaleHasCountsPerValueAndTheMeanOfTheAnswers) {
  std::vector<SurveyResponse> rs = {Response(Sector::kSchool, {0}, 5),
                                    Response(Sector::kSchool, {0}, 4),
                                    Response(Sector::kSchool, {0}, 0),  // scale skipped
                                    Response(Sector::kSchool, {0}, 4)};
  SurveyResults r = AggregateSurveyResults(TrainingSurvey(), rs);
  const QuestionResult& scale = r.questions[1];
  EXPECT_EQ(scale.answer_count, 3);
  EXPECT_EQ(scale.scale_counts, (std::array<int, 5>{0, 0, 0, 2, 1}));
  EXPECT_NEAR(scale.scale_mean, 13.0 / 3, 1e-9);
}

TEST(SurveyResultsTest, FreeTextsAreSortedNotInArrivalOrder) {
  std::vector<SurveyResponse> rs = {Response(Sector::kSchool, {0}, 0, "Zeitmangel"),
                                    Response(Sector::kSchool, {0}, 0, "Austausch mit Kitas"),
                                    Response(Sector::kSchool, {0}, 0)};
  SurveyResults r = AggregateSurveyResults(TrainingSurvey(), rs);
  EXPECT_EQ(r.questions[2].texts, (std::vector<std::string>{"Austausch mit Kitas", "Zeitmangel"}));
  EXPECT_EQ(r.questions[2].answer_count, 2);
}

TEST(SurveyResultsTest, EmptySurveyHasZeroCountsAndNoSectorView) {
  SurveyResults r = AggregateSurveyResults(TrainingSurvey(), {});
  EXPECT_EQ(r.response_count, 0);
  EXPECT_EQ(r.questions[0].options[0].count, 0);
  EXPECT_EQ(r.questions[0].options[0].share, 0);
  EXPECT_EQ(r.questions[1].scale_mean, 0);
  EXPECT_TRUE(r.sectors.empty());
}

TEST(SurveyResultsTest, SmallSectorsAreMergedIntoOther) {
  std::vector<SurveyResponse> rs;
  for (int i = 0; i < 3; ++i) rs.push_back(Response(Sector::kSchool, {0}, 3));
  for (int i = 0; i < 4; ++i) rs.push_back(Response(Sector::kHealth, {1}, 2));
  rs.push_back(Response(Sector::kJustice, {2}, 5));
  rs.push_back(Response(Sector::kJustice, {2}, 5));
  rs.push_back(Response(Sector::kOther, {2}, 1));
  SurveyResults r = AggregateSurveyResults(TrainingSurvey(), rs);
  ASSERT_EQ(r.sectors.size(), 3u);
  EXPECT_EQ(r.sectors[0].sector, Sector::kHealth);
  EXPECT_EQ(r.sectors[0].response_count, 4);
  EXPECT_FALSE(r.sectors[0].merged);
  EXPECT_EQ(r.sectors[1].sector, Sector::kSchool);
  EXPECT_EQ(r.sectors[1].response_count, 3);
  EXPECT_EQ(r.sectors[2].sector, Sector::kOther);
  EXPECT_TRUE(r.sectors[2].merged);
  EXPECT_EQ(r.sectors[2].response_count, 3);  // justice (2) + other (1)
  EXPECT_EQ(r.sectors[2].questions[0].options[0].option, "Medizinischer Kinderschutz");
  EXPECT_EQ(r.sectors[2].questions[0].options[0].count, 3);
}

TEST(SurveyResultsTest, ASmallMergedGroupTakesTheSmallestShownSectorToo) {
  // Justice alone (2) would be "other" with 2 responses: school (3) is merged as well.
  std::map<Sector, int> counts = {
      {Sector::kSchool, 3}, {Sector::kHealth, 5}, {Sector::kJustice, 2}};
  std::map<Sector, Sector> groups = GroupSectorsForDisclosure(counts);
  EXPECT_EQ(groups[Sector::kHealth], Sector::kHealth);
  EXPECT_EQ(groups[Sector::kSchool], Sector::kOther);
  EXPECT_EQ(groups[Sector::kJustice], Sector::kOther);
}

TEST(SurveyResultsTest, OtherWithEnoughResponsesIsNotMarkedMerged) {
  std::vector<SurveyResponse> rs;
  for (int i = 0; i < 3; ++i) rs.push_back(Response(Sector::kOther, {0}, 3));
  for (int i = 0; i < 3; ++i) rs.push_back(Response(Sector::kSchool, {0}, 3));
  SurveyResults r = AggregateSurveyResults(TrainingSurvey(), rs);
  ASSERT_EQ(r.sectors.size(), 2u);
  EXPECT_EQ(r.sectors[1].sector, Sector::kOther);
  EXPECT_FALSE(r.sectors[1].merged);
}

TEST(SurveyResultsTest, FewerThanThreeResponsesInTotalGiveNoSectorView) {
  std::map<Sector, int> counts = {{Sector::kSchool, 2}};
  EXPECT_TRUE(GroupSectorsForDisclosure(counts).empty());
  // Three responses of small sectors form one merged group.
  std::map<Sector, Sector> groups =
      GroupSectorsForDisclosure({{Sector::kSchool, 2}, {Sector::kHealth, 1}});
  EXPECT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[Sector::kSchool], Sector::kOther);
  EXPECT_EQ(groups[Sector::kHealth], Sector::kOther);
}

}  // namespace
}  // namespace schutznetz::domain
