// Reads for the access request of a member (Art. 15 GDPR): everything the office holds about one
// member beyond the member row itself — group memberships, the events of the member's
// registrations, what this office sent about those registrations to other offices, and the audit
// entries that concern the member. Read only; DataProtectionService/ExportPersonalData assembles
// the export from these and the members, organisations and registrations repositories.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/domain/audit.h"
#include "libs/domain/event.h"
#include "libs/domain/group.h"
#include "libs/domain/member.h"
#include "libs/domain/registration.h"

namespace schutznetz::storage {

class Tx;

// A group the member belongs to.
struct GroupMembershipRecord {
  domain::GroupId group_id;
  std::string group_name;
  domain::GroupKind group_kind = domain::GroupKind::kUnspecified;
  domain::GroupMemberRole role = domain::GroupMemberRole::kUnspecified;
  absl::Time join_time;
};

// The event of one of the member's registrations: an own event, or another office's district
// event mirrored here (outgoing registration).
struct RegistrationEventRecord {
  domain::RegistrationId registration_id;
  domain::EventId event_id;
  std::string title;
  domain::EventKind kind = domain::EventKind::kUnspecified;
  absl::Time start_time;
  absl::Time end_time;
  // The organising office; empty for an own event.
  std::string organiser_office;
};

// One item this office queued in its outbox about a registration (registration_request carries
// the participant's name, organisation and sector; registration_cancel only ids).
struct SentRegistrationItem {
  std::string item_type;
  domain::RegistrationId registration_id;
  std::string destination;  // the organising office
  int64_t version = 0;
  absl::Time queue_time;  // when it was written to the outbox
};

class PersonalDataRepository {
 public:
  virtual ~PersonalDataRepository() = default;

  // The member's group memberships in German group name order.
  virtual absl::StatusOr<std::vector<GroupMembershipRecord>> GroupMemberships(
      Tx& tx, const domain::MemberId& member) = 0;
  // The member's registrations (every state) with their events, by event start.
  virtual absl::StatusOr<std::vector<RegistrationEventRecord>> RegistrationEvents(
      Tx& tx, const domain::MemberId& member) = 0;
  // Registration items this office sent about `registrations`, oldest first.
  virtual absl::StatusOr<std::vector<SentRegistrationItem>> SentItems(
      Tx& tx, const std::vector<domain::RegistrationId>& registrations) = 0;
  // Audit entries about the member (item id = member id), about its registrations, and group
  // entries naming the member; oldest first.
  virtual absl::StatusOr<std::vector<domain::AuditEntry>> AuditEntries(
      Tx& tx, const domain::MemberId& member,
      const std::vector<domain::RegistrationId>& registrations) = 0;
};

std::unique_ptr<PersonalDataRepository> NewPersonalDataRepository();

}  // namespace schutznetz::storage
