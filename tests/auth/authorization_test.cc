// Authorisation of every RPC, end to end through the real servers: two offices' tenant services
// and the district aggregator (the real apps, in this process, each on its own PostgreSQL
// database). Every method each server serves — found through its server reflection, described
// by the protobuf descriptors — is called with an empty request:
//
//   without a token                      UNAUTHENTICATED for every method that needs a role
//   with a token one role too weak       PERMISSION_DENIED
//   with a token of the needed role      through the gate into the handler
//   with a token of another office       UNAUTHENTICATED
//   public methods                       work without a token
//
// A handler that forgot to take its admission would answer INTERNAL (the gate's interceptor
// checks), so "through the gate" also shows that every handler checks.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "libs/auth/method_rules.h"
#include "libs/storage/tx.h"
#include "schutznetz/v1/federation_service.grpc.pb.h"
#include "schutznetz/v1/member_service.grpc.pb.h"
#include "schutznetz/v1/organisation_service.grpc.pb.h"
#include "services/aggregator/aggregator_app.h"
#include "services/tenant/tenant_app.h"
#include "tests/support/test_database.h"
#include "tests/support/test_tokens.h"

namespace schutznetz::testing {
namespace {

using auth::MethodRule;
using domain::Role;
using domain::ServerKind;

struct Method {
  std::string name;  // "/schutznetz.v1.X/Y"
  bool streaming = false;
  MethodRule rule;
};

// One served app: its channel (in-process, or over TCP), database and method table.
struct Server {
  std::string id;
  ServerKind kind;
  rpc::RpcServer* rpc = nullptr;
  storage::Database* db = nullptr;
  std::vector<Method> methods;  // every schutznetz.v1 method it serves
};

// Calls `method` with one request message (`request`, serialised) and returns the status; the
// response messages go to `responses` if given.
grpc::Status CallRaw(const std::shared_ptr<grpc::Channel>& channel, const std::string& method,
                     bool streaming, const std::string& request, const std::string& token,
                     std::vector<std::string>* responses = nullptr) {
  grpc::GenericStub stub(channel);
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  if (!token.empty()) ctx.AddMetadata("authorization", "Bearer " + token);
  grpc::CompletionQueue cq;
  grpc::Slice slice(request);
  grpc::ByteBuffer request_buffer(&slice, 1);
  grpc::ByteBuffer response;
  grpc::Status status;
  void* tag = nullptr;
  bool ok = false;
  auto keep = [&] {
    if (responses == nullptr) return;
    std::vector<grpc::Slice> slices;
    if (!response.Dump(&slices).ok()) return;
    std::string bytes;
    for (const grpc::Slice& s : slices) {
      bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
    }
    responses->push_back(std::move(bytes));
  };
  if (!streaming) {
    auto call = stub.PrepareUnaryCall(&ctx, method, request_buffer, &cq);
    call->StartCall();
    call->Finish(&response, &status, reinterpret_cast<void*>(1));
    cq.Next(&tag, &ok);
    if (status.ok()) keep();
  } else {
    auto call = stub.PrepareCall(&ctx, method, &cq);
    call->StartCall(reinterpret_cast<void*>(1));
    cq.Next(&tag, &ok);
    if (ok) {
      call->Write(request_buffer, reinterpret_cast<void*>(2));
      cq.Next(&tag, &ok);
      call->WritesDone(reinterpret_cast<void*>(3));
      cq.Next(&tag, &ok);
      for (int i = 0; i < 100; ++i) {
        call->Read(&response, reinterpret_cast<void*>(4));
        cq.Next(&tag, &ok);
        if (!ok) break;
        keep();
      }
    }
    call->Finish(&status, reinterpret_cast<void*>(5));
    cq.Next(&tag, &ok);
  }
  cq.Shutdown();
  while (cq.Next(&tag, &ok)) {
  }
  return status;
}

// Calls `method` with an empty request and returns the status.
grpc::Status CallEmpty(const std::shared_ptr<grpc::Channel>& channel, const Method& method,
                       const std::string& token) {
  return CallRaw(channel, method.name, method.streaming, "", token);
}

// The services a server lists through server reflection. The reflection messages are built from
// their descriptors, which libgrpc++_reflection (linked into every server) registers in the
// generated pool; a second compiled copy of reflection.proto would clash with them.
std::vector<std::string> ServedServices(const std::shared_ptr<grpc::Channel>& channel) {
  namespace pb = google::protobuf;
  const pb::DescriptorPool* pool = pb::DescriptorPool::generated_pool();
  const pb::Descriptor* request_type =
      pool->FindMessageTypeByName("grpc.reflection.v1alpha.ServerReflectionRequest");
  const pb::Descriptor* response_type =
      pool->FindMessageTypeByName("grpc.reflection.v1alpha.ServerReflectionResponse");
  EXPECT_NE(request_type, nullptr);
  EXPECT_NE(response_type, nullptr);
  if (request_type == nullptr || response_type == nullptr) return {};
  pb::MessageFactory* factory = pb::MessageFactory::generated_factory();
  std::unique_ptr<pb::Message> request(factory->GetPrototype(request_type)->New());
  request->GetReflection()->SetString(request.get(),
                                      request_type->FindFieldByName("list_services"), "");
  std::vector<std::string> responses;
  grpc::Status status =
      CallRaw(channel, "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", true,
              request->SerializeAsString(), "", &responses);
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(responses.size(), 1u);
  std::vector<std::string> out;
  for (const std::string& bytes : responses) {
    std::unique_ptr<pb::Message> response(factory->GetPrototype(response_type)->New());
    EXPECT_TRUE(response->ParseFromString(bytes));
    const pb::FieldDescriptor* list_field =
        response_type->FindFieldByName("list_services_response");
    const pb::Message& list = response->GetReflection()->GetMessage(*response, list_field);
    const pb::FieldDescriptor* service_field = list.GetDescriptor()->FindFieldByName("service");
    const pb::Reflection* list_reflection = list.GetReflection();
    for (int i = 0; i < list_reflection->FieldSize(list, service_field); ++i) {
      const pb::Message& service =
          list_reflection->GetRepeatedMessage(list, service_field, i);
      out.push_back(service.GetReflection()->GetString(
          service, service.GetDescriptor()->FindFieldByName("name")));
    }
  }
  return out;
}

bool ReachedTheHandler(const grpc::Status& s) {
  return s.error_code() != grpc::StatusCode::UNAUTHENTICATED &&
         s.error_code() != grpc::StatusCode::PERMISSION_DENIED &&
         s.error_code() != grpc::StatusCode::INTERNAL &&
         s.error_code() != grpc::StatusCode::UNIMPLEMENTED;
}

// The role one step below `role` on its server.
Role Weaker(Role role) {
  switch (role) {
    case Role::kCoordinator:
      return Role::kEditor;
    case Role::kEditor:
      return Role::kViewer;
    default:
      return Role::kViewer;
  }
}

class AuthorizationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto agg_db = CreateTestDatabase(storage::SchemaRole::kAggregator, 2);
    ASSERT_TRUE(agg_db.ok()) << agg_db.status();
    aggregator_db_ = *std::move(agg_db);
    config::DistrictConfig district;
    district.id = "kreis-soest";
    district.name = "Kreis Soest";
    district.aggregator.address = "127.0.0.1:1";
    district.aggregator.server.listen = "127.0.0.1:0";
    district.aggregator.server.shutdown_grace_ms = 100;
    // In-process and plaintext: the tokens are the subject here; TLS has its own end-to-end test.
    district.aggregator.server.insecure_dev = true;
    district.aggregator.database.dsn = aggregator_db_.dsn;
    district.aggregator.database.pool_size = 4;
    district.offices = {{"lippstadt", "Jugendamt Lippstadt"}, {"soest", "Jugendamt Soest"}};
    auto aggregator = aggregator::AggregatorApp::Create(district);
    ASSERT_TRUE(aggregator.ok()) << aggregator.status();
    aggregator_ = *std::move(aggregator);
    ASSERT_TRUE(aggregator_->Start().ok());
    district_ = Describe("aggregator", ServerKind::kDistrict, aggregator_->server(),
                         aggregator_->database());

    for (const char* id : {"lippstadt", "soest"}) {
      auto db = CreateTestDatabase(storage::SchemaRole::kTenant, 2);
      ASSERT_TRUE(db.ok()) << db.status();
      config::OfficeConfig c;
      c.id = id;
      c.name = absl::StrCat("Jugendamt ", id);
      c.municipalities = {id};
      c.server.listen = "127.0.0.1:0";
      c.server.shutdown_grace_ms = 100;
      c.server.insecure_dev = true;
      c.database.dsn = db->dsn;
      c.database.pool_size = 4;
      c.sync.enabled = false;
      c.district = district;
      auto app = tenant::TenantApp::Create(c);
      ASSERT_TRUE(app.ok()) << app.status();
      ASSERT_TRUE((*app)->Start().ok());
      office_dbs_.push_back(*std::move(db));
      offices_.push_back(*std::move(app));
    }
    lippstadt_ =
        Describe("lippstadt", ServerKind::kOffice, offices_[0]->server(), offices_[0]->database());
    soest_ = Describe("soest", ServerKind::kOffice, offices_[1]->server(), offices_[1]->database());
  }

  void TearDown() override {
    offices_.clear();
    aggregator_.reset();
  }

  Server Describe(const std::string& id, ServerKind kind, rpc::RpcServer& rpc,
                  storage::Database& db) {
    Server s{id, kind, &rpc, &db, {}};
    const auth::MethodRules& rules = auth::MethodRulesFor(kind);
    for (const std::string& service : ServedServices(rpc.InProcessChannel())) {
      if (service.rfind("schutznetz.v1.", 0) != 0) continue;
      const google::protobuf::ServiceDescriptor* d =
          google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(service);
      EXPECT_NE(d, nullptr) << service;
      if (d == nullptr) continue;
      for (int i = 0; i < d->method_count(); ++i) {
        Method m;
        m.name = absl::StrCat("/", service, "/", d->method(i)->name());
        m.streaming = d->method(i)->server_streaming() || d->method(i)->client_streaming();
        auto rule = rules.find(m.name);
        EXPECT_NE(rule, rules.end()) << id << " serves " << m.name << " without a rule";
        if (rule == rules.end()) continue;
        m.rule = rule->second;
        s.methods.push_back(m);
      }
    }
    return s;
  }

  std::vector<const Method*> WithRole(const Server& s) {
    std::vector<const Method*> out;
    for (const Method& m : s.methods) {
      if (m.rule.kind == MethodRule::Kind::kRole) out.push_back(&m);
    }
    return out;
  }

  std::string Scalar(storage::Database& db, const std::string& sql) {
    std::string out;
    EXPECT_TRUE(db.Transact([&](storage::Tx& tx) -> absl::Status {
                    pqxx::result r = tx.ExecFixed(sql);
                    if (!r.empty() && !r[0][0].is_null()) out = r[0][0].as<std::string>();
                    return absl::OkStatus();
                  }).ok());
    return out;
  }

  TestDatabase aggregator_db_;
  std::vector<TestDatabase> office_dbs_;
  std::unique_ptr<aggregator::AggregatorApp> aggregator_;
  std::vector<std::unique_ptr<tenant::TenantApp>> offices_;
  Server district_, lippstadt_, soest_;
};

TEST_F(AuthorizationTest, EveryServerServesItsServicesWithRules) {
  // Descriptors and reflection agree, and each server serves exactly what its table names.
  for (const Server* s : {&lippstadt_, &district_}) {
    std::set<std::string> served;
    for (const Method& m : s->methods) served.insert(m.name);
    std::set<std::string> in_table;
    for (const auto& [name, rule] : auth::MethodRulesFor(s->kind)) {
      if (name.rfind("/schutznetz.v1.", 0) == 0) in_table.insert(name);
    }
    EXPECT_EQ(served, in_table) << s->id;
  }
  EXPECT_TRUE(lippstadt_.methods.size() > district_.methods.size());
  std::vector<std::string> names;
  for (const Method& m : lippstadt_.methods) names.push_back(m.name);
  EXPECT_NE(std::find(names.begin(), names.end(), "/schutznetz.v1.TokenService/CreateToken"),
            names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "/schutznetz.v1.PublicService/ListPublicEvents"),
            names.end());
}

TEST_F(AuthorizationTest, WithoutATokenEveryMethodThatNeedsARoleIsUnauthenticated) {
  for (Server* s : {&lippstadt_, &district_}) {
    auto channel = s->rpc->InProcessChannel();
    for (const Method* m : WithRole(*s)) {
      grpc::Status status = CallEmpty(channel, *m, "");
      EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << s->id << " " << m->name;
      EXPECT_NE(
          status.error_message().find(absl::StrCat("role ", domain::RoleName(m->rule.min_role))),
          std::string::npos)
          << status.error_message();
    }
  }
  // Every refusal is in the server's audit log, as an anonymous call.
  EXPECT_EQ(Scalar(*lippstadt_.db,
                   "SELECT count(*) FROM audit_log WHERE outcome = 'denied' "
                   "AND actor = 'anonymous'"),
            std::to_string(WithRole(lippstadt_).size()));
}

TEST_F(AuthorizationTest, ThePlaintextListenerIsGuardedToo) {
  auto channel = grpc::CreateChannel(absl::StrCat("127.0.0.1:", lippstadt_.rpc->port()),
                                     grpc::InsecureChannelCredentials());
  int checked = 0;
  for (const Method* m : WithRole(lippstadt_)) {
    if (++checked > 10) break;
    EXPECT_EQ(CallEmpty(channel, *m, "").error_code(), grpc::StatusCode::UNAUTHENTICATED)
        << m->name;
  }
  std::string secret = CreateTestToken(*lippstadt_.db, Role::kViewer);
  v1::ListOrganisationsResponse resp;
  grpc::ClientContext ctx;
  ctx.AddMetadata("authorization", "Bearer " + secret);
  EXPECT_TRUE(v1::OrganisationService::NewStub(channel)
                  ->ListOrganisations(&ctx, v1::ListOrganisationsRequest(), &resp)
                  .ok());
}

TEST_F(AuthorizationTest, PublicMethodsWorkWithoutAToken) {
  for (Server* s : {&lippstadt_, &district_}) {
    auto channel = s->rpc->InProcessChannel();
    for (const Method& m : s->methods) {
      if (m.rule.kind != MethodRule::Kind::kPublic) continue;
      grpc::Status status = CallEmpty(channel, m, "");
      EXPECT_TRUE(status.ok()) << s->id << " " << m.name << ": " << status.error_message();
    }
    grpc::health::v1::HealthCheckResponse health;
    grpc::ClientContext ctx;
    EXPECT_TRUE(grpc::health::v1::Health::NewStub(channel)
                    ->Check(&ctx, grpc::health::v1::HealthCheckRequest(), &health)
                    .ok());
  }
}

TEST_F(AuthorizationTest, ATokenOneRoleTooWeakIsPermissionDenied) {
  for (Server* s : {&lippstadt_, &district_}) {
    auto channel = s->rpc->InProcessChannel();
    std::map<Role, TestToken> tokens;
    for (const Method* m : WithRole(*s)) {
      if (m->rule.min_role == Role::kViewer) continue;
      Role weaker = Weaker(m->rule.min_role);
      if (!tokens.count(weaker)) tokens[weaker] = IssueTestToken(*s->db, weaker);
      grpc::Status status = CallEmpty(channel, *m, tokens[weaker].secret);
      EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED)
          << s->id << " " << m->name << " with " << domain::RoleName(weaker);
      EXPECT_NE(status.error_message().find(
                    absl::StrCat("needs role ", domain::RoleName(m->rule.min_role))),
                std::string::npos)
          << status.error_message();
    }
  }
}

TEST_F(AuthorizationTest, ATokenOfTheNeededRoleReachesTheHandler) {
  for (Server* s : {&lippstadt_, &district_}) {
    auto channel = s->rpc->InProcessChannel();
    std::map<Role, TestToken> tokens;
    for (const Method* m : WithRole(*s)) {
      Role role = m->rule.min_role;
      if (!tokens.count(role)) tokens[role] = IssueTestToken(*s->db, role);
      grpc::Status status = CallEmpty(channel, *m, tokens[role].secret);
      EXPECT_TRUE(ReachedTheHandler(status))
          << s->id << " " << m->name << ": " << status.error_code() << " "
          << status.error_message();
    }
  }
}

TEST_F(AuthorizationTest, ATokenOfAnotherServerIsUnauthenticated) {
  std::string lippstadt_coordinator = CreateTestToken(*lippstadt_.db, Role::kCoordinator);
  std::string district_coordinator = CreateTestToken(*district_.db, Role::kDistrictCoordinator);
  auto soest = soest_.rpc->InProcessChannel();
  for (const Method* m : WithRole(soest_)) {
    EXPECT_EQ(CallEmpty(soest, *m, lippstadt_coordinator).error_code(),
              grpc::StatusCode::UNAUTHENTICATED)
        << "Lippstadt's token at Soest: " << m->name;
  }
  auto lippstadt = lippstadt_.rpc->InProcessChannel();
  auto district = district_.rpc->InProcessChannel();
  for (const Method* m : WithRole(lippstadt_)) {
    EXPECT_EQ(CallEmpty(lippstadt, *m, district_coordinator).error_code(),
              grpc::StatusCode::UNAUTHENTICATED)
        << "the district's token at Lippstadt: " << m->name;
  }
  for (const Method* m : WithRole(district_)) {
    EXPECT_EQ(CallEmpty(district, *m, lippstadt_coordinator).error_code(),
              grpc::StatusCode::UNAUTHENTICATED)
        << "Lippstadt's token at the district: " << m->name;
  }
  // The refusals name no token (it is unknown there) and hold no secret.
  EXPECT_EQ(Scalar(*soest_.db,
                   "SELECT count(DISTINCT actor) FROM audit_log "
                   "WHERE outcome = 'denied'"),
            "1");
  EXPECT_EQ(Scalar(*soest_.db, "SELECT min(actor) FROM audit_log WHERE outcome = 'denied'"),
            "anonymous");
  for (storage::Database* db : {soest_.db, lippstadt_.db, district_.db}) {
    EXPECT_EQ(Scalar(*db, "SELECT count(*) FROM audit_log a WHERE strpos(a::text, 'snz_') > 0"),
              "0");
  }
}

TEST_F(AuthorizationTest, FederationCallsAreLeftToTheOfficeIdentity) {
  // The gate lets office-to-district calls through without a user token; the federation service
  // itself identifies the office, refuses a call that names none of the district and audits the
  // refusal.
  auto channel = district_.rpc->InProcessChannel();
  int federation = 0;
  for (const Method& m : district_.methods) {
    if (m.rule.kind != MethodRule::Kind::kOfficeCertificate) continue;
    ++federation;
    grpc::Status status = CallEmpty(channel, m, "");
    EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED) << m.name;
    EXPECT_NE(status.error_message().find("not an office of this district"), std::string::npos)
        << m.name << ": " << status.error_message();
  }
  EXPECT_EQ(federation, 2);
  EXPECT_EQ(Scalar(*district_.db,
                   "SELECT count(*) FROM audit_log WHERE outcome = 'denied' AND actor = "
                   "'office:? (unverified)' AND method LIKE 'FederationService/%'"),
            "2");

  // An office of the district pushes without any token.
  v1::PushChangesRequest push;
  push.set_office_id("lippstadt");
  push.set_txn_id("0b7e3c1e-4a8d-4d0e-9d59-1f0a4b2c6e11");
  v1::PushChangesResponse pushed;
  grpc::ClientContext ctx;
  grpc::Status status = v1::FederationService::NewStub(channel)->PushChanges(&ctx, push, &pushed);
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(Scalar(*district_.db,
                   "SELECT actor || ' ' || resource_id || ' ' || detail FROM audit_log "
                   "WHERE outcome = 'ok' AND method = 'FederationService/PushChanges'"),
            "office:lippstadt 0b7e3c1e-4a8d-4d0e-9d59-1f0a4b2c6e11 items=0 applied=0 duplicate=0 "
            "held=0 rejected=0");
}

TEST_F(AuthorizationTest, TheCallersTokenIsTheActorOfEveryChange) {
  TestToken editor = IssueTestToken(*lippstadt_.db, Role::kEditor);
  auto channel = lippstadt_.rpc->InProcessChannel(editor.secret);
  v1::CreateOrganisationRequest req;
  req.mutable_organisation()->set_name("Kinderarztpraxis am Markt");
  req.mutable_organisation()->set_sector(v1::SECTOR_HEALTH);
  req.mutable_organisation()->set_actor_category(v1::ACTOR_CATEGORY_SECRECY_HOLDER);
  v1::CreateOrganisationResponse created;
  grpc::ClientContext c1;
  ASSERT_TRUE(
      v1::OrganisationService::NewStub(channel)->CreateOrganisation(&c1, req, &created).ok());
  EXPECT_EQ(Scalar(*lippstadt_.db,
                   "SELECT actor FROM audit_log WHERE resource_type = "
                   "'organisation' AND action = 'create'"),
            editor.actor());

  // An editor records membership requests but cannot approve one by creating an active member.
  v1::CreateMemberRequest member;
  member.mutable_member()->set_organisation_id(created.organisation().id());
  member.mutable_member()->set_first_name("Anna");
  member.mutable_member()->set_last_name("Beispiel");
  member.set_approve(true);
  v1::CreateMemberResponse resp;
  grpc::ClientContext c2;
  grpc::Status refused = v1::MemberService::NewStub(channel)->CreateMember(&c2, member, &resp);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_NE(refused.error_message().find("approve needs role coordinator"), std::string::npos)
      << refused.error_message();
  EXPECT_EQ(Scalar(*lippstadt_.db, "SELECT count(*) FROM members"), "0");
  EXPECT_EQ(Scalar(*lippstadt_.db,
                   "SELECT actor || ' ' || method FROM audit_log WHERE "
                   "outcome = 'denied'"),
            editor.actor() + " MemberService/CreateMember");
  member.set_approve(false);
  grpc::ClientContext c3;
  EXPECT_TRUE(v1::MemberService::NewStub(channel)->CreateMember(&c3, member, &resp).ok());
}

}  // namespace
}  // namespace schutznetz::testing
