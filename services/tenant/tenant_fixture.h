// Test fixture: the tenant's regional-group services in-process on a fresh real database, with a
// clock the test sets, and helpers that create the rows most tests need.
#pragma once

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "absl/time/time.h"
#include "libs/rpc/server.h"
#include "schutznetz/v1/consent_service.grpc.pb.h"
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

}  // namespace schutznetz::tenant
