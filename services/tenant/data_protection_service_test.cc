// DataProtectionService over an in-process channel on a real database: the access export of a
// member (Art. 15 GDPR), retention runs on demand and their record, and who may call what.
#include "services/tenant/data_protection_service.h"

#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include "libs/common/time.h"
#include "libs/common/uuid.h"
#include "libs/rpc/proto_util.h"
#include "services/tenant/group_service.h"
#include "services/tenant/tenant_fixture.h"

namespace schutznetz::tenant {
namespace {

class DataProtectionServiceTest : public CrossOfficeTest {
 protected:
  void SetUp() override {
    CrossOfficeTest::SetUp();
    Clock clock = [this] { return now_; };
    job_ =
        std::make_unique<RetentionJob>(db(), *consent_book_, domain::RetentionPolicy{90, 24},
                                       RetentionSchedule{absl::Hours(1), absl::Hours(24)}, clock);
    service_ = std::make_unique<DataProtectionService>(db(), *job_, "lippstadt",
                                                       "Jugendamt der Stadt Lippstadt", clock);
    group_service_ = std::make_unique<GroupService>(db(), clock);
    rpc::ServerOptions options{.listen = "127.0.0.1:0"};
    gate_->InstallOn(options);
    auto server = rpc::RpcServer::Start(options, {service_.get(), group_service_.get()});
    ASSERT_TRUE(server.ok()) << server.status();
    dp_server_ = *std::move(server);
    stub_ = v1::DataProtectionService::NewStub(dp_server_->InProcessChannel(gate_->secret()));
    groups_ = v1::GroupService::NewStub(dp_server_->InProcessChannel(gate_->secret()));
  }

  grpc::Status Export(const std::string& member_id, v1::ExportPersonalDataResponse* out,
                      const std::string& secret = "") {
    v1::ExportPersonalDataRequest req;
    req.set_member_id(member_id);
    grpc::ClientContext ctx;
    auto stub = v1::DataProtectionService::NewStub(
        dp_server_->InProcessChannel(secret.empty() ? gate_->secret() : secret));
    return stub->ExportPersonalData(&ctx, req, out);
  }

  // Adds member `id` to a new working group as its chair.
  std::string AddToWorkingGroup(const std::string& id) {
    v1::CreateGroupRequest create;
    create.mutable_group()->set_kind(v1::GROUP_KIND_WORKING_GROUP);
    create.mutable_group()->set_name("Arbeitskreis Schule und Jugendhilfe");
    create.mutable_group()->set_meetings_per_year(4);
    v1::CreateGroupResponse group;
    grpc::ClientContext c1;
    EXPECT_TRUE(groups_->CreateGroup(&c1, create, &group).ok());
    v1::AddGroupMemberRequest add;
    add.set_group_id(group.group().id());
    add.set_member_id(id);
    add.set_role(v1::GROUP_MEMBER_ROLE_CHAIR);
    v1::AddGroupMemberResponse added;
    grpc::ClientContext c2;
    grpc::Status s = groups_->AddGroupMember(&c2, add, &added);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return group.group().id();
  }

  std::unique_ptr<RetentionJob> job_;
  std::unique_ptr<DataProtectionService> service_;
  std::unique_ptr<GroupService> group_service_;
  std::unique_ptr<rpc::RpcServer> dp_server_;
  std::unique_ptr<v1::DataProtectionService::Stub> stub_;
  std::unique_ptr<v1::GroupService::Stub> groups_;
};

TEST_F(DataProtectionServiceTest, TheExportHoldsEverythingTheOfficeKeepsAboutTheMember) {
  std::string member = ActiveMember("Beispiel", /*consent=*/true);
  std::string group = AddToWorkingGroup(member);
  v1::Event own = Shared(30);
  v1::Registration local;
  ASSERT_TRUE(Register(own.id(), member, &local).ok());
  MirrorTraining();
  v1::Registration outgoing;
  ASSERT_TRUE(Register(kMirroredId, member, &outgoing).ok());
  // Someone else's data stays out of the export.
  std::string other = ActiveMember("Andere", true);
  ASSERT_TRUE(Register(own.id(), other).ok());
  now_ += absl::Hours(1);

  v1::ExportPersonalDataResponse e;
  grpc::Status s = Export(member, &e);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(rpc::FromProto(e.export_time()), now_);
  EXPECT_EQ(e.office_id(), "lippstadt");
  EXPECT_EQ(e.office_name(), "Jugendamt der Stadt Lippstadt");

  EXPECT_EQ(e.member().id(), member);
  EXPECT_EQ(e.member().first_name(), "Mia");
  EXPECT_EQ(e.member().last_name(), "Beispiel");
  EXPECT_EQ(e.member().email(), "Beispiel@schule.example");
  EXPECT_EQ(e.member().phone(), "02941 98765");
  EXPECT_EQ(e.member().state(), v1::MEMBERSHIP_STATE_ACTIVE);
  EXPECT_EQ(e.organisation().name(), "Realschule Beispiel");
  EXPECT_EQ(e.organisation().sector(), v1::SECTOR_SCHOOL);

  ASSERT_EQ(e.group_memberships_size(), 1);
  EXPECT_EQ(e.group_memberships(0).group_id(), group);
  EXPECT_EQ(e.group_memberships(0).group_name(), "Arbeitskreis Schule und Jugendhilfe");
  EXPECT_EQ(e.group_memberships(0).group_kind(), v1::GROUP_KIND_WORKING_GROUP);
  EXPECT_EQ(e.group_memberships(0).role(), v1::GROUP_MEMBER_ROLE_CHAIR);

  // By event start: Kreis Soest's training (10.03.) before the own event (03.04.).
  ASSERT_EQ(e.registrations_size(), 2);
  const v1::PersonalDataRegistration& soest = e.registrations(0);
  EXPECT_EQ(soest.registration().id(), outgoing.id());
  EXPECT_EQ(soest.registration().state(), v1::REGISTRATION_STATE_PENDING);
  EXPECT_EQ(soest.event_title(), "Fortbildung: Insoweit erfahrene Fachkraft");
  EXPECT_EQ(soest.event_kind(), v1::EVENT_KIND_TRAINING);
  EXPECT_EQ(rpc::FromProto(soest.event_start_time()),
            ParseLocalDateTime("10.03.2025 09:00", "t").value());
  EXPECT_EQ(soest.organiser_office(), "kreis-soest");
  EXPECT_TRUE(soest.other_office_event());
  ASSERT_EQ(soest.transfers_size(), 1);
  EXPECT_EQ(soest.transfers(0).recipient_office(), "kreis-soest");
  EXPECT_EQ(soest.transfers(0).item_type(), "registration_request");
  EXPECT_EQ(std::vector<std::string>(soest.transfers(0).data_fields().begin(),
                                     soest.transfers(0).data_fields().end()),
            (std::vector<std::string>{"name", "organisation", "sector"}));
  EXPECT_TRUE(soest.transfers(0).has_send_time());
  EXPECT_GT(soest.transfers(0).version(), 0);

  const v1::PersonalDataRegistration& mine = e.registrations(1);
  EXPECT_EQ(mine.registration().id(), local.id());
  EXPECT_EQ(mine.registration().state(), v1::REGISTRATION_STATE_REGISTERED);
  EXPECT_FALSE(mine.registration().has_attended());
  EXPECT_EQ(mine.event_title(), own.title());
  EXPECT_EQ(mine.organiser_office(), "lippstadt");
  EXPECT_FALSE(mine.other_office_event());
  EXPECT_EQ(mine.transfers_size(), 0);

  EXPECT_TRUE(e.consents().share_registrations());
  EXPECT_FALSE(e.consents().internal_directory());
  EXPECT_EQ(e.retention().left_members_months(), 24);
  EXPECT_FALSE(e.retention().has_anonymise_after());

  std::vector<std::string> audit;
  for (const v1::AuditEntry& a : e.audit_entries()) {
    audit.push_back(a.resource_type() + " " + a.action());
    EXPECT_TRUE(a.resource_id() == member || a.resource_id() == group ||
                a.resource_id() == local.id() || a.resource_id() == outgoing.id())
        << a.resource_id();
  }
  EXPECT_EQ(audit, (std::vector<std::string>{"member create", "group add_member",
                                             "registration register", "registration register"}));

  // The export is audited, without contents.
  EXPECT_EQ(QueryScalar("SELECT actor || ' ' || method || ' [' || detail || ']' FROM audit_log "
                        "WHERE action = 'export' AND resource_type = 'member' AND resource_id = '" +
                        member + "'"),
            gate_->actor() + " DataProtectionService/ExportPersonalData []");

  // It prints as JSON (what netzctl shows).
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  ASSERT_TRUE(google::protobuf::util::MessageToJsonString(e, &json, options).ok());
  EXPECT_NE(json.find("\"recipient_office\":\"kreis-soest\""), std::string::npos) << json;
  EXPECT_EQ(json.find("Andere"), std::string::npos);
}

TEST_F(DataProtectionServiceTest, TheExportListsTheCancellationSentAndWhenALeftMemberIsErased) {
  std::string member = ActiveMember("Beispiel", true);
  MirrorTraining();
  v1::Registration outgoing;
  ASSERT_TRUE(Register(kMirroredId, member, &outgoing).ok());
  v1::CancelRegistrationRequest cancel;
  cancel.set_id(outgoing.id());
  v1::CancelRegistrationResponse cancelled;
  grpc::ClientContext c1;
  grpc::Status s = registrations_->CancelRegistration(&c1, cancel, &cancelled);
  ASSERT_TRUE(s.ok()) << s.error_message();
  v1::EndMembershipRequest end;
  end.set_id(member);
  v1::EndMembershipResponse ended;
  grpc::ClientContext c2;
  ASSERT_TRUE(members_->EndMembership(&c2, end, &ended).ok());

  v1::ExportPersonalDataResponse e;
  ASSERT_TRUE(Export(member, &e).ok());
  ASSERT_EQ(e.registrations_size(), 1);
  EXPECT_EQ(e.registrations(0).registration().state(), v1::REGISTRATION_STATE_CANCELLED);
  ASSERT_EQ(e.registrations(0).transfers_size(), 2);
  EXPECT_EQ(e.registrations(0).transfers(1).item_type(), "registration_cancel");
  EXPECT_EQ(e.registrations(0).transfers(1).data_fields_size(), 0);
  EXPECT_EQ(e.member().state(), v1::MEMBERSHIP_STATE_LEFT);
  EXPECT_EQ(rpc::FromProto(e.retention().anonymise_after()), domain::MonthsAfter(now_, 24));
}

TEST_F(DataProtectionServiceTest, AnUnknownMemberIsNotFoundAndNothingIsAudited) {
  v1::ExportPersonalDataResponse e;
  grpc::Status s = Export(NewUuid(), &e);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND) << s.error_message();
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM audit_log WHERE action = 'export'"), "0");
}

TEST_F(DataProtectionServiceTest, AMalformedMemberIdIsInvalidArgumentNamingTheField) {
  for (const char* id : {"", "42", "not-a-uuid'; DROP TABLE members; --"}) {
    v1::ExportPersonalDataResponse e;
    grpc::Status s = Export(id, &e);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << id;
    EXPECT_EQ(s.error_message().rfind("member_id: ", 0), 0u) << s.error_message();
  }
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM audit_log WHERE action = 'export'"), "0");
}

TEST_F(DataProtectionServiceTest, ViewersAndEditorsMayNotExportOrRunButViewersSeeTheRuns) {
  std::string member = ActiveMember("Beispiel", true);
  for (domain::Role role : {domain::Role::kViewer, domain::Role::kEditor}) {
    std::string secret = schutznetz::testing::CreateTestToken(db(), role);
    v1::ExportPersonalDataResponse e;
    grpc::Status s = Export(member, &e, secret);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED) << domain::RoleName(role);
    EXPECT_EQ(e.member().last_name(), "");
    auto stub = v1::DataProtectionService::NewStub(dp_server_->InProcessChannel(secret));
    v1::RunRetentionResponse run;
    grpc::ClientContext c1;
    EXPECT_EQ(stub->RunRetention(&c1, v1::RunRetentionRequest(), &run).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
    v1::ListRetentionRunsResponse runs;
    grpc::ClientContext c2;
    EXPECT_TRUE(stub->ListRetentionRuns(&c2, v1::ListRetentionRunsRequest(), &runs).ok());
  }
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM retention_runs"), "0");
}

TEST_F(DataProtectionServiceTest, RunRetentionAppliesTheRulesAsTheCallerAndTheRunsAreListed) {
  std::string member = ActiveMember("Beispiel", false);
  v1::EndMembershipRequest end;
  end.set_id(member);
  v1::EndMembershipResponse ended;
  grpc::ClientContext c1;
  now_ = domain::MonthsBefore(now_, 25);
  ASSERT_TRUE(members_->EndMembership(&c1, end, &ended).ok());
  now_ = domain::MonthsAfter(now_, 25);

  v1::RunRetentionResponse run;
  grpc::ClientContext c2;
  grpc::Status s = stub_->RunRetention(&c2, v1::RunRetentionRequest(), &run);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(run.runs_size(), 2);
  EXPECT_EQ(run.runs(0).rule(), v1::RETENTION_RULE_EXTERNAL_REGISTRATIONS);
  EXPECT_EQ(run.runs(0).setting(), 90);
  EXPECT_EQ(run.runs(1).rule(), v1::RETENTION_RULE_LEFT_MEMBERS);
  EXPECT_EQ(run.runs(1).rows_affected(), 1);
  EXPECT_EQ(rpc::FromProto(run.runs(1).cutoff()), domain::MonthsBefore(now_, 24));
  EXPECT_EQ(run.runs(1).actor(), gate_->actor());
  EXPECT_EQ(QueryScalar("SELECT actor || ' ' || method FROM audit_log WHERE action = "
                        "'anonymise'"),
            gate_->actor() + " DataProtectionService/RunRetention");

  // Newest first, in pages.
  v1::ListRetentionRunsRequest list;
  list.set_page_size(1);
  v1::ListRetentionRunsResponse first;
  grpc::ClientContext c3;
  ASSERT_TRUE(stub_->ListRetentionRuns(&c3, list, &first).ok());
  ASSERT_EQ(first.runs_size(), 1);
  EXPECT_EQ(first.total_size(), 2);
  EXPECT_EQ(first.runs(0).rule(), v1::RETENTION_RULE_LEFT_MEMBERS);
  EXPECT_EQ(first.runs(0).run_id(), run.runs(1).run_id());
  ASSERT_FALSE(first.next_page_token().empty());
  list.set_page_token(first.next_page_token());
  v1::ListRetentionRunsResponse second;
  grpc::ClientContext c4;
  ASSERT_TRUE(stub_->ListRetentionRuns(&c4, list, &second).ok());
  ASSERT_EQ(second.runs_size(), 1);
  EXPECT_EQ(second.runs(0).rule(), v1::RETENTION_RULE_EXTERNAL_REGISTRATIONS);
  EXPECT_TRUE(second.next_page_token().empty());

  list.set_page_token("kein-token");
  v1::ListRetentionRunsResponse bad;
  grpc::ClientContext c5;
  grpc::Status refused = stub_->ListRetentionRuns(&c5, list, &bad);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(refused.error_message().find("page_token"), std::string::npos);

  // The export of the anonymised member still works and holds no personal data any more.
  v1::ExportPersonalDataResponse e;
  ASSERT_TRUE(Export(member, &e).ok());
  EXPECT_TRUE(e.member().anonymised());
  EXPECT_EQ(e.member().last_name(), "");
  EXPECT_FALSE(e.retention().has_anonymise_after());
}

}  // namespace
}  // namespace schutznetz::tenant
