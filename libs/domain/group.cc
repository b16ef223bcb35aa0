#include "libs/domain/group.h"

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "libs/common/errors.h"
#include "libs/common/text.h"
#include "libs/common/time.h"

namespace schutznetz::domain {
namespace {

struct KindInfo {
  GroupKind value;
  std::string_view slug;
  std::string_view label;
};

constexpr KindInfo kKinds[] = {
    {GroupKind::kRegionalGroup, "regional_group", "Regionalgruppe"},
    {GroupKind::kWorkingGroup, "working_group", "Arbeitskreis"},
    {GroupKind::kSteeringGroup, "steering_group", "Steuerungsgruppe"},
};

struct RoleInfo {
  GroupMemberRole value;
  std::string_view slug;
  std::string_view label;
};

constexpr RoleInfo kRoles[] = {
    {GroupMemberRole::kMember, "member", "Mitglied"},
    {GroupMemberRole::kChair, "chair", "Vorsitz"},
    {GroupMemberRole::kDeputyChair, "deputy_chair", "stellv. Vorsitz"},
};

}  // namespace

std::string_view GroupKindSlug(GroupKind k) {
  for (const auto& i : kKinds) {
    if (i.value == k) return i.slug;
  }
  return "unspecified";
}

std::string_view GroupKindLabel(GroupKind k) {
  for (const auto& i : kKinds) {
    if (i.value == k) return i.label;
  }
  return "nicht angegeben";
}

std::optional<GroupKind> GroupKindFromSlug(std::string_view slug) {
  for (const auto& i : kKinds) {
    if (i.slug == slug) return i.value;
  }
  return std::nullopt;
}

std::optional<GroupKind> GroupKindFromNumber(int value) {
  if (value < 0 || value > static_cast<int>(GroupKind::kSteeringGroup)) return std::nullopt;
  return static_cast<GroupKind>(value);
}

std::string_view GroupMemberRoleSlug(GroupMemberRole r) {
  for (const auto& i : kRoles) {
    if (i.value == r) return i.slug;
  }
  return "unspecified";
}

std::string_view GroupMemberRoleLabel(GroupMemberRole r) {
  for (const auto& i : kRoles) {
    if (i.value == r) return i.label;
  }
  return "nicht angegeben";
}

std::optional<GroupMemberRole> GroupMemberRoleFromSlug(std::string_view slug) {
  for (const auto& i : kRoles) {
    if (i.slug == slug) return i.value;
  }
  return std::nullopt;
}

std::optional<GroupMemberRole> GroupMemberRoleFromNumber(int value) {
  if (value < 0 || value > static_cast<int>(GroupMemberRole::kDeputyChair)) return std::nullopt;
  return static_cast<GroupMemberRole>(value);
}

const std::vector<std::string>& GroupMutableFields() {
  static const auto* fields =
      new std::vector<std::string>{"name", "description", "meetings_per_year", "active"};
  return *fields;
}

absl::Status ValidateGroup(const Group& g, const std::string& prefix) {
  FieldViolations v;
  v.Add(ValidateText(prefix + "name", g.name, {.max_chars = 200, .required = true}));
  v.Add(
      ValidateText(prefix + "description", g.description, {.max_chars = 2000, .multiline = true}));
  if (g.meetings_per_year < 0 || g.meetings_per_year > kMaxMeetingsPerYear) {
    v.Add(prefix + "meetings_per_year", absl::StrCat("must be between 0 and ", kMaxMeetingsPerYear),
          absl::StrCat("muss zwischen 0 und ", kMaxMeetingsPerYear, " liegen"));
  }
  return v.ToStatus();
}

absl::Status CheckCreatableKind(GroupKind kind, const std::string& field) {
  switch (kind) {
    case GroupKind::kWorkingGroup:
    case GroupKind::kSteeringGroup:
      return absl::OkStatus();
    case GroupKind::kRegionalGroup:
      return FieldError(field,
                        "regional groups come from the office configuration and cannot be "
                        "created here",
                        "Regionalgruppen kommen aus der Konfiguration des Jugendamts und können "
                        "hier nicht angelegt werden");
    case GroupKind::kUnspecified:
      break;
  }
  return FieldError(field, "is required (working_group or steering_group)",
                    "Art ist erforderlich (Arbeitskreis oder Steuerungsgruppe)");
}

absl::Status CheckConfigOwnedFields(const Group& current, const Group& updated) {
  if (current.kind != GroupKind::kRegionalGroup) return absl::OkStatus();
  std::string fields;
  if (updated.name != current.name) fields = "group.name";
  if (updated.meetings_per_year != current.meetings_per_year) {
    fields += fields.empty() ? "group.meetings_per_year" : ", group.meetings_per_year";
  }
  if (fields.empty()) return absl::OkStatus();
  return Bilingual(absl::StatusCode::kFailedPrecondition,
                   absl::StrCat(fields,
                                ": name and cadence of a regional group come "
                                "from the office configuration (",
                                current.config_id, "); change them there"),
                   absl::StrCat("Name und Sitzungsrhythmus einer Regionalgruppe kommen aus der "
                                "Konfiguration des Jugendamts (",
                                current.config_id, "); bitte dort ändern"));
}

absl::Status CheckCanJoinGroup(const Member& m) {
  if (m.state == MembershipState::kActive) return absl::OkStatus();
  return Bilingual(absl::StatusCode::kFailedPrecondition,
                   absl::StrCat("member_id: member ", m.id.value(), " is ",
                                std::string(MembershipStateSlug(m.state)),
                                "; only active members can join a group"),
                   absl::StrCat("Mitglied ist ", std::string(MembershipStateLabel(m.state)),
                                "; nur aktive Mitglieder können einer Gruppe beitreten"));
}

int LocalYear(absl::Time now) { return static_cast<int>(LocalDay(now).year()); }

YearProgress ProgressOfYear(int year, absl::Time now) {
  YearProgress p;
  p.start = StartOfLocalDay(absl::CivilDay(year, 1, 1));
  p.end = StartOfLocalDay(absl::CivilDay(year + 1, 1, 1));
  if (now <= p.start) {
    p.elapsed = absl::ZeroDuration();
  } else if (now >= p.end) {
    p.elapsed = p.length();
  } else {
    p.elapsed = now - p.start;
  }
  return p;
}

int ExpectedMeetingsByNow(int meetings_per_year, int year, absl::Time now) {
  YearProgress p = ProgressOfYear(year, now);
  // At most 52 × 366 days in microseconds ≈ 1.6e15: no overflow in int64.
  int64_t elapsed_us = absl::ToInt64Microseconds(p.elapsed);
  int64_t length_us = absl::ToInt64Microseconds(p.length());
  return static_cast<int>(static_cast<int64_t>(meetings_per_year) * elapsed_us / length_us);
}

CadenceStatus EvaluateCadence(int meetings_per_year, int year, absl::Time now, int held,
                              int planned_remaining) {
  CadenceStatus s;
  s.meetings_per_year = meetings_per_year;
  s.held = held;
  s.planned_remaining = planned_remaining;
  s.expected_by_now = ExpectedMeetingsByNow(meetings_per_year, year, now);
  s.behind = held < s.expected_by_now;
  s.at_risk = held + planned_remaining < meetings_per_year;
  std::vector<std::string> parts;
  if (s.behind) {
    int missing = s.expected_by_now - held;
    parts.push_back(
        absl::StrCat("im Rückstand: ", missing, " von ", s.expected_by_now,
                     s.expected_by_now == 1 ? " fälligen Sitzung " : " fälligen Sitzungen ",
                     missing == 1 ? "fehlt" : "fehlen"));
  }
  if (s.at_risk) parts.push_back("zu wenige Termine geplant");
  if (parts.empty()) {
    s.status_text = "im Plan";
  } else {
    s.status_text = parts[0];
    for (size_t i = 1; i < parts.size(); ++i) s.status_text += "; " + parts[i];
  }
  return s;
}

}  // namespace schutznetz::domain
