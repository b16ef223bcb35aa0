// Handlers for the registration items between offices (libs/federation/items.h).
//
// At the organiser: SeatRequestHandler decides seat or waitlist for a participant from another
// office under the event row lock, exactly like a registration of an own member, so capacity is
// never exceeded however many offices register at once; a request that cannot be accepted (event
// unknown, no longer shared, not planned, started) is answered with a REJECTED decision.
// SeatCancelHandler cancels such a registration and moves the waitlist up. Both leave the
// decisions for every changed registration to DistrictLink.
//
// At the member's office: SeatDecisionHandler records the organiser's decision on the member's
// registration (newest decision wins; a cancellation made here stays). A decision shows that the
// organiser has the request, so the request's payload (the member's name, organisation and
// sector) is dropped from this office's change log.
//
// At every office: SeatResendHandler answers an organiser restored from a backup by sending each
// live registration for its events again (the organiser takes one it knows as a duplicate).
//
// Every change is audited in the item's transaction with actor "office:<origin>", never with a
// name.
#pragma once

#include <memory>

#include "libs/common/clock.h"
#include "libs/storage/audit_repository.h"
#include "libs/storage/change_log_repository.h"
#include "libs/storage/events_repository.h"
#include "libs/storage/members_repository.h"
#include "libs/storage/registrations_repository.h"
#include "libs/sync/applier.h"
#include "services/tenant/district_link.h"

namespace schutznetz::tenant {

// The repositories and clock the handlers share.
class SeatHandlerBase : public sync::ItemHandler {
 protected:
  SeatHandlerBase(DistrictLink& link, Clock clock);

  DistrictLink& link_;
  Clock clock_;
  std::unique_ptr<storage::EventsRepository> events_;
  std::unique_ptr<storage::RegistrationsRepository> registrations_;
  std::unique_ptr<storage::AuditRepository> audit_;
  std::unique_ptr<storage::ChangeLogRepository> log_;
};

class SeatRequestHandler final : public SeatHandlerBase {
 public:
  SeatRequestHandler(DistrictLink& link, Clock clock) : SeatHandlerBase(link, std::move(clock)) {}
  absl::StatusOr<sync::ApplyResult> Apply(storage::Tx& tx, const domain::SyncItem& item) override;
};

class SeatCancelHandler final : public SeatHandlerBase {
 public:
  SeatCancelHandler(DistrictLink& link, Clock clock) : SeatHandlerBase(link, std::move(clock)) {}
  absl::StatusOr<sync::ApplyResult> Apply(storage::Tx& tx, const domain::SyncItem& item) override;
};

class SeatDecisionHandler final : public SeatHandlerBase {
 public:
  SeatDecisionHandler(DistrictLink& link, Clock clock) : SeatHandlerBase(link, std::move(clock)) {}
  absl::StatusOr<sync::ApplyResult> Apply(storage::Tx& tx, const domain::SyncItem& item) override;
};

class SeatResendHandler final : public SeatHandlerBase {
 public:
  SeatResendHandler(DistrictLink& link, Clock clock);
  absl::StatusOr<sync::ApplyResult> Apply(storage::Tx& tx, const domain::SyncItem& item) override;

 private:
  std::unique_ptr<storage::MembersRepository> members_;
};

}  // namespace schutznetz::tenant
