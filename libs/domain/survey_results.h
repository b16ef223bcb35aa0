// Survey results: the responses of a needs survey aggregated per question, overall and per
// respondent sector, so that a coordinator sees which training topics are wanted most.
//
// Per question:
//   choice kinds  count and share per option, sorted by count (most wanted first)
//   scale 1–5     count per value and the mean
//   free text     the texts, sorted alphabetically (never in the order they arrived)
//
// Disclosure control for the per-sector view: a sector with fewer than kMinSectorGroupSize
// responses is not shown on its own; its responses are merged into the group "andere / other"
// (together with the responses of sector OTHER). If that group would itself hold only one or two
// responses, the smallest shown sector is merged into it as well, until it holds at least
// kMinSectorGroupSize — otherwise its answers could be worked out by subtracting the shown
// sectors from the overall result. With fewer than kMinSectorGroupSize responses in total there
// is no per-sector view at all.
#pragma once

#include <array>
#include <map>
#include <string>
#include <vector>

#include "libs/domain/sector.h"
#include "libs/domain/survey.h"

namespace schutznetz::domain {

inline constexpr int kMinSectorGroupSize = 3;

struct OptionCount {
  int index = 0;  // 0-based index into the question's options
  std::string option;
  int count = 0;
  double share = 0;  // count / answers to the question; 0 without answers
};

struct QuestionResult {
  QuestionId question_id;
  int position = 0;
  std::string text;
  QuestionKind kind = QuestionKind::kUnspecified;
  int answer_count = 0;               // responses that answered this question
  std::vector<OptionCount> options;   // choice kinds: by count descending, then option order
  std::array<int, 5> scale_counts{};  // scale: counts of 1, 2, 3, 4, 5
  double scale_mean = 0;              // scale: mean of the answers; 0 without answers
  std::vector<std::string> texts;     // free text: sorted
};

// One group of the per-sector view.
struct SectorGroupResult {
  Sector sector = Sector::kUnspecified;  // kOther for the merged group "andere / other"
  bool merged = false;                   // the group holds responses of small sectors besides OTHER
  int response_count = 0;
  std::vector<QuestionResult> questions;
};

struct SurveyResults {
  int response_count = 0;
  std::vector<QuestionResult> questions;   // over all responses
  std::vector<SectorGroupResult> sectors;  // per sector group, in sector order, "other" last
};

// How the per-sector view groups sectors, given the number of responses per sector: the shown
// sectors map to themselves, merged ones to Sector::kOther. Empty with fewer than
// kMinSectorGroupSize responses in total.
std::map<Sector, Sector> GroupSectorsForDisclosure(const std::map<Sector, int>& counts);

// Aggregates `responses` (already validated against `survey`).
SurveyResults AggregateSurveyResults(const Survey& survey,
                                     const std::vector<SurveyResponse>& responses);

}  // namespace schutznetz::domain
