#include "libs/domain/representation.h"

#include <array>
#include <utility>

#include "libs/common/errors.h"
#include "libs/common/text.h"

namespace schutznetz::domain {
namespace {

struct KindName {
  NetworkKind kind;
  const char* slug;
  const char* label;
};

constexpr std::array<KindName, 8> kKinds{{
    {NetworkKind::kEarlyHelp, "early_help", "Netzwerk Frühe Hilfen"},
    {NetworkKind::kPrevention, "prevention", "Präventionsnetzwerk"},
    {NetworkKind::kSports, "sports", "Sport"},
    {NetworkKind::kSchool, "school", "Schule"},
    {NetworkKind::kHealth, "health", "Gesundheit"},
    {NetworkKind::kJustice, "justice", "Justiz und Polizei"},
    {NetworkKind::kChildProtection, "child_protection", "Netzwerk Kinderschutz"},
    {NetworkKind::kOther, "other", "Sonstiges"},
}};

}  // namespace

std::string NetworkKindSlug(NetworkKind kind) {
  for (const KindName& k : kKinds) {
    if (k.kind == kind) return k.slug;
  }
  return "";
}

std::optional<NetworkKind> NetworkKindFromSlug(const std::string& slug) {
  for (const KindName& k : kKinds) {
    if (slug == k.slug) return k.kind;
  }
  return std::nullopt;
}

std::string NetworkKindLabel(NetworkKind kind) {
  for (const KindName& k : kKinds) {
    if (k.kind == kind) return k.label;
  }
  return "";
}

absl::Status ValidateRepresentation(const Representation& r, const std::string& prefix) {
  FieldViolations v;
  v.Add(ValidateText(prefix + "network", r.network, {.max_chars = 200, .required = true}));
  if (NetworkKindSlug(r.kind).empty()) {
    v.Add(prefix + "kind", "is required", "Art des Netzwerks ist erforderlich");
  }
  if (r.until && *r.until < r.since) {
    v.Add(prefix + "until", "must not lie before since", "darf nicht vor dem Beginn liegen");
  }
  return v.ToStatus();
}

absl::Status CheckWithinRepresentation(const Representation& r, absl::CivilDay day,
                                       const std::string& field) {
  if (day < r.since || (r.until && day > *r.until)) {
    return Bilingual(absl::StatusCode::kFailedPrecondition,
                     field + ": the meeting lies outside the representation's days",
                     field + ": die Sitzung liegt außerhalb des Zeitraums der Vertretung");
  }
  return absl::OkStatus();
}

}  // namespace schutznetz::domain
