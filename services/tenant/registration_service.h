// RegistrationService: gRPC edge for members registering for the office's events.
//
// Seats are decided while the event row is locked, so simultaneous registrations never overbook:
// each one sees the seats the previous ones took.
#pragma once

#include <memory>

#include "libs/common/clock.h"
#include "libs/storage/audit_repository.h"
#include "libs/storage/database.h"
#include "libs/storage/events_repository.h"
#include "libs/storage/members_repository.h"
#include "libs/storage/registrations_repository.h"
#include "schutznetz/v1/registration_service.grpc.pb.h"

namespace schutznetz::tenant {

class RegistrationService final : public v1::RegistrationService::Service {
 public:
  explicit RegistrationService(storage::Database& db, Clock clock = SystemClock());

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
  storage::Database& db_;
  Clock clock_;
  std::unique_ptr<storage::EventsRepository> events_;
  std::unique_ptr<storage::MembersRepository> members_;
  std::unique_ptr<storage::RegistrationsRepository> registrations_;
  std::unique_ptr<storage::AuditRepository> audit_;
};

}  // namespace schutznetz::tenant
