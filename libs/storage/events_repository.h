// Persistence of events and their agenda items (tables `events`, `agenda_items`), and the
// office's calendar: own events together with the district events of other offices mirrored in
// `district_events` (written by DistrictEventsRepository).
#pragma once

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/domain/event.h"
#include "libs/domain/page.h"

namespace schutznetz::storage {

class Tx;

class EventsRepository {
 public:
  virtual ~EventsRepository() = default;

  // Stores a new event and its agenda; id, version and times are assigned.
  virtual absl::StatusOr<domain::Event> Insert(Tx& tx, const domain::Event& e) = 0;
  // With agenda and registration counts. `lock` locks the event row until the transaction ends;
  // registrations lock their event this way, so seats are decided one at a time.
  virtual absl::StatusOr<domain::Event> Get(Tx& tx, const domain::EventId& id, bool lock) = 0;
  // An own event, or else a mirrored district event of another office (mirrored = true, withdrawn
  // ones included); `lock` locks the row either way. Registrations for mirrored events lock them
  // like own ones.
  virtual absl::StatusOr<domain::Event> GetInCalendar(Tx& tx, const domain::EventId& id,
                                                      bool lock) = 0;
  // Records the version of the last district_event item sent about an own event.
  virtual absl::Status SetSyncVersion(Tx& tx, const domain::EventId& id, int64_t version) = 0;
  // The calendar (own and mirrored events, without withdrawn ones) ordered by start time; agendas
  // are loaded for the whole page at once.
  virtual absl::StatusOr<domain::Page<domain::Event>> List(Tx& tx,
                                                           const domain::EventFilter& filter,
                                                           const domain::PageRequest& page) = 0;
  // Writes every stored field except the agenda if e.version is current (ABORTED otherwise).
  virtual absl::StatusOr<domain::Event> Update(Tx& tx, const domain::Event& e) = 0;
  // Replaces the agenda (positions 1..n in the given order) and bumps the event's version.
  virtual absl::Status ReplaceAgenda(Tx& tx, const domain::EventId& id,
                                     const std::vector<domain::AgendaItem>& agenda) = 0;
  // The own events shared with the district (scope DISTRICT or PUBLIC).
  virtual absl::StatusOr<std::vector<domain::EventId>> ListSharedOwn(Tx& tx) = 0;
  // NOT_FOUND if unknown; FAILED_PRECONDITION while registrations refer to it.
  virtual absl::Status Delete(Tx& tx, const domain::EventId& id) = 0;
};

std::unique_ptr<EventsRepository> NewEventsRepository();

}  // namespace schutznetz::storage
