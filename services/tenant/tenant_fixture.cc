#include "services/tenant/tenant_fixture.h"

#include "libs/common/time.h"
#include "libs/rpc/proto_util.h"

namespace schutznetz::tenant {

void TenantServicesTest::SetUp() {
  DbTest::SetUp();
  Clock clock = [this] { return now_; };
  organisation_service_ = std::make_unique<OrganisationService>(db());
  outbox_ = std::make_unique<sync::Outbox>("lippstadt", nullptr);
  link_ = std::make_unique<DistrictLink>(*outbox_, clock);
  erasure_ = std::make_unique<ErasureLink>(*outbox_, clock);
  consent_book_ = std::make_unique<ConsentBook>(*erasure_);
  member_service_ = std::make_unique<MemberService>(db(), *consent_book_);
  consent_service_ = std::make_unique<ConsentService>(db(), *consent_book_, clock);
  event_service_ = std::make_unique<EventService>(db(), "lippstadt", *link_, clock);
  registration_service_ = std::make_unique<RegistrationService>(db(), *link_, clock);
  rpc::ServerOptions options;
  options.listen = "127.0.0.1:0";
  options.threads = 16;
  gate_ = std::make_unique<schutznetz::testing::TestGate>(db(), domain::ServerKind::kOffice);
  gate_->InstallOn(options);
  auto server =
      rpc::RpcServer::Start(options, {organisation_service_.get(), member_service_.get(),
                                      event_service_.get(), registration_service_.get(),
                                      consent_service_.get()});
  ASSERT_TRUE(server.ok()) << server.status();
  server_ = *std::move(server);
  auto channel = server_->InProcessChannel(gate_->secret());
  organisations_ = v1::OrganisationService::NewStub(channel);
  members_ = v1::MemberService::NewStub(channel);
  consents_ = v1::ConsentService::NewStub(channel);
  events_ = v1::EventService::NewStub(channel);
  registrations_ = v1::RegistrationService::NewStub(channel);
}

std::string TenantServicesTest::CreateOrganisation(const std::string& name, v1::Sector sector) {
  v1::CreateOrganisationRequest req;
  req.mutable_organisation()->set_name(name);
  req.mutable_organisation()->set_sector(sector);
  req.mutable_organisation()->set_actor_category(v1::ACTOR_CATEGORY_OTHER);
  req.set_allow_duplicate(true);
  v1::CreateOrganisationResponse resp;
  grpc::ClientContext ctx;
  grpc::Status s = organisations_->CreateOrganisation(&ctx, req, &resp);
  EXPECT_TRUE(s.ok()) << s.error_message();
  return resp.organisation().id();
}

std::string TenantServicesTest::CreateActiveMember(const std::string& first,
                                                   const std::string& last) {
  v1::CreateMemberRequest req;
  req.mutable_member()->set_organisation_id(CreateOrganisation("Organisation " + last));
  req.mutable_member()->set_first_name(first);
  req.mutable_member()->set_last_name(last);
  req.set_approve(true);
  req.set_allow_duplicate(true);
  v1::CreateMemberResponse resp;
  grpc::ClientContext ctx;
  grpc::Status s = members_->CreateMember(&ctx, req, &resp);
  EXPECT_TRUE(s.ok()) << s.error_message();
  return resp.member().id();
}

v1::Event TenantServicesTest::EventAt(const std::string& start_local, int capacity) {
  v1::Event e;
  e.set_kind(v1::EVENT_KIND_TRAINING);
  e.set_title("Fortbildung: Gewichtige Anhaltspunkte erkennen");
  e.set_place("Rathaus Lippstadt, Sitzungssaal");
  e.set_scope(v1::EVENT_SCOPE_LOCAL);
  e.set_capacity(capacity);
  absl::Time start = ParseLocalDateTime(start_local, "start").value();
  rpc::ToProto(start, e.mutable_start_time());
  rpc::ToProto(start + absl::Hours(2), e.mutable_end_time());
  return e;
}

v1::Event TenantServicesTest::CreateEvent(const v1::Event& e) {
  v1::CreateEventRequest req;
  *req.mutable_event() = e;
  v1::CreateEventResponse resp;
  grpc::ClientContext ctx;
  grpc::Status s = events_->CreateEvent(&ctx, req, &resp);
  EXPECT_TRUE(s.ok()) << s.error_message();
  return resp.event();
}

}  // namespace schutznetz::tenant
