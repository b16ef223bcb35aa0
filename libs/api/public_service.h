// PublicService: what an office — or the district at its aggregator — shows anybody, without a
// token: the public calendar as a list (ListPublicEvents) and as an iCalendar feed
// (GetPublicCalendar, also GET /calendar.ics), the public contacts (ListPublicContacts, also
// GET /contacts) and the public reporting paths (ListPublicReportingPaths, also GET
// /reporting-paths; the own office's are part of the contacts too).
//
// Only events with scope PUBLIC, and of each only what a poster shows: title, topic, description,
// kind, time, place, online link, organiser, state. Never registrations, attendance, minutes,
// agenda (presenters are names) or the group. Of a contact only the fields its office marked
// public. The tenant service and the aggregator serve the same class with their own event source
// and profile.
#pragma once

#include <memory>

#include "libs/api/public_events.h"
#include "libs/api/public_profile.h"
#include "libs/api/public_reporting_paths.h"
#include "libs/common/clock.h"
#include "libs/storage/database.h"
#include "schutznetz/v1/public_service.grpc.pb.h"

namespace schutznetz::api {

// A feed holds the events of one year before now onwards unless asked otherwise, at most this many.
inline constexpr int kMaxCalendarEvents = 2000;

class PublicService final : public v1::PublicService::Service {
 public:
  // Without `reporting_paths` (the aggregator) the service lists none.
  PublicService(storage::Database& db, std::unique_ptr<PublicEventSource> events,
                PublicProfile profile, Clock clock = SystemClock(),
                std::unique_ptr<PublicReportingPathSource> reporting_paths = nullptr);

  grpc::Status ListPublicEvents(grpc::ServerContext* ctx, const v1::ListPublicEventsRequest* req,
                                v1::ListPublicEventsResponse* resp) override;
  grpc::Status GetPublicCalendar(grpc::ServerContext* ctx, const v1::GetPublicCalendarRequest* req,
                                 v1::PublicCalendar* resp) override;
  grpc::Status ListPublicContacts(grpc::ServerContext* ctx,
                                  const v1::ListPublicContactsRequest* req,
                                  v1::ListPublicContactsResponse* resp) override;
  grpc::Status ListPublicReportingPaths(grpc::ServerContext* ctx,
                                        const v1::ListPublicReportingPathsRequest* req,
                                        v1::ListPublicReportingPathsResponse* resp) override;

 private:
  // The source's reporting paths; none without a source.
  absl::StatusOr<std::vector<domain::ReportingPathSet>> ReportingPaths();

  storage::Database& db_;
  std::unique_ptr<PublicEventSource> events_;
  PublicProfile profile_;
  Clock clock_;
  std::unique_ptr<PublicReportingPathSource> reporting_paths_;
};

}  // namespace schutznetz::api
