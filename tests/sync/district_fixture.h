// The Kreis Soest district in one process for tests of what the offices share: the real
// AggregatorApp and one real TenantApp per office (kreis-soest, lippstadt, soest, warstein), each
// on its own fresh database, syncing over a real gRPC connection with their real handlers. Tests
// call the offices' services over in-process channels and wait for the sync to converge.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "absl/time/time.h"
#include "schutznetz/v1/event_service.grpc.pb.h"
#include "schutznetz/v1/member_service.grpc.pb.h"
#include "schutznetz/v1/organisation_service.grpc.pb.h"
#include "schutznetz/v1/registration_service.grpc.pb.h"
#include "services/aggregator/aggregator_app.h"
#include "services/tenant/tenant_app.h"
#include "tests/support/test_database.h"

namespace schutznetz::testing {

struct DistrictOffice {
  std::string id;
  TestDatabase database;  // the test's own connections, for assertions
  std::unique_ptr<tenant::TenantApp> app;
  std::unique_ptr<v1::OrganisationService::Stub> organisations;
  std::unique_ptr<v1::MemberService::Stub> members;
  std::unique_ptr<v1::EventService::Stub> events;
  std::unique_ptr<v1::RegistrationService::Stub> registrations;
};

class DistrictSyncTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  DistrictOffice& office(const std::string& id) { return *offices_.at(id); }
  // Every office but `except`.
  std::vector<DistrictOffice*> OfficesExcept(const std::string& except);

  // An active member of a new organisation of the office (sector school); returns its id.
  std::string CreateMember(DistrictOffice& o, const std::string& first, const std::string& last,
                           bool consent_share_registrations);
  // A planned training in 2031, three hours, with the given scope and capacity.
  v1::Event CreateTraining(DistrictOffice& o, const std::string& title, v1::EventScope scope,
                           int capacity);
  std::vector<v1::Event> ListEvents(DistrictOffice& o);
  std::vector<v1::Registration> Registrations(DistrictOffice& o, const std::string& event);
  grpc::Status Register(DistrictOffice& o, const std::string& event, const std::string& member,
                        v1::Registration* out = nullptr);
  grpc::Status Cancel(DistrictOffice& o, const std::string& registration,
                      v1::CancelRegistrationResponse* out = nullptr);

  // First column of the first row of `sql` in a database ("" for no row or NULL).
  std::string Scalar(storage::Database& db, const std::string& sql);
  // Tables of `db` whose rows contain `text`, as text or inside a binary payload.
  std::vector<std::string> TablesMentioning(storage::Database& db, const std::string& text);
  // Polls `condition` until it holds or `timeout` passes; returns whether it held.
  bool Eventually(const std::function<bool()>& condition,
                  absl::Duration timeout = absl::Seconds(30));

  TestDatabase aggregator_db_;
  std::unique_ptr<aggregator::AggregatorApp> aggregator_;
  std::map<std::string, std::unique_ptr<DistrictOffice>> offices_;
};

}  // namespace schutznetz::testing
