// Process-level federation tests: the Kreis Soest district as real processes on a throwaway
// PostgreSQL cluster, gRPC clients for every service, faults (SIGKILL, SIGSTOP) and the district
// state read from every replica, so that a test can wait until the replicas agree and then
// compare them exactly.
//
// "District state" (DistrictState) is what the offices share through the aggregator:
//   - district events: the aggregator's registry; in every office its own shared events, its
//     mirror of the others' and its calendar as EventService.ListEvents shows it (id, organiser,
//     title, state, capacity, seats taken, waitlist, version; withdrawn ones by state and version);
//   - registrations across offices: each outgoing registration at the member's office against the
//     organiser's incoming one (state and waitlist place);
//   - agreements: DistrictService at the aggregator against AgreementService in every office
//     (the whole message, every version, text, hash and decision);
//   - sync: nothing left to push, nothing held, no item relayed twice.
//
//   auto d = FederationDistrict::Start();
//   ... changes in the offices ...
//   DistrictState s = AwaitConvergence(*d, absl::Seconds(60));
#pragma once

#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <pqxx/connection>
#include <set>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "tests/e2e/e2e_support.h"
#include "absl/time/time.h"
#include "schutznetz/v1/agreement_service.grpc.pb.h"
#include "schutznetz/v1/district_service.grpc.pb.h"
#include "schutznetz/v1/event_service.grpc.pb.h"
#include "schutznetz/v1/member_service.grpc.pb.h"
#include "schutznetz/v1/organisation_service.grpc.pb.h"
#include "schutznetz/v1/registration_service.grpc.pb.h"
#include "schutznetz/v1/sync_service.grpc.pb.h"
#include "tests/support/district.h"

namespace schutznetz::testing {

inline constexpr char kAggregatorId[] = "aggregator";

// The gRPC stubs of one tenant service. Its channel reconnects quickly after a restart.
struct OfficeClient {
  std::string id;
  std::shared_ptr<grpc::Channel> channel;
  std::unique_ptr<v1::EventService::Stub> events;
  std::unique_ptr<v1::RegistrationService::Stub> registrations;
  std::unique_ptr<v1::MemberService::Stub> members;
  std::unique_ptr<v1::OrganisationService::Stub> organisations;
  std::unique_ptr<v1::AgreementService::Stub> agreements;
  std::unique_ptr<v1::SyncService::Stub> sync;
};

// A call context with a deadline that waits for the connection (a service just restarted).
std::unique_ptr<grpc::ClientContext> CallContext(absl::Duration timeout = absl::Seconds(20));

class FederationDistrict {
 public:
  // Starts the district (logs in build/test-logs/<test>/) with a short sync backoff cap, so that
  // an office reconnects within about a second after a fault instead of up to half a minute.
  static std::unique_ptr<FederationDistrict> Start();
  ~FederationDistrict();

  LocalDistrict& local() { return *local_; }
  const std::vector<std::string>& office_ids() const { return office_ids_; }
  OfficeClient& office(const std::string& id) { return *offices_.at(id); }
  v1::DistrictService::Stub& coordination() { return *coordination_; }

  // SIGKILL to the aggregator ("aggregator") or an office, waiting until it is gone.
  void Kill(const std::string& id);
  // SIGKILL as soon as the service is seen writing in a transaction whose statement matches the
  // regular expression `statement` (e.g. its sync applier), at most `within` from now; returns
  // whether it was caught writing.
  bool KillWhileWriting(const std::string& id, const std::string& statement,
                        absl::Duration within = absl::Seconds(5));
  // Starts a killed service again and waits until it is SERVING.
  void Restart(const std::string& id);
  // SIGSTOP / SIGCONT: the process hangs with its connections open, then goes on. Pause stops it
  // between two of its transactions: a process hanging inside one would hold back every
  // change-log reader of the cluster until idle_in_transaction_session_timeout (60 s) ends it
  // (README, "Outbox with a trustworthy order").
  void Pause(const std::string& id);
  void Resume(const std::string& id);

  // The service `id` (an office or "aggregator", stopped) uses the database at `dsn` from its next
  // start on, and Query reads that one: a database restored from a backup into another cluster.
  void MoveDatabase(const std::string& id, const std::string& dsn);

  // Rows of `sql` run in a short read-only transaction on the database of `id`, as text ("" for
  // NULL). Never keeps a transaction open: that would pause every change-log reader.
  std::vector<std::vector<std::string>> Query(const std::string& id, const std::string& sql);
  int64_t Count(const std::string& id, const std::string& sql);

 private:
  FederationDistrict() = default;
  DistrictService& Service(const std::string& id);

  std::unique_ptr<LocalDistrict> local_;
  std::vector<std::string> office_ids_;
  std::map<std::string, std::unique_ptr<OfficeClient>> offices_;
  std::unique_ptr<v1::DistrictService::Stub> coordination_;
  std::set<std::string> paused_;
  absl::Mutex db_mu_;
  std::map<std::string, std::unique_ptr<pqxx::connection>> connections_ ABSL_GUARDED_BY(db_mu_);
  std::map<std::string, std::string> moved_dsn_ ABSL_GUARDED_BY(db_mu_);
};

// One district event as a replica holds it. Withdrawn events carry only organiser, state and
// version (a tombstone says no more).
struct EventRow {
  std::string organiser;
  std::string title;
  std::string state;  // planned, held, cancelled, withdrawn
  int capacity = 0;
  int registered = 0;
  int waitlisted = 0;
  int64_t version = 0;
  bool operator==(const EventRow& o) const;
  bool operator!=(const EventRow& o) const { return !(*this == o); }
};
using EventTable = std::map<std::string, EventRow>;  // by event id

// One registration across offices: "event state place".
using RegistrationTable = std::map<std::string, std::string>;

struct OfficeState {
  EventTable own;       // its own events that were ever shared
  EventTable mirror;    // its copy of the other offices' district events
  EventTable calendar;  // ListEvents: district and public events, own and mirrored
  std::vector<std::string> calendar_duplicates;  // ids listed more than once
  RegistrationTable outgoing;      // by registration id: its members' registrations elsewhere
  std::set<std::string> answered;  // outgoing ones the organiser answered
  RegistrationTable incoming;      // by "origin/registration id": other offices' for its events
  std::map<std::string, v1::Agreement> agreements;  // its copies, without its sent decisions
  int decisions_awaiting_confirmation = 0;
  int64_t pending_push = -1;
  int64_t held = -1;
};

struct DistrictState {
  std::vector<std::string> errors;                  // replicas that could not be read
  EventTable registry;                              // the aggregator's
  std::map<std::string, v1::Agreement> agreements;  // the aggregator's
  int64_t held = -1;
  int64_t relayed_twice = -1;  // items in the district log more than once
  std::map<std::string, OfficeState> offices;
};

// Reads every replica once.
DistrictState ReadDistrictState(FederationDistrict& district);
// Where the replicas disagree with each other (empty: converged).
std::vector<std::string> Differences(const DistrictState& state);
// Broken invariants that must never hold, converged or not: a seat beyond capacity.
std::vector<std::string> Violations(const DistrictState& state);
// Reads the state until Differences is empty; fails the test with the differences after
// `timeout`. Every read is checked for Violations.
DistrictState AwaitConvergence(FederationDistrict& district, absl::Duration timeout);


}  // namespace schutznetz::testing
