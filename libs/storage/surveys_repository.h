// Persistence of needs surveys (tables `surveys`, `survey_questions`) and their anonymous
// responses (`survey_responses`, `survey_answers`).
//
// A response is stored with its sector and answers only. Responses are read back as a whole for
// aggregation, in an order that says nothing about when they arrived.
#pragma once

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/domain/page.h"
#include "libs/domain/survey.h"

namespace schutznetz::storage {

class Tx;

// How Get locks the survey row until the transaction ends.
enum class RowLock {
  kNone,
  kShare,   // others may read and share-lock, not change (SubmitResponse vs. CloseSurvey)
  kUpdate,  // exclusive (changes of the survey itself)
};

class SurveysRepository {
 public:
  virtual ~SurveysRepository() = default;

  // Stores a new survey with its questions (positions from their order, new ids).
  virtual absl::StatusOr<domain::Survey> Insert(Tx& tx, const domain::Survey& s) = 0;
  // NOT_FOUND if unknown. Includes the questions and the number of responses.
  virtual absl::StatusOr<domain::Survey> Get(Tx& tx, const domain::SurveyId& id, RowLock lock) = 0;
  // One page, newest survey first.
  virtual absl::StatusOr<domain::Page<domain::Survey>> List(Tx& tx,
                                                            const domain::SurveyFilter& filter,
                                                            const domain::PageRequest& page) = 0;
  // Writes title, description, state and times if s.version is current (ABORTED otherwise);
  // with `replace_questions` the stored questions are replaced by s.questions (new ids). Returns
  // the stored survey with version + 1.
  virtual absl::StatusOr<domain::Survey> Update(Tx& tx, const domain::Survey& s,
                                                bool replace_questions) = 0;
  // Deletes the survey with its questions (and responses, which the service forbids).
  virtual absl::Status Delete(Tx& tx, const domain::SurveyId& id) = 0;

  // Stores one anonymous response; nothing identifying it is returned.
  virtual absl::Status InsertResponse(Tx& tx, const domain::SurveyId& id,
                                      const domain::SurveyResponse& r) = 0;
  // Every response of the survey, in no meaningful order.
  virtual absl::StatusOr<std::vector<domain::SurveyResponse>> ListResponses(
      Tx& tx, const domain::SurveyId& id) = 0;
};

std::unique_ptr<SurveysRepository> NewSurveysRepository();

}  // namespace schutznetz::storage
