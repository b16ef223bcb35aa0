#include "tests/sync/district_fixture.h"

#include <pqxx/pqxx>

#include "absl/strings/escaping.h"
#include "absl/time/clock.h"
#include "libs/common/time.h"
#include "libs/rpc/proto_util.h"
#include "libs/storage/tx.h"
#include "tests/support/test_tokens.h"

namespace schutznetz::testing {
namespace {

const std::vector<std::pair<std::string, std::string>> kOffices = {
    {"kreis-soest", "Kreisjugendamt Soest"},
    {"lippstadt", "Jugendamt der Stadt Lippstadt"},
    {"soest", "Jugendamt der Stadt Soest"},
    {"warstein", "Jugendamt der Stadt Warstein"},
};

}  // namespace

void DistrictSyncTest::SetUp() {
  auto agg_db = CreateTestDatabase(storage::SchemaRole::kAggregator, 2);
  ASSERT_TRUE(agg_db.ok()) << agg_db.status();
  aggregator_db_ = *std::move(agg_db);
  config::DistrictConfig district;
  district.id = "kreis-soest";
  district.name = "Kreis Soest";
  district.aggregator.server.listen = "127.0.0.1:0";
  district.aggregator.server.shutdown_grace_ms = 100;
  district.aggregator.server.insecure_dev = true;  // in-process; TLS has its own tests
  district.aggregator.database.dsn = aggregator_db_.dsn;
  district.aggregator.database.pool_size = 4;
  for (const auto& [id, name] : kOffices) district.offices.push_back({id, name});
  auto aggregator = aggregator::AggregatorApp::Create(district);
  ASSERT_TRUE(aggregator.ok()) << aggregator.status();
  aggregator_ = *std::move(aggregator);
  ASSERT_TRUE(aggregator_->Start().ok());
  district.aggregator.address = "127.0.0.1:" + std::to_string(aggregator_->server().port());

  for (const auto& [id, name] : kOffices) {
    auto o = std::make_unique<DistrictOffice>();
    o->id = id;
    auto db = CreateTestDatabase(storage::SchemaRole::kTenant, 2);
    ASSERT_TRUE(db.ok()) << db.status();
    o->database = *std::move(db);
    config::OfficeConfig c;
    c.id = id;
    c.name = name;
    c.municipalities = {name};
    c.server.listen = "127.0.0.1:0";
    c.server.shutdown_grace_ms = 100;
    c.server.insecure_dev = true;
    c.database.dsn = o->database.dsn;
    c.database.pool_size = 4;
    c.sync.poll_interval_ms = 50;
    c.sync.call_deadline_ms = 5000;
    c.sync.backoff_max_ms = 300;
    c.district = district;
    auto app = tenant::TenantApp::Create(c);
    ASSERT_TRUE(app.ok()) << app.status();
    o->app = *std::move(app);
    ASSERT_TRUE(o->app->Start().ok());
    auto channel = o->app->server().InProcessChannel(
        CreateTestToken(o->app->database(), domain::Role::kCoordinator));
    o->organisations = v1::OrganisationService::NewStub(channel);
    o->members = v1::MemberService::NewStub(channel);
    o->events = v1::EventService::NewStub(channel);
    o->registrations = v1::RegistrationService::NewStub(channel);
    offices_[id] = std::move(o);
  }
}

void DistrictSyncTest::TearDown() {
  offices_.clear();  // offices stop their agents before the aggregator goes away
  aggregator_.reset();
}

std::vector<DistrictOffice*> DistrictSyncTest::OfficesExcept(const std::string& except) {
  std::vector<DistrictOffice*> out;
  for (auto& [id, o] : offices_) {
    if (id != except) out.push_back(o.get());
  }
  return out;
}

std::string DistrictSyncTest::CreateMember(DistrictOffice& o, const std::string& first,
                                           const std::string& last, bool consent) {
  v1::CreateOrganisationRequest org;
  org.mutable_organisation()->set_name("Schule " + last);
  org.mutable_organisation()->set_sector(v1::SECTOR_SCHOOL);
  org.mutable_organisation()->set_actor_category(v1::ACTOR_CATEGORY_SCHOOL);
  org.set_allow_duplicate(true);
  v1::CreateOrganisationResponse org_resp;
  grpc::ClientContext c1;
  grpc::Status s = o.organisations->CreateOrganisation(&c1, org, &org_resp);
  EXPECT_TRUE(s.ok()) << s.error_message();
  v1::CreateMemberRequest req;
  req.mutable_member()->set_organisation_id(org_resp.organisation().id());
  req.mutable_member()->set_first_name(first);
  req.mutable_member()->set_last_name(last);
  req.mutable_member()->set_email(last + "@schule.example");
  req.mutable_member()->set_consent_share_registrations(consent);
  req.set_approve(true);
  req.set_allow_duplicate(true);
  v1::CreateMemberResponse resp;
  grpc::ClientContext c2;
  s = o.members->CreateMember(&c2, req, &resp);
  EXPECT_TRUE(s.ok()) << s.error_message();
  return resp.member().id();
}

v1::Event DistrictSyncTest::CreateTraining(DistrictOffice& o, const std::string& title,
                                           v1::EventScope scope, int capacity) {
  v1::CreateEventRequest req;
  v1::Event* e = req.mutable_event();
  e->set_kind(v1::EVENT_KIND_TRAINING);
  e->set_title(title);
  e->set_place("Kreishaus Soest, Hoher Weg 1–3");
  e->set_scope(scope);
  e->set_capacity(capacity);
  absl::Time start = ParseLocalDateTime("12.03.2031 09:00", "start").value();
  rpc::ToProto(start, e->mutable_start_time());
  rpc::ToProto(start + absl::Hours(3), e->mutable_end_time());
  v1::CreateEventResponse resp;
  grpc::ClientContext ctx;
  grpc::Status s = o.events->CreateEvent(&ctx, req, &resp);
  EXPECT_TRUE(s.ok()) << s.error_message();
  return resp.event();
}

std::vector<v1::Event> DistrictSyncTest::ListEvents(DistrictOffice& o) {
  v1::ListEventsRequest req;
  req.set_page_size(500);
  v1::ListEventsResponse resp;
  grpc::ClientContext ctx;
  grpc::Status s = o.events->ListEvents(&ctx, req, &resp);
  EXPECT_TRUE(s.ok()) << s.error_message();
  return {resp.events().begin(), resp.events().end()};
}

std::vector<v1::Registration> DistrictSyncTest::Registrations(DistrictOffice& o,
                                                              const std::string& event) {
  v1::ListRegistrationsRequest req;
  req.set_event_id(event);
  req.set_page_size(500);
  v1::ListRegistrationsResponse resp;
  grpc::ClientContext ctx;
  grpc::Status s = o.registrations->ListRegistrations(&ctx, req, &resp);
  EXPECT_TRUE(s.ok()) << o.id << ": " << s.error_message();
  return {resp.registrations().begin(), resp.registrations().end()};
}

grpc::Status DistrictSyncTest::Register(DistrictOffice& o, const std::string& event,
                                        const std::string& member, v1::Registration* out) {
  v1::RegisterMemberRequest req;
  req.set_event_id(event);
  req.set_member_id(member);
  v1::RegisterMemberResponse resp;
  grpc::ClientContext ctx;
  grpc::Status s = o.registrations->RegisterMember(&ctx, req, &resp);
  if (out != nullptr) *out = resp.registration();
  return s;
}

grpc::Status DistrictSyncTest::Cancel(DistrictOffice& o, const std::string& registration,
                                      v1::CancelRegistrationResponse* out) {
  v1::CancelRegistrationRequest req;
  req.set_id(registration);
  v1::CancelRegistrationResponse resp;
  grpc::ClientContext ctx;
  grpc::Status s = o.registrations->CancelRegistration(&ctx, req, &resp);
  if (out != nullptr) *out = resp;
  return s;
}

std::string DistrictSyncTest::Scalar(storage::Database& db, const std::string& sql) {
  std::string out;
  EXPECT_TRUE(db.Transact([&](storage::Tx& tx) -> absl::Status {
                  pqxx::result r = tx.ExecFixed(sql);
                  if (!r.empty() && !r[0][0].is_null()) out = r[0][0].as<std::string>();
                  return absl::OkStatus();
                }).ok());
  return out;
}

std::vector<std::string> DistrictSyncTest::TablesMentioning(storage::Database& db,
                                                            const std::string& text) {
  std::vector<std::string> out;
  // A bytea column shows as \x<hex> in a row's text: look for the text's hex digits too.
  std::string hex = absl::BytesToHexString(text);
  EXPECT_TRUE(db.Transact([&](storage::Tx& tx) -> absl::Status {
                  std::vector<std::string> tables;
                  for (const auto& r : tx.ExecFixed(
                           "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
                    tables.push_back(r[0].as<std::string>());
                  }
                  for (const std::string& table : tables) {
                    pqxx::result r = tx.raw().exec_params(
                        "SELECT count(*) FROM public." + tx.raw().quote_name(table) +
                            " t WHERE strpos(t::text, $1) > 0 OR strpos(t::text, $2) > 0",
                        text, hex);
                    if (r[0][0].as<int>() > 0) out.push_back(table);
                  }
                  return absl::OkStatus();
                }).ok());
  return out;
}

bool DistrictSyncTest::Eventually(const std::function<bool()>& condition,
                                  absl::Duration timeout) {
  absl::Time deadline = absl::Now() + timeout;
  while (absl::Now() < deadline) {
    if (condition()) return true;
    absl::SleepFor(absl::Milliseconds(50));
  }
  return condition();
}

}  // namespace schutznetz::testing
