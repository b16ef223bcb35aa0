// Where a public calendar's events come from: at an office its own events with scope PUBLIC and
// those the other offices of the district share publicly (mirrored), at the aggregator its
// registry of every office's district events.
//
// Both give the same domain::Event values with the fields a poster shows, the organiser office
// and sync_version (the organiser's version, the same everywhere); the services turn them into
// PublicEvent messages or iCalendar VEVENTs and copy nothing else.
#pragma once

#include <memory>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/domain/event.h"
#include "libs/domain/page.h"
#include "libs/storage/tx.h"

namespace schutznetz::api {

class PublicEventSource {
 public:
  virtual ~PublicEventSource() = default;
  // The public events starting in [from, to) in start order (withdrawn ones never).
  virtual absl::StatusOr<domain::Page<domain::Event>> List(storage::Tx& tx, absl::Time from,
                                                           absl::Time to,
                                                           const domain::PageRequest& page) = 0;
};

// An office's public calendar (tables events and district_events of the office database).
std::unique_ptr<PublicEventSource> NewOfficePublicEvents();
// The district's public calendar (the aggregator's district_events registry).
std::unique_ptr<PublicEventSource> NewDistrictPublicEvents();

}  // namespace schutznetz::api
