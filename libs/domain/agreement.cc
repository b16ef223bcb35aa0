#include "libs/domain/agreement.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"
#include "libs/common/sha256.h"
#include "libs/common/text.h"

namespace schutznetz::domain {
namespace {

template <typename E>
struct EnumInfo {
  E value;
  std::string_view slug;
  std::string_view label;
};

constexpr EnumInfo<AgreementKind> kKinds[] = {
    {AgreementKind::kCooperationAgreement, "cooperation_agreement", "Kooperationsvereinbarung"},
    {AgreementKind::kRulesOfProcedure, "rules_of_procedure", "Geschäftsordnung"},
    {AgreementKind::kReportingPaths, "reporting_paths", "Mitteilungswege"},
    {AgreementKind::kOther, "other", "sonstige Absprache"},
};

constexpr EnumInfo<VersionState> kStates[] = {
    {VersionState::kDraft, "draft", "Entwurf"},
    {VersionState::kOpen, "open", "zur Ratifizierung offen"},
    {VersionState::kInForce, "in_force", "in Kraft"},
    {VersionState::kSuperseded, "superseded", "abgelöst"},
    {VersionState::kWithdrawn, "withdrawn", "zurückgezogen"},
};

constexpr EnumInfo<Decision> kDecisions[] = {
    {Decision::kRatify, "ratify", "ratifiziert"},
    {Decision::kReject, "reject", "abgelehnt"},
};

constexpr EnumInfo<RatificationRule> kRules[] = {
    {RatificationRule::kUnanimity, "unanimity", "Einstimmigkeit"},
    {RatificationRule::kMajority, "majority", "Mehrheit"},
};

constexpr EnumInfo<OfficeStanding> kStandings[] = {
    {OfficeStanding::kPending, "pending", "ausstehend"},
    {OfficeStanding::kRatified, "ratified", "ratifiziert"},
    {OfficeStanding::kRejected, "rejected", "abgelehnt"},
};

template <typename E, size_t N>
std::string_view SlugOf(const EnumInfo<E> (&table)[N], E value) {
  for (const auto& i : table) {
    if (i.value == value) return i.slug;
  }
  return "unspecified";
}

template <typename E, size_t N>
std::string_view LabelOf(const EnumInfo<E> (&table)[N], E value) {
  for (const auto& i : table) {
    if (i.value == value) return i.label;
  }
  return "nicht angegeben";
}

template <typename E, size_t N>
std::optional<E> FromSlug(const EnumInfo<E> (&table)[N], std::string_view slug) {
  for (const auto& i : table) {
    if (i.slug == slug) return i.value;
  }
  return std::nullopt;
}

std::string S(std::string_view v) { return std::string(v); }

}  // namespace

std::string_view AgreementKindSlug(AgreementKind k) { return SlugOf(kKinds, k); }
std::string_view AgreementKindLabel(AgreementKind k) { return LabelOf(kKinds, k); }
std::optional<AgreementKind> AgreementKindFromSlug(std::string_view slug) {
  return FromSlug(kKinds, slug);
}
std::optional<AgreementKind> AgreementKindFromNumber(int value) {
  if (value < 0 || value > static_cast<int>(AgreementKind::kOther)) return std::nullopt;
  return static_cast<AgreementKind>(value);
}
std::string_view VersionStateSlug(VersionState s) { return SlugOf(kStates, s); }
std::string_view VersionStateLabel(VersionState s) { return LabelOf(kStates, s); }
std::optional<VersionState> VersionStateFromSlug(std::string_view slug) {
  return FromSlug(kStates, slug);
}
std::string_view DecisionSlug(Decision d) { return SlugOf(kDecisions, d); }
std::string_view DecisionLabel(Decision d) { return LabelOf(kDecisions, d); }
std::optional<Decision> DecisionFromSlug(std::string_view slug) {
  return FromSlug(kDecisions, slug);
}
std::string_view RatificationRuleSlug(RatificationRule r) { return SlugOf(kRules, r); }
std::string_view RatificationRuleLabel(RatificationRule r) { return LabelOf(kRules, r); }
std::optional<RatificationRule> RatificationRuleFromSlug(std::string_view slug) {
  return FromSlug(kRules, slug);
}
std::string_view OfficeStandingLabel(OfficeStanding s) { return LabelOf(kStandings, s); }

std::string_view SentStatusLabel(SentStatus s) {
  switch (s) {
    case SentStatus::kAwaitingConfirmation:
      return "gesendet, Bestätigung durch den Kreis ausstehend";
    case SentStatus::kConfirmed:
      return "vom Kreis bestätigt";
    case SentStatus::kNotRecorded:
      return "nicht berücksichtigt (Version nicht mehr offen)";
  }
  return "nicht angegeben";
}

absl::Status ValidateAgreementTitle(const std::string& field, const std::string& title) {
  return ValidateText(field, title, {.max_chars = kMaxAgreementTitleChars, .required = true});
}

absl::Status ValidateAgreementText(const std::string& field, const std::string& text) {
  return ValidateText(field, text,
                      {.max_chars = kMaxAgreementTextChars, .required = true, .multiline = true});
}

absl::Status ValidateChangeNote(const std::string& field, const std::string& note) {
  return ValidateText(field, note, {.max_chars = kMaxChangeNoteChars, .multiline = true});
}

absl::Status ValidateDecisionComment(const std::string& field, const std::string& comment) {
  return ValidateText(field, comment, {.max_chars = kMaxDecisionCommentChars, .multiline = true});
}

absl::Status ValidateWithdrawReason(const std::string& field, const std::string& reason) {
  return ValidateText(field, reason, {.max_chars = kMaxWithdrawReasonChars, .multiline = true});
}

AgreementVersion* FindVersion(Agreement& a, int number) {
  for (AgreementVersion& v : a.versions) {
    if (v.number == number) return &v;
  }
  return nullptr;
}

const AgreementVersion* FindVersion(const Agreement& a, int number) {
  for (const AgreementVersion& v : a.versions) {
    if (v.number == number) return &v;
  }
  return nullptr;
}

absl::StatusOr<AgreementVersion*> VersionOrNotFound(Agreement& a, int number,
                                                    const std::string& field) {
  AgreementVersion* v = FindVersion(a, number);
  if (v == nullptr) {
    return InField(NotFound(kAgreementVersionKind.english, kAgreementVersionKind.german,
                            absl::StrCat(a.id.value(), " v", number)),
                   field);
  }
  return v;
}

int InForceVersion(const Agreement& a) {
  for (const AgreementVersion& v : a.versions) {
    if (v.state == VersionState::kInForce) return v.number;
  }
  return 0;
}

Agreement NewAgreement(AgreementId id, AgreementKind kind, std::string title, std::string text,
                       std::string change_note, absl::Time now) {
  Agreement a;
  a.id = std::move(id);
  a.kind = kind;
  a.title = std::move(title);
  a.create_time = now;
  a.update_time = now;
  AddDraft(a, std::move(text), std::move(change_note), now);
  return a;
}

AgreementVersion& AddDraft(Agreement& a, std::string text, std::string change_note,
                           absl::Time now) {
  AgreementVersion v;
  v.number = a.versions.empty() ? 1 : a.versions.back().number + 1;
  v.text_sha256 = Sha256Hex(text);
  v.text = std::move(text);
  v.change_note = std::move(change_note);
  v.create_time = now;
  v.update_time = now;
  a.versions.push_back(std::move(v));
  a.update_time = now;
  return a.versions.back();
}

absl::Status CheckVersionTransition(int number, VersionState from, VersionState to) {
  bool allowed = (from == VersionState::kDraft &&
                  (to == VersionState::kOpen || to == VersionState::kWithdrawn)) ||
                 (from == VersionState::kOpen &&
                  (to == VersionState::kInForce || to == VersionState::kWithdrawn)) ||
                 (from == VersionState::kInForce && to == VersionState::kSuperseded);
  if (allowed) return absl::OkStatus();
  return Bilingual(absl::StatusCode::kFailedPrecondition,
                   absl::StrCat("version ", number, " is ", S(VersionStateSlug(from)),
                                " and cannot become ", S(VersionStateSlug(to))),
                   absl::StrCat("Version ", number, " ist ", S(VersionStateLabel(from)),
                                " und kann nicht ", S(VersionStateLabel(to)), " werden"));
}

namespace {

void Touch(Agreement& a, AgreementVersion& v, absl::Time now) {
  ++v.revision;
  v.update_time = now;
  a.update_time = now;
}

}  // namespace

absl::Status UpdateDraft(Agreement& a, int number, std::string text,
                         std::optional<std::string> change_note, absl::Time now) {
  absl::StatusOr<AgreementVersion*> v = VersionOrNotFound(a, number, "version_number");
  if (!v.ok()) return v.status();
  if ((*v)->state != VersionState::kDraft) {
    return Bilingual(absl::StatusCode::kFailedPrecondition,
                     absl::StrCat("version ", number, " is ", S(VersionStateSlug((*v)->state)),
                                  "; only a draft can be changed; add a new version instead"),
                     absl::StrCat("Version ", number, " ist ", S(VersionStateLabel((*v)->state)),
                                  "; nur ein Entwurf kann geändert werden"));
  }
  (*v)->text_sha256 = Sha256Hex(text);
  (*v)->text = std::move(text);
  if (change_note) (*v)->change_note = *std::move(change_note);
  Touch(a, **v, now);
  return absl::OkStatus();
}

absl::Status OpenForRatification(Agreement& a, int number, RatificationRule rule,
                                 std::vector<std::string> offices, absl::Time now) {
  absl::StatusOr<AgreementVersion*> found = VersionOrNotFound(a, number, "version_number");
  if (!found.ok()) return found.status();
  AgreementVersion& v = **found;
  if (absl::Status s = CheckVersionTransition(number, v.state, VersionState::kOpen); !s.ok()) {
    return s;
  }
  for (const AgreementVersion& other : a.versions) {
    if (other.state == VersionState::kOpen) {
      return Bilingual(
          absl::StatusCode::kFailedPrecondition,
          absl::StrCat("version ", other.number,
                       " is open for ratification; withdraw it or wait for its outcome first"),
          absl::StrCat("Version ", other.number,
                       " ist bereits zur Ratifizierung offen; erst zurückziehen oder das Ergebnis "
                       "abwarten"));
    }
  }
  int in_force = InForceVersion(a);
  if (in_force >= number) {
    return Bilingual(
        absl::StatusCode::kFailedPrecondition,
        absl::StrCat("version ", in_force, " is in force; only a newer version can be opened"),
        absl::StrCat("Version ", in_force,
                     " ist in Kraft; nur eine neuere Version kann geöffnet werden"));
  }
  if (rule == RatificationRule::kUnspecified || offices.empty()) {
    return Bilingual(absl::StatusCode::kFailedPrecondition,
                     "the district has no ratification rule or no member offices",
                     "der Kreis hat keine Ratifizierungsregel oder keine Mitglieder");
  }
  std::sort(offices.begin(), offices.end());
  offices.erase(std::unique(offices.begin(), offices.end()), offices.end());
  v.state = VersionState::kOpen;
  v.text_sha256 = Sha256Hex(v.text);
  v.rule = rule;
  v.required_offices = std::move(offices);
  v.open_time = now;
  Touch(a, v, now);
  return absl::OkStatus();
}

absl::Status Withdraw(Agreement& a, int number, std::string reason, absl::Time now) {
  absl::StatusOr<AgreementVersion*> found = VersionOrNotFound(a, number, "version_number");
  if (!found.ok()) return found.status();
  AgreementVersion& v = **found;
  if (absl::Status s = CheckVersionTransition(number, v.state, VersionState::kWithdrawn); !s.ok()) {
    return s;
  }
  v.state = VersionState::kWithdrawn;
  v.withdraw_reason = std::move(reason);
  v.withdrawn_time = now;
  Touch(a, v, now);
  return absl::OkStatus();
}

std::vector<OfficeRatification> Standings(const AgreementVersion& v) {
  std::vector<OfficeRatification> out;
  for (const std::string& office : v.required_offices) {
    OfficeRatification r;
    r.office_id = office;
    for (const OfficeDecision& d : v.decisions) {
      if (d.office_id == office) r.latest = d;
    }
    if (r.latest) {
      r.standing = r.latest->decision == Decision::kRatify ? OfficeStanding::kRatified
                                                           : OfficeStanding::kRejected;
    }
    out.push_back(std::move(r));
  }
  return out;
}

OfficeStanding StandingOf(const AgreementVersion& v, const std::string& office) {
  for (const OfficeRatification& r : Standings(v)) {
    if (r.office_id == office) return r.standing;
  }
  return OfficeStanding::kUnspecified;
}

bool RuleMet(RatificationRule rule, const std::vector<OfficeRatification>& standings) {
  if (standings.empty()) return false;
  size_t ratified = 0;
  for (const OfficeRatification& r : standings) {
    if (r.standing == OfficeStanding::kRatified) ++ratified;
  }
  switch (rule) {
    case RatificationRule::kUnanimity:
      return ratified == standings.size();
    case RatificationRule::kMajority:
      return 2 * ratified > standings.size();
    case RatificationRule::kUnspecified:
      return false;
  }
  return false;
}

absl::Status CheckDecision(const Agreement& a, int number, const std::string& office,
                           Decision decision, const std::string& text_sha256,
                           std::optional<Decision> awaiting) {
  if (decision != Decision::kRatify && decision != Decision::kReject) {
    return FieldError("decision", "must be ratify or reject",
                      "muss Ratifizierung oder Ablehnung sein");
  }
  const AgreementVersion* v = FindVersion(a, number);
  if (v == nullptr) {
    return InField(NotFound(kAgreementVersionKind.english, kAgreementVersionKind.german,
                            absl::StrCat(a.id.value(), " v", number)),
                   "version_number");
  }
  if (v->state != VersionState::kOpen) {
    return Bilingual(absl::StatusCode::kFailedPrecondition,
                     absl::StrCat("version_number: version ", number, " is ",
                                  S(VersionStateSlug(v->state)), ", not open for ratification"),
                     absl::StrCat("Version ", number, " ist ", S(VersionStateLabel(v->state)),
                                  ", nicht zur Ratifizierung offen"));
  }
  if (text_sha256 != v->text_sha256) {
    return Bilingual(absl::StatusCode::kFailedPrecondition,
                     absl::StrCat("text_sha256: the text changed; read it again (version ", number,
                                  " has text_sha256 ", v->text_sha256, ")"),
                     "der Text hat sich geändert; bitte neu lesen");
  }
  OfficeStanding standing = StandingOf(*v, office);
  if (standing == OfficeStanding::kUnspecified) {
    return Bilingual(absl::StatusCode::kFailedPrecondition,
                     absl::StrCat("office ", office, " is not asked to decide on version ", number),
                     absl::StrCat("Jugendamt ", office, " ist für Version ", number,
                                  " nicht zur Entscheidung aufgerufen"));
  }
  if (awaiting) {
    standing =
        *awaiting == Decision::kRatify ? OfficeStanding::kRatified : OfficeStanding::kRejected;
  }
  if (standing == OfficeStanding::kRatified) {
    return Bilingual(absl::StatusCode::kFailedPrecondition,
                     absl::StrCat("office ", office, " has already ratified version ", number,
                                  "; a ratification cannot be taken back"),
                     absl::StrCat("Version ", number,
                                  " ist bereits ratifiziert; eine Ratifizierung ist endgültig"));
  }
  if (standing == OfficeStanding::kRejected && decision == Decision::kReject) {
    return Bilingual(absl::StatusCode::kFailedPrecondition,
                     absl::StrCat("office ", office, " has already rejected version ", number),
                     absl::StrCat("Version ", number, " ist bereits abgelehnt"));
  }
  return absl::OkStatus();
}

SentStatus StatusOfSent(const Agreement& a, const SentDecision& sent) {
  const AgreementVersion* v = FindVersion(a, sent.version_number);
  if (v == nullptr) return SentStatus::kAwaitingConfirmation;
  for (const OfficeDecision& d : v->decisions) {
    if (d.decision_id == sent.decision.decision_id) return SentStatus::kConfirmed;
  }
  // A decision is only sent for an open version; once the district's copy shows the version
  // closed without it, the district refused it.
  if (v->state != VersionState::kOpen) return SentStatus::kNotRecorded;
  return SentStatus::kAwaitingConfirmation;
}

std::optional<Decision> AwaitingDecision(const Agreement& a, int number,
                                         const std::vector<SentDecision>& sent) {
  std::optional<Decision> out;
  for (const SentDecision& s : sent) {
    if (s.version_number == number && StatusOfSent(a, s) == SentStatus::kAwaitingConfirmation) {
      out = s.decision.decision;
    }
  }
  return out;
}

absl::StatusOr<DecisionOutcome> RecordDecision(Agreement& a, int number, OfficeDecision d,
                                               absl::Time now) {
  if (absl::Status s = CheckDecision(a, number, d.office_id, d.decision, d.text_sha256); !s.ok()) {
    return s;
  }
  AgreementVersion& v = *FindVersion(a, number);
  d.record_time = now;
  v.decisions.push_back(std::move(d));
  Touch(a, v, now);
  DecisionOutcome outcome;
  if (!RuleMet(v.rule, Standings(v))) return outcome;
  for (AgreementVersion& older : a.versions) {
    if (older.state == VersionState::kInForce && older.number != number) {
      older.state = VersionState::kSuperseded;
      older.superseded_time = now;
      Touch(a, older, now);
      outcome.superseded.push_back(older.number);
    }
  }
  v.state = VersionState::kInForce;
  v.in_force_time = now;
  outcome.entered_into_force = true;
  return outcome;
}

}  // namespace schutznetz::domain
