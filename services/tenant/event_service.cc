#include "services/tenant/event_service.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libs/api/call.h"
#include "libs/api/event_convert.h"
#include "libs/api/paging.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "libs/common/text.h"
#include "libs/common/time.h"
#include "libs/common/uuid.h"
#include "libs/domain/district_sharing.h"
#include "libs/domain/recurrence.h"
#include "libs/rpc/proto_util.h"
#include "libs/rpc/status.h"
#include "services/tenant/waitlist.h"

namespace schutznetz::tenant {
namespace {

using domain::Event;
using domain::EventId;

void ApplyPath(const std::string& path, const Event& patch, Event* e) {
  if (path == "kind") e->kind = patch.kind;
  if (path == "title") e->title = patch.title;
  if (path == "topic") e->topic = patch.topic;
  if (path == "description") e->description = patch.description;
  if (path == "start_time") e->start_time = patch.start_time;
  if (path == "end_time") e->end_time = patch.end_time;
  if (path == "place") e->place = patch.place;
  if (path == "online_link") e->online_link = patch.online_link;
  if (path == "group_id") e->group_id = patch.group_id;
  if (path == "audience_sectors") e->audience_sectors = patch.audience_sectors;
  if (path == "audience_categories") e->audience_categories = patch.audience_categories;
  if (path == "capacity") e->capacity = patch.capacity;
  if (path == "scope") e->scope = patch.scope;
}

absl::StatusOr<domain::Recurrence> RecurrenceFromProto(const v1::Recurrence& p) {
  domain::Recurrence r;
  r.interval_months = p.interval_months();
  r.interval_weeks = p.interval_weeks();
  r.count = p.count();
  if (!p.until_date().empty()) {
    SN_ASSIGN_OR_RETURN(r.until, ParseDate(p.until_date(), "recurrence.until_date"));
    r.has_until = true;
  }
  for (const auto& t : p.start_times()) r.start_times.push_back(rpc::FromProto(t));
  return r;
}

}  // namespace

EventService::EventService(storage::Database& db, std::string office_id, DistrictLink& link,
                           Clock clock)
    : db_(db),
      office_id_(std::move(office_id)),
      link_(link),
      clock_(std::move(clock)),
      events_(storage::NewEventsRepository()),
      groups_(storage::NewGroupsRepository()),
      registrations_(storage::NewRegistrationsRepository()),
      audit_(storage::NewAuditRepository()) {}

absl::Status EventService::CheckGroup(storage::Tx& tx, const Event& e) {
  if (e.group_id.empty()) return absl::OkStatus();
  SN_RETURN_IF_ERROR(ValidateUuid("event.group_id", e.group_id.value()));
  return InField(groups_->Get(tx, e.group_id, false).status(), "event.group_id");
}

absl::StatusOr<Event> EventService::OwnEventForChange(storage::Tx& tx, const std::string& id) {
  SN_ASSIGN_OR_RETURN(Event e, events_->GetInCalendar(tx, EventId(id), true));
  SN_RETURN_IF_ERROR(domain::CheckOwnEvent(e));
  return e;
}

absl::StatusOr<Event> EventService::NewEvent(storage::Tx& tx, const v1::Event& in) {
  SN_ASSIGN_OR_RETURN(Event e, api::EventFromProto(in, "event."));
  e.organiser_office = office_id_;
  e.state = domain::EventState::kPlanned;
  FieldViolations v;
  v.Add(domain::ValidateEvent(e, "event."));
  v.Add(domain::ValidateAgenda(e.agenda));
  SN_RETURN_IF_ERROR(v.ToStatus());
  SN_RETURN_IF_ERROR(CheckGroup(tx, e));
  return e;
}

grpc::Status EventService::ListEvents(grpc::ServerContext* ctx, const v1::ListEventsRequest* req,
                                      v1::ListEventsResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    FieldViolations v;
    domain::EventFilter filter;
    domain::PageRequest page =
        api::PageRequestFrom(req->page_size(), req->page_token(), v);
    if (req->has_start_from()) filter.from = rpc::FromProto(req->start_from());
    if (req->has_start_before()) filter.to = rpc::FromProto(req->start_before());
    absl::StatusOr<domain::EventKind> kind = api::EventKindFromProto(req->kind(), "kind");
    if (kind.ok()) filter.kind = *kind; else v.Add(kind.status());
    absl::StatusOr<domain::EventScope> scope = api::EventScopeFromProto(req->scope(), "scope");
    if (scope.ok()) filter.scope = *scope; else v.Add(scope.status());
    absl::StatusOr<domain::EventState> state = api::EventStateFromProto(req->state(), "state");
    if (state.ok()) filter.state = *state; else v.Add(state.status());
    if (!req->group_id().empty()) v.Add(ValidateUuid("group_id", req->group_id()));
    filter.group_id = domain::GroupId(req->group_id());
    v.Add(ValidateText("organiser_office", req->organiser_office(), {.max_chars = 64}));
    filter.organiser_office = req->organiser_office();
    SN_RETURN_IF_ERROR(v.ToStatus());
    return db_.Transact(
        [&](storage::Tx& tx) -> absl::Status {
          SN_ASSIGN_OR_RETURN(domain::Page<Event> result, events_->List(tx, filter, page));
          for (const Event& e : result.items) api::EventToProto(e, resp->add_events());
          resp->set_next_page_token(result.next_page_token);
          resp->set_total_size(result.total_size);
          return absl::OkStatus();
        },
        {.read_only = true});
  }());
}

grpc::Status EventService::GetEvent(grpc::ServerContext* ctx, const v1::GetEventRequest* req,
                                    v1::GetEventResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    SN_RETURN_IF_ERROR(ValidateUuid("id", req->id()));
    return db_.Transact(
        [&](storage::Tx& tx) -> absl::Status {
          SN_ASSIGN_OR_RETURN(Event e, events_->GetInCalendar(tx, EventId(req->id()), false));
          if (e.withdrawn) return NotFound("event", "Veranstaltung", req->id());
          api::EventToProto(e, resp->mutable_event());
          return absl::OkStatus();
        },
        {.read_only = true});
  }());
}

grpc::Status EventService::CreateEvent(grpc::ServerContext* ctx,
                                       const v1::CreateEventRequest* req,
                                       v1::CreateEventResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus(db_.Transact([&](storage::Tx& tx) -> absl::Status {
    SN_ASSIGN_OR_RETURN(Event draft, NewEvent(tx, req->event()));
    SN_ASSIGN_OR_RETURN(Event created, events_->Insert(tx, draft));
    api::EventToProto(created, resp->mutable_event());
    SN_RETURN_IF_ERROR(audit_->Record(tx, call.Audit("event", created.id.value(), "create")));
    return link_.EventCreated(tx, created);
  }));
}

grpc::Status EventService::CreateEventSeries(grpc::ServerContext* ctx,
                                             const v1::CreateEventSeriesRequest* req,
                                             v1::CreateEventSeriesResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus(db_.Transact([&](storage::Tx& tx) -> absl::Status {
    SN_ASSIGN_OR_RETURN(Event first, NewEvent(tx, req->event()));
    SN_ASSIGN_OR_RETURN(domain::Recurrence rule, RecurrenceFromProto(req->recurrence()));
    SN_ASSIGN_OR_RETURN(std::vector<domain::Occurrence> occurrences,
                        domain::ExpandRecurrence(first.start_time, first.end_time, rule));
    std::string series = NewUuid();
    for (const domain::Occurrence& o : occurrences) {
      Event e = first;
      e.start_time = o.start;
      e.end_time = o.end;
      e.series_id = series;
      SN_ASSIGN_OR_RETURN(Event created, events_->Insert(tx, e));
      api::EventToProto(created, resp->add_events());
      SN_RETURN_IF_ERROR(
          audit_->Record(tx, call.Audit("event", created.id.value(), "create", "series " + series)));
      SN_RETURN_IF_ERROR(link_.EventCreated(tx, created));
    }
    resp->set_series_id(series);
    return absl::OkStatus();
  }));
}

grpc::Status EventService::UpdateEvent(grpc::ServerContext* ctx,
                                       const v1::UpdateEventRequest* req,
                                       v1::UpdateEventResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    const v1::Event& in = req->event();
    SN_RETURN_IF_ERROR(ValidateUuid("event.id", in.id()));
    SN_ASSIGN_OR_RETURN(std::vector<std::string> paths,
                        rpc::UpdatePaths(req->update_mask(), domain::EventMutableFields()));
    SN_ASSIGN_OR_RETURN(Event patch, api::EventFromProto(in, "event."));
    return db_.Transact([&](storage::Tx& tx) -> absl::Status {
      SN_ASSIGN_OR_RETURN(Event current, OwnEventForChange(tx, in.id()));
      SN_RETURN_IF_ERROR(
          domain::CheckEtag(in.etag(), current.version, "event.etag", domain::kEventKind));
      SN_RETURN_IF_ERROR(domain::CheckEditable(current));
      Event merged = current;
      for (const std::string& path : paths) ApplyPath(path, patch, &merged);
      SN_RETURN_IF_ERROR(domain::ValidateEvent(merged, "event."));
      if (merged.scope != current.scope) {
        SN_ASSIGN_OR_RETURN(std::vector<domain::Registration> incoming,
                            registrations_->ListIncoming(tx, current.id));
        int live_incoming = static_cast<int>(
            std::count_if(incoming.begin(), incoming.end(),
                          [](const domain::Registration& r) { return domain::IsLive(r.state); }));
        SN_RETURN_IF_ERROR(domain::CheckCanStopSharing(current, merged.scope, live_incoming));
      }
      if (merged.group_id != current.group_id) SN_RETURN_IF_ERROR(CheckGroup(tx, merged));
      if (merged.capacity > 0 && merged.capacity < current.registered_count) {
        return FieldError("event.capacity",
                          absl::StrCat(current.registered_count,
                                       " members already have a seat; cancel registrations first"),
                          absl::StrCat(current.registered_count,
                                       " Mitglieder haben bereits einen Platz"));
      }
      SN_ASSIGN_OR_RETURN(Event updated, events_->Update(tx, merged));
      SN_RETURN_IF_ERROR(audit_->Record(tx, call.Audit("event", updated.id.value(), "update",
                                                       "fields: " + absl::StrJoin(paths, ", "))));
      SN_ASSIGN_OR_RETURN(std::vector<domain::Registration> promoted,
                          FillFreeSeats(tx, *registrations_, *audit_, call, updated));
      if (!promoted.empty()) {
        SN_ASSIGN_OR_RETURN(updated, events_->Get(tx, updated.id, false));
      }
      SN_RETURN_IF_ERROR(link_.EventChanged(tx, updated.id, current.scope));
      api::EventToProto(updated, resp->mutable_event());
      return absl::OkStatus();
    });
  }());
}

grpc::Status EventService::DeleteEvent(grpc::ServerContext* ctx,
                                       const v1::DeleteEventRequest* req,
                                       v1::DeleteEventResponse*) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    SN_RETURN_IF_ERROR(ValidateUuid("id", req->id()));
    return db_.Transact([&](storage::Tx& tx) -> absl::Status {
      SN_ASSIGN_OR_RETURN(Event current, OwnEventForChange(tx, req->id()));
      SN_RETURN_IF_ERROR(domain::CheckEtag(req->etag(), current.version, "etag", domain::kEventKind));
      SN_RETURN_IF_ERROR(domain::CheckEditable(current));
      SN_ASSIGN_OR_RETURN(domain::Page<domain::Registration> any,
                          registrations_->ListForEvent(tx, current.id,
                                                       domain::RegistrationState::kUnspecified,
                                                       {1, ""}));
      if (any.total_size > 0) {
        return Bilingual(absl::StatusCode::kFailedPrecondition,
                         "the event has registrations; cancel it instead",
                         "die Veranstaltung hat Anmeldungen; bitte absagen statt löschen");
      }
      SN_RETURN_IF_ERROR(link_.EventDeleted(tx, current));
      SN_RETURN_IF_ERROR(events_->Delete(tx, current.id));
      return audit_->Record(tx, call.Audit("event", current.id.value(), "delete"));
    });
  }());
}

absl::Status EventService::ChangeEvent(const api::Call& call, const std::string& id_field,
                                       const std::string& id, const std::string& etag,
                                       const std::string& action, bool shared_fields,
                                       const std::function<absl::Status(Event&)>& change,
                                       v1::Event* out) {
  SN_RETURN_IF_ERROR(ValidateUuid(id_field, id));
  return db_.Transact([&](storage::Tx& tx) -> absl::Status {
    SN_ASSIGN_OR_RETURN(Event e, OwnEventForChange(tx, id));
    SN_RETURN_IF_ERROR(domain::CheckEtag(etag, e.version, "etag", domain::kEventKind));
    SN_RETURN_IF_ERROR(change(e));
    SN_ASSIGN_OR_RETURN(Event stored, events_->Update(tx, e));
    api::EventToProto(stored, out);
    SN_RETURN_IF_ERROR(audit_->Record(tx, call.Audit("event", stored.id.value(), action)));
    return shared_fields ? link_.EventChanged(tx, stored.id) : absl::OkStatus();
  });
}

grpc::Status EventService::SetAgenda(grpc::ServerContext* ctx, const v1::SetAgendaRequest* req,
                                     v1::SetAgendaResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    SN_RETURN_IF_ERROR(ValidateUuid("event_id", req->event_id()));
    std::vector<domain::AgendaItem> agenda;
    for (const v1::AgendaItem& item : req->items()) {
      agenda.push_back({0, Trim(item.title()), Trim(item.presenter()), item.duration_minutes()});
    }
    SN_RETURN_IF_ERROR(domain::ValidateAgenda(agenda));
    return db_.Transact([&](storage::Tx& tx) -> absl::Status {
      SN_ASSIGN_OR_RETURN(Event e, OwnEventForChange(tx, req->event_id()));
      SN_RETURN_IF_ERROR(domain::CheckEtag(req->etag(), e.version, "etag", domain::kEventKind));
      SN_RETURN_IF_ERROR(domain::CheckEditable(e));
      SN_RETURN_IF_ERROR(events_->ReplaceAgenda(tx, e.id, agenda));
      SN_ASSIGN_OR_RETURN(Event stored, events_->Get(tx, e.id, false));
      api::EventToProto(stored, resp->mutable_event());
      return audit_->Record(tx, call.Audit("event", e.id.value(), "set_agenda",
                                           absl::StrCat(agenda.size(), " items")));
    });
  }());
}

grpc::Status EventService::CancelEvent(grpc::ServerContext* ctx,
                                       const v1::CancelEventRequest* req,
                                       v1::CancelEventResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  absl::Status reason =
      ValidateText("reason", req->reason(), {.max_chars = 500, .required = true, .multiline = true});
  if (!reason.ok()) return rpc::ToGrpcStatus(reason);
  return rpc::ToGrpcStatus(ChangeEvent(
      call, "id", req->id(), req->etag(), "cancel", /*shared_fields=*/true,
      [&](Event& e) -> absl::Status {
        SN_RETURN_IF_ERROR(domain::CheckCanCancel(e));
        e.state = domain::EventState::kCancelled;
        e.cancel_reason = Trim(req->reason());
        return absl::OkStatus();
      },
      resp->mutable_event()));
}

grpc::Status EventService::MarkEventHeld(grpc::ServerContext* ctx,
                                         const v1::MarkEventHeldRequest* req,
                                         v1::MarkEventHeldResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus(ChangeEvent(
      call, "id", req->id(), req->etag(), "mark_held", /*shared_fields=*/true,
      [&](Event& e) -> absl::Status {
        SN_RETURN_IF_ERROR(domain::CheckCanMarkHeld(e, clock_()));
        e.state = domain::EventState::kHeld;
        return absl::OkStatus();
      },
      resp->mutable_event()));
}

grpc::Status EventService::UpdateMinutes(grpc::ServerContext* ctx,
                                         const v1::UpdateMinutesRequest* req,
                                         v1::UpdateMinutesResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  absl::Status text =
      ValidateText("minutes", req->minutes(), {.max_chars = 20000, .multiline = true});
  if (text.ok() && req->approved() && Trim(req->minutes()).empty()) {
    text = FieldError("minutes", "empty minutes cannot be approved",
                      "ein leeres Protokoll kann nicht genehmigt werden");
  }
  if (!text.ok()) return rpc::ToGrpcStatus(text);
  return rpc::ToGrpcStatus(ChangeEvent(
      call, "event_id", req->event_id(), req->etag(),
      req->approved() ? "approve_minutes" : "update_minutes", /*shared_fields=*/false,
      [&](Event& e) -> absl::Status {
        SN_RETURN_IF_ERROR(domain::CheckMinutesEditable(e));
        e.minutes = req->minutes();
        e.minutes_approved = req->approved();
        return absl::OkStatus();
      },
      resp->mutable_event()));
}

}  // namespace schutznetz::tenant
