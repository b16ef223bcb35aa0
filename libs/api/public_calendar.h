// The public calendar as an iCalendar feed: which VEVENT a public event becomes.
//
// The UID is "<event id>@<organiser office>.schutznetz": the same event has the same UID in every
// office's feed and in the district's, however often it changes. SEQUENCE follows the organiser's
// version of the event (see SequenceOfVersion). A cancelled event stays in the feed with
// STATUS:CANCELLED and "Abgesagt: " before its title (calendar programs that ignore the status
// still show it); planned and held events are CONFIRMED. The VEVENT carries what a poster shows —
// title, topic, description, kind, time, place, online link, organiser — and nothing else.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "libs/domain/event.h"
#include "libs/ical/calendar.h"

namespace schutznetz::api {

// "<id>@<organiser_office>.schutznetz".
std::string PublicEventUid(const domain::Event& e);

// SEQUENCE from an event's sync version. Versions are microsecond clock readings that only grow
// (README, "Sync between offices and the district"), too large for the 32-bit SEQUENCE; the
// version in whole seconds since 01.01.2020 fits until 2088 and grows with every change more
// than a second after the last one. 0 for versions before 2020 (or none).
int32_t SequenceOfVersion(int64_t version);

// The VEVENT of `e`; `office_names` names the organiser (id → "Jugendamt der Stadt Lippstadt").
ical::VEvent PublicVEvent(const domain::Event& e,
                          const std::map<std::string, std::string>& office_names);

// The whole feed.
std::string RenderPublicCalendar(const std::string& calendar_name,
                                 const std::vector<domain::Event>& events,
                                 const std::map<std::string, std::string>& office_names,
                                 absl::Time stamp);

}  // namespace schutznetz::api
