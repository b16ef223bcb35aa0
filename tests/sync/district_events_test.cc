// District events and registrations across offices in a whole district: the real aggregator and
// the four Kreis Soest offices in one process, with real databases, agents and handlers
// (DESIGN.md §3, §4, §5).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <thread>

#include "absl/strings/str_join.h"
#include "libs/domain/registration.h"
#include "tests/sync/district_fixture.h"

namespace schutznetz::testing {
namespace {

const std::map<std::string, std::string> kToken = {
    {"kreis-soest", "Kso"}, {"lippstadt", "Lip"}, {"soest", "Soe"}, {"warstein", "War"}};

std::string Slug(v1::RegistrationState s) {
  return std::string(domain::RegistrationStateSlug(static_cast<domain::RegistrationState>(s)));
}

class DistrictEventsTest : public DistrictSyncTest {
 protected:
  storage::Database& organiser_db() { return *office("kreis-soest").database.db; }

  // Waits until every office but the organiser lists `event` with `title`.
  void ExpectMirroredEverywhere(const std::string& event, const std::string& title) {
    for (DistrictOffice* o : OfficesExcept("kreis-soest")) {
      EXPECT_TRUE(Eventually([&] {
        for (const v1::Event& e : ListEvents(*o)) {
          if (e.id() == event && e.title() == title) return true;
        }
        return false;
      })) << o->id << " does not show " << title;
    }
  }

  v1::UpdateEventResponse Update(const std::string& id, const std::string& path,
                                 const v1::Event& patch) {
    v1::UpdateEventRequest req;
    *req.mutable_event() = patch;
    req.mutable_event()->set_id(id);
    req.mutable_update_mask()->add_paths(path);
    v1::UpdateEventResponse resp;
    grpc::ClientContext ctx;
    grpc::Status s = office("kreis-soest").events->UpdateEvent(&ctx, req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp;
  }

  // "registration=state/place,…" of the office's registrations for the event, as it knows them.
  std::string OriginView(DistrictOffice& o, const std::string& event) {
    std::vector<std::string> parts;
    for (const v1::Registration& r : Registrations(o, event)) {
      parts.push_back(r.id() + "=" + Slug(r.state()) + "/" + std::to_string(r.waitlist_position()));
    }
    std::sort(parts.begin(), parts.end());
    return absl::StrJoin(parts, ",");
  }

  // The same as the organiser knows it.
  std::string OrganiserView(const std::string& origin) {
    return Scalar(organiser_db(),
                  "SELECT string_agg(rid || '=' || state || '/' || pos, ',' ORDER BY rid COLLATE "
                  "\"C\") FROM (SELECT r.remote_registration_id::text AS rid, r.state, CASE WHEN "
                  "r.state = 'waitlisted' THEN (SELECT count(*) FROM registrations w WHERE "
                  "w.event_id = r.event_id AND w.state = 'waitlisted' AND w.seq <= r.seq) ELSE 0 "
                  "END AS pos FROM registrations r WHERE r.origin_office = '" +
                      origin + "') x");
  }

  // Waits until every office's view of its members' registrations equals the organiser's.
  void ExpectOfficesAgreeWithTheOrganiser(const std::string& event) {
    for (DistrictOffice* o : OfficesExcept("kreis-soest")) {
      EXPECT_TRUE(Eventually([&] { return OriginView(*o, event) == OrganiserView(o->id); }))
          << o->id << "\n  office:    " << OriginView(*o, event)
          << "\n  organiser: " << OrganiserView(o->id);
    }
  }

  // Cancels the registration the organiser lists as `r` where it was made.
  void CancelWhereMade(const v1::Registration& r) {
    if (r.origin_office().empty()) {
      ASSERT_TRUE(Cancel(office("kreis-soest"), r.id()).ok());
      return;
    }
    std::string remote = Scalar(organiser_db(),
                                "SELECT remote_registration_id FROM registrations WHERE id = '" +
                                    r.id() + "'");
    grpc::Status s = Cancel(office(r.origin_office()), remote);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
};

TEST_F(DistrictEventsTest, ADistrictEventAppearsInEveryOfficeFollowsItsChangesAndLeavesWithItsScope) {
  v1::Event day = CreateTraining(office("kreis-soest"), "Fachtag Kinderschutz",
                                 v1::EVENT_SCOPE_DISTRICT, 40);
  CreateTraining(office("kreis-soest"), "Interne Dienstbesprechung", v1::EVENT_SCOPE_LOCAL, 0);
  ExpectMirroredEverywhere(day.id(), "Fachtag Kinderschutz");
  for (DistrictOffice* o : OfficesExcept("kreis-soest")) {
    std::vector<v1::Event> events = ListEvents(*o);
    ASSERT_EQ(events.size(), 1u) << o->id;
    EXPECT_TRUE(events[0].mirrored());
    EXPECT_EQ(events[0].organiser_office(), "kreis-soest");
    EXPECT_EQ(events[0].capacity(), 40);
  }
  storage::Database& registry = *aggregator_db_.db;
  EXPECT_EQ(Scalar(registry, "SELECT string_agg(organiser_office || '/' || state, ',') FROM "
                             "district_events"),
            "kreis-soest/planned");

  v1::Event patch;
  patch.set_title("Fachtag Kinderschutz im Kreis Soest");
  Update(day.id(), "title", patch);
  ExpectMirroredEverywhere(day.id(), "Fachtag Kinderschutz im Kreis Soest");

  patch.set_scope(v1::EVENT_SCOPE_LOCAL);
  Update(day.id(), "scope", patch);
  for (DistrictOffice* o : OfficesExcept("kreis-soest")) {
    EXPECT_TRUE(Eventually([&] { return ListEvents(*o).empty(); })) << o->id;
  }
  EXPECT_TRUE(Eventually(
      [&] { return Scalar(registry, "SELECT state FROM district_events") == "withdrawn"; }));
  // The local meeting never left its office.
  for (DistrictOffice* o : OfficesExcept("kreis-soest")) {
    EXPECT_EQ(TablesMentioning(*o->database.db, "Interne Dienstbesprechung"),
              std::vector<std::string>{})
        << o->id;
  }
}

TEST_F(DistrictEventsTest, SimultaneousRegistrationsFromEveryOfficeNeverOverbookAndEveryOfficeLearnsItsStates) {
  // More seats than the organiser's own members, so that requests from the other offices, which
  // arrive through the aggregator, compete for the rest with each other and with local ones.
  constexpr int kCapacity = 6;
  constexpr int kPerOffice = 4;
  v1::Event training = CreateTraining(office("kreis-soest"), "Fortbildung Gesprächsführung",
                                      v1::EVENT_SCOPE_DISTRICT, kCapacity);
  ExpectMirroredEverywhere(training.id(), training.title());
  std::map<std::string, std::vector<std::string>> members;
  for (const auto& [id, token] : kToken) {
    for (int i = 0; i < kPerOffice; ++i) {
      members[id].push_back(CreateMember(office(id), "Anna", "Teilnahme" + token +
                                                                 std::to_string(i), true));
    }
  }
  std::string refusing = CreateMember(office("soest"), "Otto", "OhneZustimmungSoe", false);

  // Every office registers its members at once, one every 20 ms; meanwhile watch the organiser's
  // seats.
  std::atomic<bool> done{false};
  std::atomic<int> most_seats{0};
  std::thread watch([&] {
    while (!done) {
      int seats = std::stoi(Scalar(organiser_db(), "SELECT count(*) FROM registrations WHERE "
                                                   "state = 'registered'"));
      most_seats = std::max(most_seats.load(), seats);
      absl::SleepFor(absl::Milliseconds(5));
    }
  });
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (const auto& [id, ids] : members) {
    threads.emplace_back([&, id = id] {
      for (const std::string& m : members[id]) {
        if (!Register(office(id), training.id(), m).ok()) ++failures;
        absl::SleepFor(absl::Milliseconds(20));
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);

  // A member without consent is refused, and nothing about them leaves soest.
  grpc::Status refused = Register(office("soest"), training.id(), refusing);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(refused.error_message().find("consent_share_registrations"), std::string::npos);

  EXPECT_TRUE(Eventually([&] {
    return Scalar(organiser_db(), "SELECT count(*) FROM registrations") ==
           std::to_string(4 * kPerOffice);
  }));
  ExpectOfficesAgreeWithTheOrganiser(training.id());
  done = true;
  watch.join();
  EXPECT_LE(most_seats.load(), kCapacity);

  // The organiser's list: the seats, then the waitlist in arrival order.
  std::vector<v1::Registration> list = Registrations(office("kreis-soest"), training.id());
  ASSERT_EQ(list.size(), static_cast<size_t>(4 * kPerOffice));
  int seats = 0;
  int place = 0;
  for (const v1::Registration& r : list) {
    if (r.state() == v1::REGISTRATION_STATE_REGISTERED) {
      ++seats;
    } else {
      EXPECT_EQ(r.state(), v1::REGISTRATION_STATE_WAITLISTED);
      EXPECT_EQ(r.waitlist_position(), ++place);
    }
  }
  EXPECT_EQ(seats, kCapacity);
  EXPECT_EQ(Scalar(organiser_db(),
                   "SELECT max(seq) < (SELECT min(seq) FROM registrations WHERE state = "
                   "'waitlisted') FROM registrations WHERE state = 'registered'"),
            "t");
  for (DistrictOffice* o : OfficesExcept("kreis-soest")) {
    EXPECT_TRUE(Eventually([&] {
      for (const v1::Event& e : ListEvents(*o)) {
        if (e.id() == training.id()) {
          return e.registered_count() == kCapacity &&
                 e.waitlisted_count() == 4 * kPerOffice - kCapacity;
        }
      }
      return false;
    })) << o->id << " does not see the seats taken";
  }

  // Seats are cancelled where they were made until the first participant of another office on
  // the waitlist moves up; its office learns it, and every other office its new places.
  auto first_external = std::find_if(list.begin(), list.end(), [](const v1::Registration& r) {
    return r.state() == v1::REGISTRATION_STATE_WAITLISTED && !r.origin_office().empty();
  });
  ASSERT_NE(first_external, list.end());
  for (int i = 0; i < first_external->waitlist_position(); ++i) {
    std::vector<v1::Registration> now = Registrations(office("kreis-soest"), training.id());
    CancelWhereMade(now[0]);  // a seat (seats are listed first)
    EXPECT_TRUE(Eventually([&] {
      return Scalar(organiser_db(), "SELECT count(*) FROM registrations WHERE state = "
                                    "'cancelled'") == std::to_string(i + 1);
    }));
  }
  std::string promoted_office = first_external->origin_office();
  std::string promoted = Scalar(organiser_db(),
                                "SELECT remote_registration_id FROM registrations WHERE id = '" +
                                    first_external->id() + "'");
  EXPECT_TRUE(Eventually([&] {
    for (const v1::Registration& r : Registrations(office(promoted_office), training.id())) {
      if (r.id() == promoted) return r.state() == v1::REGISTRATION_STATE_REGISTERED;
    }
    return false;
  })) << promoted_office << " does not learn that its member moved up";
  ExpectOfficesAgreeWithTheOrganiser(training.id());
  EXPECT_EQ(Scalar(organiser_db(), "SELECT count(*) FROM registrations WHERE state = "
                                   "'registered'"),
            std::to_string(kCapacity));

  // No name reaches an office its member did not register with: each name is at its own office
  // and at the organiser, nowhere else (the aggregator relayed it and kept nothing once decided).
  for (const auto& [id, token] : kToken) {
    for (int i = 0; i < kPerOffice; ++i) {
      std::string name = "Teilnahme" + token + std::to_string(i);
      EXPECT_FALSE(TablesMentioning(*office(id).database.db, name).empty()) << name;
      for (DistrictOffice* o : OfficesExcept(id)) {
        std::vector<std::string> tables = TablesMentioning(*o->database.db, name);
        if (o->id == "kreis-soest") {
          EXPECT_EQ(tables, std::vector<std::string>{"registrations"}) << name;
        } else {
          EXPECT_EQ(tables, std::vector<std::string>{}) << name << " reached " << o->id;
        }
      }
      // Relayed, and dropped from the aggregator's log once the organiser's decision passed.
      EXPECT_EQ(TablesMentioning(*aggregator_db_.db, name), std::vector<std::string>{}) << name;
    }
  }
  for (DistrictOffice* o : OfficesExcept("soest")) {
    EXPECT_EQ(TablesMentioning(*o->database.db, "OhneZustimmungSoe"), std::vector<std::string>{});
  }
  EXPECT_EQ(TablesMentioning(*aggregator_db_.db, "OhneZustimmungSoe"), std::vector<std::string>{});
}

TEST_F(DistrictEventsTest, AnOfficeOfflineDuringRegistrationsCatchesUpWhenItReturns) {
  v1::Event training = CreateTraining(office("kreis-soest"), "Fortbildung Frühe Hilfen",
                                      v1::EVENT_SCOPE_DISTRICT, 2);
  ExpectMirroredEverywhere(training.id(), training.title());
  DistrictOffice& warstein = office("warstein");
  warstein.app->sync().Stop();
  std::vector<std::string> waiting;
  for (int i = 0; i < 2; ++i) {
    v1::Registration r;
    ASSERT_TRUE(Register(warstein, training.id(),
                         CreateMember(warstein, "Ben", "Offline" + std::to_string(i), true), &r)
                    .ok());
    EXPECT_EQ(r.state(), v1::REGISTRATION_STATE_PENDING);
    waiting.push_back(r.id());
  }
  DistrictOffice& lippstadt = office("lippstadt");
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(Register(lippstadt, training.id(),
                         CreateMember(lippstadt, "Eva", "Online" + std::to_string(i), true))
                    .ok());
  }
  EXPECT_TRUE(Eventually([&] {
    std::vector<v1::Registration> mine = Registrations(lippstadt, training.id());
    return mine.size() == 2 && mine[0].state() == v1::REGISTRATION_STATE_REGISTERED &&
           mine[1].state() == v1::REGISTRATION_STATE_REGISTERED;
  }));
  v1::Event patch;
  patch.set_place("Kreishaus Soest, Saal 1");
  Update(training.id(), "place", patch);
  absl::SleepFor(absl::Milliseconds(500));
  for (const v1::Registration& r : Registrations(warstein, training.id())) {
    EXPECT_EQ(r.state(), v1::REGISTRATION_STATE_PENDING);  // still offline
  }

  warstein.app->sync().Start();
  ExpectOfficesAgreeWithTheOrganiser(training.id());
  std::vector<v1::Registration> mine = Registrations(warstein, training.id());
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_EQ(mine[0].state(), v1::REGISTRATION_STATE_WAITLISTED);
  EXPECT_EQ(mine[0].waitlist_position(), 1);
  EXPECT_EQ(mine[1].waitlist_position(), 2);
  EXPECT_TRUE(Eventually([&] {
    for (const v1::Event& e : ListEvents(warstein)) {
      if (e.id() == training.id()) {
        return e.place() == "Kreishaus Soest, Saal 1" && e.registered_count() == 2 &&
               e.waitlisted_count() == 2;
      }
    }
    return false;
  }));
}

}  // namespace
}  // namespace schutznetz::testing
