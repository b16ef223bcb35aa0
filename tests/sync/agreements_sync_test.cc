// District agreements across the district, in one process: the real AggregatorApp and four real
// TenantApps (Kreis Soest), each with its own PostgreSQL database, its sync agent and a real gRPC
// connection. Shows that every office sees what district coordination does, that ratifications
// travel to the aggregator and their outcome back to every office — also for an office that was
// offline — and that every office reads the whole history while the aggregator is stopped. Every
// decision is chained in the deciding office's trail and in the district's.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <memory>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "libs/common/sha256.h"
#include "libs/common/uuid.h"
#include "libs/rpc/proto_util.h"
#include "schutznetz/v1/agreement_service.grpc.pb.h"
#include "schutznetz/v1/district_service.grpc.pb.h"
#include "schutznetz/v1/federation_service.grpc.pb.h"
#include "schutznetz/v1/trail_service.grpc.pb.h"
#include "services/aggregator/aggregator_app.h"
#include "services/tenant/tenant_app.h"
#include "tests/support/test_database.h"
#include "tests/support/test_tokens.h"

namespace schutznetz::testing {
namespace {

constexpr char kV1[] =
    "Kooperationsvereinbarung Kinderschutz im Kreis Soest\n"
    "§ 1 Die Jugendämter informieren einander über Hilfeplanungen bei Zuständigkeitswechsel.\n";
constexpr char kV2[] =
    "Kooperationsvereinbarung Kinderschutz im Kreis Soest (Fassung 2025)\n"
    "§ 1 Die Jugendämter informieren einander über Hilfeplanungen bei Zuständigkeitswechsel.\n"
    "§ 2 Mitteilungswege der Geburtskliniken an das zuständige Jugendamt.\n";
const std::vector<std::string> kOffices = {"kreis-soest", "lippstadt", "soest", "warstein"};

class AgreementsSyncTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto agg_db = CreateTestDatabase(storage::SchemaRole::kAggregator, 1);
    ASSERT_TRUE(agg_db.ok()) << agg_db.status();
    aggregator_db_ = *std::move(agg_db);
    district_.id = "kreis-soest";
    district_.name = "Kreis Soest";
    district_.aggregator.server.listen = "127.0.0.1:0";
    district_.aggregator.server.shutdown_grace_ms = 100;
    district_.aggregator.server.insecure_dev = true;  // in-process; TLS has its own tests
    district_.aggregator.database.dsn = aggregator_db_.dsn;
    district_.aggregator.database.pool_size = 4;
    for (const std::string& id : kOffices) district_.offices.push_back({id, "Jugendamt " + id});
    StartAggregator();
    // Later starts listen where the offices dial.
    district_.aggregator.server.listen = district_.aggregator.address;
    for (const std::string& id : kOffices) StartOffice(id);
  }

  void TearDown() override {
    offices_.clear();
    aggregator_.reset();
  }

  void StartAggregator() {
    auto app = aggregator::AggregatorApp::Create(district_);
    ASSERT_TRUE(app.ok()) << app.status();
    aggregator_ = *std::move(app);
    ASSERT_TRUE(aggregator_->Start().ok());
    district_.aggregator.address = absl::StrCat("127.0.0.1:", aggregator_->server().port());
    district_stub_ = v1::DistrictService::NewStub(aggregator_->server().InProcessChannel(
        CreateTestToken(aggregator_->database(), domain::Role::kDistrictCoordinator)));
  }

  void StopAggregator() {
    district_stub_.reset();
    aggregator_.reset();
  }

  void StartOffice(const std::string& id) {
    auto db = CreateTestDatabase(storage::SchemaRole::kTenant, 1);
    ASSERT_TRUE(db.ok()) << db.status();
    config::OfficeConfig c;
    c.id = id;
    c.name = "Jugendamt " + id;
    c.municipalities = {id};
    c.server.listen = "127.0.0.1:0";
    c.server.shutdown_grace_ms = 100;
    c.server.insecure_dev = true;
    c.database.dsn = db->dsn;
    c.database.pool_size = 4;
    c.sync.poll_interval_ms = 50;
    c.sync.call_deadline_ms = 5000;
    c.sync.backoff_max_ms = 300;
    c.district = district_;
    auto app = tenant::TenantApp::Create(c);
    ASSERT_TRUE(app.ok()) << app.status();
    ASSERT_TRUE((*app)->Start().ok());
    Office& o = offices_[id];
    o.database = *std::move(db);
    o.app = *std::move(app);
    o.stub = v1::AgreementService::NewStub(o.app->server().InProcessChannel(
        CreateTestToken(o.app->database(), domain::Role::kCoordinator)));
  }

  struct Office {
    TestDatabase database;
    std::unique_ptr<tenant::TenantApp> app;
    std::unique_ptr<v1::AgreementService::Stub> stub;
  };

  // Waits until `done` holds (checked every 50 ms), or fails naming `what`.
  void Await(const std::string& what, const std::function<bool()>& done,
             absl::Duration timeout = absl::Seconds(30)) {
    absl::Time deadline = absl::Now() + timeout;
    while (!done()) {
      if (absl::Now() > deadline) {
        ADD_FAILURE() << "timed out waiting until " << what;
        return;
      }
      absl::SleepFor(absl::Milliseconds(50));
    }
  }

  // ---- District coordination (aggregator).
  v1::Agreement Create(const std::string& text) {
    v1::CreateAgreementRequest req;
    req.set_kind(v1::AGREEMENT_KIND_COOPERATION_AGREEMENT);
    req.set_title("Kooperationsvereinbarung Kinderschutz");
    req.set_text(text);
    v1::CreateAgreementResponse resp;
    grpc::ClientContext ctx;
    grpc::Status s = district_stub_->CreateAgreement(&ctx, req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp.agreement();
  }

  v1::Agreement Open(const std::string& id, int version) {
    v1::OpenForRatificationRequest req;
    req.set_agreement_id(id);
    req.set_version_number(version);
    v1::OpenForRatificationResponse resp;
    grpc::ClientContext ctx;
    grpc::Status s = district_stub_->OpenForRatification(&ctx, req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp.agreement();
  }

  v1::Agreement AtDistrict(const std::string& id) {
    v1::GetAgreementRequest req;
    req.set_id(id);
    v1::GetAgreementResponse resp;
    grpc::ClientContext ctx;
    grpc::Status s = district_stub_->GetAgreement(&ctx, req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp.agreement();
  }

  // ---- Offices.
  // The office's copy; an empty agreement if it has none (yet).
  v1::Agreement AtOffice(const std::string& office, const std::string& id) {
    v1::GetOfficeAgreementRequest req;
    req.set_id(id);
    v1::GetOfficeAgreementResponse resp;
    grpc::ClientContext ctx;
    if (!offices_.at(office).stub->GetAgreement(&ctx, req, &resp).ok()) return {};
    return resp.agreement();
  }

  grpc::Status Decide(const std::string& office, bool ratify, const std::string& id, int version,
                      const std::string& hash, const std::string& comment = "") {
    v1::DecideAgreementRequest req;
    req.set_agreement_id(id);
    req.set_version_number(version);
    req.set_text_sha256(hash);
    req.set_comment(comment);
    v1::DecideAgreementResponse resp;
    grpc::ClientContext ctx;
    auto& stub = offices_.at(office).stub;
    return ratify ? stub->RatifyAgreement(&ctx, req, &resp)
                  : stub->RejectAgreement(&ctx, req, &resp);
  }

  static const v1::AgreementVersion* VersionOf(const v1::Agreement& a, int number) {
    for (const auto& v : a.versions()) {
      if (v.number() == number) return &v;
    }
    return nullptr;
  }
  static v1::AgreementVersionState StateOf(const v1::Agreement& a, int number) {
    const v1::AgreementVersion* v = VersionOf(a, number);
    return v == nullptr ? v1::AGREEMENT_VERSION_STATE_UNSPECIFIED : v->state();
  }
  static int Ratified(const v1::Agreement& a, int number) {
    const v1::AgreementVersion* v = VersionOf(a, number);
    int n = 0;
    if (v != nullptr) {
      for (const auto& o : v->offices()) n += o.standing() == v1::OFFICE_STANDING_RATIFIED;
    }
    return n;
  }

  // Waits until every office listed sees version `number` of `id` in `state`.
  void AwaitEverywhere(const std::vector<std::string>& offices, const std::string& id, int number,
                       v1::AgreementVersionState state) {
    for (const std::string& office : offices) {
      Await(absl::StrCat(office, " sees version ", number, " in state ", state),
            [&] { return StateOf(AtOffice(office, id), number) == state; });
    }
  }

  // ---- Trails.
  // A trail stub for an office (coordinator token) or, for "aggregator", the district's
  // (district-coordinator token).
  std::unique_ptr<v1::TrailService::Stub> TrailOf(const std::string& server) {
    if (server == "aggregator") {
      return v1::TrailService::NewStub(aggregator_->server().InProcessChannel(
          CreateTestToken(aggregator_->database(), domain::Role::kDistrictCoordinator)));
    }
    Office& o = offices_.at(server);
    return v1::TrailService::NewStub(o.app->server().InProcessChannel(
        CreateTestToken(o.app->database(), domain::Role::kCoordinator)));
  }
  static std::vector<v1::TrailEntry> ListTrail(v1::TrailService::Stub& stub) {
    v1::ListTrailResponse resp;
    grpc::ClientContext ctx;
    grpc::Status s = stub.ListTrail(&ctx, v1::ListTrailRequest(), &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return {resp.entries().begin(), resp.entries().end()};
  }
  static v1::VerifyTrailResponse VerifyTrail(v1::TrailService::Stub& stub) {
    v1::VerifyTrailResponse resp;
    grpc::ClientContext ctx;
    grpc::Status s = stub.VerifyTrail(&ctx, v1::VerifyTrailRequest(), &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp;
  }
  // Runs `sql` on the database at `dsn` with the trail's append-only triggers off: someone with
  // direct access to the database.
  static void Tamper(const std::string& dsn, const std::string& sql) {
    pqxx::connection conn(dsn);
    pqxx::work w(conn);
    w.exec("ALTER TABLE trail DISABLE TRIGGER USER");
    w.exec(sql);
    w.exec("ALTER TABLE trail ENABLE TRIGGER USER");
    w.commit();
  }

  config::DistrictConfig district_;
  TestDatabase aggregator_db_;
  std::unique_ptr<aggregator::AggregatorApp> aggregator_;
  std::unique_ptr<v1::DistrictService::Stub> district_stub_;
  std::map<std::string, Office> offices_;
};

TEST_F(AgreementsSyncTest, OfflineOfficeRatifiesWhenBackAndTheVersionEntersIntoForceEverywhere) {
  v1::Agreement draft = Create(kV1);
  AwaitEverywhere(kOffices, draft.id(), 1, v1::AGREEMENT_VERSION_STATE_DRAFT);
  v1::Agreement opened = Open(draft.id(), 1);
  std::string hash = opened.versions(0).text_sha256();
  EXPECT_EQ(hash, Sha256Hex(kV1));
  AwaitEverywhere(kOffices, draft.id(), 1, v1::AGREEMENT_VERSION_STATE_OPEN_FOR_RATIFICATION);

  offices_.at("warstein").app->sync().agent()->Stop();  // Warstein goes offline
  for (const char* office : {"kreis-soest", "lippstadt", "soest"}) {
    grpc::Status s = Decide(office, true, draft.id(), 1, hash, "Beschluss des JHA");
    ASSERT_TRUE(s.ok()) << office << ": " << s.error_message();
  }
  Await("the district recorded three ratifications",
        [&] { return Ratified(AtDistrict(draft.id()), 1) == 3; });
  v1::Agreement at_district = AtDistrict(draft.id());
  EXPECT_EQ(StateOf(at_district, 1), v1::AGREEMENT_VERSION_STATE_OPEN_FOR_RATIFICATION);
  EXPECT_EQ(at_district.in_force_version(), 0);
  for (const char* office : {"kreis-soest", "lippstadt", "soest"}) {
    Await(absl::StrCat(office, " sees three ratifications"),
          [&] { return Ratified(AtOffice(office, draft.id()), 1) == 3; });
    // Its own decision is now confirmed by the district.
    v1::Agreement copy = AtOffice(office, draft.id());
    ASSERT_EQ(copy.versions(0).sent_decisions_size(), 1);
    EXPECT_EQ(copy.versions(0).sent_decisions(0).status(), v1::SentDecision::STATUS_CONFIRMED);
  }
  // Offline, Warstein still reads its copy: open, nobody has ratified yet as far as it knows.
  v1::Agreement offline = AtOffice("warstein", draft.id());
  EXPECT_EQ(StateOf(offline, 1), v1::AGREEMENT_VERSION_STATE_OPEN_FOR_RATIFICATION);
  EXPECT_EQ(Ratified(offline, 1), 0);
  EXPECT_EQ(offline.versions(0).text(), kV1);

  offices_.at("warstein").app->sync().agent()->Start();  // back online
  Await("warstein catches up", [&] { return Ratified(AtOffice("warstein", draft.id()), 1) == 3; });
  ASSERT_TRUE(Decide("warstein", true, draft.id(), 1, Sha256Hex(kV1)).ok());
  AwaitEverywhere(kOffices, draft.id(), 1, v1::AGREEMENT_VERSION_STATE_IN_FORCE);
  EXPECT_EQ(AtDistrict(draft.id()).in_force_version(), 1);
  for (const std::string& office : kOffices) {
    v1::Agreement copy = AtOffice(office, draft.id());
    EXPECT_EQ(copy.in_force_version(), 1) << office;
    EXPECT_EQ(Ratified(copy, 1), 4) << office;
  }
}

TEST_F(AgreementsSyncTest, RejectionIsSeenEverywhereAndKeepsTheVersionOpen) {
  v1::Agreement opened = Open(Create(kV1).id(), 1);
  const std::string& id = opened.id();
  AwaitEverywhere(kOffices, id, 1, v1::AGREEMENT_VERSION_STATE_OPEN_FOR_RATIFICATION);
  ASSERT_TRUE(Decide("soest", false, id, 1, Sha256Hex(kV1), "§ 1 zu unbestimmt").ok());
  for (const char* office : {"kreis-soest", "lippstadt", "warstein"}) {
    ASSERT_TRUE(Decide(office, true, id, 1, Sha256Hex(kV1)).ok());
  }
  for (const std::string& office : kOffices) {
    Await(absl::StrCat(office, " sees every decision"), [&] {
      v1::Agreement copy = AtOffice(office, id);
      const v1::AgreementVersion* v = VersionOf(copy, 1);
      return v != nullptr && v->decisions_size() == 4;
    });
    v1::Agreement copy = AtOffice(office, id);
    EXPECT_EQ(StateOf(copy, 1), v1::AGREEMENT_VERSION_STATE_OPEN_FOR_RATIFICATION) << office;
    EXPECT_EQ(copy.versions(0).offices(2).office_id(), "soest");
    EXPECT_EQ(copy.versions(0).offices(2).standing(), v1::OFFICE_STANDING_REJECTED);
    EXPECT_EQ(copy.versions(0).offices(2).comment(), "§ 1 zu unbestimmt");
  }
  EXPECT_EQ(AtDistrict(id).in_force_version(), 0);
}

TEST_F(AgreementsSyncTest, RatificationWithAStaleHashIsRefusedAtTheOfficeAndAtTheDistrict) {
  v1::Agreement draft = Create(kV1);
  AwaitEverywhere({"lippstadt"}, draft.id(), 1, v1::AGREEMENT_VERSION_STATE_DRAFT);
  std::string read = AtOffice("lippstadt", draft.id()).versions(0).text_sha256();  // draft read
  v1::UpdateDraftRequest update;
  update.set_agreement_id(draft.id());
  update.set_version_number(1);
  update.set_text(kV2);
  v1::UpdateDraftResponse updated;
  grpc::ClientContext ctx;
  ASSERT_TRUE(district_stub_->UpdateDraft(&ctx, update, &updated).ok());
  Open(draft.id(), 1);
  AwaitEverywhere({"lippstadt"}, draft.id(), 1, v1::AGREEMENT_VERSION_STATE_OPEN_FOR_RATIFICATION);

  grpc::Status stale = Decide("lippstadt", true, draft.id(), 1, read);
  EXPECT_EQ(stale.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(stale.error_message().find("the text changed; read it again"), std::string::npos)
      << stale.error_message();

  // A ratification item that bypassed the office's check is rejected by the district.
  v1::RatificationItem r;
  r.set_office_id("lippstadt");
  r.set_agreement_id(draft.id());
  r.set_version_number(1);
  r.set_text_sha256(read);
  r.set_decision(v1::RATIFICATION_DECISION_RATIFY);
  v1::PushChangesRequest push;
  push.set_office_id("lippstadt");
  push.set_txn_id(NewUuid());
  push.set_to_cursor("manual");
  v1::SyncItem* item = push.add_items();
  item->set_item_type("ratification");
  item->set_item_id(NewUuid());
  item->set_origin("lippstadt");
  item->set_version(1);
  item->set_destination("aggregator");
  item->set_payload(r.SerializeAsString());
  v1::PushChangesResponse pushed;
  grpc::ClientContext push_ctx;
  auto federation = v1::FederationService::NewStub(aggregator_->server().InProcessChannel());
  ASSERT_TRUE(federation->PushChanges(&push_ctx, push, &pushed).ok());
  ASSERT_EQ(pushed.results_size(), 1);
  EXPECT_EQ(pushed.results(0).outcome(), v1::ItemResult::OUTCOME_REJECTED);
  EXPECT_NE(pushed.results(0).message().find("the text changed; read it again"), std::string::npos);
  EXPECT_EQ(AtDistrict(draft.id()).versions(0).decisions_size(), 0);
}

TEST_F(AgreementsSyncTest, DecisionsAreChainedInTheOfficesAndTheDistrictsTrail) {
  v1::Agreement a = Open(Create(kV1).id(), 1);
  AwaitEverywhere({"lippstadt", "soest"}, a.id(), 1,
                  v1::AGREEMENT_VERSION_STATE_OPEN_FOR_RATIFICATION);
  const std::string hash = Sha256Hex(kV1);
  ASSERT_TRUE(Decide("lippstadt", true, a.id(), 1, hash, "Beschluss des JHA").ok());
  ASSERT_TRUE(Decide("soest", false, a.id(), 1, hash, "§ 1 zu unbestimmt").ok());

  // At each office, in the transaction that sent the decision.
  auto lippstadt = TrailOf("lippstadt");
  std::vector<v1::TrailEntry> at_lippstadt = ListTrail(*lippstadt);
  ASSERT_EQ(at_lippstadt.size(), 1u);
  EXPECT_EQ(at_lippstadt[0].seq(), 1);
  EXPECT_EQ(at_lippstadt[0].kind(), "ratification");
  EXPECT_EQ(at_lippstadt[0].subject(), a.id() + "/1");
  EXPECT_EQ(at_lippstadt[0].counterpart(), "");
  EXPECT_NE(at_lippstadt[0].details().find("version 1 sha256 " + hash), std::string::npos)
      << at_lippstadt[0].details();
  EXPECT_EQ(at_lippstadt[0].details().find("JHA"), std::string::npos);  // no free text
  EXPECT_EQ(at_lippstadt[0].actor().rfind("token:", 0), 0u);
  auto soest = TrailOf("soest");
  std::vector<v1::TrailEntry> at_soest = ListTrail(*soest);
  ASSERT_EQ(at_soest.size(), 1u);
  EXPECT_EQ(at_soest[0].kind(), "rejection");
  EXPECT_TRUE(ListTrail(*TrailOf("warstein")).empty());

  // At the district, once applied: the same decisions, each with its office.
  auto district = TrailOf("aggregator");
  std::vector<v1::TrailEntry> at_district;
  Await("the district chained both decisions", [&] {
    at_district = ListTrail(*district);
    return at_district.size() == 2;
  });
  ASSERT_EQ(at_district.size(), 2u);
  std::map<std::string, v1::TrailEntry> by_office;
  for (const v1::TrailEntry& e : at_district) by_office[e.counterpart()] = e;
  ASSERT_EQ(by_office.count("lippstadt"), 1u);
  ASSERT_EQ(by_office.count("soest"), 1u);
  EXPECT_EQ(by_office["lippstadt"].kind(), "ratification");
  EXPECT_EQ(by_office["lippstadt"].actor(), "office:lippstadt");
  EXPECT_EQ(by_office["lippstadt"].details(), at_lippstadt[0].details());  // same decision id
  EXPECT_EQ(by_office["soest"].kind(), "rejection");
  EXPECT_EQ(by_office["soest"].details(), at_soest[0].details());

  for (auto* stub : {lippstadt.get(), soest.get(), district.get()}) {
    v1::VerifyTrailResponse v = VerifyTrail(*stub);
    EXPECT_TRUE(v.intact()) << v.reason();
    EXPECT_EQ(v.first_broken_seq(), 0);
  }
  EXPECT_EQ(VerifyTrail(*district).entries_checked(), 2);

  // Tampering with a row is reported at its seq.
  Tamper(aggregator_db_.dsn, "UPDATE trail SET counterpart = 'warstein' WHERE seq = 2");
  v1::VerifyTrailResponse broken = VerifyTrail(*district);
  EXPECT_FALSE(broken.intact());
  EXPECT_EQ(broken.first_broken_seq(), 2);
  EXPECT_EQ(broken.problem(), v1::TRAIL_PROBLEM_ALTERED);
  Tamper(offices_.at("lippstadt").database.dsn, "DELETE FROM trail WHERE seq = 1");
  v1::VerifyTrailResponse deleted = VerifyTrail(*lippstadt);
  EXPECT_FALSE(deleted.intact());
  EXPECT_EQ(deleted.first_broken_seq(), 1);
  EXPECT_EQ(deleted.problem(), v1::TRAIL_PROBLEM_MISSING);
  EXPECT_TRUE(VerifyTrail(*soest).intact());
}

TEST_F(AgreementsSyncTest, NewerVersionInForceSupersedesTheOlderOneEverywhere) {
  v1::Agreement a = Open(Create(kV1).id(), 1);
  AwaitEverywhere(kOffices, a.id(), 1, v1::AGREEMENT_VERSION_STATE_OPEN_FOR_RATIFICATION);
  for (const std::string& office : kOffices) {
    ASSERT_TRUE(Decide(office, true, a.id(), 1, Sha256Hex(kV1)).ok());
  }
  AwaitEverywhere(kOffices, a.id(), 1, v1::AGREEMENT_VERSION_STATE_IN_FORCE);

  v1::AddVersionRequest add;
  add.set_agreement_id(a.id());
  add.set_text(kV2);
  add.set_change_note("§ 2 Mitteilungswege der Geburtskliniken");
  v1::AddVersionResponse added;
  grpc::ClientContext ctx;
  ASSERT_TRUE(district_stub_->AddVersion(&ctx, add, &added).ok());
  Open(a.id(), 2);
  AwaitEverywhere(kOffices, a.id(), 2, v1::AGREEMENT_VERSION_STATE_OPEN_FOR_RATIFICATION);
  for (const std::string& office : kOffices) {
    ASSERT_TRUE(Decide(office, true, a.id(), 2, Sha256Hex(kV2)).ok());
  }
  AwaitEverywhere(kOffices, a.id(), 2, v1::AGREEMENT_VERSION_STATE_IN_FORCE);
  AwaitEverywhere(kOffices, a.id(), 1, v1::AGREEMENT_VERSION_STATE_SUPERSEDED);
  for (const std::string& office : kOffices) {
    v1::Agreement copy = AtOffice(office, a.id());
    EXPECT_EQ(copy.in_force_version(), 2) << office;
    EXPECT_TRUE(copy.versions(0).has_superseded_time()) << office;
    EXPECT_EQ(copy.versions(1).change_note(), "§ 2 Mitteilungswege der Geburtskliniken");
  }
}

TEST_F(AgreementsSyncTest, OfficesReadTheWholeHistoryWhileTheAggregatorIsStopped) {
  v1::Agreement a = Open(Create(kV1).id(), 1);
  AwaitEverywhere(kOffices, a.id(), 1, v1::AGREEMENT_VERSION_STATE_OPEN_FOR_RATIFICATION);
  ASSERT_TRUE(Decide("lippstadt", false, a.id(), 1, Sha256Hex(kV1), "erst nach JHA").ok());
  for (const std::string& office : kOffices) {
    Await(absl::StrCat(office, " sees the rejection"), [&] {
      v1::Agreement copy = AtOffice(office, a.id());
      const v1::AgreementVersion* v = VersionOf(copy, 1);
      return v != nullptr && v->decisions_size() == 1;
    });
  }

  StopAggregator();
  for (const std::string& office : kOffices) {
    v1::ListOfficeAgreementsRequest list;
    v1::ListOfficeAgreementsResponse listed;
    grpc::ClientContext ctx;
    ASSERT_TRUE(offices_.at(office).stub->ListAgreements(&ctx, list, &listed).ok()) << office;
    ASSERT_EQ(listed.agreements_size(), 1) << office;
    v1::Agreement copy = AtOffice(office, a.id());
    EXPECT_EQ(copy.versions(0).text(), kV1) << office;
    EXPECT_EQ(copy.versions(0).decisions(0).comment(), "erst nach JHA") << office;
  }
  // Decisions taken meanwhile wait in the office and travel once the aggregator is back.
  ASSERT_TRUE(Decide("lippstadt", true, a.id(), 1, Sha256Hex(kV1), "JHA hat zugestimmt").ok());
  EXPECT_EQ(AtOffice("lippstadt", a.id()).versions(0).sent_decisions(1).status(),
            v1::SentDecision::STATUS_AWAITING_CONFIRMATION);

  StartAggregator();
  Await("the district records the later ratification",
        [&] { return Ratified(AtDistrict(a.id()), 1) == 1; });
  Await("lippstadt sees it confirmed", [&] {
    v1::Agreement copy = AtOffice("lippstadt", a.id());
    const v1::AgreementVersion* v = VersionOf(copy, 1);
    return v != nullptr && v->sent_decisions_size() == 2 &&
           v->sent_decisions(1).status() == v1::SentDecision::STATUS_CONFIRMED;
  });
}

TEST_F(AgreementsSyncTest, OfficeProposalIsAdoptedAsADraftThatEveryOfficeSees) {
  v1::ProposeAgreementRequest propose;
  propose.set_kind(v1::AGREEMENT_KIND_REPORTING_PATHS);
  propose.set_title("Mitteilungswege Schule – Jugendamt");
  propose.set_text("Schule → ASD: Meldebogen nach § 4 KKG, Eingang binnen 24 Stunden.");
  v1::ProposeAgreementResponse proposed;
  grpc::ClientContext c1;
  ASSERT_TRUE(offices_.at("soest").stub->ProposeAgreement(&c1, propose, &proposed).ok());

  v1::ListProposalsResponse proposals;
  Await("the district received the proposal", [&] {
    grpc::ClientContext ctx;
    return district_stub_->ListProposals(&ctx, v1::ListProposalsRequest(), &proposals).ok() &&
           proposals.proposals_size() == 1;
  });
  EXPECT_EQ(proposals.proposals(0).id(), proposed.proposal().id());
  v1::AdoptProposalRequest adopt;
  adopt.set_proposal_id(proposed.proposal().id());
  v1::AdoptProposalResponse adopted;
  grpc::ClientContext c2;
  ASSERT_TRUE(district_stub_->AdoptProposal(&c2, adopt, &adopted).ok());
  const std::string& id = adopted.agreement().id();
  AwaitEverywhere(kOffices, id, 1, v1::AGREEMENT_VERSION_STATE_DRAFT);
  v1::Agreement copy = AtOffice("warstein", id);
  EXPECT_EQ(copy.proposed_by_office(), "soest");
  EXPECT_EQ(copy.versions(0).proposal_id(), proposed.proposal().id());
  EXPECT_EQ(copy.versions(0).text(), propose.text());
}

}  // namespace
}  // namespace schutznetz::testing
