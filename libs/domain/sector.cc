#include "libs/domain/sector.h"

namespace schutznetz::domain {
namespace {

struct SectorInfo {
  Sector value;
  std::string_view slug;
  std::string_view label;
};

constexpr SectorInfo kSectors[] = {
    {Sector::kChildYouthWelfare, "child_youth_welfare", "Kinder- und Jugendhilfe"},
    {Sector::kHealth, "health", "Gesundheitswesen"},
    {Sector::kSchool, "school", "Schule"},
    {Sector::kJustice, "justice", "Justiz"},
    {Sector::kLawEnforcement, "law_enforcement", "Polizei und Ordnungsbehörden"},
    {Sector::kOther, "other", "Sonstige"},
};

struct CategoryInfo {
  ActorCategory value;
  std::string_view slug;
  std::string_view label;
};

constexpr CategoryInfo kCategories[] = {
    {ActorCategory::kYouthOffice, "youth_office", "Jugendamt einschließlich ASD"},
    {ActorCategory::kProvider8a, "provider_8a",
     "Träger mit Vereinbarung nach § 8a Abs. 4 SGB VIII"},
    {ActorCategory::kInsofa, "insofa", "Insoweit erfahrene Fachkräfte"},
    {ActorCategory::kSecrecyHolder, "secrecy_holder", "Berufsgeheimnisträger (§ 4 Abs. 1 KKG)"},
    {ActorCategory::kSchool, "school", "Schulen"},
    {ActorCategory::kHealthOffice, "health_office", "Gesundheitsämter"},
    {ActorCategory::kPolice, "police", "Polizei und Ordnungsbehörden"},
    {ActorCategory::kFamilyCourt, "family_court", "Familiengerichte"},
    {ActorCategory::kPublicProsecutor, "public_prosecutor", "Staatsanwaltschaften"},
    {ActorCategory::kGuardianAdLitem, "guardian_ad_litem", "Verfahrensbeistände"},
    {ActorCategory::kIntegrationAssistance, "integration_assistance",
     "Träger der Eingliederungshilfe für Minderjährige (SGB IX)"},
    {ActorCategory::kEarlyHelp, "early_help", "Netzwerke Frühe Hilfen"},
    {ActorCategory::kOther, "other", "Sonstige"},
};

}  // namespace

const std::vector<Sector>& AllSectors() {
  static const auto* all = [] {
    auto* v = new std::vector<Sector>();
    for (const auto& s : kSectors) v->push_back(s.value);
    return v;
  }();
  return *all;
}

const std::vector<ActorCategory>& AllActorCategories() {
  static const auto* all = [] {
    auto* v = new std::vector<ActorCategory>();
    for (const auto& c : kCategories) v->push_back(c.value);
    return v;
  }();
  return *all;
}

std::string_view SectorSlug(Sector s) {
  for (const auto& i : kSectors) {
    if (i.value == s) return i.slug;
  }
  return "unspecified";
}

std::string_view SectorLabel(Sector s) {
  for (const auto& i : kSectors) {
    if (i.value == s) return i.label;
  }
  return "nicht angegeben";
}

std::optional<Sector> SectorFromSlug(std::string_view slug) {
  for (const auto& i : kSectors) {
    if (i.slug == slug) return i.value;
  }
  return std::nullopt;
}

std::optional<Sector> SectorFromNumber(int value) {
  if (value < 0 || value > static_cast<int>(Sector::kOther)) return std::nullopt;
  return static_cast<Sector>(value);
}

std::string_view ActorCategorySlug(ActorCategory c) {
  for (const auto& i : kCategories) {
    if (i.value == c) return i.slug;
  }
  return "unspecified";
}

std::string_view ActorCategoryLabel(ActorCategory c) {
  for (const auto& i : kCategories) {
    if (i.value == c) return i.label;
  }
  return "nicht angegeben";
}

std::optional<ActorCategory> ActorCategoryFromSlug(std::string_view slug) {
  for (const auto& i : kCategories) {
    if (i.slug == slug) return i.value;
  }
  return std::nullopt;
}

std::optional<ActorCategory> ActorCategoryFromNumber(int value) {
  if (value < 0 || value > static_cast<int>(ActorCategory::kOther)) return std::nullopt;
  return static_cast<ActorCategory>(value);
}

}  // namespace schutznetz::domain
