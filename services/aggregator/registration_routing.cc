#include "services/aggregator/registration_routing.h"

#include "absl/strings/str_cat.h"
#include "libs/common/status_macros.h"
#include "libs/federation/items.h"

namespace schutznetz::aggregator {

RegistrationRouting::RegistrationRouting() : events_(storage::NewDistrictEventsRepository()) {}

absl::StatusOr<sync::ApplyResult> RegistrationRouting::Apply(storage::Tx& tx,
                                                            const domain::SyncItem& item) {
  absl::StatusOr<domain::EventId> event = federation::EventOfRegistrationItem(item);
  if (!event.ok()) return sync::ApplyResult::Rejected(std::string(event.status().message()));
  if (item.destination.empty() || item.destination == domain::kToAggregator ||
      item.destination == item.origin) {
    return sync::ApplyResult::Rejected(
        absl::StrCat(item.type, ": destination must be one other office"));
  }
  SN_ASSIGN_OR_RETURN(std::optional<std::string> organiser, events_->FindOrganiser(tx, *event));
  if (!organiser) {
    return sync::ApplyResult::Held(absl::StrCat("district event ", event->value(), " not known yet"));
  }
  bool decision = item.type == federation::kRegistrationDecisionItem;
  const std::string& must_be_organiser = decision ? item.origin : item.destination;
  if (must_be_organiser != *organiser) {
    return sync::ApplyResult::Rejected(absl::StrCat(
        item.type, ": event ", event->value(), " is organised by office ", *organiser,
        decision ? "; only it decides" : "; requests go only to it"));
  }
  return sync::ApplyResult::Applied();
}

}  // namespace schutznetz::aggregator
