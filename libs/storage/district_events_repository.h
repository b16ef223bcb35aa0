// Persistence of district events as their organisers share them (table `district_events`): an
// office's mirror of the other offices' district events, and the aggregator's registry of every
// office's. Rows change only through newer versions of the organiser's district_event item.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/domain/event.h"
#include "libs/domain/page.h"

namespace schutznetz::storage {

class Tx;

class DistrictEventsRepository {
 public:
  virtual ~DistrictEventsRepository() = default;

  // Stores `e` (id, organiser_office, sync_version as the item version, the shared fields) if it
  // is new or newer than the stored version; returns whether it was stored. A withdrawn `e`
  // (tombstone) only marks a known row withdrawn.
  virtual absl::StatusOr<bool> Upsert(Tx& tx, const domain::Event& e) = 0;
  // The organiser of a known district event (withdrawn ones included), or nullopt.
  virtual absl::StatusOr<std::optional<std::string>> FindOrganiser(Tx& tx,
                                                                   const domain::EventId& id) = 0;
  // The events with scope PUBLIC (withdrawn ones excluded) starting in [from, to), in start
  // order, with only their public fields and sync_version set (the district's public calendar).
  // total_size is not counted (0).
  virtual absl::StatusOr<domain::Page<domain::Event>> ListPublic(
      Tx& tx, absl::Time from, absl::Time to, const domain::PageRequest& page) = 0;
};

std::unique_ptr<DistrictEventsRepository> NewDistrictEventsRepository();

}  // namespace schutznetz::storage
