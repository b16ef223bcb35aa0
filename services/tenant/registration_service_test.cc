// RegistrationService on a real database: seats, waitlist order, concurrency, attendance.
#include <gtest/gtest.h>

#include <thread>

#include "libs/common/time.h"
#include "services/tenant/tenant_fixture.h"

namespace schutznetz::tenant {
namespace {

class RegistrationServiceTest : public TenantServicesTest {
 protected:
  grpc::Status Register(const std::string& event, const std::string& member,
                        v1::Registration* out = nullptr) {
    v1::RegisterMemberRequest req;
    req.set_event_id(event);
    req.set_member_id(member);
    v1::RegisterMemberResponse resp;
    grpc::ClientContext ctx;
    grpc::Status s = registrations_->RegisterMember(&ctx, req, &resp);
    if (out != nullptr) *out = resp.registration();
    return s;
  }
  std::vector<v1::Registration> List(const std::string& event) {
    v1::ListRegistrationsRequest req;
    req.set_event_id(event);
    req.set_page_size(500);
    v1::ListRegistrationsResponse resp;
    grpc::ClientContext ctx;
    EXPECT_TRUE(registrations_->ListRegistrations(&ctx, req, &resp).ok());
    return {resp.registrations().begin(), resp.registrations().end()};
  }
};

TEST_F(RegistrationServiceTest, FullEventPutsNextRegistrationsOnTheWaitlistInOrder) {
  v1::Event e = CreateEvent(EventAt("03.04.2025 09:00", 2));
  std::vector<v1::Registration> r(4);
  for (int i = 0; i < 4; ++i) {
    ASSERT_TRUE(Register(e.id(), CreateActiveMember("P", "Person" + std::to_string(i)), &r[i]).ok());
  }
  EXPECT_EQ(r[0].state(), v1::REGISTRATION_STATE_REGISTERED);
  EXPECT_EQ(r[1].state(), v1::REGISTRATION_STATE_REGISTERED);
  EXPECT_EQ(r[2].state(), v1::REGISTRATION_STATE_WAITLISTED);
  EXPECT_EQ(r[2].waitlist_position(), 1);
  EXPECT_EQ(r[3].waitlist_position(), 2);
}

TEST_F(RegistrationServiceTest, CancellationMovesTheFirstWaitlistedUp) {
  v1::Event e = CreateEvent(EventAt("03.04.2025 09:00", 1));
  v1::Registration seat, first, second;
  ASSERT_TRUE(Register(e.id(), CreateActiveMember("A", "Erste"), &seat).ok());
  ASSERT_TRUE(Register(e.id(), CreateActiveMember("B", "Zweite"), &first).ok());
  ASSERT_TRUE(Register(e.id(), CreateActiveMember("C", "Dritte"), &second).ok());
  v1::CancelRegistrationRequest req;
  req.set_id(seat.id());
  v1::CancelRegistrationResponse resp;
  grpc::ClientContext ctx;
  ASSERT_TRUE(registrations_->CancelRegistration(&ctx, req, &resp).ok());
  EXPECT_EQ(resp.registration().state(), v1::REGISTRATION_STATE_CANCELLED);
  EXPECT_EQ(resp.promoted().id(), first.id());
  std::vector<v1::Registration> list = List(e.id());
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0].id(), first.id());
  EXPECT_EQ(list[0].state(), v1::REGISTRATION_STATE_REGISTERED);
  EXPECT_EQ(list[1].id(), second.id());
  EXPECT_EQ(list[1].waitlist_position(), 1);
  EXPECT_EQ(list[2].state(), v1::REGISTRATION_STATE_CANCELLED);
}

TEST_F(RegistrationServiceTest, NoDoubleRegistration) {
  v1::Event e = CreateEvent(EventAt("03.04.2025 09:00", 5));
  std::string member = CreateActiveMember("D", "Doppelt");
  ASSERT_TRUE(Register(e.id(), member).ok());
  grpc::Status again = Register(e.id(), member);
  EXPECT_EQ(again.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_NE(again.error_message().find("member_id"), std::string::npos);
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM registrations"), "1");
}

TEST_F(RegistrationServiceTest, OnlyActiveMembersRegisterForPlannedFutureEvents) {
  v1::Event e = CreateEvent(EventAt("03.04.2025 09:00", 5));
  v1::CreateMemberRequest req;
  req.mutable_member()->set_organisation_id(CreateOrganisation("Schule"));
  req.mutable_member()->set_first_name("E");
  req.mutable_member()->set_last_name("Antrag");
  v1::CreateMemberResponse requested;
  grpc::ClientContext ctx;
  ASSERT_TRUE(members_->CreateMember(&ctx, req, &requested).ok());
  EXPECT_EQ(Register(e.id(), requested.member().id()).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Register(e.id(), "6f1c2b9e-3d4a-4c5b-8e7f-0123456789ab").error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Register("kaputt", requested.member().id()).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  now_ = ParseLocalDateTime("03.04.2025 09:30", "now").value();
  EXPECT_EQ(Register(e.id(), CreateActiveMember("F", "Spät")).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM registrations"), "0");
}

TEST_F(RegistrationServiceTest, SimultaneousRegistrationsNeverOverbookAndKeepArrivalOrder) {
  constexpr int kCapacity = 5;
  constexpr int kThreads = 6;
  constexpr int kPerThread = 5;
  v1::Event e = CreateEvent(EventAt("03.04.2025 09:00", kCapacity));
  std::vector<std::vector<std::string>> members(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kPerThread; ++i) {
      members[t].push_back(CreateActiveMember("T" + std::to_string(t), "M" + std::to_string(i)));
    }
  }
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (const std::string& m : members[t]) {
        if (!Register(e.id(), m).ok()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  std::vector<v1::Registration> list = List(e.id());
  ASSERT_EQ(list.size(), static_cast<size_t>(kThreads * kPerThread));
  int seats = 0;
  int expected_position = 1;
  for (const auto& r : list) {
    if (r.state() == v1::REGISTRATION_STATE_REGISTERED) {
      ++seats;
    } else {
      EXPECT_EQ(r.waitlist_position(), expected_position++);
    }
  }
  EXPECT_EQ(seats, kCapacity);
  // Seats went to the first arrivals: every seat's arrival precedes every waitlisted one.
  EXPECT_EQ(QueryScalar("SELECT max(seq) < (SELECT min(seq) FROM registrations WHERE state = "
                        "'waitlisted') FROM registrations WHERE state = 'registered'"),
            "t");
  // Cancelling seats concurrently promotes exactly as many, in order.
  std::vector<std::string> seat_ids;
  for (const auto& r : list) {
    if (r.state() == v1::REGISTRATION_STATE_REGISTERED) seat_ids.push_back(r.id());
  }
  threads.clear();
  for (const std::string& id : seat_ids) {
    threads.emplace_back([&, id] {
      v1::CancelRegistrationRequest req;
      req.set_id(id);
      v1::CancelRegistrationResponse resp;
      grpc::ClientContext ctx;
      if (!registrations_->CancelRegistration(&ctx, req, &resp).ok()) ++failures;
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM registrations WHERE state = 'registered'"), "5");
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM registrations WHERE state = 'waitlisted'"), "20");
}

TEST_F(RegistrationServiceTest, RaisingCapacityMovesTheWaitlistUp) {
  v1::Event e = CreateEvent(EventAt("03.04.2025 09:00", 1));
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(Register(e.id(), CreateActiveMember("G", std::to_string(i))).ok());
  v1::UpdateEventRequest req;
  req.mutable_event()->set_id(e.id());
  req.mutable_event()->set_capacity(2);
  req.mutable_update_mask()->add_paths("capacity");
  v1::UpdateEventResponse resp;
  grpc::ClientContext c1;
  ASSERT_TRUE(events_->UpdateEvent(&c1, req, &resp).ok());
  EXPECT_EQ(resp.event().registered_count(), 2);
  EXPECT_EQ(resp.event().waitlisted_count(), 1);
  req.mutable_event()->set_capacity(1);
  grpc::ClientContext c2;
  grpc::Status lower = events_->UpdateEvent(&c2, req, &resp);
  EXPECT_EQ(lower.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(lower.error_message().find("event.capacity"), std::string::npos);
}

TEST_F(RegistrationServiceTest, AttendanceIsRecordedAfterTheStartIncludingWalkIns) {
  v1::Event e = CreateEvent(EventAt("03.04.2025 09:00", 10));
  std::string registered = CreateActiveMember("H", "Angemeldet");
  std::string absent = CreateActiveMember("I", "Abwesend");
  std::string walk_in = CreateActiveMember("J", "Spontan");
  ASSERT_TRUE(Register(e.id(), registered).ok());
  ASSERT_TRUE(Register(e.id(), absent).ok());
  v1::RecordAttendanceRequest req;
  req.set_event_id(e.id());
  for (auto [member, attended] : {std::pair{registered, true}, std::pair{absent, false},
                                  std::pair{walk_in, true}}) {
    v1::AttendanceEntry* entry = req.add_entries();
    entry->set_member_id(member);
    entry->set_attended(attended);
  }
  v1::RecordAttendanceResponse resp;
  grpc::ClientContext c1;
  EXPECT_EQ(registrations_->RecordAttendance(&c1, req, &resp).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);  // not started yet
  now_ = ParseLocalDateTime("03.04.2025 11:00", "now").value();
  grpc::ClientContext c2;
  ASSERT_TRUE(registrations_->RecordAttendance(&c2, req, &resp).ok());
  EXPECT_EQ(resp.attended_count(), 2);
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM registrations WHERE attended = false"), "1");
}

}  // namespace
}  // namespace schutznetz::tenant
