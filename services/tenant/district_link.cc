#include "services/tenant/district_link.h"

#include "libs/common/status_macros.h"
#include "libs/domain/district_sharing.h"
#include "libs/domain/trail.h"
#include "libs/federation/items.h"

namespace schutznetz::tenant {

using domain::Event;
using domain::Registration;

DistrictLink::DistrictLink(sync::Outbox& outbox, Clock clock)
    : outbox_(outbox),
      clock_(std::move(clock)),
      events_(storage::NewEventsRepository()),
      registrations_(storage::NewRegistrationsRepository()),
      trail_(clock_) {}

absl::Status DistrictLink::EventChanged(storage::Tx& tx, const domain::EventId& id,
                                        std::optional<domain::EventScope> scope_before) {
  SN_RETURN_IF_ERROR(NotifyOrigins(tx, id));
  SN_ASSIGN_OR_RETURN(Event e, events_->Get(tx, id, false));
  switch (domain::ShareAfterChange(scope_before.value_or(e.scope), e.scope)) {
    case domain::DistrictShare::kNone:
      return absl::OkStatus();
    case domain::DistrictShare::kWithdraw:
      e.withdrawn = true;
      return Publish(tx, e);
    case domain::DistrictShare::kPublish:
      return Publish(tx, e);
  }
  return absl::OkStatus();
}

absl::Status DistrictLink::EventCreated(storage::Tx& tx, const Event& created) {
  if (!domain::SharedWithDistrict(created.scope)) return absl::OkStatus();
  return Publish(tx, created);
}

absl::Status DistrictLink::EventDeleted(storage::Tx& tx, const Event& e) {
  if (!domain::SharedWithDistrict(e.scope)) return absl::OkStatus();
  Event tombstone = e;
  tombstone.withdrawn = true;
  return Publish(tx, tombstone);
}

absl::Status DistrictLink::Publish(storage::Tx& tx, const Event& e) {
  int64_t version = domain::NextSyncVersion(e.sync_version, clock_());
  SN_RETURN_IF_ERROR(events_->SetSyncVersion(tx, e.id, version));
  return outbox_.Append(tx, {federation::kDistrictEventItem, e.id.value(), domain::kToEveryOffice,
                             version, federation::DistrictEventPayload(e)});
}

absl::Status DistrictLink::NotifyOrigins(storage::Tx& tx, const domain::EventId& event) {
  SN_ASSIGN_OR_RETURN(std::vector<Registration> incoming, registrations_->ListIncoming(tx, event));
  for (Registration& r : incoming) {
    if (!domain::NeedsDecision(r)) continue;
    federation::SeatDecision d;
    d.registration_id = r.participant.remote_registration_id;
    d.event_id = event;
    d.state = r.state;
    d.waitlist_position = r.waitlist_position;
    int64_t version = domain::NextSyncVersion(r.sync_version, clock_());
    SN_RETURN_IF_ERROR(outbox_.Append(
        tx, {federation::kRegistrationDecisionItem, d.registration_id, r.participant.origin_office,
             version, federation::SeatDecisionPayload(d)}));
    r.sync_version = version;
    r.notified_state = r.state;
    r.notified_position = r.waitlist_position;
    SN_RETURN_IF_ERROR(registrations_->Update(tx, r).status());
  }
  return absl::OkStatus();
}

absl::StatusOr<Registration> DistrictLink::RequestSeat(storage::Tx& tx, const Registration& r,
                                                       const domain::Member& m,
                                                       const std::string& actor) {
  federation::SeatRequest request;
  request.event_id = r.event_id;
  request.participant = domain::ParticipantFor(m, office(), r.id);
  Registration sent = r;
  sent.sync_version = domain::NextSyncVersion(r.sync_version, clock_());
  SN_RETURN_IF_ERROR(outbox_.Append(
      tx, {federation::kRegistrationRequestItem, r.id.value(), r.organiser_office,
           sent.sync_version, federation::SeatRequestPayload(request)}));
  SN_ASSIGN_OR_RETURN(Registration updated, registrations_->Update(tx, sent));
  // Last: the trail's lock is held to the commit.
  SN_RETURN_IF_ERROR(trail_.Record(
      tx, domain::HandoverRecord(r.id.value(), r.organiser_office, r.event_id.value(), actor)));
  return updated;
}

absl::StatusOr<Registration> DistrictLink::CancelSeat(storage::Tx& tx, const Registration& r) {
  Registration sent = r;
  sent.sync_version = domain::NextSyncVersion(r.sync_version, clock_());
  SN_RETURN_IF_ERROR(outbox_.Append(
      tx, {federation::kRegistrationCancelItem, r.id.value(), r.organiser_office,
           sent.sync_version,
           federation::SeatCancelPayload({r.event_id, r.id.value()})}));
  return registrations_->Update(tx, sent);
}

absl::Status DistrictLink::AfterRestore(storage::Tx& tx, const std::string& epoch) {
  SN_ASSIGN_OR_RETURN(std::vector<domain::EventId> shared, events_->ListSharedOwn(tx));
  for (const domain::EventId& id : shared) {
    SN_ASSIGN_OR_RETURN(Event e, events_->Get(tx, id, true));
    SN_RETURN_IF_ERROR(Publish(tx, e));
  }
  return outbox_.Append(tx, {federation::kRegistrationResendItem, epoch, domain::kToEveryOffice,
                             domain::NextSyncVersion(0, clock_()),
                             federation::RegistrationResendPayload(epoch)});
}

absl::Status DistrictLink::Decline(storage::Tx& tx, const std::string& origin,
                                   const std::string& remote_registration_id,
                                   const domain::EventId& event, const std::string& reason) {
  federation::SeatDecision d;
  d.registration_id = remote_registration_id;
  d.event_id = event;
  d.state = domain::RegistrationState::kRejected;
  d.reason = reason;
  return outbox_.Append(tx, {federation::kRegistrationDecisionItem, remote_registration_id, origin,
                             domain::NextSyncVersion(0, clock_()),
                             federation::SeatDecisionPayload(d)});
}

}  // namespace schutznetz::tenant
