#include "services/aggregator/registration_routing.h"

#include "absl/strings/str_cat.h"
#include "libs/common/status_macros.h"
#include "libs/federation/items.h"

namespace schutznetz::aggregator {

RegistrationRouting::RegistrationRouting()
    : events_(storage::NewDistrictEventsRepository()), log_(storage::NewChangeLogRepository()) {}

absl::StatusOr<sync::ApplyResult> RegistrationRouting::ApplyErasure(storage::Tx& tx,
                                                                   const domain::SyncItem& item) {
  if (item.destination.empty() || item.destination == domain::kToAggregator ||
      item.destination == item.origin) {
    return sync::ApplyResult::Rejected(
        absl::StrCat(item.type, ": destination must be one other office"));
  }
  if (item.type == federation::kErasureReceiptItem) {
    absl::StatusOr<federation::ErasureConfirmation> receipt =
        federation::ErasureReceiptFromItem(item);
    if (!receipt.ok()) return sync::ApplyResult::Rejected(std::string(receipt.status().message()));
    return sync::ApplyResult::Applied();
  }
  absl::StatusOr<federation::ErasureOrder> order = federation::ErasureRequestFromItem(item);
  if (!order.ok()) return sync::ApplyResult::Rejected(std::string(order.status().message()));
  SN_RETURN_IF_ERROR(log_->PurgePayloads(tx, federation::kRegistrationRequestItem, item.origin,
                                         order->registration_ids)
                         .status());
  return sync::ApplyResult::Applied();
}

absl::StatusOr<sync::ApplyResult> RegistrationRouting::Apply(storage::Tx& tx,
                                                            const domain::SyncItem& item) {
  if (item.type == federation::kErasureRequestItem ||
      item.type == federation::kErasureReceiptItem) {
    return ApplyErasure(tx, item);
  }
  if (item.type == federation::kRegistrationResendItem) {
    absl::Status valid = federation::CheckRegistrationResendItem(item);
    if (!valid.ok()) return sync::ApplyResult::Rejected(std::string(valid.message()));
    return sync::ApplyResult::Applied();
  }
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
  if (decision) {
    // The organiser has applied the request: its personal data need not wait here any longer.
    SN_RETURN_IF_ERROR(log_->PurgePayloads(tx, federation::kRegistrationRequestItem,
                                           item.destination, {item.id})
                           .status());
  }
  return sync::ApplyResult::Applied();
}

}  // namespace schutznetz::aggregator
