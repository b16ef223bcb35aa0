#include "services/cli/enum_flags.h"

#include "absl/strings/str_cat.h"

namespace schutznetz::cli {

absl::StatusOr<domain::Sector> ParseSectorFlag(const std::string& slug) {
  if (auto s = domain::SectorFromSlug(slug)) return *s;
  std::string valid;
  for (domain::Sector s : domain::AllSectors()) {
    absl::StrAppend(&valid, "\n  ", std::string(domain::SectorSlug(s)), "  (",
                    std::string(domain::SectorLabel(s)), ")");
  }
  return absl::InvalidArgumentError(
      absl::StrCat("--sector: unknown sector '", slug, "' / unbekanntes Handlungsfeld; valid:",
                   valid));
}

absl::StatusOr<domain::ActorCategory> ParseCategoryFlag(const std::string& slug) {
  if (auto c = domain::ActorCategoryFromSlug(slug)) return *c;
  std::string valid;
  for (domain::ActorCategory c : domain::AllActorCategories()) {
    absl::StrAppend(&valid, "\n  ", std::string(domain::ActorCategorySlug(c)), "  (",
                    std::string(domain::ActorCategoryLabel(c)), ")");
  }
  return absl::InvalidArgumentError(
      absl::StrCat("--category: unknown category '", slug,
                   "' / unbekannte Akteursgruppe; valid:", valid));
}

}  // namespace schutznetz::cli
