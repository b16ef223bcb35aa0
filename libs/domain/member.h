// Member (Fachkraft): a professional of a member organisation, and the membership lifecycle.
//
// Names and contact data are personal data. They stay in the office's database, are never
// logged, never leave the office except as a consented registration, and are cleared on erasure
// (anonymisation) while the row remains so that counts and statistics stay correct.
//
// Lifecycle:  REQUESTED ──approve──▶ ACTIVE ──end──▶ LEFT
//                 └──────decline──▶ DECLINED
// Anonymisation is allowed once the membership is LEFT or DECLINED.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "libs/common/strong_id.h"
#include "libs/domain/etag.h"
#include "libs/domain/organisation.h"
#include "libs/domain/sector.h"

namespace schutznetz::domain {

using MemberId = StrongId<struct MemberIdTag>;

inline constexpr ResourceKind kMemberKind{"member", "Mitglied"};

enum class MembershipState { kUnspecified = 0, kRequested = 1, kActive = 2, kDeclined = 3, kLeft = 4 };

std::string_view MembershipStateSlug(MembershipState s);   // "requested"
std::string_view MembershipStateLabel(MembershipState s);  // "beantragt"
std::optional<MembershipState> MembershipStateFromSlug(std::string_view slug);
std::optional<MembershipState> MembershipStateFromNumber(int value);

struct Member {
  MemberId id;
  OrganisationId organisation_id;
  std::string first_name;
  std::string last_name;
  std::string role;
  std::string email;
  std::string phone;
  bool consent_internal_directory = false;
  bool consent_share_registrations = false;
  bool consent_public_contact = false;  // consent records (consent.h) keep these three current
  MembershipState state = MembershipState::kRequested;
  std::string decision_reason;
  absl::Time request_time = absl::InfinitePast();
  absl::Time join_time = absl::InfinitePast();   // InfinitePast: not (yet) joined
  absl::Time leave_time = absl::InfinitePast();
  bool anonymised = false;
  int64_t version = 0;
  absl::Time create_time;
  absl::Time update_time;
  // Read-only, from the organisation.
  std::string organisation_name;
  Sector sector = Sector::kUnspecified;
  ActorCategory actor_category = ActorCategory::kUnspecified;
};

struct MemberFilter {
  std::string name_contains;
  OrganisationId organisation_id;
  Sector sector = Sector::kUnspecified;
  ActorCategory actor_category = ActorCategory::kUnspecified;
  std::string municipality;
  MembershipState state = MembershipState::kUnspecified;
};

// Field names accepted in an UpdateMember update_mask.
const std::vector<std::string>& MemberMutableFields();

// Checks the user-editable fields; names are prefixed with `prefix` ("member.").
absl::Status ValidateMember(const Member& m, const std::string& prefix);

// FAILED_PRECONDITION unless `from` may become `to`.
absl::Status CheckMembershipTransition(MembershipState from, MembershipState to);

// FAILED_PRECONDITION unless the member may be anonymised (LEFT or DECLINED, not yet anonymised).
absl::Status CheckCanAnonymise(const Member& m);

// Clears every personal field (names, role, contact data, consents, reason) and marks the member
// anonymised; ids, organisation, state and dates stay for the statistics.
void Anonymise(Member* m);

// A display name that never fails: "Müller, Anna" or "(anonymisiert)".
std::string DisplayName(const Member& m);

}  // namespace schutznetz::domain
