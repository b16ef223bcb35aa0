#include "libs/federation/district_event_handler.h"

#include "absl/strings/str_cat.h"
#include "libs/common/status_macros.h"
#include "libs/federation/items.h"

namespace schutznetz::federation {

DistrictEventHandler::DistrictEventHandler()
    : events_(storage::NewDistrictEventsRepository()) {}

absl::StatusOr<sync::ApplyResult> DistrictEventHandler::Apply(storage::Tx& tx,
                                                             const domain::SyncItem& item) {
  absl::StatusOr<domain::Event> event = DistrictEventFromItem(item);
  if (!event.ok()) return sync::ApplyResult::Rejected(std::string(event.status().message()));
  SN_ASSIGN_OR_RETURN(std::optional<std::string> organiser, events_->FindOrganiser(tx, event->id));
  if (organiser && *organiser != item.origin) {
    return sync::ApplyResult::Rejected(absl::StrCat("event ", item.id, " belongs to office ",
                                                    *organiser, ", not to ", item.origin));
  }
  SN_RETURN_IF_ERROR(events_->Upsert(tx, *event).status());
  return sync::ApplyResult::Applied();
}

}  // namespace schutznetz::federation
