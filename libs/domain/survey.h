// Survey (Bedarfsabfrage): a needs survey among the network's professionals, e.g. which training
// topics are wanted, and its anonymous responses.
//
// Lifecycle:  DRAFT ──open──▶ OPEN ──close──▶ CLOSED
// Title, description and questions can be edited only in DRAFT; responses are accepted only while
// OPEN. A survey that has responses cannot be deleted (its results would be lost).
//
// Responses are anonymous: a response holds the respondent's sector and the answers, never a
// member id or a name. Free-text answers pass the PII guard before they are stored, so that a
// respondent cannot identify themselves or others by accident.
//
//   SN_RETURN_IF_ERROR(ValidateSurvey(survey, "survey."));
//   SN_RETURN_IF_ERROR(CheckAcceptsResponses(survey));
//   SN_RETURN_IF_ERROR(ValidateResponse(survey, response, guard_options));
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "libs/common/strong_id.h"
#include "libs/domain/etag.h"
#include "libs/domain/pii_guard.h"
#include "libs/domain/sector.h"

namespace schutznetz::domain {

using SurveyId = StrongId<struct SurveyIdTag>;
using QuestionId = StrongId<struct QuestionIdTag>;

inline constexpr ResourceKind kSurveyKind{"survey", "Bedarfsabfrage"};

inline constexpr size_t kMaxQuestions = 50;
inline constexpr size_t kMinChoiceOptions = 2;
inline constexpr size_t kMaxChoiceOptions = 20;
inline constexpr size_t kMaxFreeTextAnswerChars = 2000;

// The numbers equal the proto enums schutznetz.v1.SurveyState / QuestionKind.
enum class SurveyState { kUnspecified = 0, kDraft = 1, kOpen = 2, kClosed = 3 };
enum class QuestionKind {
  kUnspecified = 0,
  kSingleChoice = 1,
  kMultipleChoice = 2,
  kScale1To5 = 3,
  kFreeText = 4,
};

std::string_view SurveyStateSlug(SurveyState s);   // "open"
std::string_view SurveyStateLabel(SurveyState s);  // "offen"
std::optional<SurveyState> SurveyStateFromSlug(std::string_view slug);
std::optional<SurveyState> SurveyStateFromNumber(int value);

std::string_view QuestionKindSlug(QuestionKind k);   // "single_choice"
std::string_view QuestionKindLabel(QuestionKind k);  // "Einfachauswahl"
std::optional<QuestionKind> QuestionKindFromSlug(std::string_view slug);
std::optional<QuestionKind> QuestionKindFromNumber(int value);
// Single and multiple choice: the kinds with options.
bool IsChoiceKind(QuestionKind k);

struct Question {
  QuestionId id;
  int position = 0;  // 1-based order within the survey
  std::string text;
  QuestionKind kind = QuestionKind::kUnspecified;
  std::vector<std::string> options;
  bool required = false;
};

struct Survey {
  SurveyId id;
  std::string title;
  std::string description;
  SurveyState state = SurveyState::kDraft;
  std::vector<Question> questions;               // ordered by position
  int response_count = 0;                        // read-only
  absl::Time open_time = absl::InfinitePast();   // InfinitePast: not (yet) opened
  absl::Time close_time = absl::InfinitePast();  // InfinitePast: not (yet) closed
  int64_t version = 0;
  absl::Time create_time;
  absl::Time update_time;
};

struct SurveyFilter {
  SurveyState state = SurveyState::kUnspecified;  // unspecified: every state
};

// One answer of a response; which field carries it depends on the question's kind.
struct Answer {
  QuestionId question_id;
  std::vector<int> choices;  // 0-based option indexes (choice kinds)
  int scale = 0;             // 1–5 (scale); 0: none
  std::string text;          // free text
};

// An anonymous response: the respondent's sector and the answers, nothing else.
struct SurveyResponse {
  Sector sector = Sector::kUnspecified;
  std::vector<Answer> answers;
};

// Field names accepted in an UpdateSurvey update_mask.
const std::vector<std::string>& SurveyMutableFields();

// Checks title, description and questions (2–20 distinct options for the choice kinds, none for
// the others, at most kMaxQuestions); names are prefixed with `prefix` ("survey."), questions
// as "<prefix>questions[i].".
absl::Status ValidateSurvey(const Survey& s, const std::string& prefix);

// FAILED_PRECONDITION unless `from` may become `to` (DRAFT → OPEN → CLOSED).
absl::Status CheckSurveyTransition(SurveyState from, SurveyState to);
// FAILED_PRECONDITION unless the survey may be opened: DRAFT with at least one question.
absl::Status CheckCanOpen(const Survey& s);
// FAILED_PRECONDITION unless the survey is a DRAFT (title, description and questions editable).
absl::Status CheckEditable(const Survey& s);
// FAILED_PRECONDITION if the survey has responses.
absl::Status CheckDeletable(const Survey& s);
// FAILED_PRECONDITION unless the survey is OPEN.
absl::Status CheckAcceptsResponses(const Survey& s);

// Checks `r` against the survey's questions: the sector is set, every answer names a question of
// the survey once and fits its kind and options, every required question is answered, and free
// texts are valid text without personal data (PII guard with `guard`, no allowed date). Fields
// are named as in the request: "respondent_sector", "answers[2].choices", "answers[0].text".
absl::Status ValidateResponse(const Survey& s, const SurveyResponse& r,
                              const PiiGuardOptions& guard);

// The question with `id`, or nullptr.
const Question* FindQuestion(const Survey& s, const QuestionId& id);

}  // namespace schutznetz::domain
