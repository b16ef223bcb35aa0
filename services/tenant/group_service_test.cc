// GroupService over an in-process channel on a real PostgreSQL database, plus the start-up sync of
// regional groups from the configuration.
#include "services/tenant/group_service.h"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "libs/common/time.h"
#include "libs/rpc/server.h"
#include "libs/storage/tx.h"
#include "libs/sync/outbox.h"
#include "services/tenant/consent_book.h"
#include "services/tenant/erasure_link.h"
#include "services/tenant/member_service.h"
#include "services/tenant/organisation_service.h"
#include "services/tenant/regional_groups.h"
#include "services/tenant/tenant_app.h"
#include "tests/support/test_database.h"
#include "tests/support/test_tokens.h"

namespace schutznetz::tenant {
namespace {

absl::Time Berlin(const std::string& local) { return ParseLocalDateTime(local, "now").value(); }

class GroupServiceTest : public schutznetz::testing::DbTest {
 protected:
  void SetUp() override {
    DbTest::SetUp();
    now_ = Berlin("01.07.2025 12:00");
    organisations_ = std::make_unique<OrganisationService>(db());
    outbox_ = std::make_unique<sync::Outbox>("lippstadt", nullptr);
    erasure_ = std::make_unique<ErasureLink>(*outbox_, SystemClock());
    consent_book_ = std::make_unique<ConsentBook>(*erasure_);
    members_ = std::make_unique<MemberService>(db(), *consent_book_);
    groups_ = std::make_unique<GroupService>(db(), [this] { return now_; });
    gate_ = std::make_unique<schutznetz::testing::TestGate>(db(), domain::ServerKind::kOffice);
    rpc::ServerOptions options{.listen = "127.0.0.1:0"};
    gate_->InstallOn(options);
    auto server =
        rpc::RpcServer::Start(options, {organisations_.get(), members_.get(), groups_.get()});
    ASSERT_TRUE(server.ok());
    server_ = *std::move(server);
    orgs_ = v1::OrganisationService::NewStub(server_->InProcessChannel(gate_->secret()));
    member_stub_ = v1::MemberService::NewStub(server_->InProcessChannel(gate_->secret()));
    stub_ = v1::GroupService::NewStub(server_->InProcessChannel(gate_->secret()));

    v1::CreateOrganisationRequest org;
    org.mutable_organisation()->set_name("Grundschule Am Park");
    org.mutable_organisation()->set_sector(v1::SECTOR_SCHOOL);
    org.mutable_organisation()->set_actor_category(v1::ACTOR_CATEGORY_SCHOOL);
    v1::CreateOrganisationResponse org_resp;
    grpc::ClientContext ctx;
    ASSERT_TRUE(orgs_->CreateOrganisation(&ctx, org, &org_resp).ok());
    school_ = org_resp.organisation().id();
  }

  std::string NewMember(const std::string& first, const std::string& last, bool approve = true) {
    v1::CreateMemberRequest req;
    req.mutable_member()->set_organisation_id(school_);
    req.mutable_member()->set_first_name(first);
    req.mutable_member()->set_last_name(last);
    req.set_approve(approve);
    v1::CreateMemberResponse resp;
    grpc::ClientContext ctx;
    EXPECT_TRUE(member_stub_->CreateMember(&ctx, req, &resp).ok());
    return resp.member().id();
  }

  grpc::Status Create(const std::string& name, v1::GroupKind kind, v1::Group* out = nullptr,
                      int meetings_per_year = 4) {
    v1::CreateGroupRequest req;
    req.mutable_group()->set_name(name);
    req.mutable_group()->set_kind(kind);
    req.mutable_group()->set_meetings_per_year(meetings_per_year);
    v1::CreateGroupResponse resp;
    grpc::ClientContext ctx;
    grpc::Status s = stub_->CreateGroup(&ctx, req, &resp);
    if (out != nullptr) *out = resp.group();
    return s;
  }

  v1::Group Working(const std::string& name, int meetings_per_year = 4) {
    v1::Group g;
    EXPECT_TRUE(Create(name, v1::GROUP_KIND_WORKING_GROUP, &g, meetings_per_year).ok());
    return g;
  }

  v1::Group Get(const std::string& id) {
    v1::GetGroupRequest req;
    req.set_id(id);
    v1::GetGroupResponse resp;
    grpc::ClientContext ctx;
    EXPECT_TRUE(stub_->GetGroup(&ctx, req, &resp).ok());
    return resp.group();
  }

  grpc::Status Add(const std::string& group, const std::string& member,
                   v1::GroupMemberRole role = v1::GROUP_MEMBER_ROLE_MEMBER,
                   bool replace_chair = false) {
    v1::AddGroupMemberRequest req;
    req.set_group_id(group);
    req.set_member_id(member);
    req.set_role(role);
    req.set_replace_chair(replace_chair);
    v1::AddGroupMemberResponse resp;
    grpc::ClientContext ctx;
    return stub_->AddGroupMember(&ctx, req, &resp);
  }

  grpc::Status SetRole(const std::string& group, const std::string& member,
                       v1::GroupMemberRole role, bool replace_chair = false) {
    v1::UpdateGroupMemberRequest req;
    req.set_group_id(group);
    req.set_member_id(member);
    req.set_role(role);
    req.set_replace_chair(replace_chair);
    v1::UpdateGroupMemberResponse resp;
    grpc::ClientContext ctx;
    return stub_->UpdateGroupMember(&ctx, req, &resp);
  }

  grpc::Status Update(const v1::Group& g, const std::vector<std::string>& paths,
                      v1::Group* out = nullptr) {
    v1::UpdateGroupRequest req;
    *req.mutable_group() = g;
    for (const auto& p : paths) req.mutable_update_mask()->add_paths(p);
    v1::UpdateGroupResponse resp;
    grpc::ClientContext ctx;
    grpc::Status s = stub_->UpdateGroup(&ctx, req, &resp);
    if (out != nullptr) *out = resp.group();
    return s;
  }

  grpc::Status Delete(const std::string& id, const std::string& etag = "") {
    v1::DeleteGroupRequest req;
    req.set_id(id);
    req.set_etag(etag);
    v1::DeleteGroupResponse resp;
    grpc::ClientContext ctx;
    return stub_->DeleteGroup(&ctx, req, &resp);
  }

  v1::CheckCadenceResponse Cadence(int year = 0) {
    v1::CheckCadenceRequest req;
    req.set_year(year);
    v1::CheckCadenceResponse resp;
    grpc::ClientContext ctx;
    grpc::Status s = stub_->CheckCadence(&ctx, req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp;
  }

  // An event row of the events feature, written directly: this feature only reads events.
  void NewMeeting(const std::string& group_id, const std::string& local_start,
                  const std::string& state) {
    absl::Time start = Berlin(local_start);
    absl::Status s = db().Transact([&](storage::Tx& tx) -> absl::Status {
      tx.ExecFixed(absl::StrCat(
          "INSERT INTO events (kind, title, start_time, end_time, group_id, organiser_office, "
          "scope, state) VALUES ('working_group_meeting', 'Sitzung', sn_ts(",
          absl::ToUnixMicros(start), "), sn_ts(", absl::ToUnixMicros(start + absl::Hours(2)),
          "), '", group_id, "', 'lippstadt', 'local', '", state, "')"));
      return absl::OkStatus();
    });
    ASSERT_TRUE(s.ok()) << s;
  }

  // The stored state of every group, to show that a refused call changed nothing.
  std::string GroupRows() {
    return QueryScalar(
        "SELECT coalesce(string_agg(name || '|' || meetings_per_year || '|' || active || '|' || "
        "version, ';' ORDER BY id), '') FROM groups");
  }
  std::string MembershipRows() {
    return QueryScalar(
        "SELECT coalesce(string_agg(group_id || '|' || member_id || '|' || role, ';' ORDER BY "
        "group_id, member_id), '') FROM group_members");
  }
  std::string AuditCount() { return QueryScalar("SELECT count(*) FROM audit_log"); }

  absl::Time now_;
  std::unique_ptr<OrganisationService> organisations_;
  std::unique_ptr<sync::Outbox> outbox_;
  std::unique_ptr<ErasureLink> erasure_;
  std::unique_ptr<ConsentBook> consent_book_;
  std::unique_ptr<MemberService> members_;
  std::unique_ptr<GroupService> groups_;
  std::unique_ptr<schutznetz::testing::TestGate> gate_;
  std::unique_ptr<rpc::RpcServer> server_;
  std::unique_ptr<v1::OrganisationService::Stub> orgs_;
  std::unique_ptr<v1::MemberService::Stub> member_stub_;
  std::unique_ptr<v1::GroupService::Stub> stub_;
  std::string school_;
};

TEST_F(GroupServiceTest, CreateWorkingGroupIsActiveAndAudited) {
  v1::Group g;
  ASSERT_TRUE(Create("AK Frühe Hilfen", v1::GROUP_KIND_WORKING_GROUP, &g).ok());
  EXPECT_EQ(g.kind(), v1::GROUP_KIND_WORKING_GROUP);
  EXPECT_TRUE(g.active());
  EXPECT_EQ(g.meetings_per_year(), 4);
  EXPECT_EQ(g.etag(), "\"v1\"");
  EXPECT_TRUE(g.config_id().empty());
  EXPECT_EQ(QueryScalar("SELECT action || ' ' || detail FROM audit_log WHERE resource_type = "
                        "'group' AND resource_id = '" +
                        g.id() + "'"),
            "create kind working_group");
}

TEST_F(GroupServiceTest, RegionalGroupsCannotBeCreatedThroughTheApi) {
  grpc::Status s = Create("Regionalgruppe Nord", v1::GROUP_KIND_REGIONAL_GROUP);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("group.kind"), std::string::npos);
  EXPECT_EQ(GroupRows(), "");
  EXPECT_EQ(AuditCount(), "1");  // the organisation only
}

TEST_F(GroupServiceTest, InvalidFieldsAreNamedAndNothingIsStored) {
  v1::CreateGroupRequest req;
  req.mutable_group()->set_meetings_per_year(53);
  v1::CreateGroupResponse resp;
  grpc::ClientContext ctx;
  grpc::Status s = stub_->CreateGroup(&ctx, req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  for (const char* f : {"group.kind", "group.name", "group.meetings_per_year"}) {
    EXPECT_NE(s.error_message().find(f), std::string::npos) << f << " in " << s.error_message();
  }
  req.mutable_group()->set_name("AK");
  req.mutable_group()->set_kind(static_cast<v1::GroupKind>(9));
  req.mutable_group()->set_meetings_per_year(4);
  grpc::ClientContext c2;
  grpc::Status unknown_kind = stub_->CreateGroup(&c2, req, &resp);
  EXPECT_EQ(unknown_kind.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(unknown_kind.error_message().find("group.kind: unknown value 9"), std::string::npos);
  EXPECT_EQ(GroupRows(), "");
}

TEST_F(GroupServiceTest, UpdateWritesOnlyMaskedFieldsAndStaleEtagIsAborted) {
  v1::Group g = Working("AK Schule");
  v1::Group change = g;
  change.set_description("trifft sich im Rathaus");
  change.set_name("wird ignoriert");
  v1::Group updated;
  ASSERT_TRUE(Update(change, {"description"}, &updated).ok());
  EXPECT_EQ(updated.name(), "AK Schule");
  EXPECT_EQ(updated.description(), "trifft sich im Rathaus");
  EXPECT_EQ(updated.etag(), "\"v2\"");
  std::string before = GroupRows();
  // `change` still carries etag v1.
  grpc::Status stale = Update(change, {"name"});
  EXPECT_EQ(stale.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(GroupRows(), before);
  // Invalid values name the field and change nothing.
  v1::Group bad = updated;
  bad.set_meetings_per_year(-1);
  grpc::Status invalid = Update(bad, {"meetings_per_year"});
  EXPECT_EQ(invalid.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(invalid.error_message().find("group.meetings_per_year"), std::string::npos);
  grpc::Status bad_path = Update(updated, {"kind"});
  EXPECT_EQ(bad_path.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(bad_path.error_message().find("update_mask"), std::string::npos);
  EXPECT_EQ(GroupRows(), before);
}

TEST_F(GroupServiceTest, NameAndCadenceOfRegionalGroupsAreOwnedByTheConfiguration) {
  ASSERT_TRUE(SyncRegionalGroups(db(), {{"rg-lippstadt", "Regionalgruppe Lippstadt", 4}}).ok());
  v1::ListGroupsRequest list;
  list.set_kind(v1::GROUP_KIND_REGIONAL_GROUP);
  v1::ListGroupsResponse listed;
  grpc::ClientContext ctx;
  ASSERT_TRUE(stub_->ListGroups(&ctx, list, &listed).ok());
  ASSERT_EQ(listed.groups_size(), 1);
  v1::Group rg = listed.groups(0);
  EXPECT_EQ(rg.config_id(), "rg-lippstadt");
  std::string before = GroupRows();
  v1::Group renamed = rg;
  renamed.set_name("Regionalgruppe Süd");
  grpc::Status s = Update(renamed, {"name"});
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(s.error_message().find("group.name"), std::string::npos);
  v1::Group faster = rg;
  faster.set_meetings_per_year(6);
  EXPECT_EQ(Update(faster, {"meetings_per_year"}).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(GroupRows(), before);
  // The description is the coordinator's; an empty mask that keeps name and cadence is fine.
  v1::Group described = rg;
  described.set_description("alle Akteure der Stadt");
  v1::Group updated;
  ASSERT_TRUE(Update(described, {}, &updated).ok());
  EXPECT_EQ(updated.description(), "alle Akteure der Stadt");
  // A regional group is never deleted: the configuration would bring it back.
  EXPECT_EQ(Delete(rg.id()).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM groups"), "1");
}

TEST_F(GroupServiceTest, DeleteRemovesAGroupWithoutMeetingsAndItsMemberships) {
  v1::Group g = Working("AK kurzlebig");
  ASSERT_TRUE(Add(g.id(), NewMember("Anna", "Beispiel")).ok());
  EXPECT_EQ(Delete(g.id(), "\"v7\"").error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM groups"), "1");
  ASSERT_TRUE(Delete(g.id(), g.etag()).ok());
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM groups"), "0");
  EXPECT_EQ(MembershipRows(), "");
  EXPECT_EQ(QueryScalar("SELECT detail FROM audit_log WHERE action = 'delete'"),
            "members removed: 1");
  EXPECT_EQ(Delete(g.id()).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(GroupServiceTest, GroupWithMeetingsCannotBeDeletedOnlyDeactivated) {
  v1::Group g = Working("AK Schule");
  NewMeeting(g.id(), "10.03.2025 15:00", "held");
  std::string before = GroupRows();
  grpc::Status s = Delete(g.id());
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(s.error_message().find("deactivate instead"), std::string::npos);
  EXPECT_EQ(GroupRows(), before);
  v1::Group off = g;
  off.set_active(false);
  v1::Group updated;
  ASSERT_TRUE(Update(off, {"active"}, &updated).ok());
  EXPECT_FALSE(updated.active());
}

TEST_F(GroupServiceTest, ListPagesFiltersAndHidesInactiveGroups) {
  for (const char* n : {"AK Zukunft", "AK Öffentlichkeit", "AK Ärzte", "AK Bündnis", "AK Schule"}) {
    Working(n);
  }
  v1::Group steering;
  ASSERT_TRUE(Create("Steuerungsgruppe", v1::GROUP_KIND_STEERING_GROUP, &steering).ok());
  v1::Group off = steering;
  off.set_active(false);
  ASSERT_TRUE(Update(off, {"active"}).ok());

  std::vector<std::string> seen;
  v1::ListGroupsRequest req;
  req.set_page_size(2);
  int pages = 0;
  do {
    v1::ListGroupsResponse resp;
    grpc::ClientContext ctx;
    ASSERT_TRUE(stub_->ListGroups(&ctx, req, &resp).ok());
    EXPECT_EQ(resp.total_size(), 5);
    for (const auto& g : resp.groups()) seen.push_back(g.name());
    req.set_page_token(resp.next_page_token());
    ++pages;
  } while (!req.page_token().empty());
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen, (std::vector<std::string>{"AK Ärzte", "AK Bündnis", "AK Öffentlichkeit",
                                            "AK Schule", "AK Zukunft"}));

  v1::ListGroupsRequest inactive;
  inactive.set_include_inactive(true);
  inactive.set_kind(v1::GROUP_KIND_STEERING_GROUP);
  v1::ListGroupsResponse resp;
  grpc::ClientContext c2;
  ASSERT_TRUE(stub_->ListGroups(&c2, inactive, &resp).ok());
  ASSERT_EQ(resp.groups_size(), 1);
  EXPECT_FALSE(resp.groups(0).active());

  v1::ListGroupsRequest by_name;
  by_name.set_name_contains("schul");
  grpc::ClientContext c3;
  ASSERT_TRUE(stub_->ListGroups(&c3, by_name, &resp).ok());
  EXPECT_EQ(resp.total_size(), 1);

  v1::ListGroupsRequest bad;
  bad.set_page_size(-1);
  bad.set_page_token("kaputt");
  grpc::ClientContext c4;
  EXPECT_EQ(stub_->ListGroups(&c4, bad, &resp).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(GroupServiceTest, OnlyActiveMembersJoinAndOnlyOnce) {
  v1::Group g = Working("AK Schule");
  std::string active = NewMember("Anna", "Aktiv");
  std::string requested = NewMember("Bernd", "Beantragt", false);
  ASSERT_TRUE(Add(g.id(), active).ok());
  std::string before = MembershipRows();
  std::string audits = AuditCount();

  grpc::Status again = Add(g.id(), active);
  EXPECT_EQ(again.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_NE(again.error_message().find("member_id"), std::string::npos);
  grpc::Status not_active = Add(g.id(), requested);
  EXPECT_EQ(not_active.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(not_active.error_message().find("member_id"), std::string::npos);
  grpc::Status unknown = Add(g.id(), "6f1c2b9e-3d4a-4c5b-8e7f-0123456789ab");
  EXPECT_EQ(unknown.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_NE(unknown.error_message().find("member_id"), std::string::npos);
  grpc::Status malformed = Add("kein-uuid", active, static_cast<v1::GroupMemberRole>(7));
  EXPECT_EQ(malformed.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  for (const char* f : {"group_id", "role"}) {
    EXPECT_NE(malformed.error_message().find(f), std::string::npos) << f;
  }
  EXPECT_EQ(MembershipRows(), before);
  EXPECT_EQ(AuditCount(), audits);
  EXPECT_EQ(Get(g.id()).member_count(), 1);
}

TEST_F(GroupServiceTest, InactiveGroupTakesNoNewMembers) {
  v1::Group g = Working("AK alt");
  v1::Group off = g;
  off.set_active(false);
  ASSERT_TRUE(Update(off, {"active"}).ok());
  EXPECT_EQ(Add(g.id(), NewMember("Anna", "Aktiv")).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(MembershipRows(), "");
}

TEST_F(GroupServiceTest, SecondChairIsRefusedNamingTheCurrentChair) {
  v1::Group g = Working("Steuerung");
  std::string first = NewMember("Anna", "Erste");
  std::string second = NewMember("Bernd", "Zweiter");
  ASSERT_TRUE(Add(g.id(), first, v1::GROUP_MEMBER_ROLE_CHAIR).ok());
  ASSERT_TRUE(Add(g.id(), second).ok());
  EXPECT_EQ(Get(g.id()).chair_member_id(), first);
  std::string before = MembershipRows();
  std::string audits = AuditCount();

  grpc::Status s = SetRole(g.id(), second, v1::GROUP_MEMBER_ROLE_CHAIR);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(s.error_message().find(first), std::string::npos) << s.error_message();
  EXPECT_NE(s.error_message().find("replace_chair"), std::string::npos);
  std::string third = NewMember("Clara", "Dritte");
  audits = AuditCount();
  EXPECT_EQ(Add(g.id(), third, v1::GROUP_MEMBER_ROLE_CHAIR).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(MembershipRows(), before);
  EXPECT_EQ(AuditCount(), audits);
  // The current chair may be "made chair" again; deputies are not limited.
  EXPECT_TRUE(SetRole(g.id(), first, v1::GROUP_MEMBER_ROLE_CHAIR).ok());
  EXPECT_TRUE(SetRole(g.id(), second, v1::GROUP_MEMBER_ROLE_DEPUTY_CHAIR).ok());
  EXPECT_TRUE(Add(g.id(), third, v1::GROUP_MEMBER_ROLE_DEPUTY_CHAIR).ok());
}

TEST_F(GroupServiceTest, ReplaceChairHandsTheChairOverAndDemotesTheOldChair) {
  v1::Group g = Working("Steuerung");
  std::string first = NewMember("Anna", "Erste");
  std::string second = NewMember("Bernd", "Zweiter");
  ASSERT_TRUE(Add(g.id(), first, v1::GROUP_MEMBER_ROLE_CHAIR).ok());
  ASSERT_TRUE(Add(g.id(), second, v1::GROUP_MEMBER_ROLE_DEPUTY_CHAIR).ok());
  ASSERT_TRUE(SetRole(g.id(), second, v1::GROUP_MEMBER_ROLE_CHAIR, true).ok());
  EXPECT_EQ(Get(g.id()).chair_member_id(), second);
  EXPECT_EQ(QueryScalar("SELECT role FROM group_members WHERE member_id = '" + first + "'"),
            "member");
  EXPECT_EQ(QueryScalar("SELECT string_agg(action, ',' ORDER BY id) FROM audit_log WHERE "
                        "resource_id = '" +
                        g.id() + "'"),
            "create,add_member,add_member,set_member_role,set_member_role");
  // Adding a new chair with replace_chair works the same way.
  std::string third = NewMember("Clara", "Dritte");
  ASSERT_TRUE(Add(g.id(), third, v1::GROUP_MEMBER_ROLE_CHAIR, true).ok());
  EXPECT_EQ(Get(g.id()).chair_member_id(), third);
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM group_members WHERE role = 'chair'"), "1");
}

TEST_F(GroupServiceTest, MembersArePagedByNameWithDisplayFields) {
  v1::Group g = Working("AK Schule");
  for (const char* last : {"Zander", "Özdemir", "Albers", "Müller", "Becker"}) {
    ASSERT_TRUE(Add(g.id(), NewMember("Vorname", last)).ok());
  }
  std::vector<std::string> seen;
  v1::ListGroupMembersRequest req;
  req.set_group_id(g.id());
  req.set_page_size(2);
  do {
    v1::ListGroupMembersResponse resp;
    grpc::ClientContext ctx;
    ASSERT_TRUE(stub_->ListGroupMembers(&ctx, req, &resp).ok());
    EXPECT_EQ(resp.total_size(), 5);
    for (const auto& m : resp.members()) {
      seen.push_back(m.last_name());
      EXPECT_EQ(m.organisation_name(), "Grundschule Am Park");
      EXPECT_EQ(m.role(), v1::GROUP_MEMBER_ROLE_MEMBER);
      EXPECT_EQ(m.member_state(), v1::MEMBERSHIP_STATE_ACTIVE);
      EXPECT_TRUE(m.has_join_time());
    }
    req.set_page_token(resp.next_page_token());
  } while (!req.page_token().empty());
  EXPECT_EQ(seen, (std::vector<std::string>{"Albers", "Becker", "Müller", "Özdemir", "Zander"}));
  v1::ListGroupMembersRequest unknown;
  unknown.set_group_id("6f1c2b9e-3d4a-4c5b-8e7f-0123456789ab");
  v1::ListGroupMembersResponse resp;
  grpc::ClientContext ctx;
  EXPECT_EQ(stub_->ListGroupMembers(&ctx, unknown, &resp).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(GroupServiceTest, RemoveMemberIsAuditedWithoutNames) {
  v1::Group g = Working("AK Schule");
  std::string m = NewMember("Dora", "Vertraulich");
  ASSERT_TRUE(Add(g.id(), m, v1::GROUP_MEMBER_ROLE_CHAIR).ok());
  v1::RemoveGroupMemberRequest req;
  req.set_group_id(g.id());
  req.set_member_id(m);
  v1::RemoveGroupMemberResponse resp;
  grpc::ClientContext c1;
  ASSERT_TRUE(stub_->RemoveGroupMember(&c1, req, &resp).ok());
  EXPECT_EQ(MembershipRows(), "");
  EXPECT_TRUE(Get(g.id()).chair_member_id().empty());
  grpc::ClientContext c2;
  EXPECT_EQ(stub_->RemoveGroupMember(&c2, req, &resp).error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(QueryScalar("SELECT detail FROM audit_log WHERE action = 'remove_member'"),
            "member " + m + "; role chair");
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM audit_log WHERE detail LIKE '%Dora%' OR detail "
                        "LIKE '%Vertraulich%' OR detail LIKE '%AK Schule%'"),
            "0");
}

TEST_F(GroupServiceTest, CadenceComparesHeldAndPlannedMeetingsWithWhatIsDue) {
  // now = 01.07.2025 12:00: half of a 4-per-year cadence is not quite due → 1 expected.
  v1::Group on_track = Working("AK im Plan", 4);
  NewMeeting(on_track.id(), "10.02.2025 15:00", "held");
  NewMeeting(on_track.id(), "10.09.2025 15:00", "planned");
  NewMeeting(on_track.id(), "10.10.2025 15:00", "planned");
  NewMeeting(on_track.id(), "10.12.2025 15:00", "planned");
  v1::Group behind = Working("AK Rückstand", 12);  // 5 due by now
  for (const char* day :
       {"15.01.2025 10:00", "15.03.2025 10:00", "15.05.2025 10:00", "15.06.2025 10:00"}) {
    NewMeeting(behind.id(), day, "held");
  }
  for (int month = 7; month <= 12; ++month) {
    NewMeeting(behind.id(), absl::StrCat("20.", month < 10 ? "0" : "", month, ".2025 10:00"),
               "planned");
  }
  NewMeeting(behind.id(), "05.08.2025 10:00", "planned");
  NewMeeting(behind.id(), "05.10.2025 10:00", "planned");
  NewMeeting(behind.id(), "20.04.2025 10:00", "cancelled");
  v1::Group at_risk = Working("AK zu wenig geplant", 4);
  NewMeeting(at_risk.id(), "10.03.2025 15:00", "held");
  NewMeeting(at_risk.id(), "10.06.2025 15:00", "planned");  // overdue: before now
  NewMeeting(at_risk.id(), "10.09.2025 15:00", "planned");
  NewMeeting(at_risk.id(), "10.01.2026 15:00", "planned");  // next year
  v1::Group inactive = Working("AK ruht", 4);
  v1::Group off = inactive;
  off.set_active(false);
  ASSERT_TRUE(Update(off, {"active"}).ok());

  v1::CheckCadenceResponse resp = Cadence();
  EXPECT_EQ(resp.year(), 2025);
  ASSERT_EQ(resp.groups_size(), 3);
  const v1::GroupCadence& a = resp.groups(0);
  EXPECT_EQ(a.name(), "AK im Plan");
  EXPECT_EQ(a.held(), 1);
  EXPECT_EQ(a.planned_remaining(), 3);
  EXPECT_EQ(a.expected_by_now(), 1);
  EXPECT_FALSE(a.behind());
  EXPECT_FALSE(a.at_risk());
  EXPECT_EQ(a.status_text(), "im Plan");
  const v1::GroupCadence& b = resp.groups(1);
  EXPECT_EQ(b.name(), "AK Rückstand");
  EXPECT_EQ(b.held(), 4);
  EXPECT_EQ(b.planned_remaining(), 8);
  EXPECT_EQ(b.expected_by_now(), 5);  // floor(12 × 181.46 / 365) = 5
  EXPECT_TRUE(b.behind());
  EXPECT_FALSE(b.at_risk());
  EXPECT_EQ(b.status_text(), "im Rückstand: 1 von 5 fälligen Sitzungen fehlt");
  const v1::GroupCadence& c = resp.groups(2);
  EXPECT_EQ(c.name(), "AK zu wenig geplant");
  EXPECT_EQ(c.held(), 1);
  EXPECT_EQ(c.planned_remaining(), 1);
  EXPECT_FALSE(c.behind());
  EXPECT_TRUE(c.at_risk());
  EXPECT_EQ(c.status_text(), "zu wenige Termine geplant");
}

TEST_F(GroupServiceTest, CadenceYearDefaultsToTheBerlinYearAndPastYearsOweEverything) {
  v1::Group g = Working("AK Schule", 2);
  NewMeeting(g.id(), "01.01.2025 00:00", "held");
  NewMeeting(g.id(), "31.12.2025 22:00", "held");
  // 31.12.2025 23:30 UTC is already 2026 in Berlin.
  now_ = absl::FromCivil(absl::CivilSecond(2025, 12, 31, 23, 30, 0), absl::UTCTimeZone());
  v1::CheckCadenceResponse current = Cadence();
  EXPECT_EQ(current.year(), 2026);
  ASSERT_EQ(current.groups_size(), 1);
  EXPECT_EQ(current.groups(0).held(), 0);
  EXPECT_EQ(current.groups(0).expected_by_now(), 0);
  EXPECT_TRUE(current.groups(0).at_risk());
  v1::CheckCadenceResponse past = Cadence(2025);
  EXPECT_EQ(past.groups(0).held(), 2);
  EXPECT_EQ(past.groups(0).expected_by_now(), 2);
  EXPECT_EQ(past.groups(0).status_text(), "im Plan");

  v1::CheckCadenceRequest req;
  req.set_year(1999);
  v1::CheckCadenceResponse resp;
  grpc::ClientContext ctx;
  grpc::Status s = stub_->CheckCadence(&ctx, req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message().substr(0, 5), "year:");
}

TEST_F(GroupServiceTest, RegionalGroupSyncCreatesUpdatesNeverDeletesAndAuditsAsSystem) {
  auto first = SyncRegionalGroups(
      db(), {{"rg-nord", "Regionalgruppe Nord", 3}, {"rg-sued", "Regionalgruppe Süd", 4}});
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->created, 2);
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM audit_log WHERE actor = 'system' AND "
                        "resource_type = 'group' AND action = 'create'"),
            "2");
  auto again = SyncRegionalGroups(
      db(), {{"rg-nord", "Regionalgruppe Nord", 3}, {"rg-sued", "Regionalgruppe Süd", 4}});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->unchanged, 2);
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM audit_log WHERE actor = 'system'"), "2");
  // rg-sued disappears from the configuration, rg-nord changes its cadence.
  auto changed = SyncRegionalGroups(db(), {{"rg-nord", "Regionalgruppe Nord", 6}});
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(changed->updated, 1);
  EXPECT_EQ(QueryScalar("SELECT string_agg(config_id || '=' || meetings_per_year, ',' ORDER BY "
                        "config_id) FROM groups"),
            "rg-nord=6,rg-sued=4");
  EXPECT_EQ(QueryScalar("SELECT detail FROM audit_log WHERE actor = 'system' AND action = "
                        "'update'"),
            "regional group from configuration: rg-nord");
}

TEST_F(GroupServiceTest, TenantAppSyncsRegionalGroupsAtStartAndServesGroupService) {
  config::OfficeConfig config;
  config.id = "lippstadt";
  config.regional_groups = {{"rg-lippstadt", "Regionalgruppe Lippstadt", 4}};
  config.server.listen = "127.0.0.1:0";
  config.server.insecure_dev = true;
  config.database.dsn = dsn();
  config.database.pool_size = 2;
  {
    auto app = TenantApp::Create(config);
    ASSERT_TRUE(app.ok()) << app.status();
    ASSERT_TRUE((*app)->Start().ok());
    auto stub = v1::GroupService::NewStub((*app)->server().InProcessChannel(
        schutznetz::testing::CreateTestToken((*app)->database(), domain::Role::kCoordinator)));
    v1::ListGroupsResponse resp;
    grpc::ClientContext ctx;
    ASSERT_TRUE(stub->ListGroups(&ctx, v1::ListGroupsRequest(), &resp).ok());
    ASSERT_EQ(resp.groups_size(), 1);
    EXPECT_EQ(resp.groups(0).kind(), v1::GROUP_KIND_REGIONAL_GROUP);
    EXPECT_EQ(resp.groups(0).name(), "Regionalgruppe Lippstadt");
  }
  // The next start brings a changed cadence into the database.
  config.regional_groups[0].meetings_per_year = 6;
  auto restarted = TenantApp::Create(config);
  ASSERT_TRUE(restarted.ok()) << restarted.status();
  EXPECT_EQ(QueryScalar("SELECT meetings_per_year || ' v' || version FROM groups"), "6 v2");
}

}  // namespace
}  // namespace schutznetz::tenant
