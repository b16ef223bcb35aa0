#include "services/aggregator/district_fixture.h"

#include "absl/strings/escaping.h"
#include "libs/common/sha256.h"
#include "libs/common/uuid.h"
#include "libs/rpc/proto_util.h"
#include "libs/storage/tx.h"

namespace schutznetz::aggregator {

void DistrictServiceTest::SetUp() {
  DbTest::SetUp();
  Clock clock = [this] { return now_; };
  relay_ = std::make_unique<sync::Outbox>("aggregator", nullptr);
  publisher_ = std::make_unique<AgreementPublisher>(*relay_);
  ratifications_ = std::make_unique<RatificationHandler>(*publisher_, clock);
  proposals_ = std::make_unique<AgreementProposalHandler>(clock);
  applier_.Register(domain::kRatificationItem, ratifications_.get());
  applier_.Register(domain::kAgreementProposalItem, proposals_.get());
  service_ = std::make_unique<DistrictService>(db(), *publisher_, rules_, KreisSoest(), clock);
  gate_ = std::make_unique<schutznetz::testing::TestGate>(db(), domain::ServerKind::kDistrict);
  rpc::ServerOptions options{.listen = "127.0.0.1:0"};
  gate_->InstallOn(options);
  auto server = rpc::RpcServer::Start(options, {service_.get()});
  ASSERT_TRUE(server.ok()) << server.status();
  server_ = *std::move(server);
  stub_ = v1::DistrictService::NewStub(server_->InProcessChannel(gate_->secret()));
}

config::DistrictConfig DistrictServiceTest::KreisSoest() {
  config::DistrictConfig c;
  c.id = "kreis-soest";
  c.name = "Kreis Soest";
  c.offices = {{"kreis-soest", "Kreisjugendamt Soest"},
               {"lippstadt", "Jugendamt der Stadt Lippstadt"},
               {"soest", "Jugendamt der Stadt Soest"},
               {"warstein", "Jugendamt der Stadt Warstein"}};
  return c;
}

v1::Agreement DistrictServiceTest::Create(const std::string& title) {
  v1::CreateAgreementRequest req;
  req.set_kind(v1::AGREEMENT_KIND_COOPERATION_AGREEMENT);
  req.set_title(title);
  req.set_text(kText);
  req.set_change_note("Entwurf der Steuerungsgruppe");
  v1::CreateAgreementResponse resp;
  grpc::ClientContext ctx;
  grpc::Status s = stub_->CreateAgreement(&ctx, req, &resp);
  EXPECT_TRUE(s.ok()) << s.error_message();
  return resp.agreement();
}

grpc::Status DistrictServiceTest::Open(const std::string& id, int version, v1::Agreement* out,
                                       const std::string& etag) {
  v1::OpenForRatificationRequest req;
  req.set_agreement_id(id);
  req.set_version_number(version);
  req.set_etag(etag);
  v1::OpenForRatificationResponse resp;
  grpc::ClientContext ctx;
  grpc::Status s = stub_->OpenForRatification(&ctx, req, &resp);
  if (out != nullptr) *out = resp.agreement();
  return s;
}

v1::Agreement DistrictServiceTest::CreateOpen() {
  v1::Agreement a = Create();
  v1::Agreement opened;
  grpc::Status s = Open(a.id(), 1, &opened);
  EXPECT_TRUE(s.ok()) << s.error_message();
  return opened;
}

v1::Agreement DistrictServiceTest::Get(const std::string& id) {
  v1::GetAgreementRequest req;
  req.set_id(id);
  v1::GetAgreementResponse resp;
  grpc::ClientContext ctx;
  grpc::Status s = stub_->GetAgreement(&ctx, req, &resp);
  EXPECT_TRUE(s.ok()) << s.error_message();
  return resp.agreement();
}

v1::Agreement DistrictServiceTest::LastItem() {
  v1::Agreement a;
  std::string hex = QueryScalar(
      "SELECT encode(payload, 'hex') FROM change_log WHERE item_type = 'agreement' "
      "ORDER BY id DESC LIMIT 1");
  EXPECT_TRUE(a.ParseFromString(absl::HexStringToBytes(hex)));
  return a;
}

std::string DistrictServiceTest::Count(const std::string& table) {
  return QueryScalar("SELECT count(*) FROM " + table);
}

sync::ApplyResult DistrictServiceTest::Apply(const domain::SyncItem& item) {
  sync::ApplyResult out;
  absl::Status s = db().Transact([&](storage::Tx& tx) -> absl::Status {
    absl::StatusOr<sync::ApplyResult> r = applier_.Apply(tx, item);
    if (!r.ok()) return r.status();
    out = *r;
    return absl::OkStatus();
  });
  EXPECT_TRUE(s.ok()) << s;
  return out;
}

domain::SyncItem DistrictServiceTest::Ratification(const std::string& office,
                                                   const v1::Agreement& a, int number,
                                                   v1::RatificationDecision decision,
                                                   const std::string& text_sha256) {
  v1::RatificationItem r;
  r.set_office_id(office);
  r.set_agreement_id(a.id());
  r.set_version_number(number);
  std::string hash = text_sha256;
  if (hash.empty()) {
    for (const auto& v : a.versions()) {
      if (v.number() == number) hash = v.text_sha256();
    }
  }
  r.set_text_sha256(hash);
  r.set_decision(decision);
  r.set_comment("Beschluss des Jugendhilfeausschusses");
  rpc::ToProto(now_, r.mutable_decide_time());
  return {domain::kRatificationItem, NewUuid(), office, 1, domain::kToAggregator,
          r.SerializeAsString(),     now_};
}

}  // namespace schutznetz::aggregator
