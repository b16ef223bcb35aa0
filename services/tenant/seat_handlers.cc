#include "services/tenant/seat_handlers.h"

#include "absl/strings/str_cat.h"
#include "libs/api/call.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "libs/domain/district_sharing.h"
#include "libs/federation/items.h"
#include "services/tenant/waitlist.h"

namespace schutznetz::tenant {
namespace {

using domain::Event;
using domain::Registration;
using domain::RegistrationState;

sync::ApplyResult Malformed(const absl::Status& s) {
  return sync::ApplyResult::Rejected(std::string(s.message()));
}

// Why an own event cannot take a registration from another office, or OK.
absl::Status CheckTakesParticipants(const Event& e, absl::Time now) {
  if (!domain::SharedWithDistrict(e.scope)) {
    return Bilingual(absl::StatusCode::kFailedPrecondition,
                     "the event is not shared with other offices",
                     "die Veranstaltung ist nicht kreisweit");
  }
  return domain::CheckOpenForRegistration(e, now);
}

std::string StateDetail(const std::string& office, const Registration& r) {
  std::string detail =
      absl::StrCat("office ", office, ": ", std::string(domain::RegistrationStateSlug(r.state)));
  if (r.state == RegistrationState::kWaitlisted) {
    absl::StrAppend(&detail, " ", r.waitlist_position);
  }
  return detail;
}

}  // namespace

SeatHandlerBase::SeatHandlerBase(DistrictLink& link, Clock clock)
    : link_(link),
      clock_(std::move(clock)),
      events_(storage::NewEventsRepository()),
      registrations_(storage::NewRegistrationsRepository()),
      audit_(storage::NewAuditRepository()),
      log_(storage::NewChangeLogRepository()) {}

absl::StatusOr<sync::ApplyResult> SeatRequestHandler::Apply(storage::Tx& tx,
                                                           const domain::SyncItem& item) {
  absl::StatusOr<federation::SeatRequest> request = federation::SeatRequestFromItem(item);
  if (!request.ok()) return Malformed(request.status());
  api::Call call = api::Call::ForSyncItem(item.origin, item.type);
  const std::string& remote_id = request->participant.remote_registration_id;
  // The event lock serialises this decision with every other one for the event.
  absl::StatusOr<Event> event = events_->Get(tx, request->event_id, true);
  absl::Status open = event.ok() ? CheckTakesParticipants(*event, clock_()) : event.status();
  if (!open.ok()) {
    if (!event.ok() && event.status().code() != absl::StatusCode::kNotFound) return event.status();
    SN_RETURN_IF_ERROR(link_.Decline(tx, item.origin, remote_id, request->event_id,
                                     std::string(open.message())));
    SN_RETURN_IF_ERROR(audit_->Record(
        tx, call.Audit("registration", remote_id, "reject", "office " + item.origin)));
    return sync::ApplyResult::Applied();
  }
  SN_ASSIGN_OR_RETURN(std::optional<Registration> known,
                      registrations_->FindIncoming(tx, item.origin, remote_id));
  if (known) return sync::ApplyResult::Applied();
  SN_ASSIGN_OR_RETURN(storage::RegistrationCounts counts, registrations_->Counts(tx, event->id));
  Registration draft;
  draft.event_id = event->id;
  draft.participant = request->participant;
  draft.state = domain::SeatFor(event->capacity, counts.registered);
  SN_ASSIGN_OR_RETURN(Registration created, registrations_->Insert(tx, draft));
  SN_RETURN_IF_ERROR(audit_->Record(tx, call.Audit("registration", created.id.value(), "register",
                                                   StateDetail(item.origin, created))));
  SN_RETURN_IF_ERROR(link_.EventChanged(tx, event->id));
  return sync::ApplyResult::Applied();
}

absl::StatusOr<sync::ApplyResult> SeatCancelHandler::Apply(storage::Tx& tx,
                                                          const domain::SyncItem& item) {
  absl::StatusOr<federation::SeatCancel> cancel = federation::SeatCancelFromItem(item);
  if (!cancel.ok()) return Malformed(cancel.status());
  SN_ASSIGN_OR_RETURN(std::optional<Registration> peek,
                      registrations_->FindIncoming(tx, item.origin, cancel->registration_id));
  // Never stored (the request was declined): nothing to cancel.
  if (!peek) return sync::ApplyResult::Applied();
  if (peek->event_id != cancel->event_id) {
    return sync::ApplyResult::Rejected("registration_cancel.event_id: not the registration's event");
  }
  // Lock order: event first, then registration — as everywhere.
  SN_ASSIGN_OR_RETURN(Event event, events_->Get(tx, peek->event_id, true));
  SN_ASSIGN_OR_RETURN(Registration r, registrations_->Get(tx, peek->id, true));
  if (!domain::IsLive(r.state)) return sync::ApplyResult::Applied();
  r.state = RegistrationState::kCancelled;
  r.cancel_time = clock_();
  SN_RETURN_IF_ERROR(registrations_->Update(tx, r).status());
  api::Call call = api::Call::ForSyncItem(item.origin, item.type);
  SN_RETURN_IF_ERROR(audit_->Record(
      tx, call.Audit("registration", r.id.value(), "cancel", "office " + item.origin)));
  if (event.state == domain::EventState::kPlanned) {
    SN_RETURN_IF_ERROR(FillFreeSeats(tx, *registrations_, *audit_, call, event).status());
  }
  SN_RETURN_IF_ERROR(link_.EventChanged(tx, event.id));
  return sync::ApplyResult::Applied();
}

absl::StatusOr<sync::ApplyResult> SeatDecisionHandler::Apply(storage::Tx& tx,
                                                            const domain::SyncItem& item) {
  absl::StatusOr<federation::SeatDecision> decision = federation::SeatDecisionFromItem(item);
  if (!decision.ok()) return Malformed(decision.status());
  domain::RegistrationId id(decision->registration_id);
  absl::StatusOr<Registration> peek = registrations_->Get(tx, id, false);
  if (peek.status().code() == absl::StatusCode::kNotFound) {
    return sync::ApplyResult::Rejected(absl::StrCat("registration ", id.value(), " unknown"));
  }
  if (!peek.ok()) return peek.status();
  if (!domain::IsOutgoing(*peek) || peek->organiser_office != item.origin ||
      peek->event_id != decision->event_id) {
    return sync::ApplyResult::Rejected(
        "only the organiser of the registration's event decides on it");
  }
  // Lock order: the mirrored event first, then the registration — as RegisterMember does.
  SN_RETURN_IF_ERROR(events_->GetInCalendar(tx, peek->event_id, true).status());
  SN_ASSIGN_OR_RETURN(Registration r, registrations_->Get(tx, id, true));
  SN_RETURN_IF_ERROR(
      log_->PurgePayloads(tx, federation::kRegistrationRequestItem, link_.office(), {id.value()})
          .status());
  if (item.version <= r.remote_version) return sync::ApplyResult::Applied();  // an older word
  r.remote_version = item.version;
  RegistrationState before = r.state;
  r.state = domain::StateAfterDecision(r.state, decision->state);
  if (before != RegistrationState::kCancelled) {
    r.waitlist_position = decision->waitlist_position;
    r.reason = decision->reason;
    if (r.state == RegistrationState::kCancelled) r.cancel_time = clock_();
  }
  SN_ASSIGN_OR_RETURN(Registration stored, registrations_->Update(tx, r));
  api::Call call = api::Call::ForSyncItem(item.origin, item.type);
  SN_RETURN_IF_ERROR(audit_->Record(tx, call.Audit("registration", stored.id.value(), "decision",
                                                   StateDetail(item.origin, stored))));
  return sync::ApplyResult::Applied();
}

SeatResendHandler::SeatResendHandler(DistrictLink& link, Clock clock)
    : SeatHandlerBase(link, std::move(clock)), members_(storage::NewMembersRepository()) {}

absl::StatusOr<sync::ApplyResult> SeatResendHandler::Apply(storage::Tx& tx,
                                                          const domain::SyncItem& item) {
  if (absl::Status valid = federation::CheckRegistrationResendItem(item); !valid.ok()) {
    return Malformed(valid);
  }
  api::Call call = api::Call::ForSyncItem(item.origin, item.type);
  SN_ASSIGN_OR_RETURN(std::vector<Registration> live,
                      registrations_->ListLiveOutgoingTo(tx, item.origin));
  for (const Registration& peek : live) {
    // Lock order: the mirrored event first, then the registration — as RegisterMember does.
    SN_RETURN_IF_ERROR(events_->GetInCalendar(tx, peek.event_id, true).status());
    SN_ASSIGN_OR_RETURN(Registration r, registrations_->Get(tx, peek.id, true));
    if (!domain::IsLive(r.state)) continue;
    SN_ASSIGN_OR_RETURN(domain::Member m, members_->Get(tx, r.member_id, false));
    if (m.anonymised) continue;
    SN_RETURN_IF_ERROR(link_.RequestSeat(tx, r, m, call.actor()).status());
    SN_RETURN_IF_ERROR(audit_->Record(
        tx, call.Audit("registration", r.id.value(), "resend", "office " + item.origin)));
  }
  return sync::ApplyResult::Applied();
}

}  // namespace schutznetz::tenant
