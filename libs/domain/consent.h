// Consents of members by purpose, bound to the exact text shown (DESIGN.md §5: only a person's
// recorded consent is a legal basis for passing their data on; §§ 61–65 SGB VIII, Art. 7 GDPR).
//
// An office publishes a consent text per purpose in numbered versions; a consent records the
// version and the SHA-256 of the text the person saw, where it came from (an online form, a
// signed paper form, entered by the coordination) and when; a withdrawal ends it. What a purpose
// allows is checked where the data is used (directory listing, public contacts, registrations
// for other offices' events), and withdrawing the sharing consent erases the registration data
// other offices hold (ErasureLink).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "libs/domain/member.h"

namespace schutznetz::domain {

enum class ConsentPurpose {
  kUnspecified = 0,
  kInternalDirectory = 1,   // listed with contact data in the office's internal directory
  kPublicContact = 2,       // listed on the public contact page
  kShareRegistrations = 3,  // registration data may go to another office for a district event
  kInsofaPool = 4,          // listed in the district's InsoFa pool, seen by every office
};

std::string_view ConsentPurposeSlug(ConsentPurpose p);   // "share_registrations"
std::string_view ConsentPurposeLabel(ConsentPurpose p);  // "Weitergabe von Anmeldedaten"
std::optional<ConsentPurpose> ConsentPurposeFromSlug(std::string_view slug);
std::optional<ConsentPurpose> ConsentPurposeFromNumber(int value);

enum class ConsentSource {
  kUnspecified = 0,
  kForm = 1,         // the person filled in a form themselves
  kPaper = 2,        // a signed paper form, entered by the coordination
  kCoordinator = 3,  // entered by the coordination (e.g. with the member's data)
  kErasure = 4,      // withdrawals only: ended because the member was erased
};

std::string_view ConsentSourceSlug(ConsentSource s);   // "paper"
std::string_view ConsentSourceLabel(ConsentSource s);  // "Papierformular"
std::optional<ConsentSource> ConsentSourceFromSlug(std::string_view slug);
std::optional<ConsentSource> ConsentSourceFromNumber(int value);

struct ConsentText {
  ConsentPurpose purpose = ConsentPurpose::kUnspecified;
  int version = 0;
  std::string body;
  std::string sha256;  // of the UTF-8 body, lower-case hex
  absl::Time published_at;
  std::string published_by;  // actor, e.g. "token:<id>"
};

struct Consent {
  std::string id;
  MemberId member_id;
  ConsentPurpose purpose = ConsentPurpose::kUnspecified;
  int text_version = 0;
  std::string text_sha256;
  ConsentSource source = ConsentSource::kUnspecified;
  absl::Time given_at;
  std::string recorded_by;
  absl::Time withdrawn_at = absl::InfiniteFuture();  // InfiniteFuture: live
  std::string withdrawn_by;
  ConsentSource withdrawal_source = ConsentSource::kUnspecified;

  bool live() const { return withdrawn_at == absl::InfiniteFuture(); }
};

// Checks a new consent text (field "body"): not empty, at most 20,000 characters.
absl::Status ValidateConsentText(std::string_view body, const std::string& field);

// INVALID_ARGUMENT naming `field` unless `sha256` is the hash of `text` — the text the person
// was shown must be the text of the version named.
absl::Status CheckShownText(const ConsentText& text, std::string_view sha256,
                            const std::string& field);

// FAILED_PRECONDITION unless a consent may be given for `m`: requested or active, not anonymised.
absl::Status CheckCanConsent(const Member& m);

// Whether `m` has a live consent for `purpose` (the member's mirrored flags). kInsofaPool has no
// mirrored flag (always false here): ask storage::ConsentsRepository::FindLive.
bool HasConsent(const Member& m, ConsentPurpose purpose);

}  // namespace schutznetz::domain
