// RegistrationService: gRPC edge for members registering for the office's events and for the
// district events of other offices.
//
// Seats are decided while the event row is locked, so simultaneous registrations never overbook:
// each one sees the seats the previous ones took. For another office's (mirrored) event the
// registration is stored PENDING and sent to that office through DistrictLink — only with the
// member's consent to share registrations; the organiser's decision arrives later
// (SeatDecisionHandler). Every change of an own event's seats goes to DistrictLink too, so other
// offices see availability and learn their participants' states.
#pragma once

#include <memory>
#include <optional>

#include "libs/api/call.h"
#include "libs/common/clock.h"
#include "libs/storage/audit_repository.h"
#include "libs/storage/database.h"
#include "libs/storage/events_repository.h"
#include "libs/storage/members_repository.h"
#include "libs/storage/registrations_repository.h"
#include "schutznetz/v1/registration_service.grpc.pb.h"
#include "services/tenant/district_link.h"

namespace schutznetz::tenant {

class RegistrationService final : public v1::RegistrationService::Service {
 public:
  RegistrationService(storage::Database& db, DistrictLink& link, Clock clock = SystemClock());

  grpc::Status RegisterMember(grpc::ServerContext* ctx, const v1::RegisterMemberRequest* req,
                              v1::RegisterMemberResponse* resp) override;
  grpc::Status CancelRegistration(grpc::ServerContext* ctx,
                                  const v1::CancelRegistrationRequest* req,
                                  v1::CancelRegistrationResponse* resp) override;
  grpc::Status ListRegistrations(grpc::ServerContext* ctx,
                                 const v1::ListRegistrationsRequest* req,
                                 v1::ListRegistrationsResponse* resp) override;
  grpc::Status RecordAttendance(grpc::ServerContext* ctx, const v1::RecordAttendanceRequest* req,
                                v1::RecordAttendanceResponse* resp) override;

 private:
  // RegisterMember for an own event (locked) / for another office's mirrored event (locked).
  absl::StatusOr<domain::Registration> RegisterForOwnEvent(storage::Tx& tx, const api::Call& call,
                                                           const domain::Event& event,
                                                           const domain::Member& member);
  absl::StatusOr<domain::Registration> RegisterForMirroredEvent(storage::Tx& tx,
                                                                const api::Call& call,
                                                                const domain::Event& event,
                                                                const domain::Member& member);
  // The registration an attendance entry names (by member or registration id), or nullopt.
  absl::StatusOr<std::optional<domain::Registration>> AttendanceTarget(
      storage::Tx& tx, const domain::Event& event, const v1::AttendanceEntry& entry, int index,
      std::optional<domain::Member>* member);

  storage::Database& db_;
  DistrictLink& link_;
  Clock clock_;
  std::unique_ptr<storage::EventsRepository> events_;
  std::unique_ptr<storage::MembersRepository> members_;
  std::unique_ptr<storage::RegistrationsRepository> registrations_;
  std::unique_ptr<storage::AuditRepository> audit_;
};

}  // namespace schutznetz::tenant
