// Conversions between schutznetz.v1.Event / Registration and the domain types, shared by the
// tenant services (and the aggregator for district events).
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "libs/domain/event.h"
#include "libs/domain/registration.h"
#include "schutznetz/v1/event_service.pb.h"
#include "schutznetz/v1/registration_service.pb.h"

namespace schutznetz::api {

// The user-editable fields of `p` (text trimmed, enums range-checked, field names prefixed with
// `prefix`). Output-only fields are ignored.
absl::StatusOr<domain::Event> EventFromProto(const v1::Event& p, const std::string& prefix);
void EventToProto(const domain::Event& e, v1::Event* p);

absl::StatusOr<domain::EventKind> EventKindFromProto(int value, const std::string& field);
absl::StatusOr<domain::EventScope> EventScopeFromProto(int value, const std::string& field);
absl::StatusOr<domain::EventState> EventStateFromProto(int value, const std::string& field);

void RegistrationToProto(const domain::Registration& r, v1::Registration* p);

}  // namespace schutznetz::api
