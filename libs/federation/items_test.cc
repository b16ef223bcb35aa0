#include "libs/federation/items.h"

#include <gtest/gtest.h>

#include "schutznetz/v1/district_items.pb.h"

namespace schutznetz::federation {
namespace {

constexpr char kEventId[] = "6f1c2b9e-3d4a-4c5b-8e7f-0123456789ab";
constexpr char kRegistrationId[] = "0b7e1c9a-2f4d-4e6b-9a8c-1d2e3f4a5b6c";

domain::Event Shared() {
  domain::Event e;
  e.id = domain::EventId(kEventId);
  e.organiser_office = "kreis-soest";
  e.kind = domain::EventKind::kConferenceDay;
  e.title = "Fachtag Kinderschutz im Kreis Soest";
  e.start_time = absl::FromUnixSeconds(1900000000);
  e.end_time = e.start_time + absl::Hours(7);
  e.place = "Kreishaus Soest";
  e.audience_sectors = {domain::Sector::kSchool, domain::Sector::kHealth};
  e.capacity = 80;
  e.registered_count = 12;
  e.waitlisted_count = 0;
  e.scope = domain::EventScope::kDistrict;
  e.state = domain::EventState::kPlanned;
  e.agenda = {{1, "Begrüßung", "Landrätin Musterfrau", 15}};
  e.minutes = "Protokoll mit Namen";
  e.group_id = domain::GroupId("11111111-2222-4333-8444-555555555555");
  return e;
}

domain::SyncItem Item(const std::string& type, const std::string& id, const std::string& origin,
                      std::string payload) {
  return {type, id, origin, 7, "", std::move(payload), absl::Now()};
}

TEST(ItemsTest, DistrictEventRoundTripsWithoutAgendaMinutesOrGroup) {
  std::string payload = DistrictEventPayload(Shared());
  EXPECT_EQ(payload.find("Musterfrau"), std::string::npos);
  EXPECT_EQ(payload.find("Protokoll"), std::string::npos);
  auto e = DistrictEventFromItem(Item(kDistrictEventItem, kEventId, "kreis-soest", payload));
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_TRUE(e->mirrored);
  EXPECT_FALSE(e->withdrawn);
  EXPECT_EQ(e->sync_version, 7);
  EXPECT_EQ(e->title, "Fachtag Kinderschutz im Kreis Soest");
  EXPECT_EQ(e->registered_count, 12);
  EXPECT_EQ(e->audience_sectors.size(), 2u);
  EXPECT_TRUE(e->agenda.empty());
  EXPECT_TRUE(e->group_id.empty());
}

TEST(ItemsTest, TombstoneCarriesOnlyIdAndOrganiser) {
  domain::Event gone = Shared();
  gone.withdrawn = true;
  std::string payload = DistrictEventPayload(gone);
  EXPECT_EQ(payload.find("Fachtag"), std::string::npos);
  auto e = DistrictEventFromItem(Item(kDistrictEventItem, kEventId, "kreis-soest", payload));
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_TRUE(e->withdrawn);
}

TEST(ItemsTest, DistrictEventOfAnotherOriginOrWithBadFieldsIsRefused) {
  auto foreign = DistrictEventFromItem(
      Item(kDistrictEventItem, kEventId, "lippstadt", DistrictEventPayload(Shared())));
  EXPECT_NE(foreign.status().message().find("district_event.organiser_office"), std::string::npos);
  domain::Event local = Shared();
  local.scope = domain::EventScope::kLocal;
  local.title = "";
  auto bad = DistrictEventFromItem(
      Item(kDistrictEventItem, kEventId, "kreis-soest", DistrictEventPayload(local)));
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("district_event.title"), std::string::npos);
  EXPECT_NE(bad.status().message().find("district_event.scope"), std::string::npos);
  auto garbage = DistrictEventFromItem(Item(kDistrictEventItem, kEventId, "kreis-soest", "\xff\xff"));
  EXPECT_NE(garbage.status().message().find("district_event.payload"), std::string::npos);
}

TEST(ItemsTest, SeatRequestCarriesNameOrganisationAndSectorOnly) {
  SeatRequest r;
  r.event_id = domain::EventId(kEventId);
  r.participant = {"lippstadt", kRegistrationId, "Beispiel, Anna", "Realschule am Schloss",
                   domain::Sector::kSchool};
  v1::RegistrationRequest wire;
  ASSERT_TRUE(wire.ParseFromString(SeatRequestPayload(r)));
  EXPECT_EQ(wire.GetDescriptor()->field_count(), 5);
  auto back = SeatRequestFromItem(
      Item(kRegistrationRequestItem, kRegistrationId, "lippstadt", SeatRequestPayload(r)));
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->participant.origin_office, "lippstadt");
  EXPECT_EQ(back->participant.name, "Beispiel, Anna");
  EXPECT_EQ(back->participant.sector, domain::Sector::kSchool);
  EXPECT_EQ(back->event_id.value(), kEventId);
}

TEST(ItemsTest, RegistrationItemsMustNameTheirOwnId) {
  SeatCancel c{domain::EventId(kEventId), kRegistrationId};
  auto other = SeatCancelFromItem(Item(kRegistrationCancelItem,
                                       "99999999-2f4d-4e6b-9a8c-1d2e3f4a5b6c", "lippstadt",
                                       SeatCancelPayload(c)));
  EXPECT_NE(other.status().message().find("registration_cancel.registration_id"),
            std::string::npos);
  auto same = SeatCancelFromItem(
      Item(kRegistrationCancelItem, kRegistrationId, "lippstadt", SeatCancelPayload(c)));
  EXPECT_TRUE(same.ok()) << same.status();
}

TEST(ItemsTest, DecisionsCarryAKnownStateAndAWaitlistPlaceOnlyWhileWaitlisted) {
  SeatDecision d{kRegistrationId, domain::EventId(kEventId),
                 domain::RegistrationState::kWaitlisted, 3, ""};
  auto ok = SeatDecisionFromItem(
      Item(kRegistrationDecisionItem, kRegistrationId, "kreis-soest", SeatDecisionPayload(d)));
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ(ok->waitlist_position, 3);
  d.state = domain::RegistrationState::kPending;
  auto pending = SeatDecisionFromItem(
      Item(kRegistrationDecisionItem, kRegistrationId, "kreis-soest", SeatDecisionPayload(d)));
  EXPECT_NE(pending.status().message().find("registration_decision.state"), std::string::npos);
  d.state = domain::RegistrationState::kRegistered;
  auto seated_with_place = SeatDecisionFromItem(
      Item(kRegistrationDecisionItem, kRegistrationId, "kreis-soest", SeatDecisionPayload(d)));
  EXPECT_NE(seated_with_place.status().message().find("registration_decision.waitlist_position"),
            std::string::npos);
  d.waitlist_position = 0;
  auto event = EventOfRegistrationItem(
      Item(kRegistrationDecisionItem, kRegistrationId, "kreis-soest", SeatDecisionPayload(d)));
  ASSERT_TRUE(event.ok());
  EXPECT_EQ(event->value(), kEventId);
}

}  // namespace
}  // namespace schutznetz::federation
