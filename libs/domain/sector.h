// Handlungsfeld (sector) and Akteursgruppe (actor category under § 9 LKSG NRW).
//
// The numeric values equal the proto enums schutznetz.v1.Sector / ActorCategory, so the service
// edge converts with a range check. Slugs are stable identifiers used in SQL, CLI flags and
// exports; labels are the German texts users see.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace schutznetz::domain {

enum class Sector {
  kUnspecified = 0,
  kChildYouthWelfare = 1,
  kHealth = 2,
  kSchool = 3,
  kJustice = 4,
  kLawEnforcement = 5,
  kOther = 6,
};

enum class ActorCategory {
  kUnspecified = 0,
  kYouthOffice = 1,
  kProvider8a = 2,
  kInsofa = 3,
  kSecrecyHolder = 4,
  kSchool = 5,
  kHealthOffice = 6,
  kPolice = 7,
  kFamilyCourt = 8,
  kPublicProsecutor = 9,
  kGuardianAdLitem = 10,
  kIntegrationAssistance = 11,
  kEarlyHelp = 12,
  kOther = 13,
};

// Every specified value, in declaration order.
const std::vector<Sector>& AllSectors();
const std::vector<ActorCategory>& AllActorCategories();

std::string_view SectorSlug(Sector s);          // "child_youth_welfare"
std::string_view SectorLabel(Sector s);         // "Kinder- und Jugendhilfe"
std::optional<Sector> SectorFromSlug(std::string_view slug);
std::optional<Sector> SectorFromNumber(int value);  // nullopt outside the enum

std::string_view ActorCategorySlug(ActorCategory c);   // "family_court"
std::string_view ActorCategoryLabel(ActorCategory c);  // "Familiengerichte"
std::optional<ActorCategory> ActorCategoryFromSlug(std::string_view slug);
std::optional<ActorCategory> ActorCategoryFromNumber(int value);

}  // namespace schutznetz::domain
