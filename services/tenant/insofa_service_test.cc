// InsofaService, InsofaLink and InsofaMirrorHandler on a real database: entries only with the
// consent CONSENT_PURPOSE_INSOFA_POOL, sync items and tombstones, the search over own and
// mirrored entries, and the quarterly consultation counts. tests/e2e/insofa_test.cc runs the
// district with real processes.
#include <functional>
#include <tuple>

#include <gtest/gtest.h>

#include "libs/federation/insofa_items.h"
#include "libs/storage/tx.h"
#include "schutznetz/v1/insofa_service.grpc.pb.h"
#include "services/tenant/insofa_link.h"
#include "services/tenant/insofa_service.h"
#include "services/tenant/tenant_fixture.h"

namespace schutznetz::tenant {
namespace {

constexpr char kSoestEntry[] = "3c9d7e21-5b8a-4f60-a1d2-6e4f8b0c9a17";
constexpr char kWarsteinEntry[] = "8a2e4c61-0f3b-4d97-b5e8-1c7a9d2f6b30";

class InsofaServiceTest : public CrossOfficeTest {
 protected:
  void SetUp() override {
    CrossOfficeTest::SetUp();
    insofa_link_ = std::make_unique<InsofaLink>(*outbox_, [this] { return now_; });
    consent_book_->AddObserver(insofa_link_.get());
    mirror_ = std::make_unique<InsofaMirrorHandler>("lippstadt");
    applier_.Register(federation::kInsofaEntryItem, mirror_.get());
    insofa_service_ =
        std::make_unique<InsofaService>(db(), *insofa_link_, std::vector<std::string>{"Lippstadt"});
    rpc::ServerOptions options;
    options.listen = "127.0.0.1:0";
    options.threads = 4;
    insofa_gate_ = std::make_unique<schutznetz::testing::TestGate>(db(), domain::ServerKind::kOffice);
    insofa_gate_->InstallOn(options);
    auto server = rpc::RpcServer::Start(options, {insofa_service_.get()});
    ASSERT_TRUE(server.ok()) << server.status();
    insofa_server_ = *std::move(server);
    insofa_ = v1::InsofaService::NewStub(insofa_server_->InProcessChannel(insofa_gate_->secret()));
  }

  void TearDown() override {
    insofa_server_.reset();
    CrossOfficeTest::TearDown();
  }

  grpc::Status GiveInsofaConsent(const std::string& member) {
    v1::ListConsentTextsRequest texts_req;
    texts_req.set_purpose(v1::CONSENT_PURPOSE_INSOFA_POOL);
    v1::ListConsentTextsResponse texts;
    grpc::ClientContext texts_ctx;
    EXPECT_TRUE(consents_->ListConsentTexts(&texts_ctx, texts_req, &texts).ok());
    EXPECT_GT(texts.texts_size(), 0);
    v1::GiveConsentRequest req;
    req.set_member_id(member);
    req.set_purpose(v1::CONSENT_PURPOSE_INSOFA_POOL);
    req.set_text_version(texts.texts(0).version());
    req.set_text_sha256(texts.texts(0).sha256());
    req.set_source(v1::CONSENT_SOURCE_PAPER);
    v1::GiveConsentResponse resp;
    grpc::ClientContext ctx;
    return consents_->GiveConsent(&ctx, req, &resp);
  }

  grpc::Status WithdrawInsofaConsent(const std::string& member) {
    v1::WithdrawConsentRequest req;
    req.set_member_id(member);
    req.set_purpose(v1::CONSENT_PURPOSE_INSOFA_POOL);
    req.set_source(v1::CONSENT_SOURCE_FORM);
    v1::WithdrawConsentResponse resp;
    grpc::ClientContext ctx;
    return consents_->WithdrawConsent(&ctx, req, &resp);
  }

  static v1::PutInsofaEntryRequest Entry(const std::string& member) {
    v1::PutInsofaEntryRequest req;
    req.set_member_id(member);
    req.add_specialisations(v1::INSOFA_SPECIALISATION_EARLY_CHILDHOOD);
    req.add_specialisations(v1::INSOFA_SPECIALISATION_DOMESTIC_VIOLENCE);
    req.add_languages("de");
    req.add_languages("TR");
    req.add_municipalities("lippstadt");
    req.set_how_to_request("telefonisch über das Sekretariat der Beratungsstelle, Mo–Fr 9–12 Uhr");
    return req;
  }

  grpc::Status Put(const v1::PutInsofaEntryRequest& req, v1::InsofaEntry* out = nullptr) {
    v1::PutInsofaEntryResponse resp;
    grpc::ClientContext ctx;
    grpc::Status s = insofa_->PutInsofaEntry(&ctx, req, &resp);
    if (out != nullptr) *out = resp.entry();
    return s;
  }

  v1::SearchInsofaPoolResponse Search(v1::SearchInsofaPoolRequest req = {}) {
    v1::SearchInsofaPoolResponse resp;
    grpc::ClientContext ctx;
    grpc::Status s = insofa_->SearchInsofaPool(&ctx, req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp;
  }

  std::vector<std::string> Names(const v1::SearchInsofaPoolResponse& resp) {
    std::vector<std::string> names;
    for (const v1::InsofaEntry& e : resp.entries()) names.push_back(e.last_name());
    return names;
  }

  // An entry of `office` as its sync item carries it.
  static std::string MirroredPayload(const std::string& id, const std::string& office,
                                     const std::string& last, const std::string& municipality,
                                     domain::InsofaSpecialisation s, bool withdrawn = false) {
    domain::InsofaEntry e;
    e.id = id;
    e.office = office;
    e.first_name = "Ole";
    e.last_name = last;
    e.organisation_name = "Erziehungsberatungsstelle " + municipality;
    e.profile.specialisations = {s};
    e.profile.languages = {"de", "pl"};
    e.profile.municipalities = {municipality};
    e.profile.how_to_request = "per E-Mail an die Beratungsstelle";
    return federation::InsofaEntryPayload(e, withdrawn);
  }

  int64_t EntriesStored() {
    int64_t n = 0;
    EXPECT_TRUE(db().Transact([&](storage::Tx& tx) -> absl::Status {
                      n = tx.raw().exec("SELECT count(*) FROM insofa_entries")[0][0].as<int64_t>();
                      return absl::OkStatus();
                    }).ok());
    return n;
  }

  std::unique_ptr<InsofaLink> insofa_link_;
  std::unique_ptr<InsofaMirrorHandler> mirror_;
  std::unique_ptr<InsofaService> insofa_service_;
  std::unique_ptr<schutznetz::testing::TestGate> insofa_gate_;
  std::unique_ptr<rpc::RpcServer> insofa_server_;
  std::unique_ptr<v1::InsofaService::Stub> insofa_;
};

TEST_F(InsofaServiceTest, AnEntryWithoutConsentIsRefusedNamingTheConsentAndNothingIsStoredOrSent) {
  std::string member = ActiveMember("Winter", false);
  grpc::Status s = Put(Entry(member));
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(s.error_message().find("insofa_pool"), std::string::npos) << s.error_message();
  EXPECT_NE(s.error_message().find("InsoFa-Pool"), std::string::npos) << s.error_message();
  EXPECT_EQ(EntriesStored(), 0);
  EXPECT_TRUE(Sent(federation::kInsofaEntryItem).empty());
  EXPECT_EQ(Search().entries_size(), 0);
}

TEST_F(InsofaServiceTest, ValidationErrorsNameTheFieldAndChangeNothing) {
  std::string member = ActiveMember("Winter", false);
  ASSERT_TRUE(GiveInsofaConsent(member).ok());
  v1::InsofaEntry first;
  ASSERT_TRUE(Put(Entry(member), &first).ok());
  const size_t sent = Sent(federation::kInsofaEntryItem).size();

  struct Case {
    const char* field;
    std::function<void(v1::PutInsofaEntryRequest&)> spoil;
  };
  std::vector<Case> cases = {
      {"member_id", [](auto& r) { r.set_member_id("not-a-uuid"); }},
      {"specialisations", [](auto& r) { r.clear_specialisations(); }},
      {"specialisations[1]",
       [](auto& r) { r.add_specialisations(v1::INSOFA_SPECIALISATION_OTHER);
                     r.set_specialisations(1, static_cast<v1::InsofaSpecialisation>(42)); }},
      {"languages[0]", [](auto& r) { r.set_languages(0, "deutsch"); }},
      {"languages[1]", [](auto& r) { r.set_languages(1, "de"); }},
      {"municipalities[0]", [](auto& r) { r.set_municipalities(0, "Soest"); }},
      {"how_to_request", [](auto& r) { r.set_how_to_request(std::string(501, 'x')); }},
      {"how_to_request", [](auto& r) { r.set_how_to_request("  "); }},
  };
  for (const Case& c : cases) {
    v1::PutInsofaEntryRequest req = Entry(member);
    req.clear_specialisations();
    req.add_specialisations(v1::INSOFA_SPECIALISATION_SCHOOLS);
    c.spoil(req);
    grpc::Status s = Put(req);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << c.field;
    EXPECT_NE(s.error_message().find(c.field), std::string::npos)
        << c.field << ": " << s.error_message();
  }
  v1::SearchInsofaPoolResponse listed = Search();
  ASSERT_EQ(listed.entries_size(), 1);
  EXPECT_EQ(listed.entries(0).etag(), first.etag());
  EXPECT_EQ(listed.entries(0).specialisations_size(), 2);
  EXPECT_EQ(Sent(federation::kInsofaEntryItem).size(), sent);
}

TEST_F(InsofaServiceTest, AnEntryWithConsentIsListedAndSentWithoutContactData) {
  std::string member = ActiveMember("Winter", false);
  ASSERT_TRUE(GiveInsofaConsent(member).ok());
  v1::InsofaEntry entry;
  ASSERT_TRUE(Put(Entry(member), &entry).ok());
  EXPECT_NE(entry.id(), member);
  EXPECT_EQ(entry.office(), "lippstadt");
  EXPECT_EQ(entry.organisation_name(), "Realschule Winter");
  EXPECT_EQ(entry.languages(1), "tr");
  EXPECT_EQ(entry.municipalities(0), "Lippstadt");
  EXPECT_EQ(entry.specialisation_labels(0), "Säuglinge und frühe Kindheit");

  std::vector<domain::SyncItem> sent = Sent(federation::kInsofaEntryItem);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].id, entry.id());
  EXPECT_EQ(sent[0].destination, domain::kToEveryOffice);
  EXPECT_EQ(sent[0].payload.find("schule.example"), std::string::npos);  // e-mail
  EXPECT_EQ(sent[0].payload.find("98765"), std::string::npos);           // phone
  EXPECT_EQ(sent[0].payload.find(member), std::string::npos);            // member id
  v1::InsofaPoolEntry p;
  ASSERT_TRUE(p.ParseFromString(sent[0].payload));
  EXPECT_EQ(p.last_name(), "Winter");
  EXPECT_EQ(p.how_to_request(), entry.how_to_request());

  // An update is a newer version of the same item.
  v1::PutInsofaEntryRequest update = Entry(member);
  update.set_etag(entry.etag());
  update.set_how_to_request("über die Zentrale der Beratungsstelle");
  ASSERT_TRUE(Put(update).ok());
  sent = Sent(federation::kInsofaEntryItem);
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[1].id, entry.id());
  EXPECT_GT(sent[1].version, sent[0].version);
  update.set_etag(entry.etag());  // stale now
  EXPECT_EQ(Put(update).error_code(), grpc::StatusCode::ABORTED);
}

TEST_F(InsofaServiceTest, WithdrawingTheConsentRemovesTheEntryAndSendsATombstone) {
  std::string member = ActiveMember("Winter", false);
  ASSERT_TRUE(GiveInsofaConsent(member).ok());
  v1::InsofaEntry entry;
  ASSERT_TRUE(Put(Entry(member), &entry).ok());
  ASSERT_EQ(Search().entries_size(), 1);

  ASSERT_TRUE(WithdrawInsofaConsent(member).ok());
  EXPECT_EQ(Search().entries_size(), 0);
  EXPECT_EQ(EntriesStored(), 0);
  v1::GetInsofaEntryRequest get;
  get.set_member_id(member);
  v1::GetInsofaEntryResponse got;
  grpc::ClientContext ctx;
  EXPECT_EQ(insofa_->GetInsofaEntry(&ctx, get, &got).error_code(), grpc::StatusCode::NOT_FOUND);
  // Only the tombstone is left in the log: the payload of the entry itself was dropped.
  std::vector<domain::SyncItem> sent = Sent(federation::kInsofaEntryItem);
  ASSERT_EQ(sent.size(), 1u);
  v1::InsofaPoolEntry p;
  ASSERT_TRUE(p.ParseFromString(sent[0].payload));
  EXPECT_TRUE(p.withdrawn());
  EXPECT_EQ(p.id(), entry.id());
  EXPECT_EQ(sent[0].payload.find("Winter"), std::string::npos);
  // Without the consent a new entry is refused again.
  EXPECT_EQ(Put(Entry(member)).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(InsofaServiceTest, RemovingTheEntryOrEndingTheMembershipSendsATombstone) {
  std::string removed = ActiveMember("Winter", false);
  std::string leaving = ActiveMember("Vogt", false);
  for (const std::string& m : {removed, leaving}) {
    ASSERT_TRUE(GiveInsofaConsent(m).ok());
    ASSERT_TRUE(Put(Entry(m)).ok());
  }
  ASSERT_EQ(Search().entries_size(), 2);
  v1::RemoveInsofaEntryRequest remove;
  remove.set_member_id(removed);
  v1::RemoveInsofaEntryResponse removed_resp;
  grpc::ClientContext ctx;
  ASSERT_TRUE(insofa_->RemoveInsofaEntry(&ctx, remove, &removed_resp).ok());
  v1::EndMembershipRequest end;
  end.set_id(leaving);
  v1::EndMembershipResponse ended;
  grpc::ClientContext end_ctx;
  ASSERT_TRUE(members_->EndMembership(&end_ctx, end, &ended).ok());

  EXPECT_EQ(Search().entries_size(), 0);
  std::vector<domain::SyncItem> sent = Sent(federation::kInsofaEntryItem);
  ASSERT_EQ(sent.size(), 2u);
  for (const domain::SyncItem& item : sent) {
    v1::InsofaPoolEntry p;
    ASSERT_TRUE(p.ParseFromString(item.payload));
    EXPECT_TRUE(p.withdrawn());
  }
  grpc::ClientContext again;
  EXPECT_EQ(insofa_->RemoveInsofaEntry(&again, remove, &removed_resp).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(InsofaServiceTest, AMemberWithoutConsentNeverAppearsAnywhere) {
  std::string with = ActiveMember("Winter", true);
  std::string without = ActiveMember("Ohnesorg", true);
  ASSERT_TRUE(GiveInsofaConsent(with).ok());
  ASSERT_TRUE(Put(Entry(with)).ok());
  EXPECT_FALSE(Put(Entry(without)).ok());
  EXPECT_EQ(Names(Search()), std::vector<std::string>{"Winter"});
  for (const domain::SyncItem& item : Sent(federation::kInsofaEntryItem)) {
    EXPECT_EQ(item.payload.find("Ohnesorg"), std::string::npos);
  }
}

TEST_F(InsofaServiceTest, SearchFiltersOwnAndMirroredEntries) {
  std::string winter = ActiveMember("Winter", false);
  ASSERT_TRUE(GiveInsofaConsent(winter).ok());
  ASSERT_TRUE(Put(Entry(winter)).ok());
  ASSERT_EQ(Receive(federation::kInsofaEntryItem, kSoestEntry, "soest", 5,
                    MirroredPayload(kSoestEntry, "soest", "Albers", "Soest",
                                    domain::InsofaSpecialisation::kSchools),
                    domain::kToEveryOffice)
                .outcome,
            sync::ApplyResult::Outcome::kApplied);
  ASSERT_EQ(Receive(federation::kInsofaEntryItem, kWarsteinEntry, "warstein", 5,
                    MirroredPayload(kWarsteinEntry, "warstein", "Ebert", "Warstein",
                                    domain::InsofaSpecialisation::kEarlyChildhood),
                    domain::kToEveryOffice)
                .outcome,
            sync::ApplyResult::Outcome::kApplied);

  v1::SearchInsofaPoolResponse all = Search();
  EXPECT_EQ(Names(all), (std::vector<std::string>{"Albers", "Ebert", "Winter"}));
  EXPECT_EQ(all.total_size(), 3);
  EXPECT_TRUE(all.entries(0).mirrored());
  EXPECT_EQ(all.entries(0).office(), "soest");
  EXPECT_TRUE(all.entries(0).member_id().empty());
  EXPECT_FALSE(all.entries(2).mirrored());

  v1::SearchInsofaPoolRequest req;
  req.set_specialisation(v1::INSOFA_SPECIALISATION_EARLY_CHILDHOOD);
  EXPECT_EQ(Names(Search(req)), (std::vector<std::string>{"Ebert", "Winter"}));
  req.set_municipality("WARSTEIN");
  EXPECT_EQ(Names(Search(req)), std::vector<std::string>{"Ebert"});
  req.Clear();
  req.set_language("tr");
  EXPECT_EQ(Names(Search(req)), std::vector<std::string>{"Winter"});
  req.set_language("xx");
  v1::SearchInsofaPoolResponse refused;
  grpc::ClientContext ctx;
  grpc::Status s = insofa_->SearchInsofaPool(&ctx, req, &refused);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("language"), std::string::npos);

  // Pages of one, then the rest; a token is bound to its filters.
  req.Clear();
  req.set_page_size(2);
  v1::SearchInsofaPoolResponse page1 = Search(req);
  EXPECT_EQ(Names(page1), (std::vector<std::string>{"Albers", "Ebert"}));
  ASSERT_FALSE(page1.next_page_token().empty());
  req.set_page_token(page1.next_page_token());
  v1::SearchInsofaPoolResponse page2 = Search(req);
  EXPECT_EQ(Names(page2), std::vector<std::string>{"Winter"});
  EXPECT_EQ(page2.total_size(), 3);
  EXPECT_TRUE(page2.next_page_token().empty());
  req.set_language("de");
  grpc::ClientContext other;
  EXPECT_EQ(insofa_->SearchInsofaPool(&other, req, &refused).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(InsofaServiceTest, ANewerMirroredVersionReplacesTheOlderAndATombstoneRemovesIt) {
  auto receive = [&](int64_t version, const std::string& last, bool withdrawn = false,
                     const std::string& origin = "soest") {
    return Receive(federation::kInsofaEntryItem, kSoestEntry, origin, version,
                   MirroredPayload(kSoestEntry, origin, last, "Soest",
                                   domain::InsofaSpecialisation::kSchools, withdrawn),
                   domain::kToEveryOffice)
        .outcome;
  };
  ASSERT_EQ(receive(5, "Albers"), sync::ApplyResult::Outcome::kApplied);
  ASSERT_EQ(receive(7, "Albers-Kühn"), sync::ApplyResult::Outcome::kApplied);
  ASSERT_EQ(receive(6, "Albers"), sync::ApplyResult::Outcome::kApplied);  // late, older: ignored
  EXPECT_EQ(Names(Search()), std::vector<std::string>{"Albers-Kühn"});
  // Another office cannot take over the entry.
  EXPECT_EQ(receive(9, "Fremd", false, "warstein"), sync::ApplyResult::Outcome::kRejected);
  EXPECT_EQ(Names(Search()), std::vector<std::string>{"Albers-Kühn"});

  ASSERT_EQ(receive(8, "", true), sync::ApplyResult::Outcome::kApplied);
  EXPECT_EQ(Search().entries_size(), 0);
  // The copy holds no name any more, and an older version arriving late does not bring it back.
  ASSERT_EQ(receive(7, "Albers-Kühn"), sync::ApplyResult::Outcome::kDuplicate);
  ASSERT_EQ(receive(6, "Albers"), sync::ApplyResult::Outcome::kDuplicate);
  EXPECT_EQ(Search().entries_size(), 0);
  int64_t with_name = -1;
  ASSERT_TRUE(db().Transact([&](storage::Tx& tx) -> absl::Status {
                    with_name = tx.raw()
                                    .exec("SELECT count(*) FROM insofa_mirror WHERE last_name <> ''")
                                    [0][0]
                                    .as<int64_t>();
                    return absl::OkStatus();
                  }).ok());
  EXPECT_EQ(with_name, 0);
  // The office's own entries never come back as mirrored ones.
  EXPECT_EQ(receive(10, "Eigen", false, "lippstadt"), sync::ApplyResult::Outcome::kRejected);
}

TEST_F(InsofaServiceTest, ConsultationCountsPerQuarterAreSetAndListed) {
  auto record = [&](int year, int quarter, int count) {
    v1::RecordInsofaConsultationsRequest req;
    req.set_year(year);
    req.set_quarter(quarter);
    req.set_count(count);
    v1::RecordInsofaConsultationsResponse resp;
    grpc::ClientContext ctx;
    return insofa_->RecordInsofaConsultations(&ctx, req, &resp);
  };
  ASSERT_TRUE(record(2025, 2, 7).ok());
  ASSERT_TRUE(record(2025, 1, 4).ok());
  ASSERT_TRUE(record(2025, 1, 5).ok());  // replaces
  ASSERT_TRUE(record(2026, 1, 0).ok());
  for (auto [year, quarter, count, field] :
       {std::tuple{1999, 1, 1, "year"}, std::tuple{2025, 5, 1, "quarter"},
        std::tuple{2025, 0, 1, "quarter"}, std::tuple{2025, 1, -1, "count"},
        std::tuple{2025, 1, 10001, "count"}}) {
    grpc::Status s = record(year, quarter, count);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << field;
    EXPECT_NE(s.error_message().find(field), std::string::npos) << s.error_message();
  }
  v1::ListInsofaConsultationCountsRequest req;
  req.set_year(2025);
  v1::ListInsofaConsultationCountsResponse resp;
  grpc::ClientContext ctx;
  ASSERT_TRUE(insofa_->ListInsofaConsultationCounts(&ctx, req, &resp).ok());
  ASSERT_EQ(resp.counts_size(), 2);
  EXPECT_EQ(resp.counts(0).quarter(), 1);
  EXPECT_EQ(resp.counts(0).count(), 5);
  EXPECT_EQ(resp.counts(1).quarter(), 2);
  EXPECT_EQ(resp.counts(1).count(), 7);
  req.set_year(0);
  v1::ListInsofaConsultationCountsResponse all;
  grpc::ClientContext all_ctx;
  ASSERT_TRUE(insofa_->ListInsofaConsultationCounts(&all_ctx, req, &all).ok());
  EXPECT_EQ(all.counts_size(), 3);
}

}  // namespace
}  // namespace schutznetz::tenant
