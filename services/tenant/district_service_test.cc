// District events and registrations across offices at one office, on a real database: what the
// event and registration services send to the district, how they show other offices' events and
// participants, and how the office applies the items other offices send (through a real Applier
// with the office's handlers, as its sync agent would).
#include <gtest/gtest.h>

#include "absl/time/clock.h"
#include "libs/common/time.h"
#include "libs/common/uuid.h"
#include "libs/federation/district_event_handler.h"
#include "libs/federation/items.h"
#include "libs/rpc/proto_util.h"
#include "libs/storage/tx.h"
#include "libs/sync/applier.h"
#include "schutznetz/v1/district_items.pb.h"
#include "services/tenant/erasure_link.h"
#include "services/tenant/seat_handlers.h"
#include "services/tenant/tenant_fixture.h"

namespace schutznetz::tenant {
namespace {

// The fixture (applier, mirrored training, requests from other offices) is CrossOfficeTest in
// tenant_fixture.h, shared with the data protection tests.
class DistrictServiceTest : public CrossOfficeTest {};

TEST_F(DistrictServiceTest, SharedEventsGoToEveryOfficeWithoutAgendaLocalOnesStayHere) {
  CreateEvent(EventAt("03.04.2025 09:00"));
  EXPECT_TRUE(Sent(federation::kDistrictEventItem).empty());
  v1::Event shared = Shared(30);
  std::vector<domain::SyncItem> sent = Sent(federation::kDistrictEventItem);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].id, shared.id());
  EXPECT_EQ(sent[0].origin, "lippstadt");
  EXPECT_EQ(sent[0].destination, "");
  EXPECT_GT(sent[0].version, 0);
  EXPECT_EQ(sent[0].payload.find("Referentin"), std::string::npos);
  v1::DistrictEvent payload;
  ASSERT_TRUE(payload.ParseFromString(sent[0].payload));
  EXPECT_EQ(payload.title(), shared.title());
  EXPECT_EQ(payload.capacity(), 30);
  EXPECT_EQ(payload.state(), v1::DISTRICT_EVENT_STATE_PLANNED);
}

TEST_F(DistrictServiceTest, ChangesSeatsAndLeavingTheDistrictAreSentWithGrowingVersions) {
  v1::Event shared = Shared(1);
  ASSERT_TRUE(Register(shared.id(), CreateActiveMember("A", "Erste")).ok());
  ASSERT_TRUE(Register(shared.id(), CreateActiveMember("B", "Zweite")).ok());
  v1::UpdateEventRequest req;
  req.mutable_event()->set_id(shared.id());
  req.mutable_event()->set_scope(v1::EVENT_SCOPE_LOCAL);
  req.mutable_update_mask()->add_paths("scope");
  v1::UpdateEventResponse resp;
  grpc::ClientContext ctx;
  ASSERT_TRUE(events_->UpdateEvent(&ctx, req, &resp).ok());
  std::vector<domain::SyncItem> sent = Sent(federation::kDistrictEventItem);
  ASSERT_EQ(sent.size(), 4u);  // created, two seat changes, withdrawn
  for (size_t i = 1; i < sent.size(); ++i) EXPECT_GT(sent[i].version, sent[i - 1].version);
  v1::DistrictEvent waitlisted, withdrawn;
  ASSERT_TRUE(waitlisted.ParseFromString(sent[2].payload));
  EXPECT_EQ(waitlisted.registered_count(), 1);
  EXPECT_EQ(waitlisted.waitlisted_count(), 1);
  ASSERT_TRUE(withdrawn.ParseFromString(sent[3].payload));
  EXPECT_EQ(withdrawn.state(), v1::DISTRICT_EVENT_STATE_WITHDRAWN);
  EXPECT_TRUE(withdrawn.title().empty());
  // A local event tells nobody about its further changes.
  ASSERT_TRUE(Register(shared.id(), CreateActiveMember("C", "Dritte")).ok());
  EXPECT_EQ(Sent(federation::kDistrictEventItem).size(), 4u);
}

TEST_F(DistrictServiceTest, OtherOfficesEventsAreInTheCalendarButReadOnly) {
  MirrorTraining();
  v1::Event own = CreateEvent(EventAt("03.04.2025 09:00"));
  v1::ListEventsRequest list;
  v1::ListEventsResponse all;
  grpc::ClientContext c1;
  ASSERT_TRUE(events_->ListEvents(&c1, list, &all).ok());
  ASSERT_EQ(all.events_size(), 2);
  EXPECT_EQ(all.total_size(), 2);
  EXPECT_EQ(all.events(0).id(), kMirroredId);  // 10.03. before 03.04.
  EXPECT_TRUE(all.events(0).mirrored());
  EXPECT_EQ(all.events(0).organiser_office(), "kreis-soest");
  EXPECT_EQ(all.events(0).registered_count(), 4);
  EXPECT_FALSE(all.events(1).mirrored());
  list.set_organiser_office("lippstadt");
  v1::ListEventsResponse own_only;
  grpc::ClientContext c2;
  ASSERT_TRUE(events_->ListEvents(&c2, list, &own_only).ok());
  ASSERT_EQ(own_only.events_size(), 1);
  EXPECT_EQ(own_only.events(0).id(), own.id());

  v1::GetEventRequest get;
  get.set_id(kMirroredId);
  v1::GetEventResponse got;
  grpc::ClientContext c3;
  ASSERT_TRUE(events_->GetEvent(&c3, get, &got).ok());
  EXPECT_EQ(got.event().title(), "Fortbildung: Insoweit erfahrene Fachkraft");

  auto expect_owned = [](const grpc::Status& s) {
    EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
    EXPECT_NE(s.error_message().find("owned by office kreis-soest"), std::string::npos)
        << s.error_message();
  };
  v1::UpdateEventRequest update;
  update.mutable_event()->set_id(kMirroredId);
  update.mutable_event()->set_title("Übernommen");
  update.mutable_update_mask()->add_paths("title");
  v1::UpdateEventResponse updated;
  grpc::ClientContext c4;
  expect_owned(events_->UpdateEvent(&c4, update, &updated));
  v1::CancelEventRequest cancel;
  cancel.set_id(kMirroredId);
  cancel.set_reason("Krankheit");
  v1::CancelEventResponse cancelled;
  grpc::ClientContext c5;
  expect_owned(events_->CancelEvent(&c5, cancel, &cancelled));
  v1::SetAgendaRequest agenda;
  agenda.set_event_id(kMirroredId);
  agenda.add_items()->set_title("Neu");
  v1::SetAgendaResponse agenda_resp;
  grpc::ClientContext c6;
  expect_owned(events_->SetAgenda(&c6, agenda, &agenda_resp));
  v1::DeleteEventRequest del;
  del.set_id(kMirroredId);
  v1::DeleteEventResponse deleted;
  grpc::ClientContext c7;
  expect_owned(events_->DeleteEvent(&c7, del, &deleted));
  now_ = ParseLocalDateTime("10.03.2025 10:00", "now").value();
  v1::RecordAttendanceRequest attendance;
  attendance.set_event_id(kMirroredId);
  attendance.add_entries()->set_member_id(CreateActiveMember("G", "Gast"));
  attendance.mutable_entries(0)->set_attended(true);
  v1::RecordAttendanceResponse attended;
  grpc::ClientContext c8;
  expect_owned(registrations_->RecordAttendance(&c8, attendance, &attended));
  // Nothing changed: the mirror is as received, no audit entry, nothing sent.
  EXPECT_EQ(QueryScalar("SELECT title || '@' || version || '/' || state FROM district_events"),
            "Fortbildung: Insoweit erfahrene Fachkraft@10/planned");
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM audit_log WHERE resource_id = '" +
                        std::string(kMirroredId) + "'"),
            "0");
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM registrations"), "0");
}

TEST_F(DistrictServiceTest, NewerVersionsReplaceTheMirrorOlderOnesDoNotAndATombstoneHidesIt) {
  MirrorTraining(10);
  MirrorTraining(5, 99);  // arrives late: ignored
  EXPECT_EQ(QueryScalar("SELECT capacity FROM district_events"), "20");
  v1::DistrictEvent gone;
  gone.set_id(kMirroredId);
  gone.set_organiser_office("kreis-soest");
  gone.set_state(v1::DISTRICT_EVENT_STATE_WITHDRAWN);
  EXPECT_EQ(Receive(federation::kDistrictEventItem, kMirroredId, "kreis-soest", 11,
                    gone.SerializeAsString())
                .outcome,
            sync::ApplyResult::Outcome::kApplied);
  v1::ListEventsResponse list;
  grpc::ClientContext c1;
  ASSERT_TRUE(events_->ListEvents(&c1, v1::ListEventsRequest(), &list).ok());
  EXPECT_EQ(list.events_size(), 0);
  v1::GetEventRequest get;
  get.set_id(kMirroredId);
  v1::GetEventResponse got;
  grpc::ClientContext c2;
  EXPECT_EQ(events_->GetEvent(&c2, get, &got).error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Register(kMirroredId, ActiveMember("Spät", true)).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  // Another office cannot take over the event id.
  domain::Event stolen = Training(20);
  stolen.organiser_office = "soest";
  EXPECT_EQ(Receive(federation::kDistrictEventItem, kMirroredId, "soest", 12,
                    federation::DistrictEventPayload(stolen))
                .outcome,
            sync::ApplyResult::Outcome::kRejected);
  EXPECT_EQ(QueryScalar("SELECT organiser_office || '/' || state FROM district_events"),
            "kreis-soest/withdrawn");
}

TEST_F(DistrictServiceTest, RegisteringForAnotherOfficesEventNeedsTheMembersConsent) {
  MirrorTraining();
  std::string refusing = ActiveMember("Ohnezustimmung", false);
  grpc::Status s = Register(kMirroredId, refusing);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(s.error_message().find("member_id: the member has not consented"), std::string::npos);
  EXPECT_NE(s.error_message().find("consent_share_registrations"), std::string::npos);
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM registrations"), "0");
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM change_log"), "0");
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM audit_log WHERE resource_type = 'registration'"),
            "0");
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM trail"), "0");
}

TEST_F(DistrictServiceTest, ARegistrationForAnotherOfficesEventIsPendingAndCarriesOnlyNameOrganisationSector) {
  MirrorTraining();
  std::string member = ActiveMember("Zustimmung", true);
  v1::Registration pending;
  ASSERT_TRUE(Register(kMirroredId, member, &pending).ok());
  EXPECT_EQ(pending.state(), v1::REGISTRATION_STATE_PENDING);
  EXPECT_EQ(pending.organiser_office(), "kreis-soest");
  EXPECT_EQ(pending.member_name(), "Zustimmung, Mia");
  EXPECT_EQ(Register(kMirroredId, member).error_code(), grpc::StatusCode::ALREADY_EXISTS);
  std::vector<domain::SyncItem> sent = Sent(federation::kRegistrationRequestItem);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].id, pending.id());
  EXPECT_EQ(sent[0].destination, "kreis-soest");
  v1::RegistrationRequest request;
  ASSERT_TRUE(request.ParseFromString(sent[0].payload));
  EXPECT_EQ(request.participant_name(), "Zustimmung, Mia");
  EXPECT_EQ(request.organisation_name(), "Realschule Zustimmung");
  EXPECT_EQ(request.sector(), v1::SECTOR_SCHOOL);
  EXPECT_EQ(sent[0].payload.find("schule.example"), std::string::npos);  // no e-mail
  EXPECT_EQ(sent[0].payload.find("98765"), std::string::npos);           // no phone
  EXPECT_EQ(sent[0].payload.find(member), std::string::npos);            // no member id
  EXPECT_EQ(QueryScalar("SELECT detail FROM audit_log WHERE resource_id = '" + pending.id() + "'"),
            "pending at office kreis-soest");
  std::vector<v1::Registration> mine = List(kMirroredId);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].state(), v1::REGISTRATION_STATE_PENDING);
}

TEST_F(DistrictServiceTest, ARegistrationSentToAnotherOfficeIsAHandoverInTheTrailWithoutTheData) {
  MirrorTraining();
  std::string member = ActiveMember("Zustimmung", true);
  v1::Registration pending;
  ASSERT_TRUE(Register(kMirroredId, member, &pending).ok());
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM trail"), "1");
  EXPECT_EQ(QueryScalar("SELECT concat_ws('|', seq, kind, subject, counterpart, details) "
                        "FROM trail"),
            "1|handover|" + pending.id() + "|kreis-soest|registration data (name, organisation, "
                                           "sector) for event " + std::string(kMirroredId));
  EXPECT_EQ(QueryScalar("SELECT actor FROM trail").rfind("token:", 0), 0u);
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM trail WHERE concat(subject, details, actor) "
                        "LIKE '%Zustimmung%' OR concat(subject, details, actor) LIKE '%" +
                        member + "%'"),
            "0");
  // Cancelling sends no personal data: no further entry.
  v1::CancelRegistrationResponse cancelled;
  grpc::ClientContext ctx;
  v1::CancelRegistrationRequest cancel;
  cancel.set_id(pending.id());
  ASSERT_TRUE(registrations_->CancelRegistration(&ctx, cancel, &cancelled).ok());
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM trail"), "1");
}

TEST_F(DistrictServiceTest, TheOrganisersNewestDecisionHoldsAndACancellationHereIsFinal) {
  MirrorTraining();
  v1::Registration r;
  ASSERT_TRUE(Register(kMirroredId, ActiveMember("Entscheidung", true), &r).ok());
  // (Read now: the first decision shows the request delivered and drops its payload here.)
  ASSERT_EQ(Sent(federation::kRegistrationRequestItem).size(), 1u);
  const int64_t request_version = Sent(federation::kRegistrationRequestItem)[0].version;
  auto decide = [&](const std::string& origin, int64_t version, domain::RegistrationState state,
                    int position) {
    federation::SeatDecision d{r.id(), domain::EventId(kMirroredId), state, position, ""};
    return Receive(federation::kRegistrationDecisionItem, r.id(), origin, version,
                   federation::SeatDecisionPayload(d))
        .outcome;
  };
  EXPECT_EQ(decide("soest", 5, domain::RegistrationState::kRegistered, 0),
            sync::ApplyResult::Outcome::kRejected);  // not the organiser
  EXPECT_EQ(decide("kreis-soest", 5, domain::RegistrationState::kWaitlisted, 2),
            sync::ApplyResult::Outcome::kApplied);
  EXPECT_EQ(decide("kreis-soest", 4, domain::RegistrationState::kRegistered, 0),
            sync::ApplyResult::Outcome::kApplied);  // older word: no effect
  std::vector<v1::Registration> mine = List(kMirroredId);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].state(), v1::REGISTRATION_STATE_WAITLISTED);
  EXPECT_EQ(mine[0].waitlist_position(), 2);

  v1::CancelRegistrationRequest cancel;
  cancel.set_id(r.id());
  v1::CancelRegistrationResponse cancelled;
  grpc::ClientContext ctx;
  ASSERT_TRUE(registrations_->CancelRegistration(&ctx, cancel, &cancelled).ok());
  EXPECT_EQ(cancelled.registration().state(), v1::REGISTRATION_STATE_CANCELLED);
  EXPECT_EQ(cancelled.registration().waitlist_position(), 0);  // off the waitlist
  std::vector<domain::SyncItem> sent = Sent(federation::kRegistrationCancelItem);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].destination, "kreis-soest");
  EXPECT_GT(sent[0].version, request_version);
  EXPECT_EQ(decide("kreis-soest", 6, domain::RegistrationState::kRegistered, 0),
            sync::ApplyResult::Outcome::kApplied);
  EXPECT_EQ(List(kMirroredId)[0].state(), v1::REGISTRATION_STATE_CANCELLED);
  EXPECT_EQ(List(kMirroredId)[0].waitlist_position(), 0);
}

TEST_F(DistrictServiceTest, AnOrganiserRestoredFromABackupGetsTheLiveRegistrationsAgain) {
  MirrorTraining();
  v1::Registration kept;
  ASSERT_TRUE(Register(kMirroredId, ActiveMember("Bleibt", true), &kept).ok());
  v1::Registration gone;
  ASSERT_TRUE(Register(kMirroredId, ActiveMember("Abgemeldet", true), &gone).ok());
  for (const v1::Registration* r : {&kept, &gone}) {
    federation::SeatDecision d{r->id(), domain::EventId(kMirroredId),
                               domain::RegistrationState::kRegistered, 0, ""};
    ASSERT_EQ(Receive(federation::kRegistrationDecisionItem, r->id(), "kreis-soest", 5,
                      federation::SeatDecisionPayload(d))
                  .outcome,
              sync::ApplyResult::Outcome::kApplied);
  }
  // The decisions dropped the requests' personal data here.
  ASSERT_TRUE(Sent(federation::kRegistrationRequestItem).empty());
  v1::CancelRegistrationRequest cancel;
  cancel.set_id(gone.id());
  v1::CancelRegistrationResponse cancelled;
  grpc::ClientContext ctx;
  ASSERT_TRUE(registrations_->CancelRegistration(&ctx, cancel, &cancelled).ok());

  int64_t version = 6;  // (an item seen once, even rejected, is a duplicate the second time)
  auto resend = [&](const std::string& origin, const std::string& id, const std::string& epoch,
                    const std::string& destination) {
    return Receive(federation::kRegistrationResendItem, id, origin, ++version,
                   federation::RegistrationResendPayload(epoch), destination)
        .outcome;
  };
  const std::string epoch = NewUuid();
  // Malformed: the id is not the epoch; addressed to one office only. Nothing is sent.
  EXPECT_EQ(resend("kreis-soest", NewUuid(), epoch, ""), sync::ApplyResult::Outcome::kRejected);
  EXPECT_EQ(resend("kreis-soest", epoch, epoch, "lippstadt"),
            sync::ApplyResult::Outcome::kRejected);
  // Another office restored: no registrations for its events here.
  const std::string warstein = NewUuid();
  EXPECT_EQ(resend("warstein", warstein, warstein, ""), sync::ApplyResult::Outcome::kApplied);
  EXPECT_TRUE(Sent(federation::kRegistrationRequestItem).empty());

  // Kreis Soest restored: the live registration goes out again, the cancelled one does not.
  EXPECT_EQ(resend("kreis-soest", epoch, epoch, ""), sync::ApplyResult::Outcome::kApplied);
  std::vector<domain::SyncItem> sent = Sent(federation::kRegistrationRequestItem);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].id, kept.id());
  EXPECT_EQ(sent[0].destination, "kreis-soest");
  absl::StatusOr<federation::SeatRequest> request = federation::SeatRequestFromItem(sent[0]);
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->participant.name, "Bleibt, Mia");
  // The organiser's new answer is newer than the one before the restore and holds.
  federation::SeatDecision d{kept.id(), domain::EventId(kMirroredId),
                             domain::RegistrationState::kWaitlisted, 1, ""};
  ASSERT_EQ(Receive(federation::kRegistrationDecisionItem, kept.id(), "kreis-soest", 20,
                    federation::SeatDecisionPayload(d))
                .outcome,
            sync::ApplyResult::Outcome::kApplied);
  for (const v1::Registration& r : List(kMirroredId)) {
    EXPECT_EQ(r.state(), r.id() == kept.id() ? v1::REGISTRATION_STATE_WAITLISTED
                                             : v1::REGISTRATION_STATE_CANCELLED)
        << r.id();
  }
}

TEST_F(DistrictServiceTest, AfterARestoreTheSharedOwnEventsArePublishedAgainAndRegistrationsAskedFor) {
  v1::Event shared = Shared(3);
  std::vector<domain::SyncItem> before = Sent(federation::kDistrictEventItem);
  ASSERT_EQ(before.size(), 1u);
  const std::string epoch = NewUuid();
  ASSERT_TRUE(db().Transact([&](storage::Tx& tx) { return link_->AfterRestore(tx, epoch); }).ok());
  std::vector<domain::SyncItem> events = Sent(federation::kDistrictEventItem);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].id, shared.id());
  EXPECT_GT(events[1].version, before[0].version);
  std::vector<domain::SyncItem> asks = Sent(federation::kRegistrationResendItem);
  ASSERT_EQ(asks.size(), 1u);
  EXPECT_EQ(asks[0].id, epoch);
  EXPECT_EQ(asks[0].destination, domain::kToEveryOffice);
  EXPECT_TRUE(federation::CheckRegistrationResendItem(asks[0]).ok());
}

TEST_F(DistrictServiceTest, ARejectionComesBackWithItsReason) {
  MirrorTraining();
  v1::Registration r;
  ASSERT_TRUE(Register(kMirroredId, ActiveMember("Abgelehnt", true), &r).ok());
  federation::SeatDecision d{r.id(), domain::EventId(kMirroredId),
                             domain::RegistrationState::kRejected, 0,
                             "the event has already started / die Veranstaltung hat bereits begonnen"};
  EXPECT_EQ(Receive(federation::kRegistrationDecisionItem, r.id(), "kreis-soest", 3,
                    federation::SeatDecisionPayload(d))
                .outcome,
            sync::ApplyResult::Outcome::kApplied);
  v1::Registration after = List(kMirroredId)[0];
  EXPECT_EQ(after.state(), v1::REGISTRATION_STATE_REJECTED);
  EXPECT_NE(after.reason().find("already started"), std::string::npos);
  // A rejected registration no longer blocks a new one.
  EXPECT_TRUE(Register(kMirroredId, after.member_id()).ok());
}

TEST_F(DistrictServiceTest, ParticipantsFromOtherOfficesAreStoredWithoutMemberAndListedWithTheirOffice) {
  v1::Event training = Shared(1);
  std::string soest = Request(training.id(), "soest", "Sommer, Lena");
  std::string warstein = Request(training.id(), "warstein", "Winter, Paul");
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM registrations WHERE member_id IS NULL AND "
                        "origin_office IS NOT NULL AND person_sector = 'child_youth_welfare'"),
            "2");
  std::string to;
  EXPECT_EQ(LastDecision(soest, &to).state(), v1::REGISTRATION_STATE_REGISTERED);
  EXPECT_EQ(to, "soest");
  v1::RegistrationDecision waiting = LastDecision(warstein, &to);
  EXPECT_EQ(waiting.state(), v1::REGISTRATION_STATE_WAITLISTED);
  EXPECT_EQ(waiting.waitlist_position(), 1);
  EXPECT_EQ(to, "warstein");
  std::vector<v1::Registration> list = List(training.id());
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].member_name(), "Sommer, Lena");
  EXPECT_EQ(list[0].organisation_name(), "Kita Sonnenschein");
  EXPECT_EQ(list[0].origin_office(), "soest");
  EXPECT_TRUE(list[0].member_id().empty());
  EXPECT_EQ(list[1].origin_office(), "warstein");
  EXPECT_EQ(list[1].waitlist_position(), 1);
  // The audit names offices and states, never the people.
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM audit_log WHERE detail LIKE '%Sommer%' OR detail "
                        "LIKE '%Winter%'"),
            "0");
  EXPECT_EQ(QueryScalar("SELECT string_agg(actor || ' ' || detail, '; ' ORDER BY id) FROM "
                        "audit_log WHERE action = 'register'"),
            "office:soest office soest: registered; office:warstein office warstein: waitlisted 1");
  // Replaying the request changes nothing.
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM registrations"), "2");
}

TEST_F(DistrictServiceTest, ACancellationFromAnotherOfficeMovesTheWaitlistUpAndTellsEveryOffice) {
  v1::Event training = Shared(1);
  std::string soest = Request(training.id(), "soest", "Sommer, Lena");
  std::string local = CreateActiveMember("L", "Lokal");
  ASSERT_TRUE(Register(training.id(), local).ok());  // waitlist 1
  std::string warstein = Request(training.id(), "warstein", "Winter, Paul");  // waitlist 2
  EXPECT_EQ(LastDecision(warstein).waitlist_position(), 2);
  federation::SeatCancel c{domain::EventId(training.id()), soest};
  EXPECT_EQ(Receive(federation::kRegistrationCancelItem, soest, "soest", 2,
                    federation::SeatCancelPayload(c))
                .outcome,
            sync::ApplyResult::Outcome::kApplied);
  std::vector<v1::Registration> list = List(training.id());
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0].member_id(), local);  // moved up
  EXPECT_EQ(list[0].state(), v1::REGISTRATION_STATE_REGISTERED);
  EXPECT_EQ(list[1].origin_office(), "warstein");
  EXPECT_EQ(list[1].waitlist_position(), 1);
  EXPECT_EQ(LastDecision(soest).state(), v1::REGISTRATION_STATE_CANCELLED);
  v1::RegistrationDecision moved = LastDecision(warstein);
  EXPECT_EQ(moved.state(), v1::REGISTRATION_STATE_WAITLISTED);
  EXPECT_EQ(moved.waitlist_position(), 1);
  v1::DistrictEvent last;
  ASSERT_TRUE(last.ParseFromString(Sent(federation::kDistrictEventItem).back().payload));
  EXPECT_EQ(last.registered_count(), 1);
  EXPECT_EQ(last.waitlisted_count(), 1);
}

TEST_F(DistrictServiceTest, RequestsThatCannotBeAcceptedAreRejectedWithAReasonAndStoreNothing) {
  v1::Event local = CreateEvent(EventAt("03.04.2025 09:00", 5));
  std::string unknown = Request("11111111-2222-4333-8444-555555555555", "soest", "Sommer, Lena");
  std::string not_shared = Request(local.id(), "soest", "Sommer, Lena");
  v1::RegistrationDecision d = LastDecision(unknown);
  EXPECT_EQ(d.state(), v1::REGISTRATION_STATE_REJECTED);
  EXPECT_NE(d.reason().find("not found"), std::string::npos) << d.reason();
  EXPECT_NE(LastDecision(not_shared).reason().find("not shared with other offices"),
            std::string::npos);
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM registrations"), "0");
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM audit_log WHERE action = 'reject'"), "2");
}

TEST_F(DistrictServiceTest, ParticipantsFromOtherOfficesCountAsAttendeesAndKeepTheEventShared) {
  v1::Event training = Shared(10);
  Request(training.id(), "soest", "Sommer, Lena");
  v1::UpdateEventRequest update;
  update.mutable_event()->set_id(training.id());
  update.mutable_event()->set_scope(v1::EVENT_SCOPE_LOCAL);
  update.mutable_update_mask()->add_paths("scope");
  v1::UpdateEventResponse updated;
  grpc::ClientContext c1;
  grpc::Status s = events_->UpdateEvent(&c1, update, &updated);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(s.error_message().find("event.scope: 1 participants from other offices"),
            std::string::npos);
  EXPECT_EQ(QueryScalar("SELECT scope FROM events"), "district");

  now_ = ParseLocalDateTime("03.04.2025 10:00", "now").value();
  std::string id = List(training.id())[0].id();
  v1::RecordAttendanceRequest req;
  req.set_event_id(training.id());
  req.add_entries()->set_registration_id(id);
  req.mutable_entries(0)->set_attended(true);
  v1::RecordAttendanceResponse resp;
  grpc::ClientContext c2;
  ASSERT_TRUE(registrations_->RecordAttendance(&c2, req, &resp).ok());
  EXPECT_EQ(resp.attended_count(), 1);
  req.mutable_entries(0)->set_member_id(CreateActiveMember("X", "Beides"));
  grpc::ClientContext c3;
  grpc::Status both = registrations_->RecordAttendance(&c3, req, &resp);
  EXPECT_EQ(both.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(both.error_message().find("entries[0].registration_id"), std::string::npos);
}

std::string StateOf(const std::vector<v1::Registration>& list, const std::string& id) {
  for (const v1::Registration& r : list) {
    if (r.id() == id) return v1::RegistrationState_Name(r.state());
  }
  return "missing";
}

TEST_F(DistrictServiceTest, WithdrawnSharingConsentErasesAtTheOrganiserUntilItsReceiptArrives) {
  MirrorTraining();
  std::string mia = ActiveMember("Meier", true);
  v1::Registration reg;
  ASSERT_TRUE(Register(kMirroredId, mia, &reg).ok());
  ASSERT_EQ(Sent(federation::kRegistrationRequestItem).size(), 1u);
  // The organiser's decision shows the request delivered: its payload (her name) is dropped here.
  federation::SeatDecision decision{reg.id(), domain::EventId(kMirroredId),
                                    domain::RegistrationState::kRegistered, 0, ""};
  ASSERT_EQ(Receive(federation::kRegistrationDecisionItem, reg.id(), "kreis-soest", 11,
                    federation::SeatDecisionPayload(decision))
                .outcome,
            sync::ApplyResult::Outcome::kApplied);
  EXPECT_TRUE(Sent(federation::kRegistrationRequestItem).empty());

  v1::WithdrawConsentRequest withdraw;
  withdraw.set_member_id(mia);
  withdraw.set_purpose(v1::CONSENT_PURPOSE_SHARE_REGISTRATIONS);
  withdraw.set_source(v1::CONSENT_SOURCE_FORM);
  v1::WithdrawConsentResponse withdrawn;
  grpc::ClientContext c1;
  ASSERT_TRUE(consents_->WithdrawConsent(&c1, withdraw, &withdrawn).ok());
  EXPECT_EQ(withdrawn.erasure_requests(), 1);
  EXPECT_EQ(StateOf(List(kMirroredId), reg.id()), "REGISTRATION_STATE_CANCELLED");
  std::vector<domain::SyncItem> sent = Sent(federation::kErasureRequestItem);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].destination, "kreis-soest");
  v1::ErasureRequest payload;
  ASSERT_TRUE(payload.ParseFromString(sent[0].payload));
  EXPECT_EQ(payload.request_id(), sent[0].id);
  ASSERT_EQ(payload.registration_ids_size(), 1);
  EXPECT_EQ(payload.registration_ids(0), reg.id());
  EXPECT_EQ(payload.reason(), "consent_withdrawn");
  EXPECT_EQ(sent[0].payload.find("Meier"), std::string::npos);

  v1::ListErasureRequestsRequest list;
  list.set_outstanding_only(true);
  v1::ListErasureRequestsResponse outstanding;
  grpc::ClientContext c2;
  ASSERT_TRUE(consents_->ListErasureRequests(&c2, list, &outstanding).ok());
  ASSERT_EQ(outstanding.requests_size(), 1);
  EXPECT_EQ(outstanding.requests(0).office(), "kreis-soest");

  // Only the office asked answers; its receipt closes the request.
  std::string receipt = federation::ErasureReceiptPayload({sent[0].id, 1});
  EXPECT_EQ(Receive(federation::kErasureReceiptItem, sent[0].id, "soest", 12, receipt).outcome,
            sync::ApplyResult::Outcome::kRejected);
  EXPECT_EQ(Receive(federation::kErasureReceiptItem, sent[0].id, "kreis-soest", 12, receipt)
                .outcome,
            sync::ApplyResult::Outcome::kApplied);
  v1::ListErasureRequestsResponse after;
  grpc::ClientContext c3;
  ASSERT_TRUE(consents_->ListErasureRequests(&c3, v1::ListErasureRequestsRequest(), &after).ok());
  ASSERT_EQ(after.requests_size(), 1);
  EXPECT_FALSE(after.requests(0).outstanding());
  EXPECT_EQ(after.requests(0).erased(), 1);
}

TEST_F(DistrictServiceTest, AnErasureRequestNeverDeliveredAndAMemberWithoutSharedDataSendNothing) {
  MirrorTraining();
  std::string mia = ActiveMember("Meier", true);
  v1::Registration reg;
  ASSERT_TRUE(Register(kMirroredId, mia, &reg).ok());
  // Withdrawn before the request left the office: its payload is dropped, so it never leaves;
  // the organiser is still asked (it may have received it meanwhile) and answers "0 erased".
  v1::WithdrawConsentRequest withdraw;
  withdraw.set_member_id(mia);
  withdraw.set_purpose(v1::CONSENT_PURPOSE_SHARE_REGISTRATIONS);
  withdraw.set_source(v1::CONSENT_SOURCE_PAPER);
  v1::WithdrawConsentResponse withdrawn;
  grpc::ClientContext c1;
  ASSERT_TRUE(consents_->WithdrawConsent(&c1, withdraw, &withdrawn).ok());
  EXPECT_TRUE(Sent(federation::kRegistrationRequestItem).empty());
  EXPECT_EQ(withdrawn.erasure_requests(), 1);
  // A member who never registered elsewhere: nothing to ask anybody.
  std::string other = ActiveMember("Schulz", true);
  withdraw.set_member_id(other);
  grpc::ClientContext c2;
  ASSERT_TRUE(consents_->WithdrawConsent(&c2, withdraw, &withdrawn).ok());
  EXPECT_EQ(withdrawn.erasure_requests(), 0);
  // Without a live consent, withdrawing is refused and changes nothing.
  grpc::ClientContext c3;
  EXPECT_EQ(consents_->WithdrawConsent(&c3, withdraw, &withdrawn).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Sent(federation::kErasureRequestItem).size(), 1u);
}

TEST_F(DistrictServiceTest, AsOrganiserAnErasureCancelsFutureSeatsErasesNamesAndAnswers) {
  v1::Event shared = Shared(1);
  std::string first = Request(shared.id(), "soest", "Muster, Max");
  std::string second = Request(shared.id(), "soest", "Beispiel, Berta");
  ASSERT_EQ(List(shared.id()).size(), 2u);
  std::string request_id = NewUuid();
  std::string payload = federation::ErasureRequestPayload({request_id, {first}, "consent_withdrawn"});
  ASSERT_EQ(Receive(federation::kErasureRequestItem, request_id, "soest", 20, payload).outcome,
            sync::ApplyResult::Outcome::kApplied);
  std::vector<v1::Registration> list = List(shared.id());
  ASSERT_EQ(list.size(), 2u);  // still counted
  int erased = 0;
  for (const v1::Registration& r : list) {
    if (r.member_name() == "(gelöscht)") {
      ++erased;
      EXPECT_EQ(r.state(), v1::REGISTRATION_STATE_CANCELLED);
      EXPECT_EQ(r.organisation_name(), "");
      EXPECT_EQ(r.origin_office(), "soest");
    } else {
      // The waitlisted participant moved up into the freed seat.
      EXPECT_EQ(r.member_name(), "Beispiel, Berta");
      EXPECT_EQ(r.state(), v1::REGISTRATION_STATE_REGISTERED);
    }
  }
  EXPECT_EQ(erased, 1);
  std::vector<domain::SyncItem> receipts = Sent(federation::kErasureReceiptItem);
  ASSERT_EQ(receipts.size(), 1u);
  EXPECT_EQ(receipts[0].id, request_id);
  EXPECT_EQ(receipts[0].destination, "soest");
  v1::ErasureReceipt receipt;
  ASSERT_TRUE(receipt.ParseFromString(receipts[0].payload));
  EXPECT_EQ(receipt.erased(), 1);
  // The same request again (a resend): answered again, nothing left to erase.
  ASSERT_EQ(Receive(federation::kErasureRequestItem, request_id, "soest", 21, payload).outcome,
            sync::ApplyResult::Outcome::kApplied);
  receipts = Sent(federation::kErasureReceiptItem);
  ASSERT_EQ(receipts.size(), 2u);
  ASSERT_TRUE(receipt.ParseFromString(receipts[1].payload));
  EXPECT_EQ(receipt.erased(), 0);
  // Another office cannot erase Soest's participants.
  std::string foreign = NewUuid();
  ASSERT_EQ(Receive(federation::kErasureRequestItem, foreign, "warstein", 22,
                    federation::ErasureRequestPayload({foreign, {second}, "erased"}))
                .outcome,
            sync::ApplyResult::Outcome::kApplied);
  int named = 0;
  for (const v1::Registration& r : List(shared.id())) named += r.member_name() == "Beispiel, Berta";
  EXPECT_EQ(named, 1);
}

}  // namespace
}  // namespace schutznetz::tenant
