#include "libs/domain/survey_results.h"

#include <algorithm>

namespace schutznetz::domain {
namespace {

// Aggregates the answers of `responses` to every question of `survey`.
std::vector<QuestionResult> Aggregate(const Survey& survey,
                                      const std::vector<const SurveyResponse*>& responses) {
  std::vector<QuestionResult> out;
  for (const Question& q : survey.questions) {
    QuestionResult r;
    r.question_id = q.id;
    r.position = q.position;
    r.text = q.text;
    r.kind = q.kind;
    std::vector<int> option_counts(q.options.size(), 0);
    int scale_sum = 0;
    for (const SurveyResponse* response : responses) {
      for (const Answer& a : response->answers) {
        if (a.question_id != q.id) continue;
        ++r.answer_count;
        for (int c : a.choices) {
          if (c >= 0 && c < static_cast<int>(option_counts.size())) ++option_counts[c];
        }
        if (a.scale >= 1 && a.scale <= 5) {
          ++r.scale_counts[a.scale - 1];
          scale_sum += a.scale;
        }
        if (q.kind == QuestionKind::kFreeText && !a.text.empty()) r.texts.push_back(a.text);
      }
    }
    for (size_t i = 0; i < q.options.size(); ++i) {
      double share =
          r.answer_count == 0 ? 0 : static_cast<double>(option_counts[i]) / r.answer_count;
      r.options.push_back({static_cast<int>(i), q.options[i], option_counts[i], share});
    }
    std::stable_sort(r.options.begin(), r.options.end(),
                     [](const OptionCount& a, const OptionCount& b) { return a.count > b.count; });
    if (q.kind == QuestionKind::kScale1To5 && r.answer_count > 0) {
      r.scale_mean = static_cast<double>(scale_sum) / r.answer_count;
    }
    std::sort(r.texts.begin(), r.texts.end());
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

std::map<Sector, Sector> GroupSectorsForDisclosure(const std::map<Sector, int>& counts) {
  int total = 0;
  for (const auto& [sector, n] : counts) total += n;
  std::map<Sector, Sector> groups;
  if (total < kMinSectorGroupSize) return groups;

  std::vector<std::pair<Sector, int>> shown;
  int pool = 0;
  for (const auto& [sector, n] : counts) {
    if (n <= 0) continue;
    if (sector != Sector::kOther && n >= kMinSectorGroupSize) {
      shown.emplace_back(sector, n);
    } else {
      groups[sector] = Sector::kOther;
      pool += n;
    }
  }
  // A pool of one or two responses could be worked out from the total: grow it with the
  // smallest shown sector (the later one on a tie) until it is large enough.
  while (pool > 0 && pool < kMinSectorGroupSize && !shown.empty()) {
    auto smallest = shown.begin();
    for (auto it = shown.begin(); it != shown.end(); ++it) {
      if (it->second <= smallest->second) smallest = it;
    }
    groups[smallest->first] = Sector::kOther;
    pool += smallest->second;
    shown.erase(smallest);
  }
  for (const auto& [sector, n] : shown) groups[sector] = sector;
  return groups;
}

SurveyResults AggregateSurveyResults(const Survey& survey,
                                     const std::vector<SurveyResponse>& responses) {
  SurveyResults out;
  out.response_count = static_cast<int>(responses.size());
  std::vector<const SurveyResponse*> all;
  std::map<Sector, int> counts;
  for (const SurveyResponse& r : responses) {
    all.push_back(&r);
    ++counts[r.sector];
  }
  out.questions = Aggregate(survey, all);

  std::map<Sector, Sector> groups = GroupSectorsForDisclosure(counts);
  std::map<Sector, std::vector<const SurveyResponse*>> members;  // group → its responses
  for (const SurveyResponse& r : responses) {
    auto it = groups.find(r.sector);
    if (it != groups.end()) members[it->second].push_back(&r);
  }
  for (const auto& [group, rs] : members) {
    if (group == Sector::kOther) continue;  // "other" goes last
    out.sectors.push_back({group, false, static_cast<int>(rs.size()), Aggregate(survey, rs)});
  }
  if (auto it = members.find(Sector::kOther); it != members.end()) {
    bool merged = false;
    for (const auto& [sector, group] : groups) {
      if (group == Sector::kOther && sector != Sector::kOther) merged = true;
    }
    out.sectors.push_back({Sector::kOther, merged, static_cast<int>(it->second.size()),
                           Aggregate(survey, it->second)});
  }
  return out;
}

}  // namespace schutznetz::domain
