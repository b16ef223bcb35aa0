// Erasure that reaches every copy, across real processes: Paula Peters of Lippstadt registers for
// the Kreisjugendamt's conference day, then withdraws her consent to share registration data
// while Kreis Soest is offline. The erasure request waits in the district log; when Kreis Soest
// is back it erases her name and organisation (the registration stays counted) and its receipt
// reaches Lippstadt. Afterwards no database of the district but Lippstadt's holds her name or
// e-mail address, and once Lippstadt anonymises her, Lippstadt's neither.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "schutznetz/v1/consent_service.grpc.pb.h"
#include "schutznetz/v1/event_service.grpc.pb.h"
#include "schutznetz/v1/member_service.grpc.pb.h"
#include "schutznetz/v1/registration_service.grpc.pb.h"
#include "tests/e2e/e2e_support.h"
#include "tests/support/demo.h"

namespace schutznetz::testing {
namespace {

const std::vector<std::string> kTraces = {"Peters, Paula", "Paula Peters", "p.peters@lippstadt",
                                          "Peters"};

int64_t CountRows(const std::string& dsn, const std::string& sql) {
  pqxx::connection c(dsn);
  pqxx::read_transaction tx(c);
  return tx.exec1(sql)[0].as<int64_t>();
}

TEST(ErasureTest, WithdrawnConsentErasesTheRegistrationAtTheOfflineOrganiserWhenItReturns) {
  auto district = StartKreisSoest();
  ASSERT_NE(district, nullptr);
  ASSERT_TRUE(LoadDemo(*district, SCHUTZNETZ_SOURCE_DIR "/tenants/kreis-soest").ok());
  const std::string aggregator_dsn = district->cluster().Dsn(district->aggregator().database);
  auto dsn_of = [&](const std::string& office) {
    return district->cluster().Dsn(district->office(office).database);
  };

  auto lippstadt = district->ChannelTo(district->office("lippstadt"));
  auto members = v1::MemberService::NewStub(lippstadt);
  auto events = v1::EventService::NewStub(lippstadt);
  auto registrations = v1::RegistrationService::NewStub(lippstadt);
  auto consents = v1::ConsentService::NewStub(lippstadt);
  v1::ListMembersRequest find_member;
  find_member.set_name_contains("Peters");
  auto found = CallOk<v1::ListMembersResponse>(
      [&](auto* ctx, auto* resp) { return members->ListMembers(ctx, find_member, resp); });
  ASSERT_EQ(found.members_size(), 1);
  const v1::Member paula = found.members(0);
  ASSERT_TRUE(paula.consent_share_registrations());

  v1::ListEventsRequest find_event;
  find_event.set_organiser_office("kreis-soest");
  find_event.set_kind(v1::EVENT_KIND_CONFERENCE_DAY);
  find_event.set_page_size(500);
  std::string fachtag;
  ASSERT_TRUE(Eventually([&] {
    auto listed = CallOk<v1::ListEventsResponse>(
        [&](auto* ctx, auto* resp) { return events->ListEvents(ctx, find_event, resp); });
    for (const v1::Event& e : listed.events()) {
      if (e.title() == "Fachtag Kinderschutz im Kreis Soest 2027") fachtag = e.id();
    }
    return !fachtag.empty();
  })) << "the conference day never reached Lippstadt";
  v1::RegisterMemberRequest reg;
  reg.set_event_id(fachtag);
  reg.set_member_id(paula.id());
  auto registered = CallOk<v1::RegisterMemberResponse>(
      [&](auto* ctx, auto* resp) { return registrations->RegisterMember(ctx, reg, resp); });
  const std::string registration = registered.registration().id();
  v1::ListRegistrationsRequest list;
  list.set_event_id(fachtag);
  auto state_at_lippstadt = [&] {
    auto listed = CallOk<v1::ListRegistrationsResponse>(
        [&](auto* ctx, auto* resp) { return registrations->ListRegistrations(ctx, list, resp); });
    for (const v1::Registration& r : listed.registrations()) {
      if (r.id() == registration) return r.state();
    }
    return v1::REGISTRATION_STATE_UNSPECIFIED;
  };
  ASSERT_TRUE(Eventually([&] { return state_at_lippstadt() == v1::REGISTRATION_STATE_REGISTERED; }))
      << "the organiser's decision never came back";

  // Delivered: the organiser holds her data, the aggregator's log no longer does.
  EXPECT_NE(DumpDatabase(dsn_of("kreis-soest")).find("Peters, Paula"), std::string::npos);
  EXPECT_EQ(DumpDatabase(aggregator_dsn).find("Peters, Paula"), std::string::npos)
      << "the aggregator kept a delivered registration's personal data";

  // Kreis Soest goes offline; Paula withdraws her consent on paper at Lippstadt.
  ASSERT_TRUE(district->StopService(district->office("kreis-soest"), SIGTERM).ok());
  v1::WithdrawConsentRequest withdraw;
  withdraw.set_member_id(paula.id());
  withdraw.set_purpose(v1::CONSENT_PURPOSE_SHARE_REGISTRATIONS);
  withdraw.set_source(v1::CONSENT_SOURCE_PAPER);
  auto withdrawn = CallOk<v1::WithdrawConsentResponse>(
      [&](auto* ctx, auto* resp) { return consents->WithdrawConsent(ctx, withdraw, resp); });
  EXPECT_EQ(withdrawn.erasure_requests(), 1);
  EXPECT_FALSE(withdrawn.consent().live());
  EXPECT_EQ(state_at_lippstadt(), v1::REGISTRATION_STATE_CANCELLED);

  v1::ListErasureRequestsRequest outstanding;
  outstanding.set_member_id(paula.id());
  auto requests = CallOk<v1::ListErasureRequestsResponse>([&](auto* ctx, auto* resp) {
    return consents->ListErasureRequests(ctx, outstanding, resp);
  });
  ASSERT_EQ(requests.requests_size(), 1);
  EXPECT_EQ(requests.requests(0).office(), "kreis-soest");
  EXPECT_TRUE(requests.requests(0).outstanding());
  const std::string request_id = requests.requests(0).id();
  // The request waits in the district log for the offline office.
  ASSERT_TRUE(Eventually([&] {
    return CountRows(aggregator_dsn, "SELECT count(*) FROM change_log WHERE item_type = "
                                     "'erasure_request' AND payload IS NOT NULL") == 1;
  })) << "the erasure request never reached the aggregator";
  absl::SleepFor(absl::Seconds(2));
  requests = CallOk<v1::ListErasureRequestsResponse>([&](auto* ctx, auto* resp) {
    return consents->ListErasureRequests(ctx, outstanding, resp);
  });
  EXPECT_TRUE(requests.requests(0).outstanding()) << "a receipt while Kreis Soest was offline";

  // Kreis Soest returns: it erases and answers; the receipt reaches Lippstadt.
  ASSERT_TRUE(district->StartService(district->office("kreis-soest")).ok());
  ASSERT_TRUE(Eventually([&] {
    requests = CallOk<v1::ListErasureRequestsResponse>([&](auto* ctx, auto* resp) {
      return consents->ListErasureRequests(ctx, outstanding, resp);
    });
    return requests.requests_size() == 1 && !requests.requests(0).outstanding();
  })) << "no receipt from Kreis Soest";
  EXPECT_EQ(requests.requests(0).id(), request_id);
  EXPECT_EQ(requests.requests(0).erased(), 1);

  // The registration stays counted at the organiser, without her name; her seat is free again.
  EXPECT_EQ(CountRows(dsn_of("kreis-soest"),
                      absl::StrCat("SELECT count(*) FROM registrations WHERE remote_registration_id "
                                   "= '", registration, "' AND erased_at IS NOT NULL AND "
                                   "person_name = '' AND state = 'cancelled'")),
            1);
  for (const std::string& trace : kTraces) {
    EXPECT_EQ(DumpDatabase(aggregator_dsn).find(trace), std::string::npos)
        << "\"" << trace << "\" in the aggregator's database";
    for (const std::string& office : district->office_ids()) {
      if (office == "lippstadt") continue;
      EXPECT_EQ(DumpDatabase(dsn_of(office)).find(trace), std::string::npos)
          << "\"" << trace << "\" in the database of " << office;
    }
  }

  // Lippstadt erases her too: only the anonymised stub remains anywhere.
  v1::EndMembershipRequest end;
  end.set_id(paula.id());
  auto ended = CallOk<v1::EndMembershipResponse>(
      [&](auto* ctx, auto* resp) { return members->EndMembership(ctx, end, resp); });
  v1::AnonymiseMemberRequest anonymise;
  anonymise.set_id(paula.id());
  anonymise.set_etag(ended.member().etag());
  auto stub = CallOk<v1::AnonymiseMemberResponse>(
      [&](auto* ctx, auto* resp) { return members->AnonymiseMember(ctx, anonymise, resp); });
  EXPECT_TRUE(stub.member().anonymised());
  std::string lippstadt_db = DumpDatabase(dsn_of("lippstadt"));
  for (const std::string& trace : kTraces) {
    EXPECT_EQ(lippstadt_db.find(trace), std::string::npos)
        << "\"" << trace << "\" in Lippstadt's database after anonymisation";
  }
}

}  // namespace
}  // namespace schutznetz::testing
