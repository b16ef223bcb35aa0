#include "libs/federation/items.h"

#include "absl/strings/str_cat.h"
#include "libs/api/enums.h"
#include "libs/api/event_convert.h"
#include "libs/api/reporting_path_convert.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "libs/common/text.h"
#include "libs/common/uuid.h"
#include "libs/domain/district_sharing.h"
#include "libs/rpc/proto_util.h"
#include "schutznetz/v1/district_items.pb.h"

namespace schutznetz::federation {
namespace {

template <typename Message>
absl::StatusOr<Message> Parse(const domain::SyncItem& item) {
  Message m;
  if (!m.ParseFromString(item.payload)) {
    return FieldError(absl::StrCat(item.type, ".payload"), "is not a valid message",
                      "ist keine gültige Nachricht");
  }
  return m;
}

// The payload's registration id must be the item id (what the origin signs is what it names).
absl::Status CheckSameId(const domain::SyncItem& item, const std::string& id) {
  SN_RETURN_IF_ERROR(ValidateUuid(absl::StrCat(item.type, ".registration_id"), id));
  if (id == item.id) return absl::OkStatus();
  return FieldError(absl::StrCat(item.type, ".registration_id"), "differs from the item id",
                    "weicht von der Kennung des Eintrags ab");
}

v1::DistrictEventState ToProtoState(const domain::Event& e) {
  if (e.withdrawn) return v1::DISTRICT_EVENT_STATE_WITHDRAWN;
  return static_cast<v1::DistrictEventState>(e.state);
}

}  // namespace

std::string DistrictEventPayload(const domain::Event& e) {
  v1::DistrictEvent p;
  p.set_id(e.id.value());
  p.set_organiser_office(e.organiser_office);
  p.set_state(ToProtoState(e));
  if (e.withdrawn) return p.SerializeAsString();
  p.set_kind(static_cast<v1::EventKind>(e.kind));
  p.set_title(e.title);
  p.set_topic(e.topic);
  p.set_description(e.description);
  rpc::ToProto(e.start_time, p.mutable_start_time());
  rpc::ToProto(e.end_time, p.mutable_end_time());
  p.set_place(e.place);
  p.set_online_link(e.online_link);
  for (domain::Sector s : e.audience_sectors) p.add_audience_sectors(api::ToProto(s));
  for (domain::ActorCategory c : e.audience_categories) {
    p.add_audience_categories(api::ToProto(c));
  }
  p.set_capacity(e.capacity);
  p.set_registered_count(e.registered_count);
  p.set_waitlisted_count(e.waitlisted_count);
  p.set_scope(static_cast<v1::EventScope>(e.scope));
  p.set_cancel_reason(e.cancel_reason);
  return p.SerializeAsString();
}

absl::StatusOr<domain::Event> DistrictEventFromItem(const domain::SyncItem& item) {
  SN_ASSIGN_OR_RETURN(v1::DistrictEvent p, Parse<v1::DistrictEvent>(item));
  FieldViolations v;
  v.Add(ValidateUuid("district_event.id", p.id()));
  if (p.id() != item.id) {
    v.Add("district_event.id", "differs from the item id", "weicht von der Kennung ab");
  }
  if (p.organiser_office() != item.origin) {
    v.Add("district_event.organiser_office", "is not the item's origin",
          "ist nicht der Absender");
  }
  domain::Event e;
  e.id = domain::EventId(p.id());
  e.organiser_office = p.organiser_office();
  e.sync_version = item.version;
  e.mirrored = true;
  if (p.state() == v1::DISTRICT_EVENT_STATE_WITHDRAWN) {
    e.withdrawn = true;
    SN_RETURN_IF_ERROR(v.ToStatus());
    return e;
  }
  const std::string prefix = "district_event.";
  absl::StatusOr<domain::EventKind> kind = api::EventKindFromProto(p.kind(), prefix + "kind");
  if (kind.ok()) e.kind = *kind; else v.Add(kind.status());
  absl::StatusOr<domain::EventScope> scope = api::EventScopeFromProto(p.scope(), prefix + "scope");
  if (scope.ok()) e.scope = *scope; else v.Add(scope.status());
  absl::StatusOr<domain::EventState> state = api::EventStateFromProto(p.state(), prefix + "state");
  if (state.ok() && *state != domain::EventState::kUnspecified) {
    e.state = *state;
  } else {
    v.Add(prefix + "state", "is not a known state", "ist kein bekannter Status");
  }
  e.title = p.title();
  e.topic = p.topic();
  e.description = p.description();
  e.start_time = rpc::FromProto(p.start_time());
  e.end_time = rpc::FromProto(p.end_time());
  e.place = p.place();
  e.online_link = p.online_link();
  for (int i = 0; i < p.audience_sectors_size(); ++i) {
    absl::StatusOr<domain::Sector> s = api::SectorFromProto(
        p.audience_sectors(i), absl::StrCat(prefix, "audience_sectors[", i, "]"), true);
    if (s.ok()) e.audience_sectors.push_back(*s); else v.Add(s.status());
  }
  for (int i = 0; i < p.audience_categories_size(); ++i) {
    absl::StatusOr<domain::ActorCategory> c = api::CategoryFromProto(
        p.audience_categories(i), absl::StrCat(prefix, "audience_categories[", i, "]"), true);
    if (c.ok()) e.audience_categories.push_back(*c); else v.Add(c.status());
  }
  e.capacity = p.capacity();
  e.registered_count = p.registered_count();
  e.waitlisted_count = p.waitlisted_count();
  if (e.registered_count < 0 || e.waitlisted_count < 0) {
    v.Add(prefix + "registered_count", "must not be negative", "darf nicht negativ sein");
  }
  e.cancel_reason = p.cancel_reason();
  v.Add(ValidateText(prefix + "cancel_reason", e.cancel_reason,
                     {.max_chars = 500, .multiline = true}));
  v.Add(domain::ValidateEvent(e, prefix));
  if (!domain::SharedWithDistrict(e.scope)) {
    v.Add(prefix + "scope", "must be district or public", "muss kreisweit oder öffentlich sein");
  }
  SN_RETURN_IF_ERROR(v.ToStatus());
  return e;
}

std::string SeatRequestPayload(const SeatRequest& request) {
  v1::RegistrationRequest p;
  p.set_registration_id(request.participant.remote_registration_id);
  p.set_event_id(request.event_id.value());
  p.set_participant_name(request.participant.name);
  p.set_organisation_name(request.participant.organisation);
  p.set_sector(api::ToProto(request.participant.sector));
  return p.SerializeAsString();
}

absl::StatusOr<SeatRequest> SeatRequestFromItem(const domain::SyncItem& item) {
  SN_ASSIGN_OR_RETURN(v1::RegistrationRequest p, Parse<v1::RegistrationRequest>(item));
  SN_RETURN_IF_ERROR(CheckSameId(item, p.registration_id()));
  SN_RETURN_IF_ERROR(ValidateUuid("registration_request.event_id", p.event_id()));
  SeatRequest r;
  r.event_id = domain::EventId(p.event_id());
  r.participant.origin_office = item.origin;
  r.participant.remote_registration_id = p.registration_id();
  r.participant.name = Trim(p.participant_name());
  r.participant.organisation = Trim(p.organisation_name());
  absl::StatusOr<domain::Sector> sector =
      api::SectorFromProto(p.sector(), "registration_request.sector", true);
  if (!sector.ok()) return sector.status();
  r.participant.sector = *sector;
  SN_RETURN_IF_ERROR(domain::ValidateParticipant(r.participant, "registration_request."));
  return r;
}

std::string SeatCancelPayload(const SeatCancel& cancel) {
  v1::RegistrationCancel p;
  p.set_registration_id(cancel.registration_id);
  p.set_event_id(cancel.event_id.value());
  return p.SerializeAsString();
}

absl::StatusOr<SeatCancel> SeatCancelFromItem(const domain::SyncItem& item) {
  SN_ASSIGN_OR_RETURN(v1::RegistrationCancel p, Parse<v1::RegistrationCancel>(item));
  SN_RETURN_IF_ERROR(CheckSameId(item, p.registration_id()));
  SN_RETURN_IF_ERROR(ValidateUuid("registration_cancel.event_id", p.event_id()));
  return SeatCancel{domain::EventId(p.event_id()), p.registration_id()};
}

std::string SeatDecisionPayload(const SeatDecision& d) {
  v1::RegistrationDecision p;
  p.set_registration_id(d.registration_id);
  p.set_event_id(d.event_id.value());
  p.set_state(static_cast<v1::RegistrationState>(d.state));
  p.set_waitlist_position(d.waitlist_position);
  p.set_reason(d.reason);
  return p.SerializeAsString();
}

absl::StatusOr<SeatDecision> SeatDecisionFromItem(const domain::SyncItem& item) {
  SN_ASSIGN_OR_RETURN(v1::RegistrationDecision p, Parse<v1::RegistrationDecision>(item));
  SN_RETURN_IF_ERROR(CheckSameId(item, p.registration_id()));
  FieldViolations v;
  v.Add(ValidateUuid("registration_decision.event_id", p.event_id()));
  SeatDecision d;
  d.registration_id = p.registration_id();
  d.event_id = domain::EventId(p.event_id());
  d.state = domain::RegistrationStateFromNumber(p.state())
                .value_or(domain::RegistrationState::kUnspecified);
  if (!domain::IsDecisionState(d.state)) {
    v.Add("registration_decision.state", "is not a decision", "ist keine Entscheidung");
  }
  d.waitlist_position = p.waitlist_position();
  if (d.waitlist_position < 0 ||
      (d.waitlist_position > 0) != (d.state == domain::RegistrationState::kWaitlisted)) {
    v.Add("registration_decision.waitlist_position", "must be set exactly while waitlisted",
          "nur auf der Warteliste gesetzt");
  }
  d.reason = Trim(p.reason());
  v.Add(ValidateText("registration_decision.reason", d.reason, {.max_chars = 500}));
  SN_RETURN_IF_ERROR(v.ToStatus());
  return d;
}

std::string ErasureRequestPayload(const ErasureOrder& order) {
  v1::ErasureRequest p;
  p.set_request_id(order.request_id);
  for (const std::string& id : order.registration_ids) p.add_registration_ids(id);
  p.set_reason(order.reason);
  return p.SerializeAsString();
}

absl::StatusOr<ErasureOrder> ErasureRequestFromItem(const domain::SyncItem& item) {
  SN_ASSIGN_OR_RETURN(v1::ErasureRequest p, Parse<v1::ErasureRequest>(item));
  FieldViolations v;
  v.Add(ValidateUuid("erasure_request.request_id", p.request_id()));
  if (p.request_id() != item.id) {
    v.Add("erasure_request.request_id", "differs from the item id",
          "weicht von der Kennung des Eintrags ab");
  }
  if (p.registration_ids().empty() || p.registration_ids_size() > 1000) {
    v.Add("erasure_request.registration_ids", "must name 1 to 1000 registrations",
          "muss 1 bis 1000 Anmeldungen nennen");
  }
  ErasureOrder order;
  order.request_id = p.request_id();
  for (const std::string& id : p.registration_ids()) {
    v.Add(ValidateUuid("erasure_request.registration_ids", id));
    order.registration_ids.push_back(id);
  }
  order.reason = p.reason();
  if (order.reason != "consent_withdrawn" && order.reason != "erased" &&
      order.reason != "retention") {
    v.Add("erasure_request.reason", "must be consent_withdrawn, erased or retention",
          "muss consent_withdrawn, erased oder retention sein");
  }
  SN_RETURN_IF_ERROR(v.ToStatus());
  return order;
}

std::string ErasureReceiptPayload(const ErasureConfirmation& receipt) {
  v1::ErasureReceipt p;
  p.set_request_id(receipt.request_id);
  p.set_erased(receipt.erased);
  return p.SerializeAsString();
}

absl::StatusOr<ErasureConfirmation> ErasureReceiptFromItem(const domain::SyncItem& item) {
  SN_ASSIGN_OR_RETURN(v1::ErasureReceipt p, Parse<v1::ErasureReceipt>(item));
  FieldViolations v;
  v.Add(ValidateUuid("erasure_receipt.request_id", p.request_id()));
  if (p.request_id() != item.id) {
    v.Add("erasure_receipt.request_id", "differs from the item id",
          "weicht von der Kennung des Eintrags ab");
  }
  if (p.erased() < 0 || p.erased() > 1000) {
    v.Add("erasure_receipt.erased", "must be between 0 and 1000", "muss zwischen 0 und 1000 liegen");
  }
  SN_RETURN_IF_ERROR(v.ToStatus());
  return ErasureConfirmation{p.request_id(), p.erased()};
}

std::string RegistrationResendPayload(const std::string& epoch) {
  v1::RegistrationResend p;
  p.set_epoch(epoch);
  return p.SerializeAsString();
}

absl::Status CheckRegistrationResendItem(const domain::SyncItem& item) {
  SN_ASSIGN_OR_RETURN(v1::RegistrationResend p, Parse<v1::RegistrationResend>(item));
  FieldViolations v;
  v.Add(ValidateUuid("registration_resend.epoch", p.epoch()));
  if (p.epoch() != item.id) {
    v.Add("registration_resend.epoch", "differs from the item id",
          "weicht von der Kennung des Eintrags ab");
  }
  if (item.destination != domain::kToEveryOffice) {
    v.Add("registration_resend", "must go to every office", "muss an alle Jugendämter gehen");
  }
  return v.ToStatus();
}

std::string ReportingPathsPayload(const domain::ReportingPathSet& set,
                                  const std::string& office_name) {
  v1::ReportingPathsItem p;
  p.set_office_id(set.office_id);
  p.set_office_name(office_name);
  p.set_version(set.version);
  rpc::ToProto(set.publish_time, p.mutable_publish_time());
  for (const domain::ReportingPathEntry& e : set.entries) api::EntryToProto(e, p.add_entries());
  return p.SerializeAsString();
}

absl::StatusOr<domain::ReportingPathSet> ReportingPathsFromItem(const domain::SyncItem& item) {
  SN_ASSIGN_OR_RETURN(v1::ReportingPathsItem p, Parse<v1::ReportingPathsItem>(item));
  const std::string prefix = "reporting_paths.";
  FieldViolations v;
  if (p.office_id() != item.id || p.office_id() != item.origin) {
    v.Add(prefix + "office_id", "is not the item's id and origin",
          "ist nicht Kennung und Absender des Eintrags");
  }
  if (item.destination != domain::kToEveryOffice) {
    v.Add(prefix.substr(0, prefix.size() - 1), "must go to every office",
          "muss an alle Jugendämter gehen");
  }
  v.Add(ValidateText(prefix + "office_name", p.office_name(), {.max_chars = 200}));
  if (p.version() < 1) v.Add(prefix + "version", "must be 1 or more", "muss mindestens 1 sein");
  domain::ReportingPathSet set;
  set.office_id = p.office_id();
  set.office_name = Trim(p.office_name());
  set.version = p.version();
  set.publish_time = rpc::FromProto(p.publish_time());
  set.mirrored = true;
  set.entries = api::EntriesFromProto(p.entries());
  v.Add(domain::ValidateReportingPathEntries(set.entries, std::nullopt, prefix + "entries"));
  for (int i = 0; i < static_cast<int>(set.entries.size()) && i < domain::kMaxReportingPathEntries;
       ++i) {
    if (set.entries[i].agreement_id.empty()) continue;
    v.Add(ValidateUuid(absl::StrCat(prefix, "entries[", i, "].agreement_id"),
                       set.entries[i].agreement_id));
  }
  SN_RETURN_IF_ERROR(v.ToStatus());
  return set;
}

absl::StatusOr<domain::EventId> EventOfRegistrationItem(const domain::SyncItem& item) {
  if (item.type == kRegistrationRequestItem) {
    SN_ASSIGN_OR_RETURN(SeatRequest r, SeatRequestFromItem(item));
    return r.event_id;
  }
  if (item.type == kRegistrationCancelItem) {
    SN_ASSIGN_OR_RETURN(SeatCancel c, SeatCancelFromItem(item));
    return c.event_id;
  }
  SN_ASSIGN_OR_RETURN(SeatDecision d, SeatDecisionFromItem(item));
  return d.event_id;
}

}  // namespace schutznetz::federation
