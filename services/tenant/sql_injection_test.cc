// SQL injection attempts in text fields and filters are inert: every statement is parameterised,
// so the strings are stored and found as the text they are, and no table is touched.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "services/tenant/tenant_fixture.h"

namespace schutznetz::tenant {
namespace {

const std::vector<std::string>& Attempts() {
  static const std::vector<std::string> attempts = {
      "Robert'); DROP TABLE members; --",
      "' OR '1'='1",
      "x'; UPDATE organisations SET name = 'pwned'; --",
      "1; SELECT pg_sleep(10); --",
      "$1 $$ $tag$ E'\\x27' \\' \\\\",
      "%' OR name LIKE '%",
  };
  return attempts;
}

class SqlInjectionTest : public TenantServicesTest {
 protected:
  int CountOrganisations(const std::string& name_contains) {
    v1::ListOrganisationsRequest req;
    req.set_name_contains(name_contains);
    req.set_page_size(500);
    v1::ListOrganisationsResponse resp;
    grpc::ClientContext ctx;
    grpc::Status s = organisations_->ListOrganisations(&ctx, req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp.organisations_size();
  }
};

TEST_F(SqlInjectionTest, OrganisationNamesAreStoredVerbatimAndFilterOnlyThemselves) {
  CreateOrganisation("Grundschule Am Park");
  std::vector<std::string> ids;
  for (const std::string& attempt : Attempts()) ids.push_back(CreateOrganisation(attempt));
  ASSERT_EQ(CountOrganisations(""), 1 + static_cast<int>(Attempts().size()));

  for (size_t i = 0; i < ids.size(); ++i) {
    v1::GetOrganisationRequest req;
    req.set_id(ids[i]);
    v1::GetOrganisationResponse resp;
    grpc::ClientContext ctx;
    ASSERT_TRUE(organisations_->GetOrganisation(&ctx, req, &resp).ok());
    EXPECT_EQ(resp.organisation().name(), Attempts()[i]);
  }
  // A filter is a substring, not SQL: "' OR '1'='1" finds the one organisation named so, and
  // the LIKE wildcards in a filter match themselves only.
  EXPECT_EQ(CountOrganisations("' OR '1'='1"), 1);
  EXPECT_EQ(CountOrganisations("%' OR name LIKE '%"), 1);
  EXPECT_EQ(CountOrganisations("%"), 1);
  EXPECT_EQ(CountOrganisations("Gr_ndschule"), 0);
  // Had the UPDATE run, every organisation would be called so.
  EXPECT_EQ(CountOrganisations("pwned"), 1);
}

TEST_F(SqlInjectionTest, MemberAndEventTextFieldsAreStoredVerbatim) {
  for (const std::string& attempt : Attempts()) {
    std::string member_id = CreateActiveMember(attempt, attempt);
    v1::GetMemberRequest get;
    get.set_id(member_id);
    v1::GetMemberResponse member;
    grpc::ClientContext member_ctx;
    ASSERT_TRUE(members_->GetMember(&member_ctx, get, &member).ok());
    EXPECT_EQ(member.member().first_name(), attempt);
    EXPECT_EQ(member.member().last_name(), attempt);

    v1::Event e = EventAt("12.03.2025 10:00");
    e.set_title(attempt);
    e.set_place(attempt);
    e.set_description(attempt);
    v1::Event created = CreateEvent(e);
    v1::GetEventRequest get_event;
    get_event.set_id(created.id());
    v1::GetEventResponse event;
    grpc::ClientContext event_ctx;
    ASSERT_TRUE(events_->GetEvent(&event_ctx, get_event, &event).ok());
    EXPECT_EQ(event.event().title(), attempt);
    EXPECT_EQ(event.event().place(), attempt);
    EXPECT_EQ(event.event().description(), attempt);
  }
  // The tables are all still there, with every row.
  v1::ListMembersRequest list;
  list.set_page_size(500);
  v1::ListMembersResponse members;
  grpc::ClientContext ctx;
  ASSERT_TRUE(members_->ListMembers(&ctx, list, &members).ok());
  EXPECT_EQ(members.members_size(), static_cast<int>(Attempts().size()));
}

}  // namespace
}  // namespace schutznetz::tenant
