#include "libs/domain/event.h"

#include <gtest/gtest.h>

#include "libs/domain/registration.h"

namespace schutznetz::domain {
namespace {

Event Valid() {
  Event e;
  e.kind = EventKind::kTraining;
  e.title = "Fortbildung Kinderschutz";
  e.start_time = absl::FromUnixSeconds(1750000000);
  e.end_time = e.start_time + absl::Hours(3);
  e.scope = EventScope::kLocal;
  return e;
}

TEST(EventTest, ValidEventPasses) { EXPECT_TRUE(ValidateEvent(Valid(), "event.").ok()); }

TEST(EventTest, EndBeforeStartIsNamed) {
  Event e = Valid();
  e.end_time = e.start_time;
  EXPECT_NE(ValidateEvent(e, "event.").message().find("event.end_time: must be after the start"),
            std::string::npos);
}

TEST(EventTest, OnlyHttpsLinks) {
  Event e = Valid();
  e.online_link = "http://meet.example/raum";
  EXPECT_NE(ValidateEvent(e, "event.").message().find("event.online_link"), std::string::npos);
  e.online_link = "https://meet.example/raum";
  EXPECT_TRUE(ValidateEvent(e, "event.").ok());
}

TEST(EventTest, DuplicateAudienceIsRefused) {
  Event e = Valid();
  e.audience_sectors = {Sector::kHealth, Sector::kHealth};
  EXPECT_NE(ValidateEvent(e, "").message().find("audience_sectors"), std::string::npos);
}

TEST(EventTest, LifecycleChecks) {
  Event e = Valid();
  absl::Time before = e.start_time - absl::Minutes(1);
  EXPECT_EQ(CheckCanMarkHeld(e, before).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(CheckCanMarkHeld(e, e.start_time).ok());
  EXPECT_EQ(CheckMinutesEditable(e).code(), absl::StatusCode::kFailedPrecondition);
  e.state = EventState::kHeld;
  EXPECT_TRUE(CheckMinutesEditable(e).ok());
  EXPECT_EQ(CheckEditable(e).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(CheckCanCancel(e).code(), absl::StatusCode::kFailedPrecondition);
  e.minutes_approved = true;
  EXPECT_EQ(CheckMinutesEditable(e).code(), absl::StatusCode::kFailedPrecondition);
}

TEST(EventTest, AgendaItemsAreValidatedWithTheirIndex) {
  std::vector<AgendaItem> agenda = {{0, "Begrüßung", "", 10}, {0, "", "", -5}};
  std::string m(ValidateAgenda(agenda).message());
  EXPECT_NE(m.find("agenda[1].title"), std::string::npos);
  EXPECT_NE(m.find("agenda[1].duration_minutes"), std::string::npos);
  EXPECT_EQ(m.find("agenda[0]"), std::string::npos);
}

TEST(EventTest, SlugsAndLabels) {
  for (EventKind k : AllEventKinds()) EXPECT_EQ(EventKindFromSlug(EventKindSlug(k)), k);
  EXPECT_EQ(EventKindLabel(EventKind::kConferenceDay), "Fachtag");
  EXPECT_EQ(EventScopeLabel(EventScope::kDistrict), "kreisweit");
  EXPECT_FALSE(EventKindFromNumber(11).has_value());
}

TEST(RegistrationRulesTest, SeatsUntilCapacityThenWaitlist) {
  EXPECT_EQ(SeatFor(0, 1000), RegistrationState::kRegistered);
  EXPECT_EQ(SeatFor(2, 1), RegistrationState::kRegistered);
  EXPECT_EQ(SeatFor(2, 2), RegistrationState::kWaitlisted);
  EXPECT_EQ(SeatsToFill(2, 1, 5), 1);
  EXPECT_EQ(SeatsToFill(2, 2, 5), 0);
  EXPECT_EQ(SeatsToFill(10, 2, 3), 3);
  EXPECT_EQ(SeatsToFill(0, 2, 3), 3);
}

}  // namespace
}  // namespace schutznetz::domain
