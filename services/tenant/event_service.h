// EventService: gRPC edge for planning and documenting the office's events.
//
// The calendar it lists also holds the district events of the other offices, mirrored read-only
// (domain::CheckOwnEvent refuses changes naming the organiser). Every change of an own event that
// other offices see — fields, state, seats — is handed to DistrictLink in the same transaction.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "libs/api/call.h"
#include "libs/common/clock.h"
#include "libs/storage/audit_repository.h"
#include "libs/storage/database.h"
#include "libs/storage/events_repository.h"
#include "libs/storage/groups_repository.h"
#include "libs/storage/registrations_repository.h"
#include "schutznetz/v1/event_service.grpc.pb.h"
#include "services/tenant/district_link.h"

namespace schutznetz::tenant {

class EventService final : public v1::EventService::Service {
 public:
  // `office_id` is recorded as the organiser of events created here.
  EventService(storage::Database& db, std::string office_id, DistrictLink& link,
               Clock clock = SystemClock());

  grpc::Status ListEvents(grpc::ServerContext* ctx, const v1::ListEventsRequest* req,
                          v1::ListEventsResponse* resp) override;
  grpc::Status GetEvent(grpc::ServerContext* ctx, const v1::GetEventRequest* req,
                        v1::GetEventResponse* resp) override;
  grpc::Status CreateEvent(grpc::ServerContext* ctx, const v1::CreateEventRequest* req,
                           v1::CreateEventResponse* resp) override;
  grpc::Status CreateEventSeries(grpc::ServerContext* ctx,
                                 const v1::CreateEventSeriesRequest* req,
                                 v1::CreateEventSeriesResponse* resp) override;
  grpc::Status UpdateEvent(grpc::ServerContext* ctx, const v1::UpdateEventRequest* req,
                           v1::UpdateEventResponse* resp) override;
  grpc::Status DeleteEvent(grpc::ServerContext* ctx, const v1::DeleteEventRequest* req,
                           v1::DeleteEventResponse* resp) override;
  grpc::Status SetAgenda(grpc::ServerContext* ctx, const v1::SetAgendaRequest* req,
                         v1::SetAgendaResponse* resp) override;
  grpc::Status CancelEvent(grpc::ServerContext* ctx, const v1::CancelEventRequest* req,
                           v1::CancelEventResponse* resp) override;
  grpc::Status MarkEventHeld(grpc::ServerContext* ctx, const v1::MarkEventHeldRequest* req,
                             v1::MarkEventHeldResponse* resp) override;
  grpc::Status UpdateMinutes(grpc::ServerContext* ctx, const v1::UpdateMinutesRequest* req,
                             v1::UpdateMinutesResponse* resp) override;

 private:
  // Validates a new event from the request and checks its group exists.
  absl::StatusOr<domain::Event> NewEvent(storage::Tx& tx, const v1::Event& in);
  absl::Status CheckGroup(storage::Tx& tx, const domain::Event& e);
  // Loads the own event `id` under lock, checks `etag`, applies `change`, stores and audits it;
  // tells the district if `shared_fields` (what other offices see) may have changed.
  absl::Status ChangeEvent(const api::Call& call, const std::string& id_field,
                           const std::string& id, const std::string& etag,
                           const std::string& action, bool shared_fields,
                           const std::function<absl::Status(domain::Event&)>& change,
                           v1::Event* out);
  // The own event `id` locked for a change (FAILED_PRECONDITION for a mirrored one).
  absl::StatusOr<domain::Event> OwnEventForChange(storage::Tx& tx, const std::string& id);

  storage::Database& db_;
  std::string office_id_;
  DistrictLink& link_;
  Clock clock_;
  std::unique_ptr<storage::EventsRepository> events_;
  std::unique_ptr<storage::GroupsRepository> groups_;
  std::unique_ptr<storage::RegistrationsRepository> registrations_;
  std::unique_ptr<storage::AuditRepository> audit_;
};

}  // namespace schutznetz::tenant
