#include "libs/domain/district_sharing.h"

#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"
#include "libs/common/text.h"
#include "libs/common/uuid.h"

namespace schutznetz::domain {

bool SharedWithDistrict(EventScope scope) {
  return scope == EventScope::kDistrict || scope == EventScope::kPublic;
}

DistrictShare ShareAfterChange(EventScope before, EventScope after) {
  if (SharedWithDistrict(after)) return DistrictShare::kPublish;
  if (SharedWithDistrict(before)) return DistrictShare::kWithdraw;
  return DistrictShare::kNone;
}

absl::Status CheckOwnEvent(const Event& e) {
  if (!e.mirrored) return absl::OkStatus();
  return Bilingual(absl::StatusCode::kFailedPrecondition,
                   absl::StrCat("the event is owned by office ", e.organiser_office,
                                "; only its organiser can change it"),
                   absl::StrCat("die Veranstaltung gehört dem Jugendamt ", e.organiser_office,
                                "; nur der Veranstalter kann sie ändern"));
}

absl::Status CheckCanStopSharing(const Event& e, EventScope new_scope, int live_incoming) {
  if (ShareAfterChange(e.scope, new_scope) != DistrictShare::kWithdraw || live_incoming == 0) {
    return absl::OkStatus();
  }
  return Bilingual(absl::StatusCode::kFailedPrecondition,
                   absl::StrCat("event.scope: ", live_incoming,
                                " participants from other offices are registered; cancel the "
                                "event instead"),
                   absl::StrCat(live_incoming,
                                " Teilnehmende anderer Jugendämter sind angemeldet; bitte die "
                                "Veranstaltung absagen"));
}

absl::Status CheckConsentToShare(const Member& m, const std::string& field) {
  if (m.consent_share_registrations) return absl::OkStatus();
  return Bilingual(
      absl::StatusCode::kFailedPrecondition,
      absl::StrCat(field,
                   ": the member has not consented to share registrations with other offices "
                   "(consent_share_registrations)"),
      "das Mitglied hat der Weitergabe von Anmeldungen an andere Jugendämter nicht zugestimmt");
}

ExternalParticipant ParticipantFor(const Member& m, const std::string& office,
                                   const RegistrationId& registration) {
  ExternalParticipant p;
  p.origin_office = office;
  p.remote_registration_id = registration.value();
  p.name = DisplayName(m);
  p.organisation = m.organisation_name;
  p.sector = m.sector;
  return p;
}

absl::Status ValidateParticipant(const ExternalParticipant& p, const std::string& prefix) {
  FieldViolations v;
  v.Add(ValidateText(prefix + "origin_office", p.origin_office, {.max_chars = 64, .required = true}));
  v.Add(ValidateUuid(prefix + "registration_id", p.remote_registration_id));
  v.Add(ValidateText(prefix + "participant_name", p.name, {.max_chars = 200, .required = true}));
  v.Add(ValidateText(prefix + "organisation_name", p.organisation, {.max_chars = 300}));
  if (p.sector == Sector::kUnspecified) {
    v.Add(prefix + "sector", "is required", "Handlungsfeld ist erforderlich");
  }
  return v.ToStatus();
}

bool NeedsDecision(const Registration& r) {
  return IsIncoming(r) &&
         (r.state != r.notified_state || r.waitlist_position != r.notified_position);
}

RegistrationState StateAfterDecision(RegistrationState current, RegistrationState decided) {
  if (current == RegistrationState::kCancelled) return current;
  return decided;
}

bool IsDecisionState(RegistrationState s) {
  return s == RegistrationState::kRegistered || s == RegistrationState::kWaitlisted ||
         s == RegistrationState::kCancelled || s == RegistrationState::kRejected;
}

}  // namespace schutznetz::domain
