#include "services/tenant/tenant_fixture.h"

#include "absl/time/clock.h"
#include "libs/common/time.h"
#include "libs/common/uuid.h"
#include "libs/rpc/proto_util.h"
#include "libs/storage/tx.h"

namespace schutznetz::tenant {

void TenantServicesTest::SetUp() {
  DbTest::SetUp();
  Clock clock = [this] { return now_; };
  organisation_service_ = std::make_unique<OrganisationService>(db());
  outbox_ = std::make_unique<sync::Outbox>("lippstadt", nullptr);
  link_ = std::make_unique<DistrictLink>(*outbox_, clock);
  erasure_ = std::make_unique<ErasureLink>(*outbox_, clock);
  consent_book_ = std::make_unique<ConsentBook>(*erasure_);
  member_service_ = std::make_unique<MemberService>(db(), *consent_book_, clock);
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

void CrossOfficeTest::SetUp() {
  TenantServicesTest::SetUp();
  Clock clock = [this] { return now_; };
  requests_ = std::make_unique<SeatRequestHandler>(*link_, clock);
  cancels_ = std::make_unique<SeatCancelHandler>(*link_, clock);
  decisions_ = std::make_unique<SeatDecisionHandler>(*link_, clock);
  applier_.Register(federation::kDistrictEventItem, &district_events_);
  applier_.Register(federation::kRegistrationRequestItem, requests_.get());
  applier_.Register(federation::kRegistrationCancelItem, cancels_.get());
  applier_.Register(federation::kRegistrationDecisionItem, decisions_.get());
  resends_ = std::make_unique<SeatResendHandler>(*link_, clock);
  applier_.Register(federation::kRegistrationResendItem, resends_.get());
  erasure_requests_ = std::make_unique<ErasureRequestHandler>(*erasure_, *link_);
  erasure_receipts_ = std::make_unique<ErasureReceiptHandler>(clock);
  applier_.Register(federation::kErasureRequestItem, erasure_requests_.get());
  applier_.Register(federation::kErasureReceiptItem, erasure_receipts_.get());
}

sync::ApplyResult CrossOfficeTest::Receive(const std::string& type, const std::string& id,
                                           const std::string& origin, int64_t version,
                                           const std::string& payload,
                                           const std::string& destination) {
  domain::SyncItem item{type, id, origin, version, destination, payload, absl::Now()};
  sync::ApplyResult result;
  EXPECT_TRUE(db().Transact([&](storage::Tx& tx) -> absl::Status {
                    absl::StatusOr<sync::ApplyResult> r = applier_.Apply(tx, item);
                    if (!r.ok()) return r.status();
                    result = *r;
                    return absl::OkStatus();
                  }).ok());
  return result;
}

domain::Event CrossOfficeTest::Training(int capacity) {
  domain::Event e;
  e.id = domain::EventId(kMirroredId);
  e.organiser_office = "kreis-soest";
  e.kind = domain::EventKind::kTraining;
  e.title = "Fortbildung: Insoweit erfahrene Fachkraft";
  e.start_time = ParseLocalDateTime("10.03.2025 09:00", "t").value();
  e.end_time = e.start_time + absl::Hours(6);
  e.place = "Kreishaus Soest";
  e.capacity = capacity;
  e.registered_count = 4;
  e.scope = domain::EventScope::kDistrict;
  e.state = domain::EventState::kPlanned;
  return e;
}

void CrossOfficeTest::MirrorTraining(int64_t version, int capacity) {
  ASSERT_EQ(Receive(federation::kDistrictEventItem, kMirroredId, "kreis-soest", version,
                    federation::DistrictEventPayload(Training(capacity)))
                .outcome,
            sync::ApplyResult::Outcome::kApplied);
}

std::vector<domain::SyncItem> CrossOfficeTest::Sent(const std::string& type) {
  std::vector<domain::SyncItem> out;
  EXPECT_TRUE(db().Transact([&](storage::Tx& tx) -> absl::Status {
                    for (const auto& r : tx.raw().exec_params(
                             "SELECT item_id, origin, version, destination, payload FROM "
                             "change_log WHERE item_type = $1 AND payload IS NOT NULL "
                             "ORDER BY id",
                             type)) {
                      out.push_back({type, r[0].as<std::string>(), r[1].as<std::string>(),
                                     r[2].as<int64_t>(), r[3].as<std::string>(),
                                     pqxx::binarystring(r[4]).str(), absl::Time()});
                    }
                    return absl::OkStatus();
                  }).ok());
  return out;
}

std::string CrossOfficeTest::ActiveMember(const std::string& last, bool consent) {
  v1::CreateMemberRequest req;
  req.mutable_member()->set_organisation_id(CreateOrganisation("Realschule " + last,
                                                               v1::SECTOR_SCHOOL));
  req.mutable_member()->set_first_name("Mia");
  req.mutable_member()->set_last_name(last);
  req.mutable_member()->set_email(last + "@schule.example");
  req.mutable_member()->set_phone("02941 98765");
  req.mutable_member()->set_consent_share_registrations(consent);
  req.set_approve(true);
  req.set_allow_duplicate(true);
  v1::CreateMemberResponse resp;
  grpc::ClientContext ctx;
  EXPECT_TRUE(members_->CreateMember(&ctx, req, &resp).ok());
  return resp.member().id();
}

grpc::Status CrossOfficeTest::Register(const std::string& event, const std::string& member,
                                       v1::Registration* out) {
  v1::RegisterMemberRequest req;
  req.set_event_id(event);
  req.set_member_id(member);
  v1::RegisterMemberResponse resp;
  grpc::ClientContext ctx;
  grpc::Status s = registrations_->RegisterMember(&ctx, req, &resp);
  if (out != nullptr) *out = resp.registration();
  return s;
}

std::vector<v1::Registration> CrossOfficeTest::List(const std::string& event) {
  v1::ListRegistrationsRequest req;
  req.set_event_id(event);
  v1::ListRegistrationsResponse resp;
  grpc::ClientContext ctx;
  EXPECT_TRUE(registrations_->ListRegistrations(&ctx, req, &resp).ok());
  return {resp.registrations().begin(), resp.registrations().end()};
}

v1::Event CrossOfficeTest::Shared(int capacity) {
  v1::Event e = EventAt("03.04.2025 09:00", capacity);
  e.set_scope(v1::EVENT_SCOPE_DISTRICT);
  e.add_agenda()->set_title("Begrüßung");
  e.mutable_agenda(0)->set_presenter("Dr. Referentin Beispiel");
  return CreateEvent(e);
}

std::string CrossOfficeTest::Request(const std::string& event, const std::string& origin,
                                     const std::string& name) {
  federation::SeatRequest r;
  r.event_id = domain::EventId(event);
  r.participant = {origin, NewUuid(), name, "Kita Sonnenschein",
                   domain::Sector::kChildYouthWelfare};
  EXPECT_EQ(Receive(federation::kRegistrationRequestItem, r.participant.remote_registration_id,
                    origin, 1, federation::SeatRequestPayload(r))
                .outcome,
            sync::ApplyResult::Outcome::kApplied);
  return r.participant.remote_registration_id;
}

v1::RegistrationDecision CrossOfficeTest::LastDecision(const std::string& remote_id,
                                                       std::string* to) {
  v1::RegistrationDecision d;
  for (const domain::SyncItem& item : Sent(federation::kRegistrationDecisionItem)) {
    if (item.id != remote_id) continue;
    EXPECT_TRUE(d.ParseFromString(item.payload));
    if (to != nullptr) *to = item.destination;
  }
  return d;
}

}  // namespace schutznetz::tenant
