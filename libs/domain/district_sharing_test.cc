#include "libs/domain/district_sharing.h"

#include <gtest/gtest.h>

namespace schutznetz::domain {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1750000000);

Event Planned() {
  Event e;
  e.id = EventId("6f1c2b9e-3d4a-4c5b-8e7f-0123456789ab");
  e.kind = EventKind::kTraining;
  e.title = "Fachtag Kinderschutz";
  e.start_time = kNow + absl::Hours(48);
  e.end_time = e.start_time + absl::Hours(6);
  e.scope = EventScope::kDistrict;
  e.organiser_office = "kreis-soest";
  return e;
}

Member Consenting() {
  Member m;
  m.first_name = "Anna";
  m.last_name = "Beispiel";
  m.email = "anna@example.org";
  m.phone = "02941 1234";
  m.role = "Schulsozialarbeit";
  m.organisation_name = "Realschule am Schloss";
  m.sector = Sector::kSchool;
  m.state = MembershipState::kActive;
  m.consent_share_registrations = true;
  return m;
}

TEST(DistrictSharingTest, DistrictAndPublicEventsAreSharedLocalOnesNot) {
  EXPECT_TRUE(SharedWithDistrict(EventScope::kDistrict));
  EXPECT_TRUE(SharedWithDistrict(EventScope::kPublic));
  EXPECT_FALSE(SharedWithDistrict(EventScope::kLocal));
}

TEST(DistrictSharingTest, LeavingTheDistrictScopeSendsATombstoneOnce) {
  EXPECT_EQ(ShareAfterChange(EventScope::kLocal, EventScope::kDistrict), DistrictShare::kPublish);
  EXPECT_EQ(ShareAfterChange(EventScope::kDistrict, EventScope::kPublic), DistrictShare::kPublish);
  EXPECT_EQ(ShareAfterChange(EventScope::kPublic, EventScope::kLocal), DistrictShare::kWithdraw);
  EXPECT_EQ(ShareAfterChange(EventScope::kLocal, EventScope::kLocal), DistrictShare::kNone);
}

TEST(DistrictSharingTest, MirroredEventsAreReadOnlyAndNameTheirOrganiser) {
  Event e = Planned();
  EXPECT_TRUE(CheckOwnEvent(e).ok());
  e.mirrored = true;
  absl::Status s = CheckOwnEvent(e);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("owned by office kreis-soest"), std::string::npos) << s;
}

TEST(DistrictSharingTest, AnEventWithParticipantsFromOtherOfficesStaysShared) {
  Event e = Planned();
  EXPECT_TRUE(CheckCanStopSharing(e, EventScope::kLocal, 0).ok());
  EXPECT_TRUE(CheckCanStopSharing(e, EventScope::kPublic, 3).ok());
  absl::Status s = CheckCanStopSharing(e, EventScope::kLocal, 3);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("event.scope: 3 participants from other offices"), std::string::npos);
}

TEST(DistrictSharingTest, SharingARegistrationNeedsTheMembersConsent) {
  Member m = Consenting();
  EXPECT_TRUE(CheckConsentToShare(m, "member_id").ok());
  m.consent_share_registrations = false;
  absl::Status s = CheckConsentToShare(m, "member_id");
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("member_id: the member has not consented"), std::string::npos);
  EXPECT_NE(s.message().find("consent_share_registrations"), std::string::npos);
}

TEST(DistrictSharingTest, OnlyNameOrganisationAndSectorTravel) {
  ExternalParticipant p = ParticipantFor(Consenting(), "lippstadt",
                                         RegistrationId("0b7e1c9a-2f4d-4e6b-9a8c-1d2e3f4a5b6c"));
  EXPECT_EQ(p.origin_office, "lippstadt");
  EXPECT_EQ(p.remote_registration_id, "0b7e1c9a-2f4d-4e6b-9a8c-1d2e3f4a5b6c");
  EXPECT_EQ(p.name, "Beispiel, Anna");
  EXPECT_EQ(p.organisation, "Realschule am Schloss");
  EXPECT_EQ(p.sector, Sector::kSchool);
  EXPECT_TRUE(ValidateParticipant(p, "request.").ok());
}

TEST(DistrictSharingTest, ReceivedParticipantsAreCheckedFieldByField) {
  ExternalParticipant p;
  p.origin_office = "lippstadt";
  p.remote_registration_id = "kaputt";
  p.name = "";
  absl::Status s = ValidateParticipant(p, "request.");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("request.registration_id"), std::string::npos) << s;
  EXPECT_NE(s.message().find("request.participant_name"), std::string::npos) << s;
  EXPECT_NE(s.message().find("request.sector"), std::string::npos) << s;
}

TEST(DistrictSharingTest, OriginLearnsEveryChangeOfStateOrWaitlistPlace) {
  Registration r;
  r.participant.origin_office = "soest";
  r.state = RegistrationState::kWaitlisted;
  r.waitlist_position = 2;
  EXPECT_TRUE(NeedsDecision(r));
  r.notified_state = RegistrationState::kWaitlisted;
  r.notified_position = 2;
  EXPECT_FALSE(NeedsDecision(r));
  r.waitlist_position = 1;  // somebody ahead cancelled
  EXPECT_TRUE(NeedsDecision(r));
  Registration local;
  local.state = RegistrationState::kRegistered;
  EXPECT_FALSE(NeedsDecision(local));
}

TEST(DistrictSharingTest, ACancellationAtTheMembersOfficeIsFinal) {
  EXPECT_EQ(StateAfterDecision(RegistrationState::kPending, RegistrationState::kWaitlisted),
            RegistrationState::kWaitlisted);
  EXPECT_EQ(StateAfterDecision(RegistrationState::kWaitlisted, RegistrationState::kRegistered),
            RegistrationState::kRegistered);
  EXPECT_EQ(StateAfterDecision(RegistrationState::kCancelled, RegistrationState::kRegistered),
            RegistrationState::kCancelled);
  EXPECT_TRUE(IsDecisionState(RegistrationState::kRejected));
  EXPECT_FALSE(IsDecisionState(RegistrationState::kPending));
}

TEST(RegistrationTest, OnlyPlannedSharedEventsThatHaveNotStartedTakeRegistrations) {
  Event e = Planned();
  EXPECT_TRUE(CheckOpenForRegistration(e, kNow).ok());
  EXPECT_EQ(CheckOpenForRegistration(e, e.start_time).code(),
            absl::StatusCode::kFailedPrecondition);
  e.state = EventState::kCancelled;
  EXPECT_EQ(CheckOpenForRegistration(e, kNow).code(), absl::StatusCode::kFailedPrecondition);
  e = Planned();
  e.mirrored = true;
  e.withdrawn = true;
  absl::Status s = CheckOpenForRegistration(e, kNow);
  EXPECT_NE(s.message().find("office kreis-soest no longer shares"), std::string::npos) << s;
}

TEST(RegistrationTest, PendingAndRejectedRoundTripAndOnlyRejectedEndsARegistration) {
  EXPECT_EQ(RegistrationStateFromSlug("pending"), RegistrationState::kPending);
  EXPECT_EQ(RegistrationStateLabel(RegistrationState::kRejected), "abgelehnt");
  EXPECT_EQ(RegistrationStateFromNumber(5), RegistrationState::kRejected);
  EXPECT_FALSE(RegistrationStateFromNumber(6).has_value());
  EXPECT_TRUE(IsLive(RegistrationState::kPending));
  EXPECT_TRUE(IsLive(RegistrationState::kWaitlisted));
  EXPECT_FALSE(IsLive(RegistrationState::kRejected));
  EXPECT_FALSE(IsLive(RegistrationState::kCancelled));
}

}  // namespace
}  // namespace schutznetz::domain
