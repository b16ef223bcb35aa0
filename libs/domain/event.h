// Events of the network: meetings, trainings, conference days, talks, case conferences …
//
// Times are absolute instants (stored UTC); people enter and read them in Europe/Berlin.
// Lifecycle: PLANNED → HELD or PLANNED → CANCELLED. Only a planned event can be changed; minutes
// belong to a held event and are frozen once approved. The scope decides who sees an event:
// LOCAL (this office), DISTRICT (every office of the district), PUBLIC (also the public calendar).
// District and public events of other offices are mirrored into each office's calendar
// (`mirrored`); only their organiser changes them (libs/domain/district_sharing.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "libs/common/strong_id.h"
#include "libs/domain/etag.h"
#include "libs/domain/sector.h"

namespace schutznetz::domain {

using EventId = StrongId<struct EventIdTag>;
using GroupId = StrongId<struct GroupIdTag>;

inline constexpr ResourceKind kEventKind{"event", "Veranstaltung"};

enum class EventKind {
  kUnspecified = 0,
  kNetworkMeeting = 1,
  kWorkingGroupMeeting = 2,
  kSteeringGroupMeeting = 3,
  kConferenceDay = 4,
  kTalk = 5,
  kTraining = 6,
  kCaseConference = 7,
  kForum = 8,
  kKickOff = 9,
  kInformationEvent = 10,
};

enum class EventScope { kUnspecified = 0, kLocal = 1, kDistrict = 2, kPublic = 3 };
enum class EventState { kUnspecified = 0, kPlanned = 1, kHeld = 2, kCancelled = 3 };

const std::vector<EventKind>& AllEventKinds();
std::string_view EventKindSlug(EventKind k);    // "network_meeting"
std::string_view EventKindLabel(EventKind k);   // "Netzwerktreffen"
std::optional<EventKind> EventKindFromSlug(std::string_view slug);
std::optional<EventKind> EventKindFromNumber(int value);

std::string_view EventScopeSlug(EventScope s);   // "district"
std::string_view EventScopeLabel(EventScope s);  // "kreisweit"
std::optional<EventScope> EventScopeFromSlug(std::string_view slug);
std::optional<EventScope> EventScopeFromNumber(int value);

std::string_view EventStateSlug(EventState s);   // "held"
std::string_view EventStateLabel(EventState s);  // "durchgeführt"
std::optional<EventState> EventStateFromSlug(std::string_view slug);
std::optional<EventState> EventStateFromNumber(int value);

struct AgendaItem {
  int position = 0;  // 1-based, assigned in order
  std::string title;
  std::string presenter;
  int duration_minutes = 0;
};

struct Event {
  EventId id;
  EventKind kind = EventKind::kUnspecified;
  std::string title;
  std::string topic;
  std::string description;
  absl::Time start_time;
  absl::Time end_time;
  std::string place;
  std::string online_link;
  GroupId group_id;  // empty: not a group's meeting
  std::string organiser_office;
  std::vector<Sector> audience_sectors;
  std::vector<ActorCategory> audience_categories;
  int capacity = 0;  // 0: no limit
  EventScope scope = EventScope::kLocal;
  EventState state = EventState::kPlanned;
  std::string cancel_reason;
  std::string minutes;
  bool minutes_approved = false;
  std::string series_id;
  std::vector<AgendaItem> agenda;
  int registered_count = 0;   // read-only
  int waitlisted_count = 0;   // read-only
  int attended_count = 0;     // read-only
  int64_t version = 0;
  absl::Time create_time;
  absl::Time update_time;
  // Own events: version of the last district_event item sent about it (0: never shared).
  // Mirrored events: the organiser's version.
  int64_t sync_version = 0;
  // Another office's district event, mirrored here; read-only.
  bool mirrored = false;
  // Mirrored only: its organiser no longer shares it (tombstone); hidden from the calendar.
  bool withdrawn = false;
};

struct EventFilter {
  absl::Time from = absl::InfinitePast();   // start_time >= from
  absl::Time to = absl::InfiniteFuture();   // start_time < to
  EventKind kind = EventKind::kUnspecified;
  EventScope scope = EventScope::kUnspecified;
  EventState state = EventState::kUnspecified;
  GroupId group_id;
  // Only events of this organiser office; empty: own and mirrored events.
  std::string organiser_office;
};

// Field names accepted in an UpdateEvent update_mask.
const std::vector<std::string>& EventMutableFields();

// Checks the user-editable fields (prefix e.g. "event.").
absl::Status ValidateEvent(const Event& e, const std::string& prefix);
// Checks an agenda (positions are assigned by order; field names "agenda[i].title" …).
absl::Status ValidateAgenda(const std::vector<AgendaItem>& agenda);

// FAILED_PRECONDITION unless the event may still be changed (PLANNED).
absl::Status CheckEditable(const Event& e);
// FAILED_PRECONDITION unless PLANNED → HELD is allowed at `now` (the event has started).
absl::Status CheckCanMarkHeld(const Event& e, absl::Time now);
// FAILED_PRECONDITION unless PLANNED → CANCELLED.
absl::Status CheckCanCancel(const Event& e);
// FAILED_PRECONDITION unless minutes may be written (HELD and not yet approved).
absl::Status CheckMinutesEditable(const Event& e);

}  // namespace schutznetz::domain
