// PublicService: the office's public calendar, for anybody, without a token.
//
// Only events with scope PUBLIC (the office's own and those other offices of the district share
// publicly), and of each only what a poster shows: title, time, place, organiser. Never
// registrations, attendance, minutes, agenda (presenters are names) or the group.
#pragma once

#include <memory>

#include "libs/common/clock.h"
#include "libs/storage/database.h"
#include "libs/storage/events_repository.h"
#include "schutznetz/v1/public_service.grpc.pb.h"

namespace schutznetz::tenant {

class PublicService final : public v1::PublicService::Service {
 public:
  explicit PublicService(storage::Database& db, Clock clock = SystemClock());

  grpc::Status ListPublicEvents(grpc::ServerContext* ctx, const v1::ListPublicEventsRequest* req,
                                v1::ListPublicEventsResponse* resp) override;

 private:
  storage::Database& db_;
  Clock clock_;
  std::unique_ptr<storage::EventsRepository> events_;
};

}  // namespace schutznetz::tenant
