// The sync items about district events and registrations across offices: their type names and
// payloads (proto/schutznetz/v1/district_items.proto), converted to and from domain values.
//
// Everything read from a payload is checked as if a user had typed it: an item from another
// server is input like any request. The conversions never add personal data beyond what the
// payload messages define (DESIGN.md §5).
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/domain/event.h"
#include "libs/domain/registration.h"
#include "libs/domain/reporting_path.h"
#include "libs/domain/sync_item.h"

namespace schutznetz::federation {

// origin: the organiser; destination: every office.
inline constexpr char kDistrictEventItem[] = "district_event";
// origin: the member's office; destination: the organiser.
inline constexpr char kRegistrationRequestItem[] = "registration_request";
inline constexpr char kRegistrationCancelItem[] = "registration_cancel";
// origin: the organiser; destination: the member's office.
inline constexpr char kRegistrationDecisionItem[] = "registration_decision";
// origin: the member's office; destination: the office holding the member's registration data.
inline constexpr char kErasureRequestItem[] = "erasure_request";
// origin: that office; destination: the member's office.
inline constexpr char kErasureReceiptItem[] = "erasure_receipt";
// origin: an organiser restored from a backup; destination: every office.
inline constexpr char kRegistrationResendItem[] = "registration_resend";
// origin: the office that published its reporting paths; destination: every office.
inline constexpr char kReportingPathsItem[] = "reporting_paths";

// An own shared event as the other offices see it; a withdrawn `e` gives a tombstone (id and
// organiser only).
std::string DistrictEventPayload(const domain::Event& e);
// The event of a district_event item, checked: mirrored, sync_version = the item's version,
// withdrawn for a tombstone. INVALID_ARGUMENT naming the payload field otherwise.
absl::StatusOr<domain::Event> DistrictEventFromItem(const domain::SyncItem& item);

// A member's office asks the organiser for a seat on `event` for `participant`.
struct SeatRequest {
  domain::EventId event_id;
  domain::ExternalParticipant participant;  // origin_office: the item's origin
};
std::string SeatRequestPayload(const SeatRequest& request);
absl::StatusOr<SeatRequest> SeatRequestFromItem(const domain::SyncItem& item);

// The member's office withdraws its registration `registration_id` (the item id).
struct SeatCancel {
  domain::EventId event_id;
  std::string registration_id;
};
std::string SeatCancelPayload(const SeatCancel& cancel);
absl::StatusOr<SeatCancel> SeatCancelFromItem(const domain::SyncItem& item);

// The organiser's decision on the registration `registration_id` of the member's office.
struct SeatDecision {
  std::string registration_id;
  domain::EventId event_id;
  domain::RegistrationState state = domain::RegistrationState::kUnspecified;
  int waitlist_position = 0;
  std::string reason;
};
std::string SeatDecisionPayload(const SeatDecision& decision);
absl::StatusOr<SeatDecision> SeatDecisionFromItem(const domain::SyncItem& item);

// The member's office asks the holder to erase the data of its registrations `registration_ids`.
struct ErasureOrder {
  std::string request_id;  // the item id
  std::vector<std::string> registration_ids;
  std::string reason;  // consent_withdrawn, erased, retention
};
std::string ErasureRequestPayload(const ErasureOrder& order);
absl::StatusOr<ErasureOrder> ErasureRequestFromItem(const domain::SyncItem& item);

// The holder's confirmation of the request `request_id` (the item id).
struct ErasureConfirmation {
  std::string request_id;
  int erased = 0;
};
std::string ErasureReceiptPayload(const ErasureConfirmation& receipt);
absl::StatusOr<ErasureConfirmation> ErasureReceiptFromItem(const domain::SyncItem& item);

// An organiser restored from a backup asks for the live registrations for its events again; the
// item id is its new sync epoch.
std::string RegistrationResendPayload(const std::string& epoch);
absl::Status CheckRegistrationResendItem(const domain::SyncItem& item);

// An office's published reporting paths (every entry, public or not) for the other offices; item
// id = set.office_id. `office_name` names the office for the receivers.
std::string ReportingPathsPayload(const domain::ReportingPathSet& set,
                                  const std::string& office_name);
// The reporting paths of a "reporting_paths" item, checked: office_id the item's id and origin,
// destination every office, version 1 or more, at most 200 valid entries (municipalities as text
// only: the receiver does not know the sender's), agreement ids UUIDs. The result is mirrored,
// with office_name set. INVALID_ARGUMENT naming the payload field otherwise.
absl::StatusOr<domain::ReportingPathSet> ReportingPathsFromItem(const domain::SyncItem& item);

// The event a registration item (request, cancel or decision) refers to.
absl::StatusOr<domain::EventId> EventOfRegistrationItem(const domain::SyncItem& item);

}  // namespace schutznetz::federation
