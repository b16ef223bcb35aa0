// EventService on a real database: lifecycle, agenda, minutes, recurrence, time zones, paging.
#include <gtest/gtest.h>

#include "libs/common/time.h"
#include "libs/rpc/proto_util.h"
#include "services/tenant/tenant_fixture.h"

namespace schutznetz::tenant {
namespace {

class EventServiceTest : public TenantServicesTest {
 protected:
  std::string Count() { return QueryScalar("SELECT count(*) FROM events"); }
  v1::Event Get(const std::string& id) {
    v1::GetEventRequest req;
    req.set_id(id);
    v1::GetEventResponse resp;
    grpc::ClientContext ctx;
    EXPECT_TRUE(events_->GetEvent(&ctx, req, &resp).ok());
    return resp.event();
  }
};

TEST_F(EventServiceTest, LocalTimesRoundTripAcrossTheDstChange) {
  // Summer time and winter time events: stored as UTC, read back as the same local times.
  v1::Event summer = CreateEvent(EventAt("03.04.2025 09:00"));
  v1::Event winter = CreateEvent(EventAt("27.11.2025 18:00"));
  v1::Event night = CreateEvent(EventAt("26.10.2025 01:30"));  // the night clocks go back
  EXPECT_EQ(FormatLocalDateTime(rpc::FromProto(Get(summer.id()).start_time())),
            "03.04.2025 09:00");
  EXPECT_EQ(FormatLocalDateTime(rpc::FromProto(Get(winter.id()).start_time())),
            "27.11.2025 18:00");
  EXPECT_EQ(FormatRfc3339Local(rpc::FromProto(Get(summer.id()).start_time())),
            "2025-04-03T09:00:00+02:00");
  EXPECT_EQ(FormatRfc3339Local(rpc::FromProto(Get(winter.id()).start_time())),
            "2025-11-27T18:00:00+01:00");
  // 01:30 + 2 h of real time across the change ends at 02:30 winter time.
  EXPECT_EQ(FormatLocalDateTime(rpc::FromProto(Get(night.id()).end_time())), "26.10.2025 02:30");
  EXPECT_EQ(QueryScalar("SELECT to_char(start_time AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') "
                        "FROM events WHERE id = '" + summer.id() + "'"),
            "2025-04-03 07:00");
}

TEST_F(EventServiceTest, InvalidEventsAreRefusedWithTheFieldNamedAndNothingStored) {
  v1::Event no_title = EventAt("03.04.2025 09:00");
  no_title.set_title("");
  v1::Event backwards = EventAt("03.04.2025 09:00");
  *backwards.mutable_end_time() = backwards.start_time();
  v1::Event bad_kind = EventAt("03.04.2025 09:00");
  bad_kind.set_kind(static_cast<v1::EventKind>(99));
  v1::Event bad_sector = EventAt("03.04.2025 09:00");
  bad_sector.add_audience_sectors(static_cast<v1::Sector>(42));
  v1::Event no_scope = EventAt("03.04.2025 09:00");
  no_scope.set_scope(v1::EVENT_SCOPE_UNSPECIFIED);
  v1::Event bad_group = EventAt("03.04.2025 09:00");
  bad_group.set_group_id("6f1c2b9e-3d4a-4c5b-8e7f-0123456789ab");
  struct Case {
    v1::Event event;
    grpc::StatusCode code;
    const char* field;
  } cases[] = {
      {no_title, grpc::StatusCode::INVALID_ARGUMENT, "event.title"},
      {backwards, grpc::StatusCode::INVALID_ARGUMENT, "event.end_time"},
      {bad_kind, grpc::StatusCode::INVALID_ARGUMENT, "event.kind: unknown value 99"},
      {bad_sector, grpc::StatusCode::INVALID_ARGUMENT, "event.audience_sectors[0]"},
      {no_scope, grpc::StatusCode::INVALID_ARGUMENT, "event.scope"},
      {bad_group, grpc::StatusCode::NOT_FOUND, "event.group_id"},
  };
  for (const Case& c : cases) {
    v1::CreateEventRequest req;
    *req.mutable_event() = c.event;
    v1::CreateEventResponse resp;
    grpc::ClientContext ctx;
    grpc::Status s = events_->CreateEvent(&ctx, req, &resp);
    EXPECT_EQ(s.error_code(), c.code) << c.field << ": " << s.error_message();
    EXPECT_NE(s.error_message().find(c.field), std::string::npos) << s.error_message();
  }
  EXPECT_EQ(Count(), "0");
}

TEST_F(EventServiceTest, SeriesEveryFourMonthsCreatesIndividualEvents) {
  v1::CreateEventSeriesRequest req;
  *req.mutable_event() = EventAt("21.05.2025 13:30");
  req.mutable_event()->set_kind(v1::EVENT_KIND_NETWORK_MEETING);
  req.mutable_event()->set_title("Regionalgruppe Soest");
  req.mutable_recurrence()->set_interval_months(4);
  req.mutable_recurrence()->set_count(3);
  v1::CreateEventSeriesResponse resp;
  grpc::ClientContext ctx;
  ASSERT_TRUE(events_->CreateEventSeries(&ctx, req, &resp).ok());
  ASSERT_EQ(resp.events_size(), 3);
  std::vector<std::string> starts;
  for (const auto& e : resp.events()) {
    EXPECT_EQ(e.series_id(), resp.series_id());
    starts.push_back(FormatLocalDateTime(rpc::FromProto(e.start_time())));
  }
  EXPECT_EQ(starts, (std::vector<std::string>{"21.05.2025 13:30", "21.09.2025 13:30",
                                              "21.01.2026 13:30"}));
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM audit_log WHERE action = 'create'"), "3");
}

TEST_F(EventServiceTest, BadRecurrenceCreatesNothing) {
  v1::CreateEventSeriesRequest req;
  *req.mutable_event() = EventAt("21.05.2025 13:30");
  req.mutable_recurrence()->set_interval_months(4);
  v1::CreateEventSeriesResponse resp;
  grpc::ClientContext ctx;
  grpc::Status s = events_->CreateEventSeries(&ctx, req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("recurrence.count"), std::string::npos);
  EXPECT_EQ(Count(), "0");
}

TEST_F(EventServiceTest, AgendaKeepsTheGivenOrder) {
  v1::Event e = CreateEvent(EventAt("03.04.2025 09:00"));
  v1::SetAgendaRequest req;
  req.set_event_id(e.id());
  req.set_etag(e.etag());
  for (const char* title : {"Begrüßung", "Bericht aus dem AK InsoFa", "Verschiedenes"}) {
    v1::AgendaItem* item = req.add_items();
    item->set_title(title);
    item->set_presenter("Netzwerkkoordination");
  }
  v1::SetAgendaResponse resp;
  grpc::ClientContext ctx;
  ASSERT_TRUE(events_->SetAgenda(&ctx, req, &resp).ok());
  ASSERT_EQ(resp.event().agenda_size(), 3);
  EXPECT_EQ(resp.event().agenda(1).position(), 2);
  EXPECT_EQ(resp.event().agenda(1).title(), "Bericht aus dem AK InsoFa");
  EXPECT_NE(resp.event().etag(), e.etag());
  // The old etag is stale now.
  grpc::ClientContext c2;
  EXPECT_EQ(events_->SetAgenda(&c2, req, &resp).error_code(), grpc::StatusCode::ABORTED);
}

TEST_F(EventServiceTest, HeldEventGetsMinutesThatFreezeOnApproval) {
  v1::Event e = CreateEvent(EventAt("03.04.2025 09:00"));
  v1::UpdateMinutesRequest minutes;
  minutes.set_event_id(e.id());
  minutes.set_minutes("TOP 1: Begrüßung …");
  v1::UpdateMinutesResponse minutes_resp;
  grpc::ClientContext c1;
  EXPECT_EQ(events_->UpdateMinutes(&c1, minutes, &minutes_resp).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);  // not held yet

  v1::MarkEventHeldRequest held;
  held.set_id(e.id());
  v1::MarkEventHeldResponse held_resp;
  grpc::ClientContext c2;
  EXPECT_EQ(events_->MarkEventHeld(&c2, held, &held_resp).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);  // now_ is January 2025
  now_ = ParseLocalDateTime("03.04.2025 12:00", "now").value();
  grpc::ClientContext c3;
  ASSERT_TRUE(events_->MarkEventHeld(&c3, held, &held_resp).ok());
  EXPECT_EQ(held_resp.event().state(), v1::EVENT_STATE_HELD);

  minutes.set_approved(true);
  grpc::ClientContext c4;
  ASSERT_TRUE(events_->UpdateMinutes(&c4, minutes, &minutes_resp).ok());
  EXPECT_TRUE(minutes_resp.event().minutes_approved());
  minutes.set_minutes("nachträglich geändert");
  grpc::ClientContext c5;
  EXPECT_EQ(events_->UpdateMinutes(&c5, minutes, &minutes_resp).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(QueryScalar("SELECT minutes FROM events"), "TOP 1: Begrüßung …");
}

TEST_F(EventServiceTest, CancelNeedsAReasonAndEndsEditing) {
  v1::Event e = CreateEvent(EventAt("03.04.2025 09:00"));
  v1::CancelEventRequest req;
  req.set_id(e.id());
  v1::CancelEventResponse resp;
  grpc::ClientContext c1;
  EXPECT_EQ(events_->CancelEvent(&c1, req, &resp).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  req.set_reason("Referentin erkrankt");
  grpc::ClientContext c2;
  ASSERT_TRUE(events_->CancelEvent(&c2, req, &resp).ok());
  EXPECT_EQ(resp.event().state(), v1::EVENT_STATE_CANCELLED);
  v1::UpdateEventRequest update;
  update.mutable_event()->set_id(e.id());
  update.mutable_event()->set_title("Neu");
  update.mutable_update_mask()->add_paths("title");
  v1::UpdateEventResponse updated;
  grpc::ClientContext c3;
  EXPECT_EQ(events_->UpdateEvent(&c3, update, &updated).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(EventServiceTest, UpdateWithStaleEtagIsAborted) {
  v1::Event e = CreateEvent(EventAt("03.04.2025 09:00"));
  v1::UpdateEventRequest req;
  *req.mutable_event() = e;
  req.mutable_event()->set_place("Online");
  req.mutable_update_mask()->add_paths("place");
  v1::UpdateEventResponse resp;
  grpc::ClientContext c1;
  ASSERT_TRUE(events_->UpdateEvent(&c1, req, &resp).ok());
  grpc::ClientContext c2;
  EXPECT_EQ(events_->UpdateEvent(&c2, req, &resp).error_code(), grpc::StatusCode::ABORTED);
}

TEST_F(EventServiceTest, ListPagesInStartOrderAndFiltersByTime) {
  for (const char* start : {"05.05.2025 10:00", "01.02.2025 10:00", "03.03.2025 10:00",
                            "04.04.2025 10:00", "02.02.2025 10:00"}) {
    CreateEvent(EventAt(start));
  }
  v1::ListEventsRequest req;
  req.set_page_size(2);
  std::vector<std::string> starts;
  do {
    v1::ListEventsResponse resp;
    grpc::ClientContext ctx;
    ASSERT_TRUE(events_->ListEvents(&ctx, req, &resp).ok());
    for (const auto& e : resp.events()) {
      starts.push_back(FormatLocalDate(rpc::FromProto(e.start_time())));
    }
    req.set_page_token(resp.next_page_token());
  } while (!req.page_token().empty());
  EXPECT_EQ(starts, (std::vector<std::string>{"01.02.2025", "02.02.2025", "03.03.2025",
                                              "04.04.2025", "05.05.2025"}));
  v1::ListEventsRequest march_on;
  rpc::ToProto(ParseLocalDateTime("01.03.2025 00:00", "t").value(), march_on.mutable_start_from());
  rpc::ToProto(ParseLocalDateTime("01.05.2025 00:00", "t").value(),
               march_on.mutable_start_before());
  v1::ListEventsResponse resp;
  grpc::ClientContext ctx;
  ASSERT_TRUE(events_->ListEvents(&ctx, march_on, &resp).ok());
  EXPECT_EQ(resp.total_size(), 2);
}

TEST_F(EventServiceTest, ListCountsOnTheFirstPageAndCarriesTheTotalAndTheCounts) {
  v1::Event with_seats = CreateEvent(EventAt("01.02.2025 10:00", 10));
  for (const char* start : {"02.02.2025 10:00", "03.02.2025 10:00"}) CreateEvent(EventAt(start));
  v1::RegisterMemberRequest reg;
  reg.set_event_id(with_seats.id());
  reg.set_member_id(CreateActiveMember("Nora", "Nehmer"));
  v1::RegisterMemberResponse reg_resp;
  grpc::ClientContext c0;
  ASSERT_TRUE(registrations_->RegisterMember(&c0, reg, &reg_resp).ok());

  v1::ListEventsRequest req;
  req.set_page_size(2);
  v1::ListEventsResponse first;
  grpc::ClientContext c1;
  ASSERT_TRUE(events_->ListEvents(&c1, req, &first).ok());
  ASSERT_EQ(first.events_size(), 2);
  EXPECT_EQ(first.total_size(), 3);
  EXPECT_EQ(first.events(0).id(), with_seats.id());
  EXPECT_EQ(first.events(0).registered_count(), 1);
  EXPECT_EQ(first.events(1).registered_count(), 0);
  // A new event after the first page changes neither the later pages' total nor their order.
  CreateEvent(EventAt("04.02.2025 10:00"));
  req.set_page_token(first.next_page_token());
  v1::ListEventsResponse second;
  grpc::ClientContext c2;
  ASSERT_TRUE(events_->ListEvents(&c2, req, &second).ok());
  EXPECT_EQ(second.total_size(), 3);
  ASSERT_EQ(second.events_size(), 2);
  EXPECT_EQ(FormatLocalDate(rpc::FromProto(second.events(0).start_time())), "03.02.2025");
  // A new first page counts again.
  req.clear_page_token();
  v1::ListEventsResponse again;
  grpc::ClientContext c3;
  ASSERT_TRUE(events_->ListEvents(&c3, req, &again).ok());
  EXPECT_EQ(again.total_size(), 4);
}

TEST_F(EventServiceTest, EventWithRegistrationsCannotBeDeleted) {
  v1::Event e = CreateEvent(EventAt("03.04.2025 09:00", 10));
  v1::RegisterMemberRequest reg;
  reg.set_event_id(e.id());
  reg.set_member_id(CreateActiveMember("Nora", "Nehmer"));
  v1::RegisterMemberResponse reg_resp;
  grpc::ClientContext c1;
  ASSERT_TRUE(registrations_->RegisterMember(&c1, reg, &reg_resp).ok());
  v1::DeleteEventRequest del;
  del.set_id(e.id());
  v1::DeleteEventResponse del_resp;
  grpc::ClientContext c2;
  EXPECT_EQ(events_->DeleteEvent(&c2, del, &del_resp).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Count(), "1");
}

}  // namespace
}  // namespace schutznetz::tenant
