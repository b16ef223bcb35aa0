// mTLS between the offices and the aggregator, with the real processes and certificates of
// scripts/dev-ca: the aggregator takes the office from the verified client certificate, refuses
// certificates of another CA, expired or revoked ones, and an office pushing another office's
// items — storing nothing. User calls need an API token over TLS as well; a certificate is none.
#include <gtest/gtest.h>

#include <chrono>

#include <pqxx/pqxx>

#include "absl/time/clock.h"
#include "libs/rpc/tls.h"
#include "schutznetz/v1/district_service.grpc.pb.h"
#include "schutznetz/v1/federation_service.grpc.pb.h"
#include "schutznetz/v1/organisation_service.grpc.pb.h"
#include "tests/e2e/e2e_support.h"

namespace schutznetz::testing {
namespace {

constexpr char kItemId[] = "00000000-0000-4000-8000-000000000001";

class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    district_ = StartKreisSoest();
    ASSERT_NE(district_, nullptr);
  }

  std::string DevCa() const { return std::string(SCHUTZNETZ_SOURCE_DIR) + "/scripts/dev-ca"; }

  void RunDevCa(const std::vector<std::string>& args) {
    ProcessOptions o;
    o.argv = {DevCa()};
    o.argv.insert(o.argv.end(), args.begin(), args.end());
    std::string out;
    absl::StatusOr<int> rc = RunCommand(o, absl::Seconds(60), &out);
    ASSERT_TRUE(rc.ok() && *rc == 0) << out;
  }

  // A FederationService stub to the aggregator presenting `cert`/`key`, verifying with `ca`.
  std::unique_ptr<v1::FederationService::Stub> Stub(const std::string& cert, const std::string& key,
                                                    const std::string& ca) {
    auto credentials = rpc::TlsChannelCredentials({cert, key, ca});
    EXPECT_TRUE(credentials.ok()) << credentials.status();
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    return v1::FederationService::NewStub(
        grpc::CreateCustomChannel(district_->aggregator().address, *credentials, args));
  }

  std::unique_ptr<v1::FederationService::Stub> OfficeStub(const std::string& office) {
    const DistrictPki& pki = district_->pki();
    return Stub(pki.OfficeCert(office), pki.OfficeKey(office), pki.ca_file);
  }

  grpc::Status Push(v1::FederationService::Stub& stub, const std::string& office_id,
                    const std::string& origin = "") {
    v1::PushChangesRequest req;
    req.set_office_id(office_id);
    req.set_txn_id("tls-test-" + std::to_string(absl::ToUnixNanos(absl::Now())));
    if (!origin.empty()) {
      v1::SyncItem* item = req.add_items();
      item->set_item_type("district_event");
      item->set_item_id(kItemId);
      item->set_origin(origin);
      item->set_version(1);
      item->set_payload("x");
    }
    v1::PushChangesResponse resp;
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    return stub.PushChanges(&ctx, req, &resp);
  }

  // Rows the aggregator holds of the test's item or of any batch of the test: applied, held,
  // relayed, or answered.
  int64_t StoredRows() {
    pqxx::connection c(district_->cluster().Dsn(district_->aggregator().database));
    pqxx::work tx(c);
    return tx.exec_params1(
                 "SELECT (SELECT count(*) FROM sync_inbox WHERE item_id = $1) "
                 "+ (SELECT count(*) FROM sync_held WHERE item_id = $1) "
                 "+ (SELECT count(*) FROM change_log WHERE item_id = $1) "
                 "+ (SELECT count(*) FROM sync_txns WHERE txn_id LIKE 'tls-test-%')",
                 kItemId)[0]
        .as<int64_t>();
  }

  // The aggregator's audit entries of federation calls with `outcome`, oldest first, each as
  // "actor | method | detail".
  std::vector<std::string> FederationAudit(const std::string& outcome) {
    pqxx::connection c(district_->cluster().Dsn(district_->aggregator().database));
    pqxx::work tx(c);
    std::vector<std::string> rows;
    for (const auto& row : tx.exec_params(
             "SELECT actor || ' | ' || method || ' | ' || detail FROM audit_log "
             "WHERE method LIKE 'FederationService/%' AND outcome = $1 ORDER BY id",
             outcome)) {
      rows.push_back(row[0].as<std::string>());
    }
    return rows;
  }

  static bool AnyContains(const std::vector<std::string>& rows, const std::string& a,
                          const std::string& b = "") {
    for (const std::string& r : rows) {
      if (r.find(a) != std::string::npos && r.find(b) != std::string::npos) return true;
    }
    return false;
  }

  std::unique_ptr<LocalDistrict> district_;
};

TEST_F(TlsTest, TheOfficeIsTheOneOfItsCertificate) {
  auto lippstadt = OfficeStub("lippstadt");
  EXPECT_TRUE(Push(*lippstadt, "lippstadt").ok());
  EXPECT_TRUE(Push(*lippstadt, "").ok()) << "office_id may be left to the certificate";
  grpc::Status claimed = Push(*lippstadt, "soest");
  EXPECT_EQ(claimed.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_NE(claimed.error_message().find("client certificate"), std::string::npos);

  // Audited: the accepted batches under the certificate's office, the claim of another office
  // as denied under the certificate's identity.
  EXPECT_TRUE(AnyContains(FederationAudit("ok"), "office:lippstadt | FederationService/PushChanges",
                          "items=0"));
  std::vector<std::string> denied = FederationAudit("denied");
  ASSERT_EQ(denied.size(), 1u);
  EXPECT_NE(denied[0].find("certificate:spiffe://kreis-soest/office/lippstadt | "
                           "FederationService/PushChanges | office_id: 'soest'"),
            std::string::npos)
      << denied[0];
}

TEST_F(TlsTest, AnOfficePushingAnotherOfficesItemsIsRefusedAndNothingIsStored) {
  auto lippstadt = OfficeStub("lippstadt");
  grpc::Status s = Push(*lippstadt, "", "soest");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED) << s.error_message();
  EXPECT_NE(s.error_message().find("own items"), std::string::npos) << s.error_message();
  EXPECT_EQ(StoredRows(), 0);
  EXPECT_TRUE(AnyContains(FederationAudit("denied"), "office:lippstadt | FederationService/Push",
                          "own items"));
}

TEST_F(TlsTest, CertificatesOfAnotherCaOrExpiredOrWithoutOfficeAreRefused) {
  std::string pki = district_->pki().dir;
  std::string other = pki + "-other";
  RunDevCa({"district", other, "kreis-soest", "lippstadt"});
  // Same office name, but signed by another CA: the TLS handshake fails.
  auto foreign = Stub(other + "/office-lippstadt.pem", other + "/office-lippstadt.key",
                      district_->pki().ca_file);
  EXPECT_EQ(Push(*foreign, "lippstadt").error_code(), grpc::StatusCode::UNAVAILABLE);

  RunDevCa({"office", pki, "expired", "--start", "20200101000000Z", "--end", "20210101000000Z"});
  auto expired = Stub(pki + "/office-expired.pem", pki + "/office-expired.key",
                      district_->pki().ca_file);
  EXPECT_EQ(Push(*expired, "").error_code(), grpc::StatusCode::UNAVAILABLE);

  // Valid, but names no office of the district (district coordination's client certificate).
  auto coordination = Stub(district_->pki().client_cert_file, district_->pki().client_key_file,
                           district_->pki().ca_file);
  EXPECT_EQ(Push(*coordination, "lippstadt").error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_TRUE(AnyContains(FederationAudit("denied"), "certificate:spiffe://",
                          "names no office of this district"));

  // No client certificate at all.
  auto anonymous = Stub("", "", district_->pki().ca_file);
  EXPECT_EQ(Push(*anonymous, "lippstadt").error_code(), grpc::StatusCode::UNAVAILABLE);
}

TEST_F(TlsTest, ARevokedOfficeCertificateIsRefused) {
  auto warstein = OfficeStub("warstein");
  ASSERT_TRUE(Push(*warstein, "warstein").ok());
  RunDevCa({"revoke", district_->pki().dir, district_->pki().OfficeCert("warstein")});
  grpc::Status s = Push(*OfficeStub("warstein"), "warstein");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_NE(s.error_message().find("revoked"), std::string::npos) << s.error_message();
  EXPECT_TRUE(Push(*OfficeStub("soest"), "soest").ok());
  EXPECT_TRUE(AnyContains(FederationAudit("denied"),
                          "certificate:spiffe://kreis-soest/office/warstein", "revoked"));
}

TEST_F(TlsTest, UserCallsNeedATokenOverTlsAndACertificateIsNone) {
  // District coordination's client certificate gets it through the handshake; the call itself
  // needs a district token.
  v1::ListAgreementsRequest list;
  v1::ListAgreementsResponse agreements;
  grpc::ClientContext no_token;
  grpc::Status refused =
      v1::DistrictService::NewStub(district_->ChannelTo(district_->aggregator(), ""))
          ->ListAgreements(&no_token, list, &agreements);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::UNAUTHENTICATED) << refused.error_message();
  grpc::ClientContext with_token;
  grpc::Status listed = v1::DistrictService::NewStub(district_->ChannelTo(district_->aggregator()))
                            ->ListAgreements(&with_token, list, &agreements);
  EXPECT_TRUE(listed.ok()) << listed.error_message();

  // An office's certificate identifies it for the sync, not as a user of the district API.
  auto credentials = rpc::TlsChannelCredentials({district_->pki().OfficeCert("lippstadt"),
                                                 district_->pki().OfficeKey("lippstadt"),
                                                 district_->pki().ca_file});
  ASSERT_TRUE(credentials.ok()) << credentials.status();
  grpc::ClientContext office_ctx;
  grpc::Status office = v1::DistrictService::NewStub(grpc::CreateChannel(
                                                         district_->aggregator().address,
                                                         *credentials))
                            ->ListAgreements(&office_ctx, list, &agreements);
  EXPECT_EQ(office.error_code(), grpc::StatusCode::UNAUTHENTICATED) << office.error_message();

  // At an office, over TLS without a client certificate: the token decides.
  v1::ListOrganisationsResponse organisations;
  grpc::ClientContext office_no_token;
  EXPECT_EQ(v1::OrganisationService::NewStub(district_->ChannelTo(district_->office("soest"), ""))
                ->ListOrganisations(&office_no_token, v1::ListOrganisationsRequest(),
                                    &organisations)
                .error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  grpc::ClientContext office_token;
  EXPECT_TRUE(v1::OrganisationService::NewStub(district_->ChannelTo(district_->office("soest")))
                  ->ListOrganisations(&office_token, v1::ListOrganisationsRequest(),
                                      &organisations)
                  .ok());
}

TEST_F(TlsTest, PlaintextIsRefusedByEveryService) {
  CommandResult office =
      Netzctl({"--insecure-dev", "--target", district_->office("soest").address, "health", "check"});
  EXPECT_NE(office.exit_code, 0) << office.output;
  CommandResult aggregator =
      Netzctl({"--insecure-dev", "--target", district_->aggregator().address, "health", "check"});
  EXPECT_NE(aggregator.exit_code, 0) << aggregator.output;
  CommandResult tls = Netzctl({"--target", district_->aggregator().address, "health", "check"});
  EXPECT_EQ(tls.exit_code, 0) << tls.output;
}

}  // namespace
}  // namespace schutznetz::testing
