// Persistence of the network's representations in other networks (table `representations`) and
// their meeting reports (`representation_reports`).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/domain/page.h"
#include "libs/domain/representation.h"

namespace schutznetz::storage {

class Tx;

class RepresentationsRepository {
 public:
  virtual ~RepresentationsRepository() = default;

  // Stores a new representation; id assigned. The member must exist (NOT_FOUND otherwise).
  virtual absl::StatusOr<domain::Representation> Insert(Tx& tx,
                                                        const domain::Representation& r) = 0;
  // With member name and report count; `lock` locks the row until the transaction ends.
  virtual absl::StatusOr<domain::Representation> Get(Tx& tx, const std::string& id,
                                                     bool lock) = 0;
  // Those active on some day of `year` (0: all), newest `since` first, keyset paged.
  virtual absl::StatusOr<domain::Page<domain::Representation>> List(
      Tx& tx, int year, const domain::PageRequest& page) = 0;
  // Sets the last day.
  virtual absl::StatusOr<domain::Representation> End(Tx& tx, const std::string& id,
                                                     absl::CivilDay until) = 0;
  virtual absl::StatusOr<domain::RepresentationReport> AddReport(
      Tx& tx, const domain::RepresentationReport& report) = 0;
  // By meeting date, oldest first.
  virtual absl::StatusOr<std::vector<domain::RepresentationReport>> ListReports(
      Tx& tx, const std::string& representation_id) = 0;
};

std::unique_ptr<RepresentationsRepository> NewRepresentationsRepository();

}  // namespace schutznetz::storage
