#include "libs/domain/insofa.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"
#include "libs/common/text.h"

namespace schutznetz::domain {
namespace {

// ISO 639-1 (the 183 two-letter codes of the standard).
constexpr const char* kIso6391[] = {
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg",
    "bi", "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy",
    "da", "de", "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj",
    "fo", "fr", "fy", "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht",
    "hu", "hy", "hz", "ia", "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv",
    "ka", "kg", "ki", "kj", "kk", "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky",
    "la", "lb", "lg", "li", "ln", "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn",
    "mr", "ms", "mt", "my", "na", "nb", "nd", "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny",
    "oc", "oj", "om", "or", "os", "pa", "pi", "pl", "ps", "pt", "qu", "rm", "rn", "ro", "ru",
    "rw", "sa", "sc", "sd", "se", "sg", "si", "sk", "sl", "sm", "sn", "so", "sq", "sr", "ss",
    "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti", "tk", "tl", "tn", "to", "tr", "ts",
    "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo", "wa", "wo", "xh", "yi", "yo",
    "za", "zh", "zu"};

std::string Indexed(const std::string& prefix, const char* field, size_t i) {
  return absl::StrCat(prefix, field, "[", i, "]");
}

void CheckSpecialisations(const std::vector<InsofaSpecialisation>& list, const std::string& prefix,
                          FieldViolations& v) {
  if (list.empty()) {
    v.Add(prefix + "specialisations", "must name at least one specialisation",
          "muss mindestens einen Schwerpunkt nennen");
  }
  std::set<InsofaSpecialisation> seen;
  for (size_t i = 0; i < list.size(); ++i) {
    if (InsofaSpecialisationSlug(list[i]).empty()) {
      v.Add(Indexed(prefix, "specialisations", i), "is not a known specialisation",
            "ist kein bekannter Schwerpunkt");
    } else if (!seen.insert(list[i]).second) {
      v.Add(Indexed(prefix, "specialisations", i), "is named twice", "ist doppelt genannt");
    }
  }
}

void CheckLanguages(std::vector<std::string>* list, const std::string& prefix,
                    FieldViolations& v) {
  if (list->empty() || list->size() > kMaxInsofaLanguages) {
    v.Add(prefix + "languages", "must name 1 to 20 languages (ISO 639-1, e.g. de)",
          "muss 1 bis 20 Sprachen nennen (ISO 639-1, z. B. de)");
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < list->size(); ++i) {
    std::string code = AsciiLower(Trim((*list)[i]));
    if (!IsIso6391(code)) {
      v.Add(Indexed(prefix, "languages", i), "must be an ISO 639-1 language code (e.g. de, tr)",
            "muss ein Sprachcode nach ISO 639-1 sein (z. B. de, tr)");
    } else if (!seen.insert(code).second) {
      v.Add(Indexed(prefix, "languages", i), "is named twice", "ist doppelt genannt");
    }
    (*list)[i] = code;
  }
}

void CheckHowToRequest(std::string* how, const std::string& prefix, FieldViolations& v) {
  *how = Trim(*how);
  v.Add(ValidateText(prefix + "how_to_request", *how,
                     {.max_chars = kMaxInsofaHowToRequestChars, .required = true,
                      .multiline = true}));
}

}  // namespace

std::string_view InsofaSpecialisationSlug(InsofaSpecialisation s) {
  switch (s) {
    case InsofaSpecialisation::kEarlyChildhood: return "early_childhood";
    case InsofaSpecialisation::kSexualisedViolence: return "sexualised_violence";
    case InsofaSpecialisation::kDisability: return "disability";
    case InsofaSpecialisation::kSchools: return "schools";
    case InsofaSpecialisation::kAdolescents: return "adolescents";
    case InsofaSpecialisation::kDomesticViolence: return "domestic_violence";
    case InsofaSpecialisation::kAddiction: return "addiction";
    case InsofaSpecialisation::kMigration: return "migration";
    case InsofaSpecialisation::kOther: return "other";
    case InsofaSpecialisation::kUnspecified: break;
  }
  return "";
}

std::string_view InsofaSpecialisationLabel(InsofaSpecialisation s) {
  switch (s) {
    case InsofaSpecialisation::kEarlyChildhood: return "Säuglinge und frühe Kindheit";
    case InsofaSpecialisation::kSexualisedViolence: return "Sexualisierte Gewalt";
    case InsofaSpecialisation::kDisability: return "Kinder mit Behinderung";
    case InsofaSpecialisation::kSchools: return "Schule";
    case InsofaSpecialisation::kAdolescents: return "Jugendliche";
    case InsofaSpecialisation::kDomesticViolence: return "Häusliche Gewalt";
    case InsofaSpecialisation::kAddiction: return "Sucht in der Familie";
    case InsofaSpecialisation::kMigration: return "Migration und Flucht";
    case InsofaSpecialisation::kOther: return "Sonstiges";
    case InsofaSpecialisation::kUnspecified: break;
  }
  return "";
}

const std::vector<InsofaSpecialisation>& AllInsofaSpecialisations() {
  static const std::vector<InsofaSpecialisation> all = {
      InsofaSpecialisation::kEarlyChildhood,   InsofaSpecialisation::kSexualisedViolence,
      InsofaSpecialisation::kDisability,       InsofaSpecialisation::kSchools,
      InsofaSpecialisation::kAdolescents,      InsofaSpecialisation::kDomesticViolence,
      InsofaSpecialisation::kAddiction,        InsofaSpecialisation::kMigration,
      InsofaSpecialisation::kOther};
  return all;
}

std::optional<InsofaSpecialisation> InsofaSpecialisationFromSlug(std::string_view slug) {
  for (InsofaSpecialisation s : AllInsofaSpecialisations()) {
    if (InsofaSpecialisationSlug(s) == slug) return s;
  }
  return std::nullopt;
}

std::optional<InsofaSpecialisation> InsofaSpecialisationFromNumber(int value) {
  if (value < 1 || value > 9) return std::nullopt;
  return static_cast<InsofaSpecialisation>(value);
}

bool IsIso6391(std::string_view code) {
  if (code.size() != 2) return false;
  return std::any_of(std::begin(kIso6391), std::end(kIso6391),
                     [&](const char* c) { return code == c; });
}

absl::Status NormaliseInsofaProfile(InsofaProfile* p, const std::vector<std::string>& configured,
                                    const std::string& prefix) {
  FieldViolations v;
  CheckSpecialisations(p->specialisations, prefix, v);
  CheckLanguages(&p->languages, prefix, v);
  if (p->municipalities.empty() || p->municipalities.size() > kMaxInsofaMunicipalities) {
    v.Add(prefix + "municipalities", "must name at least one municipality of the office",
          "muss mindestens eine Kommune des Jugendamts nennen");
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < p->municipalities.size(); ++i) {
    const std::string wanted = AsciiLower(Trim(p->municipalities[i]));
    auto match = std::find_if(configured.begin(), configured.end(), [&](const std::string& c) {
      return AsciiLower(c) == wanted;
    });
    if (match == configured.end()) {
      std::string list;
      for (const std::string& c : configured) list += (list.empty() ? "" : ", ") + c;
      v.Add(Indexed(prefix, "municipalities", i),
            absl::StrCat("must be one of the office's municipalities (", list, ")"),
            absl::StrCat("muss eine Kommune des Jugendamts sein (", list, ")"));
      continue;
    }
    if (!seen.insert(*match).second) {
      v.Add(Indexed(prefix, "municipalities", i), "is named twice", "ist doppelt genannt");
    }
    p->municipalities[i] = *match;
  }
  CheckHowToRequest(&p->how_to_request, prefix, v);
  return v.ToStatus();
}

absl::Status ValidateMirroredInsofaProfile(const InsofaProfile& p, const std::string& prefix) {
  FieldViolations v;
  CheckSpecialisations(p.specialisations, prefix, v);
  std::vector<std::string> languages = p.languages;
  CheckLanguages(&languages, prefix, v);
  if (languages != p.languages) {
    v.Add(prefix + "languages", "must be lower-case ISO 639-1 codes",
          "müssen Sprachcodes nach ISO 639-1 in Kleinbuchstaben sein");
  }
  if (p.municipalities.empty() || p.municipalities.size() > kMaxInsofaMunicipalities) {
    v.Add(prefix + "municipalities", "must name 1 to 50 municipalities",
          "muss 1 bis 50 Kommunen nennen");
  }
  for (size_t i = 0; i < p.municipalities.size(); ++i) {
    v.Add(ValidateText(Indexed(prefix, "municipalities", i), p.municipalities[i],
                       {.max_chars = 100, .required = true}));
  }
  std::string how = p.how_to_request;
  CheckHowToRequest(&how, prefix, v);
  return v.ToStatus();
}

absl::Status CheckCanBeListed(const Member& m) {
  if (m.anonymised || m.state != MembershipState::kActive) {
    return Bilingual(absl::StatusCode::kFailedPrecondition,
                     "only active members can be listed in the InsoFa pool",
                     "nur aktive Mitglieder können in den InsoFa-Pool aufgenommen werden");
  }
  return absl::OkStatus();
}

absl::Status ValidateConsultationCount(const InsofaConsultationCount& c) {
  FieldViolations v;
  if (c.year < 2000 || c.year > 2099) {
    v.Add("year", "must be between 2000 and 2099", "muss zwischen 2000 und 2099 liegen");
  }
  if (c.quarter < 1 || c.quarter > 4) {
    v.Add("quarter", "must be between 1 and 4", "muss zwischen 1 und 4 liegen");
  }
  if (c.count < 0 || c.count > 10000) {
    v.Add("count", "must be between 0 and 10000", "muss zwischen 0 und 10000 liegen");
  }
  return v.ToStatus();
}

}  // namespace schutznetz::domain
