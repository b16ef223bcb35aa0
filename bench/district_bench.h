// The Kreis Soest district as real processes (tests/support LocalDistrict: a throwaway
// PostgreSQL cluster, the aggregator and the four tenant services of tenants/kreis-soest), and
// two measurements on it:
//
//  - Throughput: one office (Kreisjugendamt Soest) creates `changes` district events through its
//    EventService as fast as `writers` concurrent clients can; each is one district_event item.
//    Measured: when the aggregator's registry holds all of them, and when each other office has
//    mirrored all of them (polling the databases), as changes per second from the first create.
//  - Agreement latency: district coordination changes the draft of an agreement at the
//    aggregator (DistrictService.UpdateDraft), `samples` times; measured is the time from the
//    answer until every office's AgreementService.GetAgreement shows the new text.
#pragma once

#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace schutznetz::bench {

struct DistrictBenchOptions {
  bool throughput = true;
  bool agreements = true;
  int changes = 500;
  int writers = 4;
  int agreement_samples = 50;
  absl::Duration timeout = absl::Seconds(180);
  std::string source_dir;  // the repository (tenants/kreis-soest)
  std::string build_dir;   // the CMake build directory with the service binaries
  std::string log_dir;     // one log file per service
};

// Starts the district, runs the selected measurements and prints their tables.
absl::Status RunDistrictBench(const DistrictBenchOptions& options);

}  // namespace schutznetz::bench
