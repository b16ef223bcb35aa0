#include "libs/domain/member.h"

#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"
#include "libs/common/text.h"

namespace schutznetz::domain {
namespace {

struct StateInfo {
  MembershipState value;
  std::string_view slug;
  std::string_view label;
};

constexpr StateInfo kStates[] = {
    {MembershipState::kRequested, "requested", "beantragt"},
    {MembershipState::kActive, "active", "aktiv"},
    {MembershipState::kDeclined, "declined", "abgelehnt"},
    {MembershipState::kLeft, "left", "ausgeschieden"},
};

bool IsValidEmail(const std::string& e) {
  size_t at = e.find('@');
  if (at == std::string::npos || at == 0 || e.find('@', at + 1) != std::string::npos) return false;
  std::string domain = e.substr(at + 1);
  size_t dot = domain.rfind('.');
  if (dot == std::string::npos || dot == 0 || dot + 2 > domain.size()) return false;
  for (char c : e) {
    if (c == ' ' || c == ',' || c == ';' || c == '<' || c == '>') return false;
  }
  return true;
}

bool IsValidPhone(const std::string& p) {
  int digits = 0;
  for (char c : p) {
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c != ' ' && c != '+' && c != '-' && c != '/' && c != '(' && c != ')') {
      return false;
    }
  }
  return digits >= 3;
}

}  // namespace

std::string_view MembershipStateSlug(MembershipState s) {
  for (const auto& i : kStates) {
    if (i.value == s) return i.slug;
  }
  return "unspecified";
}

std::string_view MembershipStateLabel(MembershipState s) {
  for (const auto& i : kStates) {
    if (i.value == s) return i.label;
  }
  return "nicht angegeben";
}

std::optional<MembershipState> MembershipStateFromSlug(std::string_view slug) {
  for (const auto& i : kStates) {
    if (i.slug == slug) return i.value;
  }
  return std::nullopt;
}

std::optional<MembershipState> MembershipStateFromNumber(int value) {
  if (value < 0 || value > static_cast<int>(MembershipState::kLeft)) return std::nullopt;
  return static_cast<MembershipState>(value);
}

const std::vector<std::string>& MemberMutableFields() {
  static const auto* fields = new std::vector<std::string>{
      "organisation_id", "first_name", "last_name", "role", "email", "phone",
      "consent_internal_directory", "consent_share_registrations"};
  return *fields;
}

absl::Status ValidateMember(const Member& m, const std::string& prefix) {
  FieldViolations v;
  if (m.organisation_id.empty()) {
    v.Add(prefix + "organisation_id", "is required", "Organisation ist erforderlich");
  }
  v.Add(ValidateText(prefix + "first_name", m.first_name, {.max_chars = 100, .required = true}));
  v.Add(ValidateText(prefix + "last_name", m.last_name, {.max_chars = 100, .required = true}));
  v.Add(ValidateText(prefix + "role", m.role, {.max_chars = 150}));
  absl::Status email = ValidateText(prefix + "email", m.email, {.max_chars = 254});
  v.Add(email);
  if (email.ok() && !m.email.empty() && !IsValidEmail(m.email)) {
    v.Add(prefix + "email", "is not an e-mail address", "ist keine E-Mail-Adresse");
  }
  absl::Status phone = ValidateText(prefix + "phone", m.phone, {.max_chars = 40});
  v.Add(phone);
  if (phone.ok() && !m.phone.empty() && !IsValidPhone(m.phone)) {
    v.Add(prefix + "phone", "may contain digits, spaces and + - / ( ) only",
          "darf nur Ziffern, Leerzeichen und + - / ( ) enthalten");
  }
  return v.ToStatus();
}

absl::Status CheckMembershipTransition(MembershipState from, MembershipState to) {
  bool allowed = (from == MembershipState::kRequested &&
                  (to == MembershipState::kActive || to == MembershipState::kDeclined)) ||
                 (from == MembershipState::kActive && to == MembershipState::kLeft);
  if (allowed) return absl::OkStatus();
  return Bilingual(absl::StatusCode::kFailedPrecondition,
                   absl::StrCat("membership is ", std::string(MembershipStateSlug(from)),
                                " and cannot become ", std::string(MembershipStateSlug(to))),
                   absl::StrCat("Mitgliedschaft ist ", std::string(MembershipStateLabel(from)),
                                " und kann nicht ", std::string(MembershipStateLabel(to)),
                                " werden"));
}

absl::Status CheckCanAnonymise(const Member& m) {
  if (m.anonymised) {
    return Bilingual(absl::StatusCode::kFailedPrecondition, "member is already anonymised",
                     "Mitglied ist bereits anonymisiert");
  }
  if (m.state != MembershipState::kLeft && m.state != MembershipState::kDeclined) {
    return Bilingual(absl::StatusCode::kFailedPrecondition,
                     "end the membership before anonymising the member",
                     "vor dem Anonymisieren die Mitgliedschaft beenden");
  }
  return absl::OkStatus();
}

void Anonymise(Member* m) {
  m->first_name.clear();
  m->last_name.clear();
  m->role.clear();
  m->email.clear();
  m->phone.clear();
  m->decision_reason.clear();
  m->consent_internal_directory = false;
  m->consent_share_registrations = false;
  m->consent_public_contact = false;
  m->anonymised = true;
}

std::string DisplayName(const Member& m) {
  if (m.anonymised) return "(anonymisiert)";
  return absl::StrCat(m.last_name, ", ", m.first_name);
}

}  // namespace schutznetz::domain
