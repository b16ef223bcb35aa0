#include "libs/api/paging.h"
#include "libs/api/public_service.h"

#include "libs/api/call.h"
#include "libs/api/public_calendar.h"
#include "libs/api/reporting_path_convert.h"
#include "libs/common/errors.h"
#include "libs/common/page_token.h"
#include "libs/common/status_macros.h"
#include "libs/rpc/proto_util.h"
#include "libs/rpc/status.h"

namespace schutznetz::api {
namespace {

// The public part of an event, field by field: nothing else leaves through this service.
void ToPublicProto(const domain::Event& e, v1::PublicEvent* p) {
  p->set_id(e.id.value());
  p->set_kind(static_cast<v1::EventKind>(e.kind));
  p->set_title(e.title);
  p->set_topic(e.topic);
  p->set_description(e.description);
  rpc::ToProto(e.start_time, p->mutable_start_time());
  rpc::ToProto(e.end_time, p->mutable_end_time());
  p->set_place(e.place);
  p->set_online_link(e.online_link);
  p->set_organiser_office(e.organiser_office);
  p->set_state(static_cast<v1::EventState>(e.state));
  p->set_version(e.sync_version);
}

}  // namespace

PublicService::PublicService(storage::Database& db, std::unique_ptr<PublicEventSource> events,
                             PublicProfile profile, Clock clock,
                             std::unique_ptr<PublicReportingPathSource> reporting_paths)
    : db_(db),
      events_(std::move(events)),
      profile_(std::move(profile)),
      clock_(std::move(clock)),
      reporting_paths_(std::move(reporting_paths)) {}

absl::StatusOr<std::vector<domain::ReportingPathSet>> PublicService::ReportingPaths() {
  std::vector<domain::ReportingPathSet> sets;
  if (reporting_paths_ == nullptr) return sets;
  SN_RETURN_IF_ERROR(db_.Transact(
      [&](storage::Tx& tx) -> absl::Status {
        SN_ASSIGN_OR_RETURN(sets, reporting_paths_->List(tx));
        return absl::OkStatus();
      },
      {.read_only = true}));
  return sets;
}

grpc::Status PublicService::ListPublicEvents(grpc::ServerContext* ctx,
                                             const v1::ListPublicEventsRequest* req,
                                             v1::ListPublicEventsResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    absl::Time from = req->has_start_from() ? rpc::FromProto(req->start_from()) : clock_();
    absl::Time to =
        req->has_start_before() ? rpc::FromProto(req->start_before()) : absl::InfiniteFuture();
    SN_ASSIGN_OR_RETURN(domain::PageRequest page,
                        api::PageRequestFrom(req->page_size(), req->page_token()));
    return db_.Transact(
        [&](storage::Tx& tx) -> absl::Status {
          SN_ASSIGN_OR_RETURN(domain::Page<domain::Event> result,
                              events_->List(tx, from, to, page));
          for (const domain::Event& e : result.items) {
            if (e.scope != domain::EventScope::kPublic) continue;  // never anything else
            ToPublicProto(e, resp->add_events());
          }
          resp->set_next_page_token(result.next_page_token);
          return absl::OkStatus();
        },
        {.read_only = true});
  }());
}

grpc::Status PublicService::GetPublicCalendar(grpc::ServerContext* ctx,
                                              const v1::GetPublicCalendarRequest* req,
                                              v1::PublicCalendar* resp) {
  SN_ADMIT_CALL(call, ctx);
  return rpc::ToGrpcStatus([&]() -> absl::Status {
    absl::Time now = clock_();
    absl::Time from =
        req->has_start_from() ? rpc::FromProto(req->start_from()) : now - absl::Hours(24 * 365);
    absl::Time to =
        req->has_start_before() ? rpc::FromProto(req->start_before()) : absl::InfiniteFuture();
    std::vector<domain::Event> events;
    bool truncated = false;
    SN_RETURN_IF_ERROR(db_.Transact(
        [&](storage::Tx& tx) -> absl::Status {
          domain::PageRequest page;
          page.page_size = kMaxPageSize;
          while (true) {
            SN_ASSIGN_OR_RETURN(domain::Page<domain::Event> result,
                                events_->List(tx, from, to, page));
            for (domain::Event& e : result.items) {
              if (e.scope != domain::EventScope::kPublic) continue;  // never anything else
              if (static_cast<int>(events.size()) == kMaxCalendarEvents) {
                truncated = true;
                return absl::OkStatus();
              }
              events.push_back(std::move(e));
            }
            if (result.next_page_token.empty()) return absl::OkStatus();
            page.page_token = result.next_page_token;
          }
        },
        {.read_only = true}));
    resp->set_name(profile_.calendar_name);
    resp->set_ics(RenderPublicCalendar(profile_.calendar_name, events, profile_.office_names, now));
    resp->set_event_count(static_cast<int32_t>(events.size()));
    resp->set_truncated(truncated);
    return absl::OkStatus();
  }());
}

grpc::Status PublicService::ListPublicContacts(grpc::ServerContext* ctx,
                                               const v1::ListPublicContactsRequest*,
                                               v1::ListPublicContactsResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  absl::StatusOr<std::vector<domain::ReportingPathSet>> paths = ReportingPaths();
  if (!paths.ok()) return rpc::ToGrpcStatus(paths.status());
  for (const domain::ReportingPathSet& s : *paths) {
    if (s.mirrored || s.office_id != profile_.contacts_owner_id) continue;
    resp->set_reporting_paths_version(s.version);
    for (const domain::ReportingPathEntry& e : s.entries) {
      if (e.is_public) EntryToProto(e, resp->add_reporting_paths());
    }
  }
  for (const config::PublicContact& c : profile_.contacts) {
    v1::PublicContact* p = resp->add_contacts();
    p->set_office_id(profile_.contacts_owner_id);
    p->set_office_name(profile_.contacts_owner_name);
    p->set_name(c.name);
    p->set_function(c.function);
    p->set_phone(c.phone);
    p->set_email(c.email);
  }
  return grpc::Status::OK;
}

grpc::Status PublicService::ListPublicReportingPaths(
    grpc::ServerContext* ctx, const v1::ListPublicReportingPathsRequest*,
    v1::ListPublicReportingPathsResponse* resp) {
  SN_ADMIT_CALL(call, ctx);
  absl::StatusOr<std::vector<domain::ReportingPathSet>> paths = ReportingPaths();
  if (!paths.ok()) return rpc::ToGrpcStatus(paths.status());
  for (const domain::ReportingPathSet& s : *paths) {
    if (s.entries.empty()) continue;
    v1::PublicReportingPaths* p = resp->add_offices();
    p->set_office_id(s.office_id);
    auto name = profile_.office_names.find(s.office_id);
    p->set_office_name(name != profile_.office_names.end() ? name->second : s.office_name);
    p->set_version(s.version);
    rpc::ToProto(s.publish_time, p->mutable_publish_time());
    for (const domain::ReportingPathEntry& e : s.entries) {
      if (e.is_public) EntryToProto(e, p->add_entries());  // the source keeps only these
    }
  }
  return grpc::Status::OK;
}

}  // namespace schutznetz::api
