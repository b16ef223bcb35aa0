// The district's InsoFa pool across real processes: with the Kreis Soest demo loaded, Wiebke
// Winter of Lippstadt (consent recorded) is found by a search at Warstein once the sync has run;
// Georg Gruber of the Kreisjugendamt, an InsoFa without consent, appears in no office's search.
// When Wiebke Winter withdraws her consent at Lippstadt, her entry disappears at Warstein, and a
// scan of every database of the district finds her name only in Lippstadt's and Georg Gruber's
// only in the Kreisjugendamt's.
#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "schutznetz/v1/consent_service.grpc.pb.h"
#include "schutznetz/v1/insofa_service.grpc.pb.h"
#include "schutznetz/v1/member_service.grpc.pb.h"
#include "tests/e2e/e2e_support.h"
#include "tests/support/demo.h"

namespace schutznetz::testing {
namespace {

std::vector<std::string> LastNames(v1::InsofaService::Stub& stub,
                                   const v1::SearchInsofaPoolRequest& req = {}) {
  auto found = CallOk<v1::SearchInsofaPoolResponse>(
      [&](auto* ctx, auto* resp) { return stub.SearchInsofaPool(ctx, req, resp); });
  std::vector<std::string> names;
  for (const v1::InsofaEntry& e : found.entries()) names.push_back(e.last_name());
  return names;
}

bool Has(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

TEST(InsofaPoolTest, ConsentedEntriesReachEveryOfficeAndAWithdrawalRemovesEveryCopy) {
  auto district = StartKreisSoest();
  ASSERT_NE(district, nullptr);
  ASSERT_TRUE(LoadDemo(*district, SCHUTZNETZ_SOURCE_DIR "/tenants/kreis-soest").ok());
  auto dsn_of = [&](const std::string& office) {
    return district->cluster().Dsn(district->office(office).database);
  };

  auto warstein = v1::InsofaService::NewStub(district->ChannelTo(district->office("warstein")));
  // Warstein's own Fachkraft and those of the other three offices, after the sync.
  ASSERT_TRUE(Eventually([&] {
    std::vector<std::string> names = LastNames(*warstein);
    return Has(names, "Winter") && Has(names, "Demir") && Has(names, "Falk") &&
           Has(names, "Esser");
  })) << "the other offices' entries never reached Warstein";
  for (const std::string& office : district->office_ids()) {
    auto stub = v1::InsofaService::NewStub(district->ChannelTo(district->office(office)));
    std::vector<std::string> names = LastNames(*stub);
    EXPECT_FALSE(Has(names, "Gruber")) << "an InsoFa without consent is listed at " << office;
  }

  // At Warstein, by specialisation and municipality, through netzctl.
  CommandResult search =
      Netzctl({"--target", district->office("warstein").address, "insofa", "search",
               "--specialisation", "early_childhood", "--municipality", "Lippstadt"});
  ASSERT_EQ(search.exit_code, 0) << search.output;
  EXPECT_NE(search.output.find("Winter, Wiebke"), std::string::npos) << search.output;
  EXPECT_NE(search.output.find("lippstadt (kreisweit)"), std::string::npos) << search.output;
  EXPECT_NE(search.output.find("Mo–Fr 9–12 Uhr"), std::string::npos) << search.output;
  EXPECT_EQ(search.output.find("Esser"), std::string::npos) << search.output;
  v1::SearchInsofaPoolRequest by_language;
  by_language.set_language("tr");
  EXPECT_EQ(LastNames(*warstein, by_language), std::vector<std::string>{"Demir"});

  // Wiebke Winter withdraws her consent at Lippstadt.
  auto lippstadt = district->ChannelTo(district->office("lippstadt"));
  auto members = v1::MemberService::NewStub(lippstadt);
  v1::ListMembersRequest find;
  find.set_name_contains("Winter");
  auto found = CallOk<v1::ListMembersResponse>(
      [&](auto* ctx, auto* resp) { return members->ListMembers(ctx, find, resp); });
  ASSERT_EQ(found.members_size(), 1);
  auto consents = v1::ConsentService::NewStub(lippstadt);
  v1::WithdrawConsentRequest withdraw;
  withdraw.set_member_id(found.members(0).id());
  withdraw.set_purpose(v1::CONSENT_PURPOSE_INSOFA_POOL);
  withdraw.set_source(v1::CONSENT_SOURCE_PAPER);
  CallOk<v1::WithdrawConsentResponse>(
      [&](auto* ctx, auto* resp) { return consents->WithdrawConsent(ctx, withdraw, resp); });
  auto lippstadt_insofa = v1::InsofaService::NewStub(lippstadt);
  EXPECT_FALSE(Has(LastNames(*lippstadt_insofa), "Winter"));

  ASSERT_TRUE(Eventually([&] { return !Has(LastNames(*warstein), "Winter"); }))
      << "Warstein still lists the withdrawn entry";
  for (const std::string office : {"soest", "kreis-soest"}) {
    auto stub = v1::InsofaService::NewStub(district->ChannelTo(district->office(office)));
    ASSERT_TRUE(Eventually([&] { return !Has(LastNames(*stub), "Winter"); })) << office;
  }

  // Every copy is gone: her name is in Lippstadt's database only (her member row), Georg
  // Gruber's in the Kreisjugendamt's only.
  const std::string aggregator_dump =
      DumpDatabase(district->cluster().Dsn(district->aggregator().database));
  EXPECT_EQ(aggregator_dump.find("Wiebke"), std::string::npos) << "in the aggregator";
  EXPECT_EQ(aggregator_dump.find("Gruber"), std::string::npos) << "in the aggregator";
  for (const std::string& office : district->office_ids()) {
    const std::string dump = DumpDatabase(dsn_of(office));
    EXPECT_EQ(dump.find("Wiebke") != std::string::npos, office == "lippstadt") << office;
    EXPECT_EQ(dump.find("Gruber") != std::string::npos, office == "kreis-soest") << office;
  }
}

}  // namespace
}  // namespace schutznetz::testing
