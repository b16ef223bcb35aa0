#include "libs/api/event_convert.h"

#include "absl/strings/str_cat.h"
#include "libs/api/enums.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "libs/common/text.h"
#include "libs/rpc/proto_util.h"

namespace schutznetz::api {
namespace {

absl::Status Unknown(const std::string& field, int value) {
  return FieldError(field, absl::StrCat("unknown value ", value),
                    absl::StrCat("unbekannter Wert ", value));
}

}  // namespace

absl::StatusOr<domain::EventKind> EventKindFromProto(int value, const std::string& field) {
  auto k = domain::EventKindFromNumber(value);
  if (!k) return Unknown(field, value);
  return *k;
}

absl::StatusOr<domain::EventScope> EventScopeFromProto(int value, const std::string& field) {
  auto s = domain::EventScopeFromNumber(value);
  if (!s) return Unknown(field, value);
  return *s;
}

absl::StatusOr<domain::EventState> EventStateFromProto(int value, const std::string& field) {
  auto s = domain::EventStateFromNumber(value);
  if (!s) return Unknown(field, value);
  return *s;
}

absl::StatusOr<domain::Event> EventFromProto(const v1::Event& p, const std::string& prefix) {
  domain::Event e;
  FieldViolations v;
  absl::StatusOr<domain::EventKind> kind = EventKindFromProto(p.kind(), prefix + "kind");
  if (kind.ok()) e.kind = *kind; else v.Add(kind.status());
  absl::StatusOr<domain::EventScope> scope = EventScopeFromProto(p.scope(), prefix + "scope");
  if (scope.ok()) e.scope = *scope; else v.Add(scope.status());
  e.title = Trim(p.title());
  e.topic = Trim(p.topic());
  e.description = p.description();
  if (p.has_start_time()) e.start_time = rpc::FromProto(p.start_time());
  if (p.has_end_time()) e.end_time = rpc::FromProto(p.end_time());
  e.place = Trim(p.place());
  e.online_link = Trim(p.online_link());
  e.group_id = domain::GroupId(p.group_id());
  for (int i = 0; i < p.audience_sectors_size(); ++i) {
    absl::StatusOr<domain::Sector> s = SectorFromProto(
        p.audience_sectors(i), absl::StrCat(prefix, "audience_sectors[", i, "]"), true);
    if (s.ok()) e.audience_sectors.push_back(*s); else v.Add(s.status());
  }
  for (int i = 0; i < p.audience_categories_size(); ++i) {
    absl::StatusOr<domain::ActorCategory> c = CategoryFromProto(
        p.audience_categories(i), absl::StrCat(prefix, "audience_categories[", i, "]"), true);
    if (c.ok()) e.audience_categories.push_back(*c); else v.Add(c.status());
  }
  e.capacity = p.capacity();
  for (const v1::AgendaItem& item : p.agenda()) {
    e.agenda.push_back({0, Trim(item.title()), Trim(item.presenter()), item.duration_minutes()});
  }
  SN_RETURN_IF_ERROR(v.ToStatus());
  return e;
}

void EventToProto(const domain::Event& e, v1::Event* p) {
  p->set_id(e.id.value());
  p->set_kind(static_cast<v1::EventKind>(e.kind));
  p->set_title(e.title);
  p->set_topic(e.topic);
  p->set_description(e.description);
  rpc::ToProto(e.start_time, p->mutable_start_time());
  rpc::ToProto(e.end_time, p->mutable_end_time());
  p->set_place(e.place);
  p->set_online_link(e.online_link);
  p->set_group_id(e.group_id.value());
  p->set_organiser_office(e.organiser_office);
  for (domain::Sector s : e.audience_sectors) p->add_audience_sectors(ToProto(s));
  for (domain::ActorCategory c : e.audience_categories) p->add_audience_categories(ToProto(c));
  p->set_capacity(e.capacity);
  p->set_scope(static_cast<v1::EventScope>(e.scope));
  p->set_state(static_cast<v1::EventState>(e.state));
  p->set_cancel_reason(e.cancel_reason);
  p->set_minutes(e.minutes);
  p->set_minutes_approved(e.minutes_approved);
  for (const domain::AgendaItem& item : e.agenda) {
    v1::AgendaItem* a = p->add_agenda();
    a->set_position(item.position);
    a->set_title(item.title);
    a->set_presenter(item.presenter);
    a->set_duration_minutes(item.duration_minutes);
  }
  p->set_series_id(e.series_id);
  p->set_registered_count(e.registered_count);
  p->set_waitlisted_count(e.waitlisted_count);
  p->set_attended_count(e.attended_count);
  p->set_etag(domain::EtagOf(e.version));
  rpc::ToProto(e.create_time, p->mutable_create_time());
  rpc::ToProto(e.update_time, p->mutable_update_time());
  p->set_mirrored(e.mirrored);
}

void RegistrationToProto(const domain::Registration& r, v1::Registration* p) {
  p->set_id(r.id.value());
  p->set_event_id(r.event_id.value());
  p->set_member_id(r.member_id.value());
  p->set_state(static_cast<v1::RegistrationState>(r.state));
  p->set_waitlist_position(r.waitlist_position);
  if (r.attended) p->set_attended(*r.attended);
  rpc::ToProto(r.register_time, p->mutable_register_time());
  if (r.cancel_time != absl::InfinitePast()) rpc::ToProto(r.cancel_time, p->mutable_cancel_time());
  p->set_etag(domain::EtagOf(r.version));
  p->set_member_name(r.member_name);
  p->set_organisation_name(r.organisation_name);
  p->set_origin_office(r.participant.origin_office);
  p->set_organiser_office(r.organiser_office);
  p->set_reason(r.reason);
  if (domain::IsErased(r)) rpc::ToProto(r.erase_time, p->mutable_erase_time());
}

}  // namespace schutznetz::api
