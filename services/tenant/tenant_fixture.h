// Test fixture: the tenant's regional-group services in-process on a fresh real database, with a
// clock the test sets, and helpers that create the rows most tests need.
#pragma once

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "absl/time/time.h"
#include "libs/federation/district_event_handler.h"
#include "libs/federation/items.h"
#include "libs/rpc/server.h"
#include "schutznetz/v1/consent_service.grpc.pb.h"
#include "libs/sync/applier.h"
#include "schutznetz/v1/district_items.pb.h"
#include "schutznetz/v1/event_service.grpc.pb.h"
#include "schutznetz/v1/member_service.grpc.pb.h"
#include "schutznetz/v1/organisation_service.grpc.pb.h"
#include "schutznetz/v1/registration_service.grpc.pb.h"
#include "libs/sync/outbox.h"
#include "services/tenant/consent_book.h"
#include "services/tenant/consent_service.h"
#include "services/tenant/district_link.h"
#include "services/tenant/erasure_link.h"
#include "services/tenant/event_service.h"
#include "services/tenant/member_service.h"
#include "services/tenant/organisation_service.h"
#include "services/tenant/registration_service.h"
#include "services/tenant/seat_handlers.h"
#include "tests/support/test_database.h"
#include "tests/support/test_tokens.h"

namespace schutznetz::tenant {

class TenantServicesTest : public schutznetz::testing::DbTest {
 protected:
  void SetUp() override;

  // Creates an organisation and returns its id.
  std::string CreateOrganisation(const std::string& name, v1::Sector sector = v1::SECTOR_HEALTH);
  // Creates an ACTIVE member of a fresh organisation and returns its id.
  std::string CreateActiveMember(const std::string& first, const std::string& last);
  // A valid planned event starting at `start_local` (Europe/Berlin), lasting two hours.
  v1::Event EventAt(const std::string& start_local, int capacity = 0);
  // Creates the event; fails the test on error.
  v1::Event CreateEvent(const v1::Event& e);

  // The current time of the services' clock; tests move it.
  absl::Time now_ = absl::FromCivil(absl::CivilMinute(2025, 1, 15, 12, 0), absl::UTCTimeZone());

  // The office's outbox (read change_log to see what it sent) and its link to the district.
  std::unique_ptr<sync::Outbox> outbox_;
  std::unique_ptr<DistrictLink> link_;
  std::unique_ptr<ErasureLink> erasure_;
  std::unique_ptr<ConsentBook> consent_book_;
  std::unique_ptr<OrganisationService> organisation_service_;
  std::unique_ptr<MemberService> member_service_;
  std::unique_ptr<ConsentService> consent_service_;
  std::unique_ptr<EventService> event_service_;
  std::unique_ptr<RegistrationService> registration_service_;
  std::unique_ptr<schutznetz::testing::TestGate> gate_;
  std::unique_ptr<rpc::RpcServer> server_;
  std::unique_ptr<v1::OrganisationService::Stub> organisations_;
  std::unique_ptr<v1::MemberService::Stub> members_;
  std::unique_ptr<v1::ConsentService::Stub> consents_;
  std::unique_ptr<v1::EventService::Stub> events_;
  std::unique_ptr<v1::RegistrationService::Stub> registrations_;
};

// TenantServicesTest with the district: a real Applier with the office's handlers applies the
// items other offices send (as the sync agent would), and helpers for another office's mirrored
// training, requests from other offices' members and what this office sent.
class CrossOfficeTest : public TenantServicesTest {
 protected:
  // Kreis Soest's training (10.03.2025 09:00–15:00) as mirrored here.
  static constexpr char kMirroredId[] = "6f1c2b9e-3d4a-4c5b-8e7f-0123456789ab";

  void SetUp() override;

  // Applies an item from another office as the sync agent would.
  sync::ApplyResult Receive(const std::string& type, const std::string& id,
                            const std::string& origin, int64_t version, const std::string& payload,
                            const std::string& destination = "lippstadt");
  // Kreis Soest's training as it shares it.
  static domain::Event Training(int capacity);
  // The training, mirrored here as the district log delivers it.
  void MirrorTraining(int64_t version = 10, int capacity = 20);
  // What this office sent to the district, in the order it was written. (Read from the table:
  // the log reader would wait for other tests' open transactions on the shared cluster.) Items
  // whose payload was dropped (after delivery, or erased) are not listed.
  std::vector<domain::SyncItem> Sent(const std::string& type);
  // An ACTIVE member "Mia <last>" of a fresh school, with contact data and the given consent to
  // share registrations.
  std::string ActiveMember(const std::string& last, bool consent);
  grpc::Status Register(const std::string& event, const std::string& member,
                        v1::Registration* out = nullptr);
  std::vector<v1::Registration> List(const std::string& event);
  // A district event of this office on 03.04.2025 09:00 with an agenda.
  v1::Event Shared(int capacity);
  // A registration request of a member of `origin` for the own event `event`; returns its id at
  // `origin`.
  std::string Request(const std::string& event, const std::string& origin,
                      const std::string& name);
  // The last decision sent for registration `remote_id`.
  v1::RegistrationDecision LastDecision(const std::string& remote_id, std::string* to = nullptr);

  federation::DistrictEventHandler district_events_;
  std::unique_ptr<SeatRequestHandler> requests_;
  std::unique_ptr<SeatCancelHandler> cancels_;
  std::unique_ptr<SeatDecisionHandler> decisions_;
  std::unique_ptr<SeatResendHandler> resends_;
  std::unique_ptr<ErasureRequestHandler> erasure_requests_;
  std::unique_ptr<ErasureReceiptHandler> erasure_receipts_;
  sync::Applier applier_;
};

}  // namespace schutznetz::tenant
