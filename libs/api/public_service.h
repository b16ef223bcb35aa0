// PublicService: what an office — or the district at its aggregator — shows anybody, without a
// token: the public calendar as a list (ListPublicEvents) and as an iCalendar feed
// (GetPublicCalendar, also GET /calendar.ics), and the public contacts (ListPublicContacts, also
// GET /contacts).
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
#include "libs/common/clock.h"
#include "libs/storage/database.h"
#include "schutznetz/v1/public_service.grpc.pb.h"

namespace schutznetz::api {

// A feed holds the events of one year before now onwards unless asked otherwise, at most this many.
inline constexpr int kMaxCalendarEvents = 2000;

class PublicService final : public v1::PublicService::Service {
 public:
  PublicService(storage::Database& db, std::unique_ptr<PublicEventSource> events,
                PublicProfile profile, Clock clock = SystemClock());

  grpc::Status ListPublicEvents(grpc::ServerContext* ctx, const v1::ListPublicEventsRequest* req,
                                v1::ListPublicEventsResponse* resp) override;
  grpc::Status GetPublicCalendar(grpc::ServerContext* ctx, const v1::GetPublicCalendarRequest* req,
                                 v1::PublicCalendar* resp) override;
  grpc::Status ListPublicContacts(grpc::ServerContext* ctx,
                                  const v1::ListPublicContactsRequest* req,
                                  v1::ListPublicContactsResponse* resp) override;

 private:
  storage::Database& db_;
  std::unique_ptr<PublicEventSource> events_;
  PublicProfile profile_;
  Clock clock_;
};

}  // namespace schutznetz::api
