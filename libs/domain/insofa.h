// The district's InsoFa pool (DESIGN.md §3): the insoweit erfahrene Fachkräfte (§ 8a (4),
// § 8b SGB VIII, § 4 (2) KKG) available for consultation, by specialisation, language and
// municipality.
//
// An entry belongs to a member of the office and adds what the pool lists: specialisations,
// languages (ISO 639-1), the municipalities covered (each one the office serves) and how to
// request a consultation. It is listed — here and, as a copy, at every other office — only
// while the member's consent ConsentPurpose::kInsofaPool is live; name and organisation come
// from the member. Consultations themselves are never recorded with case data: an office keeps
// at most an anonymous count per quarter.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/domain/member.h"

namespace schutznetz::domain {

enum class InsofaSpecialisation {
  kUnspecified = 0,
  kEarlyChildhood = 1,
  kSexualisedViolence = 2,
  kDisability = 3,
  kSchools = 4,
  kAdolescents = 5,
  kDomesticViolence = 6,
  kAddiction = 7,
  kMigration = 8,
  kOther = 9,
};

std::string_view InsofaSpecialisationSlug(InsofaSpecialisation s);   // "early_childhood"
std::string_view InsofaSpecialisationLabel(InsofaSpecialisation s);  // "Säuglinge und frühe Kindheit"
std::optional<InsofaSpecialisation> InsofaSpecialisationFromSlug(std::string_view slug);
std::optional<InsofaSpecialisation> InsofaSpecialisationFromNumber(int value);
// Every specialisation, in number order.
const std::vector<InsofaSpecialisation>& AllInsofaSpecialisations();

// What the pool lists of a Fachkraft besides name and organisation.
struct InsofaProfile {
  std::vector<InsofaSpecialisation> specialisations;
  std::vector<std::string> languages;       // ISO 639-1, lower case
  std::vector<std::string> municipalities;  // the office's configured spelling
  std::string how_to_request;
};

// An own entry (member_id set) or another office's copy (mirrored).
struct InsofaEntry {
  std::string id;  // uuid; also the sync item id
  MemberId member_id;
  std::string office;
  std::string first_name;
  std::string last_name;
  std::string organisation_name;
  InsofaProfile profile;
  bool mirrored = false;
  int64_t version = 0;       // own entries: etag
  int64_t sync_version = 0;  // last version sent (own) or received (mirrored); 0: never sent
  absl::Time update_time;
};

// Limits.
inline constexpr size_t kMaxInsofaHowToRequestChars = 500;
inline constexpr size_t kMaxInsofaLanguages = 20;
inline constexpr size_t kMaxInsofaMunicipalities = 50;

// Whether `code` is an ISO 639-1 language code (two lower-case letters of the standard's list).
bool IsIso6391(std::string_view code);

// Checks and normalises `p` for storing: at least one specialisation, none unspecified or twice;
// at least one language, each an ISO 639-1 code (lower-cased), none twice; at least one
// municipality, each one of `configured` (ignoring case; the configured spelling is kept), none
// twice; how_to_request trimmed, required, at most 500 characters. Fields are named
// `prefix` + "specialisations", "languages[i]", … ; all violations are reported at once.
absl::Status NormaliseInsofaProfile(InsofaProfile* p, const std::vector<std::string>& configured,
                                    const std::string& prefix = "");

// The same checks for another office's entry received by sync: its municipalities cannot be
// checked against this office's, only as text.
absl::Status ValidateMirroredInsofaProfile(const InsofaProfile& p, const std::string& prefix);

// The filters of a search of the pool (empty / kUnspecified: any).
struct InsofaFilter {
  InsofaSpecialisation specialisation = InsofaSpecialisation::kUnspecified;
  std::string municipality;  // ignoring case
  std::string language;      // ISO 639-1
};

// FAILED_PRECONDITION unless `m` can be listed in the pool: an active member, not anonymised.
absl::Status CheckCanBeListed(const Member& m);

// An anonymous count of consultations of one quarter.
struct InsofaConsultationCount {
  int year = 0;
  int quarter = 0;
  int count = 0;
};

// INVALID_ARGUMENT naming "year" (2000–2099), "quarter" (1–4) and "count" (0–10000).
absl::Status ValidateConsultationCount(const InsofaConsultationCount& c);

}  // namespace schutznetz::domain
