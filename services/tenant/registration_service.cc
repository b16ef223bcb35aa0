#include "services/tenant/registration_service.h"

#include "absl/strings/str_cat.h"
#include "libs/api/call.h"
#include "libs/api/event_convert.h"
#include "libs/api/paging.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "libs/common/uuid.h"
#include "libs/domain/district_sharing.h"
#include "libs/rpc/status.h"
#include "services/tenant/waitlist.h"

namespace schutznetz::tenant {
namespace {

using domain::Event;
using domain::EventId;
using domain::MemberId;
using domain::Registration;
using domain::RegistrationState;

absl::Status CheckMemberActive(const domain::Member& m, const std::string& field) {
  if (m.state == domain::MembershipState::kActive) return absl::OkStatus();
  return Bilingual(absl::StatusCode::kFailedPrecondition,
                   absl::StrCat(field, ": only active members can take part (membership is ",
                                std::string(domain::MembershipStateSlug(m.state)), ")"),
                   absl::StrCat("nur aktive Mitglieder können teilnehmen (Mitgliedschaft ",
                                std::string(domain::MembershipStateLabel(m.state)), ")"));
}

absl::StatusOr<domain::Member> MemberFor(storage::Tx& tx, storage::MembersRepository& members,
                                         const std::string& id, const std::string& field) {
  absl::StatusOr<domain::Member> m = members.Get(tx, MemberId(id), false);
  if (m.status().code() == absl::StatusCode::kNotFound) {
    return absl::NotFoundError(absl::StrCat(field, ": member ", id,
                                            " not found / Mitglied nicht gefunden"));
  }
  return m;
}

}  // namespace

RegistrationService::RegistrationService(storage::Database& db, DistrictLink& link, Clock clock)
    : db_(db),
      link_(link),
      clock_(std::move(clock)),
      events_(storage::NewEventsRepository()),
      members_(storage::NewMembersRepository()),
      registrations_(storage::NewRegistrationsRepository()),
      audit_(storage::NewAuditRepository()) {}

absl::StatusOr<Registration> RegistrationService::RegisterForOwnEvent(storage::Tx& tx,
                                                                      const api::Call& call,
                                                                      const Event& event,
                                                                      const domain::Member& member) {
  SN_ASSIGN_OR_RETURN(storage::RegistrationCounts counts, registrations_->Counts(tx, event.id));
  Registration draft;
  draft.event_id = event.id;
  draft.member_id = member.id;
  draft.state = domain::SeatFor(event.capacity, counts.registered);
  SN_ASSIGN_OR_RETURN(Registration created, registrations_->Insert(tx, draft));
  SN_RETURN_IF_ERROR(audit_->Record(tx, call.Audit("registration", created.id.value(), "register",
                                                   std::string(domain::RegistrationStateSlug(
                                                       created.state)))));
  SN_RETURN_IF_ERROR(link_.EventChanged(tx, event.id));
  return created;
}

absl::StatusOr<Registration> RegistrationService::RegisterForMirroredEvent(
    storage::Tx& tx, const api::Call& call, const Event& event, const domain::Member& member) {
  Registration draft;
  draft.event_id = event.id;
  draft.member_id = member.id;
  draft.state = RegistrationState::kPending;
  draft.organiser_office = event.organiser_office;
  SN_ASSIGN_OR_RETURN(Registration created, registrations_->Insert(tx, draft));
  SN_ASSIGN_OR_RETURN(Registration sent, link_.RequestSeat(tx, created, member, call.actor()));
  SN_RETURN_IF_ERROR(audit_->Record(tx, call.Audit("registration", sent.id.value(), "register",
                                                   "pending at office " + event.organiser_office)));
  return sent;
}

grpc::Status RegistrationService::RegisterMember(grpc::ServerContext* ctx,
                                                 const v1::RegisterMemberRequest* req,
                                                 v1::RegisterMemberResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    FieldViolations v;
    v.Add(ValidateUuid("event_id", req->event_id()));
    v.Add(ValidateUuid("member_id", req->member_id()));
    SN_RETURN_IF_ERROR(v.ToStatus());
    return db_.Transact([&](storage::Tx& tx) -> absl::Status {
      // The event lock serialises every seat decision for this event (and, for another office's
      // event, this office's registrations for it).
      SN_ASSIGN_OR_RETURN(Event event,
                          events_->GetInCalendar(tx, EventId(req->event_id()), true));
      SN_RETURN_IF_ERROR(domain::CheckOpenForRegistration(event, clock_()));
      SN_ASSIGN_OR_RETURN(domain::Member member,
                          MemberFor(tx, *members_, req->member_id(), "member_id"));
      SN_RETURN_IF_ERROR(CheckMemberActive(member, "member_id"));
      if (event.mirrored) SN_RETURN_IF_ERROR(domain::CheckConsentToShare(member, "member_id"));
      SN_ASSIGN_OR_RETURN(std::optional<Registration> existing,
                          registrations_->FindLive(tx, event.id, member.id));
      if (existing) {
        return absl::AlreadyExistsError(absl::StrCat(
            "member_id: the member is already ",
            std::string(domain::RegistrationStateSlug(existing->state)), " (registration ",
            existing->id.value(), ") / das Mitglied ist bereits angemeldet oder auf der Warteliste"));
      }
      absl::StatusOr<Registration> created =
          event.mirrored ? RegisterForMirroredEvent(tx, call, event, member)
                         : RegisterForOwnEvent(tx, call, event, member);
      if (!created.ok()) return created.status();
      api::RegistrationToProto(*created, resp->mutable_registration());
      return absl::OkStatus();
    });
  }());
}

grpc::Status RegistrationService::CancelRegistration(grpc::ServerContext* ctx,
                                                     const v1::CancelRegistrationRequest* req,
                                                     v1::CancelRegistrationResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    SN_RETURN_IF_ERROR(ValidateUuid("id", req->id()));
    domain::RegistrationId id(req->id());
    return db_.Transact([&](storage::Tx& tx) -> absl::Status {
      // Lock order: event first, then registration — the same as RegisterMember.
      SN_ASSIGN_OR_RETURN(Registration peek, registrations_->Get(tx, id, false));
      SN_ASSIGN_OR_RETURN(Event event, events_->GetInCalendar(tx, peek.event_id, true));
      SN_ASSIGN_OR_RETURN(Registration r, registrations_->Get(tx, id, true));
      SN_RETURN_IF_ERROR(
          domain::CheckEtag(req->etag(), r.version, "etag", domain::kRegistrationKind));
      if (!domain::IsLive(r.state)) {
        return Bilingual(absl::StatusCode::kFailedPrecondition,
                         absl::StrCat("the registration is already ",
                                      std::string(domain::RegistrationStateSlug(r.state))),
                         absl::StrCat("die Anmeldung ist bereits ",
                                      std::string(domain::RegistrationStateLabel(r.state))));
      }
      r.state = RegistrationState::kCancelled;
      r.cancel_time = clock_();
      // No longer on any waitlist (for another office's event the place is stored here).
      r.waitlist_position = 0;
      SN_ASSIGN_OR_RETURN(Registration cancelled, registrations_->Update(tx, r));
      SN_RETURN_IF_ERROR(audit_->Record(tx, call.Audit("registration", r.id.value(), "cancel")));
      if (domain::IsOutgoing(cancelled)) {
        // The organiser moves its waitlist up and tells the offices concerned.
        SN_ASSIGN_OR_RETURN(cancelled, link_.CancelSeat(tx, cancelled));
        api::RegistrationToProto(cancelled, resp->mutable_registration());
        return absl::OkStatus();
      }
      if (event.state == domain::EventState::kPlanned) {
        SN_ASSIGN_OR_RETURN(std::vector<Registration> promoted,
                            FillFreeSeats(tx, *registrations_, *audit_, call, event));
        if (!promoted.empty()) api::RegistrationToProto(promoted.front(), resp->mutable_promoted());
      }
      SN_RETURN_IF_ERROR(link_.EventChanged(tx, event.id));
      SN_ASSIGN_OR_RETURN(cancelled, registrations_->Get(tx, id, false));
      api::RegistrationToProto(cancelled, resp->mutable_registration());
      return absl::OkStatus();
    });
  }());
}

grpc::Status RegistrationService::ListRegistrations(grpc::ServerContext* ctx,
                                                    const v1::ListRegistrationsRequest* req,
                                                    v1::ListRegistrationsResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    FieldViolations v;
    v.Add(ValidateUuid("event_id", req->event_id()));
    domain::PageRequest page =
        api::PageRequestFrom(req->page_size(), req->page_token(), v);
    std::optional<RegistrationState> state = domain::RegistrationStateFromNumber(req->state());
    if (!state) {
      v.Add("state", absl::StrCat("unknown value ", req->state()),
            absl::StrCat("unbekannter Wert ", req->state()));
    }
    SN_RETURN_IF_ERROR(v.ToStatus());
    return db_.Transact(
        [&](storage::Tx& tx) -> absl::Status {
          SN_RETURN_IF_ERROR(
              events_->GetInCalendar(tx, EventId(req->event_id()), false).status());
          SN_ASSIGN_OR_RETURN(domain::Page<Registration> result,
                              registrations_->ListForEvent(tx, EventId(req->event_id()), *state,
                                                           page));
          for (const Registration& r : result.items) {
            api::RegistrationToProto(r, resp->add_registrations());
          }
          resp->set_next_page_token(result.next_page_token);
          resp->set_total_size(result.total_size);
          return absl::OkStatus();
        },
        {.read_only = true});
  }());
}

absl::StatusOr<std::optional<Registration>> RegistrationService::AttendanceTarget(
    storage::Tx& tx, const Event& event, const v1::AttendanceEntry& entry, int index,
    std::optional<domain::Member>* member) {
  if (!entry.registration_id().empty()) {
    std::string field = absl::StrCat("entries[", index, "].registration_id");
    absl::StatusOr<Registration> r =
        registrations_->Get(tx, domain::RegistrationId(entry.registration_id()), false);
    if (!r.ok()) return InField(r.status(), field);
    if (r->event_id != event.id) {
      return FieldError(field, "is not a registration of this event",
                        "ist keine Anmeldung zu dieser Veranstaltung");
    }
    return std::optional<Registration>(*std::move(r));
  }
  std::string field = absl::StrCat("entries[", index, "].member_id");
  SN_ASSIGN_OR_RETURN(domain::Member m, MemberFor(tx, *members_, entry.member_id(), field));
  *member = m;
  return registrations_->FindLive(tx, event.id, m.id);
}

grpc::Status RegistrationService::RecordAttendance(grpc::ServerContext* ctx,
                                                   const v1::RecordAttendanceRequest* req,
                                                   v1::RecordAttendanceResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    FieldViolations v;
    v.Add(ValidateUuid("event_id", req->event_id()));
    if (req->entries_size() == 0) v.Add("entries", "is empty", "ist leer");
    if (req->entries_size() > 2000) v.Add("entries", "has more than 2000 entries", "zu viele Einträge");
    for (int i = 0; i < req->entries_size(); ++i) {
      const v1::AttendanceEntry& entry = req->entries(i);
      std::string prefix = absl::StrCat("entries[", i, "].");
      if (entry.registration_id().empty()) {
        v.Add(ValidateUuid(prefix + "member_id", entry.member_id()));
      } else if (!entry.member_id().empty()) {
        v.Add(prefix + "registration_id", "name either a member or a registration, not both",
              "entweder Mitglied oder Anmeldung angeben");
      } else {
        v.Add(ValidateUuid(prefix + "registration_id", entry.registration_id()));
      }
    }
    SN_RETURN_IF_ERROR(v.ToStatus());
    return db_.Transact([&](storage::Tx& tx) -> absl::Status {
      SN_ASSIGN_OR_RETURN(Event event,
                          events_->GetInCalendar(tx, EventId(req->event_id()), true));
      SN_RETURN_IF_ERROR(domain::CheckOwnEvent(event));
      if (event.state == domain::EventState::kCancelled || event.start_time > clock_()) {
        return Bilingual(absl::StatusCode::kFailedPrecondition,
                         "attendance can be recorded once a (not cancelled) event has started",
                         "Anwesenheit kann erst nach Beginn einer nicht abgesagten Veranstaltung "
                         "erfasst werden");
      }
      for (int i = 0; i < req->entries_size(); ++i) {
        const v1::AttendanceEntry& entry = req->entries(i);
        std::optional<domain::Member> member;
        SN_ASSIGN_OR_RETURN(std::optional<Registration> target,
                            AttendanceTarget(tx, event, entry, i, &member));
        if (!target) {
          if (!entry.attended()) continue;  // neither registered nor present: nothing to record
          // Present without registration: recorded as a registered participant.
          Registration walk_in;
          walk_in.event_id = event.id;
          walk_in.member_id = member->id;
          walk_in.state = RegistrationState::kRegistered;
          SN_ASSIGN_OR_RETURN(Registration added, registrations_->Insert(tx, walk_in));
          target = added;
        }
        target->attended = entry.attended();
        if (entry.attended()) target->state = RegistrationState::kRegistered;
        SN_RETURN_IF_ERROR(registrations_->Update(tx, *target).status());
      }
      SN_RETURN_IF_ERROR(audit_->Record(
          tx, call.Audit("event", event.id.value(), "record_attendance",
                         absl::StrCat(req->entries_size(), " entries"))));
      SN_RETURN_IF_ERROR(link_.EventChanged(tx, event.id));
      SN_ASSIGN_OR_RETURN(Event after, events_->Get(tx, event.id, false));
      resp->set_attended_count(after.attended_count);
      return absl::OkStatus();
    });
  }());
}

}  // namespace schutznetz::tenant
