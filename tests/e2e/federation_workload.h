// A seeded burst of district changes in several offices at once, one thread per office, against
// the real tenant services — and district coordination adopting the offices' proposals at the
// aggregator meanwhile. It records what it did, so that a test can check the converged district
// state against it: every event it created appears exactly once with its last title and state,
// every registration it made is decided and known to the organiser, every proposal arrived.
//
// Per office: district events created, renamed, given more seats, cancelled, made local again
// (withdrawn) and deleted; its members (with consent to share registrations) registered for the
// other offices' district events — and some for its own, competing for the same seats — and
// some of those registrations cancelled (the waitlist moves up); a rejection and
// later a ratification of the open agreement; proposals (amendments and new agreements).
//
//   Workload w(district, {.seed = 7});
//   w.Prepare(district.office_ids());
//   w.Start(district.office_ids());   // returns at once
//   ... faults ...
//   w.Join();
//   w.ExpectMatches(AwaitConvergence(district, absl::Seconds(60)));
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "tests/e2e/federation_support.h"

namespace schutznetz::testing {

struct WorkloadOptions {
  uint64_t seed = 1;
  int members = 6;         // per office, created by Prepare
  int initial_events = 3;  // per office, created by Prepare
  int events = 15;         // district events each office creates during the burst
  int event_changes = 15;  // changes of its own events
  int registrations = 20;  // of its members for other offices' events
  int cancellations = 4;   // of those registrations
  int proposals = 1;       // sent to district coordination
  bool agreement = true;   // Prepare opens an agreement; offices reject, then ratify it
};

// What the workload last did to one of its events.
struct ExpectedEvent {
  std::string organiser;
  std::string title;
  std::string state;  // planned, cancelled, withdrawn (made local or deleted)
};

class Workload {
 public:
  Workload(FederationDistrict& district, WorkloadOptions options);
  ~Workload();

  // Creates members and initial events in `offices`, opens the agreement, and waits until every
  // office has them all.
  void Prepare(const std::vector<std::string>& offices);
  // Starts one thread per office of `offices` and one for district coordination.
  void Start(const std::vector<std::string>& offices);
  // Waits until the offices' threads are done and coordination adopted every proposal.
  void Join();
  // Operations done so far by all offices; whether every office's thread is done.
  int progress() const { return progress_.load(); }
  bool offices_done() const { return offices_running_.load() == 0; }

  // Checks the converged state against what the workload did.
  void ExpectMatches(const DistrictState& state);

  // Single recorded operations for a test, in an office whose thread is not running: a district
  // event created, and a member of the office registered for `event`. Return the new id.
  std::string CreateEventIn(const std::string& office);
  std::string RegisterIn(const std::string& office, const std::string& event);

  const std::string& agreement_id() const { return agreement_id_; }
  std::map<std::string, ExpectedEvent> events();

 private:
  struct Office;
  void RunOffice(Office& office);
  void RunCoordination();
  // One operation of each kind; false if there was nothing to do it on.
  std::string CreateEvent(Office& o);
  bool ChangeEvent(Office& o);
  std::string Register(Office& o, const std::string& event);
  void RegisterAtHome(Office& o);
  bool CancelRegistration(Office& o);
  void Propose(Office& o);
  void Decide(Office& o, bool ratify);
  void RefreshMirrored(Office& o);
  void Record(const std::string& id, ExpectedEvent e);

  FederationDistrict& district_;
  WorkloadOptions options_;
  std::map<std::string, std::unique_ptr<Office>> offices_;
  std::string agreement_id_;
  std::string agreement_sha256_;
  std::vector<std::thread> threads_;
  std::thread coordination_;
  std::atomic<int> progress_{0};
  std::atomic<int> offices_running_{0};
  std::atomic<int> proposals_sent_{0};

  absl::Mutex mu_;
  std::map<std::string, ExpectedEvent> events_ ABSL_GUARDED_BY(mu_);
  std::set<std::string> proposals_ ABSL_GUARDED_BY(mu_);
};

}  // namespace schutznetz::testing
