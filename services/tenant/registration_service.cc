#include "services/tenant/registration_service.h"

#include "absl/strings/str_cat.h"
#include "libs/api/call.h"
#include "libs/api/event_convert.h"
#include "libs/common/errors.h"
#include "libs/common/page_token.h"
#include "libs/common/status_macros.h"
#include "libs/common/uuid.h"
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

RegistrationService::RegistrationService(storage::Database& db, Clock clock)
    : db_(db),
      clock_(std::move(clock)),
      events_(storage::NewEventsRepository()),
      members_(storage::NewMembersRepository()),
      registrations_(storage::NewRegistrationsRepository()),
      audit_(storage::NewAuditRepository()) {}

grpc::Status RegistrationService::RegisterMember(grpc::ServerContext* ctx,
                                                 const v1::RegisterMemberRequest* req,
                                                 v1::RegisterMemberResponse* resp) {
  api::Call call(ctx, "RegistrationService/RegisterMember");
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    FieldViolations v;
    v.Add(ValidateUuid("event_id", req->event_id()));
    v.Add(ValidateUuid("member_id", req->member_id()));
    SN_RETURN_IF_ERROR(v.ToStatus());
    return db_.Transact([&](storage::Tx& tx) -> absl::Status {
      // The event lock serialises every seat decision for this event.
      SN_ASSIGN_OR_RETURN(Event event, events_->Get(tx, EventId(req->event_id()), true));
      if (event.state != domain::EventState::kPlanned) {
        return Bilingual(absl::StatusCode::kFailedPrecondition,
                         "registration is only possible for planned events",
                         "Anmeldung nur für geplante Veranstaltungen möglich");
      }
      if (event.start_time <= clock_()) {
        return Bilingual(absl::StatusCode::kFailedPrecondition, "the event has already started",
                         "die Veranstaltung hat bereits begonnen");
      }
      SN_ASSIGN_OR_RETURN(domain::Member member,
                          MemberFor(tx, *members_, req->member_id(), "member_id"));
      SN_RETURN_IF_ERROR(CheckMemberActive(member, "member_id"));
      SN_ASSIGN_OR_RETURN(std::optional<Registration> existing,
                          registrations_->FindLive(tx, event.id, member.id));
      if (existing) {
        return absl::AlreadyExistsError(absl::StrCat(
            "member_id: the member is already ",
            std::string(domain::RegistrationStateSlug(existing->state)), " (registration ",
            existing->id.value(), ") / das Mitglied ist bereits angemeldet oder auf der Warteliste"));
      }
      SN_ASSIGN_OR_RETURN(storage::RegistrationCounts counts, registrations_->Counts(tx, event.id));
      RegistrationState state = domain::SeatFor(event.capacity, counts.registered);
      SN_ASSIGN_OR_RETURN(Registration created,
                          registrations_->Insert(tx, event.id, member.id, state));
      api::RegistrationToProto(created, resp->mutable_registration());
      return audit_->Record(tx, call.Audit("registration", created.id.value(), "register",
                                           std::string(domain::RegistrationStateSlug(state))));
    });
  }());
}

grpc::Status RegistrationService::CancelRegistration(grpc::ServerContext* ctx,
                                                     const v1::CancelRegistrationRequest* req,
                                                     v1::CancelRegistrationResponse* resp) {
  api::Call call(ctx, "RegistrationService/CancelRegistration");
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    SN_RETURN_IF_ERROR(ValidateUuid("id", req->id()));
    domain::RegistrationId id(req->id());
    return db_.Transact([&](storage::Tx& tx) -> absl::Status {
      // Lock order: event first, then registration — the same as RegisterMember.
      SN_ASSIGN_OR_RETURN(Registration peek, registrations_->Get(tx, id, false));
      SN_ASSIGN_OR_RETURN(Event event, events_->Get(tx, peek.event_id, true));
      SN_ASSIGN_OR_RETURN(Registration r, registrations_->Get(tx, id, true));
      SN_RETURN_IF_ERROR(
          domain::CheckEtag(req->etag(), r.version, "etag", domain::kRegistrationKind));
      if (r.state == RegistrationState::kCancelled) {
        return Bilingual(absl::StatusCode::kFailedPrecondition,
                         "the registration is already cancelled",
                         "die Anmeldung ist bereits storniert");
      }
      r.state = RegistrationState::kCancelled;
      r.cancel_time = clock_();
      SN_ASSIGN_OR_RETURN(Registration cancelled, registrations_->Update(tx, r));
      SN_RETURN_IF_ERROR(audit_->Record(tx, call.Audit("registration", r.id.value(), "cancel")));
      api::RegistrationToProto(cancelled, resp->mutable_registration());
      if (event.state != domain::EventState::kPlanned) return absl::OkStatus();
      SN_ASSIGN_OR_RETURN(std::vector<Registration> promoted,
                          FillFreeSeats(tx, *registrations_, *audit_, call, event));
      if (!promoted.empty()) api::RegistrationToProto(promoted.front(), resp->mutable_promoted());
      return absl::OkStatus();
    });
  }());
}

grpc::Status RegistrationService::ListRegistrations(grpc::ServerContext*,
                                                    const v1::ListRegistrationsRequest* req,
                                                    v1::ListRegistrationsResponse* resp) {
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    FieldViolations v;
    v.Add(ValidateUuid("event_id", req->event_id()));
    domain::PageRequest page;
    absl::StatusOr<int> size = EffectivePageSize(req->page_size());
    if (size.ok()) page.page_size = *size; else v.Add(size.status());
    page.page_token = req->page_token();
    std::optional<RegistrationState> state = domain::RegistrationStateFromNumber(req->state());
    if (!state) {
      v.Add("state", absl::StrCat("unknown value ", req->state()),
            absl::StrCat("unbekannter Wert ", req->state()));
    }
    SN_RETURN_IF_ERROR(v.ToStatus());
    return db_.Transact(
        [&](storage::Tx& tx) -> absl::Status {
          SN_RETURN_IF_ERROR(events_->Get(tx, EventId(req->event_id()), false).status());
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

grpc::Status RegistrationService::RecordAttendance(grpc::ServerContext* ctx,
                                                   const v1::RecordAttendanceRequest* req,
                                                   v1::RecordAttendanceResponse* resp) {
  api::Call call(ctx, "RegistrationService/RecordAttendance");
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    FieldViolations v;
    v.Add(ValidateUuid("event_id", req->event_id()));
    if (req->entries_size() == 0) v.Add("entries", "is empty", "ist leer");
    if (req->entries_size() > 2000) v.Add("entries", "has more than 2000 entries", "zu viele Einträge");
    for (int i = 0; i < req->entries_size(); ++i) {
      v.Add(ValidateUuid(absl::StrCat("entries[", i, "].member_id"), req->entries(i).member_id()));
    }
    SN_RETURN_IF_ERROR(v.ToStatus());
    return db_.Transact([&](storage::Tx& tx) -> absl::Status {
      SN_ASSIGN_OR_RETURN(Event event, events_->Get(tx, EventId(req->event_id()), true));
      if (event.state == domain::EventState::kCancelled || event.start_time > clock_()) {
        return Bilingual(absl::StatusCode::kFailedPrecondition,
                         "attendance can be recorded once a (not cancelled) event has started",
                         "Anwesenheit kann erst nach Beginn einer nicht abgesagten Veranstaltung "
                         "erfasst werden");
      }
      for (int i = 0; i < req->entries_size(); ++i) {
        const v1::AttendanceEntry& entry = req->entries(i);
        std::string field = absl::StrCat("entries[", i, "].member_id");
        SN_ASSIGN_OR_RETURN(domain::Member member, MemberFor(tx, *members_, entry.member_id(), field));
        SN_ASSIGN_OR_RETURN(std::optional<Registration> live,
                            registrations_->FindLive(tx, event.id, member.id));
        if (!live) {
          if (!entry.attended()) continue;  // neither registered nor present: nothing to record
          // Present without registration: recorded as a registered participant.
          SN_ASSIGN_OR_RETURN(Registration added, registrations_->Insert(
                                                      tx, event.id, member.id,
                                                      RegistrationState::kRegistered));
          live = added;
        }
        live->attended = entry.attended();
        if (entry.attended()) live->state = RegistrationState::kRegistered;
        SN_RETURN_IF_ERROR(registrations_->Update(tx, *live).status());
      }
      SN_RETURN_IF_ERROR(audit_->Record(
          tx, call.Audit("event", event.id.value(), "record_attendance",
                         absl::StrCat(req->entries_size(), " entries"))));
      SN_ASSIGN_OR_RETURN(Event after, events_->Get(tx, event.id, false));
      resp->set_attended_count(after.attended_count);
      return absl::OkStatus();
    });
  }());
}

}  // namespace schutznetz::tenant
