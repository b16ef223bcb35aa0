#include "libs/domain/survey.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"
#include "libs/common/text.h"

namespace schutznetz::domain {
namespace {

struct StateInfo {
  SurveyState value;
  std::string_view slug;
  std::string_view label;
};

constexpr StateInfo kStates[] = {
    {SurveyState::kDraft, "draft", "Entwurf"},
    {SurveyState::kOpen, "open", "offen"},
    {SurveyState::kClosed, "closed", "abgeschlossen"},
};

struct KindInfo {
  QuestionKind value;
  std::string_view slug;
  std::string_view label;
};

constexpr KindInfo kKinds[] = {
    {QuestionKind::kSingleChoice, "single_choice", "Einfachauswahl"},
    {QuestionKind::kMultipleChoice, "multiple_choice", "Mehrfachauswahl"},
    {QuestionKind::kScale1To5, "scale_1_to_5", "Skala 1–5"},
    {QuestionKind::kFreeText, "free_text", "Freitext"},
};

absl::Status ValidateQuestion(const Question& q, const std::string& prefix) {
  FieldViolations v;
  v.Add(ValidateText(prefix + "text", q.text, {.max_chars = 500, .required = true}));
  if (q.kind == QuestionKind::kUnspecified) {
    v.Add(prefix + "kind", "is required", "Fragetyp ist erforderlich");
  }
  if (IsChoiceKind(q.kind)) {
    if (q.options.size() < kMinChoiceOptions || q.options.size() > kMaxChoiceOptions) {
      v.Add(prefix + "options",
            absl::StrCat("a choice question needs ", kMinChoiceOptions, "–", kMaxChoiceOptions,
                         " options, got ", q.options.size()),
            absl::StrCat("eine Auswahlfrage braucht ", kMinChoiceOptions, "–", kMaxChoiceOptions,
                         " Antwortmöglichkeiten"));
    }
    std::set<std::string> seen;
    for (size_t i = 0; i < q.options.size(); ++i) {
      std::string field = absl::StrCat(prefix, "options[", i, "]");
      absl::Status text = ValidateText(field, q.options[i], {.max_chars = 200, .required = true});
      v.Add(text);
      if (text.ok() && !seen.insert(AsciiLower(Trim(q.options[i]))).second) {
        v.Add(field, "is listed twice", "ist doppelt angegeben");
      }
    }
  } else if (!q.options.empty()) {
    v.Add(prefix + "options", "only choice questions have options",
          "nur Auswahlfragen haben Antwortmöglichkeiten");
  }
  return v.ToStatus();
}

absl::Status NotAllowed(const std::string& field, QuestionKind kind) {
  return FieldError(
      field, absl::StrCat("not allowed for a ", std::string(QuestionKindSlug(kind)), " question"),
      absl::StrCat("passt nicht zum Fragetyp ", std::string(QuestionKindLabel(kind))));
}

// Checks one answer against its question; `prefix` is "answers[i].".
void ValidateAnswer(const Question& q, const Answer& a, const std::string& prefix,
                    const PiiGuardOptions& guard, FieldViolations& v) {
  bool choice = IsChoiceKind(q.kind);
  if (!choice && !a.choices.empty()) v.Add(NotAllowed(prefix + "choices", q.kind));
  if (q.kind != QuestionKind::kScale1To5 && a.scale != 0) {
    v.Add(NotAllowed(prefix + "scale", q.kind));
  }
  if (q.kind != QuestionKind::kFreeText && !a.text.empty()) {
    v.Add(NotAllowed(prefix + "text", q.kind));
  }
  if (choice) {
    int n = static_cast<int>(q.options.size());
    if (q.kind == QuestionKind::kSingleChoice && a.choices.size() != 1) {
      v.Add(prefix + "choices", "choose exactly one option", "genau eine Antwort auswählen");
    } else if (a.choices.empty()) {
      v.Add(prefix + "choices", "choose at least one option", "mindestens eine Antwort auswählen");
    }
    std::set<int> seen;
    for (int c : a.choices) {
      if (c < 0 || c >= n) {
        v.Add(prefix + "choices",
              absl::StrCat("no option ", c, "; the question has options 0–", n - 1),
              absl::StrCat("keine Antwortmöglichkeit ", c, "; die Frage hat 0–", n - 1));
      } else if (!seen.insert(c).second) {
        v.Add(prefix + "choices", absl::StrCat("option ", c, " is chosen twice"),
              absl::StrCat("Antwortmöglichkeit ", c, " ist doppelt gewählt"));
      }
    }
  } else if (q.kind == QuestionKind::kScale1To5) {
    if (a.scale < 1 || a.scale > 5) {
      v.Add(prefix + "scale", "must be a value from 1 to 5", "muss ein Wert von 1 bis 5 sein");
    }
  } else if (q.kind == QuestionKind::kFreeText) {
    absl::Status text =
        ValidateText(prefix + "text", a.text,
                     {.max_chars = kMaxFreeTextAnswerChars, .required = true, .multiline = true});
    v.Add(text);
    if (text.ok()) {
      PiiGuardOptions options = guard;
      options.allowed_date.reset();
      v.Add(CheckNoPersonalData(prefix + "text", a.text, options));
    }
  }
}

}  // namespace

std::string_view SurveyStateSlug(SurveyState s) {
  for (const auto& i : kStates) {
    if (i.value == s) return i.slug;
  }
  return "unspecified";
}

std::string_view SurveyStateLabel(SurveyState s) {
  for (const auto& i : kStates) {
    if (i.value == s) return i.label;
  }
  return "nicht angegeben";
}

std::optional<SurveyState> SurveyStateFromSlug(std::string_view slug) {
  for (const auto& i : kStates) {
    if (i.slug == slug) return i.value;
  }
  return std::nullopt;
}

std::optional<SurveyState> SurveyStateFromNumber(int value) {
  if (value < 0 || value > static_cast<int>(SurveyState::kClosed)) return std::nullopt;
  return static_cast<SurveyState>(value);
}

std::string_view QuestionKindSlug(QuestionKind k) {
  for (const auto& i : kKinds) {
    if (i.value == k) return i.slug;
  }
  return "unspecified";
}

std::string_view QuestionKindLabel(QuestionKind k) {
  for (const auto& i : kKinds) {
    if (i.value == k) return i.label;
  }
  return "nicht angegeben";
}

std::optional<QuestionKind> QuestionKindFromSlug(std::string_view slug) {
  for (const auto& i : kKinds) {
    if (i.slug == slug) return i.value;
  }
  return std::nullopt;
}

std::optional<QuestionKind> QuestionKindFromNumber(int value) {
  if (value < 0 || value > static_cast<int>(QuestionKind::kFreeText)) return std::nullopt;
  return static_cast<QuestionKind>(value);
}

bool IsChoiceKind(QuestionKind k) {
  return k == QuestionKind::kSingleChoice || k == QuestionKind::kMultipleChoice;
}

const std::vector<std::string>& SurveyMutableFields() {
  static const auto* fields = new std::vector<std::string>{"title", "description", "questions"};
  return *fields;
}

absl::Status ValidateSurvey(const Survey& s, const std::string& prefix) {
  FieldViolations v;
  v.Add(ValidateText(prefix + "title", s.title, {.max_chars = 200, .required = true}));
  v.Add(
      ValidateText(prefix + "description", s.description, {.max_chars = 2000, .multiline = true}));
  if (s.questions.size() > kMaxQuestions) {
    v.Add(prefix + "questions", absl::StrCat("at most ", kMaxQuestions, " questions"),
          absl::StrCat("höchstens ", kMaxQuestions, " Fragen"));
  }
  for (size_t i = 0; i < s.questions.size(); ++i) {
    v.Add(ValidateQuestion(s.questions[i], absl::StrCat(prefix, "questions[", i, "].")));
  }
  return v.ToStatus();
}

absl::Status CheckSurveyTransition(SurveyState from, SurveyState to) {
  bool allowed = (from == SurveyState::kDraft && to == SurveyState::kOpen) ||
                 (from == SurveyState::kOpen && to == SurveyState::kClosed);
  if (allowed) return absl::OkStatus();
  return Bilingual(absl::StatusCode::kFailedPrecondition,
                   absl::StrCat("survey is ", std::string(SurveyStateSlug(from)),
                                " and cannot become ", std::string(SurveyStateSlug(to))),
                   absl::StrCat("Bedarfsabfrage ist ", std::string(SurveyStateLabel(from)),
                                " und kann nicht ", std::string(SurveyStateLabel(to)), " werden"));
}

absl::Status CheckCanOpen(const Survey& s) {
  absl::Status t = CheckSurveyTransition(s.state, SurveyState::kOpen);
  if (!t.ok()) return t;
  if (s.questions.empty()) {
    return Bilingual(absl::StatusCode::kFailedPrecondition,
                     "add at least one question before opening the survey",
                     "vor dem Öffnen mindestens eine Frage anlegen");
  }
  return absl::OkStatus();
}

absl::Status CheckEditable(const Survey& s) {
  if (s.state == SurveyState::kDraft) return absl::OkStatus();
  return Bilingual(absl::StatusCode::kFailedPrecondition,
                   absl::StrCat("survey is ", std::string(SurveyStateSlug(s.state)),
                                "; only a draft can be changed"),
                   absl::StrCat("Bedarfsabfrage ist ", std::string(SurveyStateLabel(s.state)),
                                "; nur ein Entwurf kann geändert werden"));
}

absl::Status CheckDeletable(const Survey& s) {
  if (s.response_count == 0) return absl::OkStatus();
  return Bilingual(absl::StatusCode::kFailedPrecondition,
                   absl::StrCat("survey has ", s.response_count,
                                " responses and cannot be deleted; close it instead"),
                   absl::StrCat("Bedarfsabfrage hat ", s.response_count,
                                " Antworten und kann nicht gelöscht werden; stattdessen "
                                "abschließen"));
}

absl::Status CheckAcceptsResponses(const Survey& s) {
  if (s.state == SurveyState::kOpen) return absl::OkStatus();
  return Bilingual(absl::StatusCode::kFailedPrecondition,
                   absl::StrCat("survey is ", std::string(SurveyStateSlug(s.state)),
                                "; responses are accepted only while it is open"),
                   absl::StrCat("Bedarfsabfrage ist ", std::string(SurveyStateLabel(s.state)),
                                "; Antworten nur, solange sie offen ist"));
}

const Question* FindQuestion(const Survey& s, const QuestionId& id) {
  for (const Question& q : s.questions) {
    if (q.id == id) return &q;
  }
  return nullptr;
}

absl::Status ValidateResponse(const Survey& s, const SurveyResponse& r,
                              const PiiGuardOptions& guard) {
  FieldViolations v;
  if (r.sector == Sector::kUnspecified) {
    v.Add("respondent_sector", "is required", "Handlungsfeld ist erforderlich");
  }
  std::set<std::string> answered;
  for (size_t i = 0; i < r.answers.size(); ++i) {
    const Answer& a = r.answers[i];
    std::string prefix = absl::StrCat("answers[", i, "].");
    const Question* q = FindQuestion(s, a.question_id);
    if (q == nullptr) {
      v.Add(prefix + "question_id", "is not a question of this survey",
            "ist keine Frage dieser Bedarfsabfrage");
      continue;
    }
    if (!answered.insert(q->id.value()).second) {
      v.Add(prefix + "question_id", "this question is answered twice",
            "diese Frage ist doppelt beantwortet");
      continue;
    }
    ValidateAnswer(*q, a, prefix, guard, v);
  }
  for (const Question& q : s.questions) {
    if (q.required && answered.count(q.id.value()) == 0) {
      v.Add("answers", absl::StrCat("question ", q.position, " (", q.id.value(), ") is required"),
            absl::StrCat("Frage ", q.position, " ist eine Pflichtfrage"));
    }
  }
  return v.ToStatus();
}

}  // namespace schutznetz::domain
