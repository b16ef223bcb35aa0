#include "libs/domain/case_conference.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libs/common/errors.h"
#include "libs/common/text.h"

namespace schutznetz::domain {
namespace {

// Conferences are recorded for the present and the recent past; anything else is a typo.
constexpr int kMinYear = 2000;
constexpr int kMaxYear = 2099;

// Lower case for comparing place names: ASCII plus the German umlauts.
std::string FoldCase(const std::string& s) {
  std::string out = AsciiLower(Trim(s));
  for (const char* upper : {"Ä", "Ö", "Ü"}) {
    size_t pos;
    while ((pos = out.find(upper)) != std::string::npos) out[pos + 1] += 0x20;
  }
  return out;
}

}  // namespace

const std::vector<std::string>& CaseConferenceMutableFields() {
  static const auto* fields =
      new std::vector<std::string>{"municipality",          "conference_date", "event_id",
                                   "participating_sectors", "summary",         "findings"};
  return *fields;
}

const std::vector<std::string>& FollowUpMutableFields() {
  static const auto* fields =
      new std::vector<std::string>{"action", "owner_organisation_id", "due_date", "done"};
  return *fields;
}

absl::Status ValidateFollowUp(const FollowUp& f, const std::string& prefix) {
  FieldViolations v;
  v.Add(ValidateText(prefix + "action", f.action,
                     {.max_chars = kMaxFollowUpActionChars, .required = true, .multiline = true}));
  if (f.owner_organisation_id.empty()) {
    v.Add(prefix + "owner_organisation_id", "is required", "verantwortliche Organisation fehlt");
  }
  if (f.due_date && (f.due_date->year() < kMinYear || f.due_date->year() > kMaxYear)) {
    v.Add(prefix + "due_date", absl::StrCat("must lie in the years ", kMinYear, "–", kMaxYear),
          absl::StrCat("muss in den Jahren ", kMinYear, "–", kMaxYear, " liegen"));
  }
  return v.ToStatus();
}

absl::Status ValidateCaseConference(const CaseConference& c, const std::string& prefix) {
  FieldViolations v;
  if (c.conference_date.year() < kMinYear || c.conference_date.year() > kMaxYear) {
    v.Add(prefix + "conference_date",
          absl::StrCat("must lie in the years ", kMinYear, "–", kMaxYear),
          absl::StrCat("muss in den Jahren ", kMinYear, "–", kMaxYear, " liegen"));
  }
  std::set<Sector> seen;
  for (size_t i = 0; i < c.participating_sectors.size(); ++i) {
    Sector s = c.participating_sectors[i];
    std::string field = absl::StrCat(prefix, "participating_sectors[", i, "]");
    if (s == Sector::kUnspecified) {
      v.Add(field, "must name a sector", "muss ein Handlungsfeld nennen");
    } else if (!seen.insert(s).second) {
      v.Add(field, "is listed twice", "ist doppelt angegeben");
    }
  }
  if (c.participating_sectors.size() < 2) {
    v.Add(prefix + "participating_sectors",
          "a case conference is interdisciplinary: name at least two sectors",
          "eine Fallkonferenz ist interdisziplinär: mindestens zwei Handlungsfelder angeben");
  }
  v.Add(ValidateText(prefix + "summary", c.summary,
                     {.max_chars = kMaxCaseTextChars, .required = true, .multiline = true}));
  v.Add(ValidateText(prefix + "findings", c.findings,
                     {.max_chars = kMaxCaseTextChars, .multiline = true}));
  for (size_t i = 0; i < c.follow_ups.size(); ++i) {
    v.Add(ValidateFollowUp(c.follow_ups[i], absl::StrCat(prefix, "follow_ups[", i, "].")));
  }
  return v.ToStatus();
}

absl::StatusOr<std::string> CanonicalMunicipality(const std::string& value,
                                                  const std::vector<std::string>& configured,
                                                  const std::string& field) {
  std::string wanted = FoldCase(value);
  for (const std::string& m : configured) {
    if (FoldCase(m) == wanted) return m;
  }
  // No "; " in these messages: clients split violations on it.
  std::string valid = absl::StrJoin(configured, ", ");
  if (Trim(value).empty()) {
    return FieldError(field, absl::StrCat("is required, valid: ", valid),
                      absl::StrCat("ist erforderlich, gültig: ", valid));
  }
  return FieldError(
      field, absl::StrCat("'", value, "' is not a municipality of this office, valid: ", valid),
      absl::StrCat("keine Kommune dieses Jugendamts, gültig: ", valid));
}

absl::Status CheckFollowUpText(const std::string& action, absl::CivilDay conference_date,
                               const PiiGuardOptions& base, const std::string& field) {
  PiiGuardOptions options = base;
  options.allowed_date = conference_date;
  return CheckNoPersonalData(field, action, options);
}

absl::Status CheckCaseConferenceTexts(const CaseConference& c, const PiiGuardOptions& base,
                                      const std::string& prefix) {
  PiiGuardOptions options = base;
  options.allowed_date = c.conference_date;
  FieldViolations v;
  v.Add(CheckNoPersonalData(prefix + "summary", c.summary, options));
  v.Add(CheckNoPersonalData(prefix + "findings", c.findings, options));
  for (size_t i = 0; i < c.follow_ups.size(); ++i) {
    v.Add(CheckNoPersonalData(absl::StrCat(prefix, "follow_ups[", i, "].action"),
                              c.follow_ups[i].action, options));
  }
  return v.ToStatus();
}

FollowUp* FindFollowUp(CaseConference& c, const FollowUpId& id) {
  for (FollowUp& f : c.follow_ups) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

}  // namespace schutznetz::domain
