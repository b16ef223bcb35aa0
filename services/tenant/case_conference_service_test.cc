// CaseConferenceService over an in-process channel on a real PostgreSQL database.
#include "services/tenant/case_conference_service.h"

#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "libs/rpc/server.h"
#include "services/tenant/organisation_service.h"
#include "tests/support/test_database.h"
#include "tests/support/test_tokens.h"

namespace schutznetz::tenant {
namespace {

// A realistic anonymised conference text: initials, ages, roles, the conference date.
constexpr char kAnonymisedSummary[] =
    "Fallkonferenz am 03.04.2025 zu Kind A (7), 2. Klasse einer Grundschule im Stadtgebiet.\n"
    "Die Klassenlehrerin bemerkte wiederholt Hämatome an den Armen; das Kind wirkte verängstigt.\n"
    "Die Schulsozialarbeit führte ein Gespräch mit der Mutter M., die Familie X lebt seit 2023 "
    "im Stadtteil. Der Kinderarzt informierte nach § 4 Abs. 1 KKG das Jugendamt; der ASD nahm "
    "eine Gefährdungseinschätzung nach § 8a SGB VIII vor.";

constexpr char kFindings[] =
    "Der Meldeweg Schule → ASD war der Schule nicht bekannt; die Rückmeldung an die "
    "meldende Stelle fehlte.\nAbsprache: Rückmeldung innerhalb von 5 Werktagen.";

// The same case, de-anonymised: a name, a birth date, a street address and a phone number.
constexpr char kDeAnonymisedSummary[] =
    "Kevin Müller (geb. 12.05.2017) wohnt mit seiner Mutter in der Hauptstraße 12 in Lippstadt.\n"
    "Die Mutter ist unter 02941 123456 erreichbar.";

class CaseConferenceServiceTest : public schutznetz::testing::DbTest {
 protected:
  void SetUp() override {
    DbTest::SetUp();
    organisations_ = std::make_unique<OrganisationService>(db());
    domain::PiiGuardOptions guard;
    guard.extra_names = {"Brzęczyszczykiewicz"};
    service_ = std::make_unique<CaseConferenceService>(
        db(), std::vector<std::string>{"Lippstadt", "Möhnesee"}, guard);
    gate_ = std::make_unique<schutznetz::testing::TestGate>(db(), domain::ServerKind::kOffice);
    rpc::ServerOptions options{.listen = "127.0.0.1:0"};
    gate_->InstallOn(options);
    auto server = rpc::RpcServer::Start(options, {organisations_.get(), service_.get()});
    ASSERT_TRUE(server.ok());
    server_ = *std::move(server);
    orgs_ = v1::OrganisationService::NewStub(server_->InProcessChannel(gate_->secret()));
    stub_ = v1::CaseConferenceService::NewStub(server_->InProcessChannel(gate_->secret()));
    school_ = CreateOrganisation("Grundschule Am Park", v1::SECTOR_SCHOOL);
    asd_ = CreateOrganisation("Jugendamt Lippstadt – ASD", v1::SECTOR_CHILD_YOUTH_WELFARE);
  }

  std::string CreateOrganisation(const std::string& name, v1::Sector sector) {
    v1::CreateOrganisationRequest req;
    req.mutable_organisation()->set_name(name);
    req.mutable_organisation()->set_sector(sector);
    req.mutable_organisation()->set_actor_category(v1::ACTOR_CATEGORY_OTHER);
    v1::CreateOrganisationResponse resp;
    grpc::ClientContext ctx;
    EXPECT_TRUE(orgs_->CreateOrganisation(&ctx, req, &resp).ok());
    return resp.organisation().id();
  }

  v1::CaseConference Valid(const std::string& date = "2025-04-03") {
    v1::CaseConference c;
    c.set_municipality("Lippstadt");
    c.set_conference_date(date);
    c.add_participating_sectors(v1::SECTOR_SCHOOL);
    c.add_participating_sectors(v1::SECTOR_CHILD_YOUTH_WELFARE);
    c.add_participating_sectors(v1::SECTOR_HEALTH);
    c.set_summary(kAnonymisedSummary);
    c.set_findings(kFindings);
    return c;
  }

  grpc::Status Create(const v1::CaseConference& c, v1::CaseConference* out = nullptr) {
    v1::CreateCaseConferenceRequest req;
    *req.mutable_case_conference() = c;
    v1::CreateCaseConferenceResponse resp;
    grpc::ClientContext ctx;
    grpc::Status s = stub_->CreateCaseConference(&ctx, req, &resp);
    if (out != nullptr) *out = resp.case_conference();
    return s;
  }

  grpc::Status Update(const v1::CaseConference& c, const std::vector<std::string>& paths,
                      v1::CaseConference* out = nullptr) {
    v1::UpdateCaseConferenceRequest req;
    *req.mutable_case_conference() = c;
    for (const auto& p : paths) req.mutable_update_mask()->add_paths(p);
    v1::UpdateCaseConferenceResponse resp;
    grpc::ClientContext ctx;
    grpc::Status s = stub_->UpdateCaseConference(&ctx, req, &resp);
    if (out != nullptr) *out = resp.case_conference();
    return s;
  }

  grpc::Status AddFollowUp(const v1::CaseConference& c, const std::string& action,
                           const std::string& owner, v1::CaseConference* out = nullptr) {
    v1::AddFollowUpRequest req;
    req.set_case_conference_id(c.id());
    req.set_etag(c.etag());
    req.mutable_follow_up()->set_action(action);
    req.mutable_follow_up()->set_owner_organisation_id(owner);
    req.mutable_follow_up()->set_due_date("30.06.2025");
    v1::AddFollowUpResponse resp;
    grpc::ClientContext ctx;
    grpc::Status s = stub_->AddFollowUp(&ctx, req, &resp);
    if (out != nullptr) *out = resp.case_conference();
    return s;
  }

  // Everything stored about case conferences plus the size of the audit log: equal before and
  // after a refused call means nothing changed.
  std::string DbState() {
    return QueryScalar(
        "SELECT md5(coalesce((SELECT string_agg(c::text, '|' ORDER BY c.id) FROM "
        "case_conferences c), '') || coalesce((SELECT string_agg(f::text, '|' ORDER BY f.id) "
        "FROM case_conference_follow_ups f), '') || (SELECT count(*) FROM audit_log))");
  }

  void ExecCommitted(const std::string& sql) {
    pqxx::connection conn(dsn());
    pqxx::work w(conn);
    w.exec(sql);
    w.commit();
  }

  std::unique_ptr<OrganisationService> organisations_;
  std::unique_ptr<CaseConferenceService> service_;
  std::unique_ptr<schutznetz::testing::TestGate> gate_;
  std::unique_ptr<rpc::RpcServer> server_;
  std::unique_ptr<v1::OrganisationService::Stub> orgs_;
  std::unique_ptr<v1::CaseConferenceService::Stub> stub_;
  std::string school_;
  std::string asd_;
};

void ExpectContains(const std::string& text, const std::vector<std::string>& parts) {
  for (const std::string& p : parts)
    EXPECT_NE(text.find(p), std::string::npos) << p << " in " << text;
}

TEST_F(CaseConferenceServiceTest, AnonymisedConferenceIsStoredWithFollowUps) {
  v1::CaseConference in = Valid("03.04.2025");
  in.set_municipality("lippstadt");
  v1::FollowUp* f = in.add_follow_ups();
  f->set_action("Meldeweg Schule → ASD im Arbeitskreis Schule vorstellen");
  f->set_owner_organisation_id(asd_);
  f->set_due_date("2025-06-30");
  v1::FollowUp* g = in.add_follow_ups();
  g->set_action("Rückmeldebogen für meldende Stellen entwerfen");
  g->set_owner_organisation_id(school_);
  v1::CaseConference c;
  grpc::Status s = Create(in, &c);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(c.municipality(), "Lippstadt");
  EXPECT_EQ(c.conference_date(), "2025-04-03");
  ASSERT_EQ(c.participating_sectors_size(), 3);
  EXPECT_EQ(c.participating_sectors(0), v1::SECTOR_CHILD_YOUTH_WELFARE);  // sector order
  EXPECT_EQ(c.summary(), kAnonymisedSummary);
  ASSERT_EQ(c.follow_ups_size(), 2);
  EXPECT_EQ(c.follow_ups(0).owner_organisation_name(), "Jugendamt Lippstadt – ASD");
  EXPECT_EQ(c.follow_ups(0).due_date(), "2025-06-30");
  EXPECT_EQ(c.follow_ups(1).due_date(), "");
  EXPECT_FALSE(c.follow_ups(1).done());
  EXPECT_EQ(c.etag(), "\"v1\"");
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM case_conference_follow_ups"), "2");
  EXPECT_EQ(QueryScalar("SELECT action || ':' || detail FROM audit_log WHERE resource_type = "
                        "'case_conference'"),
            "create:follow_ups: 2");

  v1::GetCaseConferenceRequest get;
  get.set_id(c.id());
  v1::GetCaseConferenceResponse got;
  grpc::ClientContext ctx;
  ASSERT_TRUE(stub_->GetCaseConference(&ctx, get, &got).ok());
  EXPECT_EQ(got.case_conference().SerializeAsString(), c.SerializeAsString());
}

TEST_F(CaseConferenceServiceTest, DeAnonymisedTextIsRefusedWithEverySpanAndNothingStored) {
  v1::CaseConference in = Valid();
  in.set_summary(kDeAnonymisedSummary);
  in.set_findings("Rückruf bei Frau Brzęczyszczykiewicz vereinbart.");
  v1::FollowUp* f = in.add_follow_ups();
  f->set_action("Hausbesuch in der Lange Straße 5 planen");
  f->set_owner_organisation_id(asd_);
  std::string before = DbState();
  grpc::Status s = Create(in);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  ExpectContains(
      s.error_message(),
      {"case_conference.summary: contains personal data / enthält personenbezogene "
       "Daten",
       "„Kevin Müller“", "„12.05.2017“", "„Hauptstraße 12“", "„02941 123456“",
       "case_conference.findings: contains personal data",
       "„Brzęczyszczykiewicz“",  // from the office's own name list
       "case_conference.follow_ups[0].action: contains personal data", "„Lange Straße 5“"});
  EXPECT_EQ(DbState(), before);
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM case_conferences"), "0");
}

TEST_F(CaseConferenceServiceTest, MunicipalityMustBeOneOfTheOffice) {
  v1::CaseConference in = Valid();
  in.set_municipality("Soest");
  std::string before = DbState();
  grpc::Status s = Create(in);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  ExpectContains(s.error_message(), {"case_conference.municipality", "Lippstadt, Möhnesee"});
  EXPECT_EQ(DbState(), before);
}

TEST_F(CaseConferenceServiceTest, InvalidFieldsAreAllNamedAndNothingStored) {
  v1::CaseConference in;
  in.set_conference_date("3. April");
  in.add_participating_sectors(v1::SECTOR_SCHOOL);
  in.set_findings(std::string(5001, 'x'));
  in.add_follow_ups()->set_owner_organisation_id("kaputt");
  std::string before = DbState();
  grpc::Status s = Create(in);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  ExpectContains(s.error_message(),
                 {"case_conference.municipality: is required",
                  "case_conference.conference_date: expected a date",
                  "case_conference.participating_sectors: a case conference is interdisciplinary",
                  "case_conference.summary", "case_conference.findings",
                  "case_conference.follow_ups[0].action",
                  "case_conference.follow_ups[0].owner_organisation_id"});
  EXPECT_EQ(s.error_message().find("must lie in the years"), std::string::npos);
  EXPECT_EQ(DbState(), before);
}

TEST_F(CaseConferenceServiceTest, UnknownEventOrOrganisationIsNotFoundAndAnEventCanBeLinked) {
  v1::CaseConference in = Valid();
  in.set_event_id("6f1c2b9e-3d4a-4c5b-8e7f-0123456789ab");
  grpc::Status s = Create(in);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  ExpectContains(s.error_message(), {"case_conference.event_id"});
  in.clear_event_id();
  v1::FollowUp* f = in.add_follow_ups();
  f->set_action("Rückmeldung");
  f->set_owner_organisation_id("6f1c2b9e-3d4a-4c5b-8e7f-0123456789ab");
  s = Create(in);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  ExpectContains(s.error_message(), {"case_conference.follow_ups[0].owner_organisation_id"});
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM case_conferences"), "0");

  ExecCommitted(
      "INSERT INTO events (id, kind, title, start_time, end_time, organiser_office, scope) "
      "VALUES ('11111111-2222-4333-8444-555555555555', 'case_conference', 'Fallkonferenz', "
      "now(), now() + interval '2 hours', 'lippstadt', 'local')");
  in.clear_follow_ups();
  in.set_event_id("11111111-2222-4333-8444-555555555555");
  v1::CaseConference c;
  ASSERT_TRUE(Create(in, &c).ok());
  EXPECT_EQ(c.event_id(), "11111111-2222-4333-8444-555555555555");
}

TEST_F(CaseConferenceServiceTest, UpdateChecksTheTextsAgainstTheNewDate) {
  v1::CaseConference c;
  ASSERT_TRUE(Create(Valid(), &c).ok());
  std::string before = DbState();
  v1::CaseConference change = c;
  change.set_conference_date("2025-04-10");
  grpc::Status s = Update(change, {"conference_date"});
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  ExpectContains(s.error_message(),
                 {"case_conference.summary: contains personal data", "„03.04.2025“"});
  EXPECT_EQ(DbState(), before);

  std::string summary = kAnonymisedSummary;
  summary.replace(summary.find("03.04.2025"), 10, "10.04.2025");
  change.set_summary(summary);
  v1::CaseConference updated;
  s = Update(change, {"conference_date", "summary"}, &updated);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(updated.conference_date(), "2025-04-10");
  EXPECT_EQ(updated.etag(), "\"v2\"");
  EXPECT_EQ(updated.findings(), kFindings);
  EXPECT_EQ(QueryScalar("SELECT detail FROM audit_log WHERE action = 'update'"),
            "fields: conference_date, summary");
}

TEST_F(CaseConferenceServiceTest, StaleEtagIsAbortedForUpdateDeleteAndFollowUps) {
  v1::CaseConference c;
  ASSERT_TRUE(Create(Valid(), &c).ok());
  v1::CaseConference change = c;
  change.set_findings("Neue Absprache zum Meldeweg.");
  ASSERT_TRUE(Update(change, {"findings"}).ok());
  std::string before = DbState();
  // `c` still carries etag v1.
  EXPECT_EQ(Update(change, {"findings"}).error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(AddFollowUp(c, "Aufgabe", asd_).error_code(), grpc::StatusCode::ABORTED);
  v1::DeleteCaseConferenceRequest del;
  del.set_id(c.id());
  del.set_etag(c.etag());
  v1::DeleteCaseConferenceResponse del_resp;
  grpc::ClientContext ctx;
  EXPECT_EQ(stub_->DeleteCaseConference(&ctx, del, &del_resp).error_code(),
            grpc::StatusCode::ABORTED);
  EXPECT_EQ(DbState(), before);
}

TEST_F(CaseConferenceServiceTest, FollowUpsAreAddedMarkedDoneAndRemoved) {
  v1::CaseConference c;
  ASSERT_TRUE(Create(Valid(), &c).ok());
  ASSERT_TRUE(AddFollowUp(c, "Meldeweg im Arbeitskreis vorstellen", asd_, &c).ok());
  ASSERT_TRUE(AddFollowUp(c, "Rückmeldebogen entwerfen", school_, &c).ok());
  ASSERT_EQ(c.follow_ups_size(), 2);
  EXPECT_EQ(c.etag(), "\"v3\"");
  EXPECT_EQ(c.follow_ups(1).due_date(), "2025-06-30");

  std::string before = DbState();
  grpc::Status refused = AddFollowUp(c, "Frau Schmidt unter 0171 1234567 anrufen", asd_);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  ExpectContains(refused.error_message(),
                 {"follow_up.action: contains personal data", "„Schmidt“", "„0171 1234567“"});
  EXPECT_EQ(DbState(), before);

  v1::UpdateFollowUpRequest done;
  done.set_case_conference_id(c.id());
  done.set_etag(c.etag());
  done.mutable_follow_up()->set_id(c.follow_ups(0).id());
  done.mutable_follow_up()->set_done(true);
  done.mutable_update_mask()->add_paths("done");
  v1::UpdateFollowUpResponse done_resp;
  grpc::ClientContext c1;
  ASSERT_TRUE(stub_->UpdateFollowUp(&c1, done, &done_resp).ok());
  c = done_resp.case_conference();
  EXPECT_TRUE(c.follow_ups(0).done());
  EXPECT_TRUE(c.follow_ups(0).has_done_time());
  EXPECT_EQ(c.follow_ups(0).action(), "Meldeweg im Arbeitskreis vorstellen");
  EXPECT_FALSE(c.follow_ups(1).done());

  v1::RemoveFollowUpRequest remove;
  remove.set_case_conference_id(c.id());
  remove.set_etag(c.etag());
  remove.set_follow_up_id(c.follow_ups(1).id());
  v1::RemoveFollowUpResponse remove_resp;
  grpc::ClientContext c2;
  ASSERT_TRUE(stub_->RemoveFollowUp(&c2, remove, &remove_resp).ok());
  EXPECT_EQ(remove_resp.case_conference().follow_ups_size(), 1);
  grpc::ClientContext c3;
  remove.clear_etag();
  EXPECT_EQ(stub_->RemoveFollowUp(&c3, remove, &remove_resp).error_code(),
            grpc::StatusCode::NOT_FOUND);

  EXPECT_EQ(QueryScalar("SELECT string_agg(action, ',' ORDER BY id) FROM audit_log WHERE "
                        "resource_type = 'case_conference'"),
            "create,add_follow_up,add_follow_up,update_follow_up,remove_follow_up");
  // Audit details carry ids and field names, never the texts.
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM audit_log WHERE detail LIKE '%Meldeweg%' OR detail "
                        "LIKE '%Rückmelde%' OR detail LIKE '%Kind%'"),
            "0");
}

TEST_F(CaseConferenceServiceTest, DeleteRemovesTheConferenceWithItsFollowUps) {
  v1::CaseConference c;
  ASSERT_TRUE(Create(Valid(), &c).ok());
  ASSERT_TRUE(AddFollowUp(c, "Aufgabe", asd_, &c).ok());
  // An organisation that owns a follow-up cannot be deleted.
  v1::DeleteOrganisationRequest org;
  org.set_id(asd_);
  v1::DeleteOrganisationResponse org_resp;
  grpc::ClientContext c1;
  EXPECT_EQ(orgs_->DeleteOrganisation(&c1, org, &org_resp).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  v1::DeleteCaseConferenceRequest del;
  del.set_id(c.id());
  del.set_etag(c.etag());
  v1::DeleteCaseConferenceResponse resp;
  grpc::ClientContext ctx;
  ASSERT_TRUE(stub_->DeleteCaseConference(&ctx, del, &resp).ok());
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM case_conferences"), "0");
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM case_conference_follow_ups"), "0");
  // Now that the follow-up is gone, it can.
  grpc::ClientContext c2;
  EXPECT_TRUE(orgs_->DeleteOrganisation(&c2, org, &org_resp).ok());
}

TEST_F(CaseConferenceServiceTest, ListFiltersByMunicipalityAndYearAndPagesNewestFirst) {
  for (const char* date : {"2024-11-05", "2025-01-20", "2025-04-03", "2025-02-14"}) {
    v1::CaseConference in = Valid(date);
    in.set_summary("Anonymisierter Fall.");
    ASSERT_TRUE(Create(in).ok()) << date;
  }
  v1::CaseConference other = Valid("2025-03-01");
  other.set_municipality("Möhnesee");
  other.set_summary("Anonymisierter Fall.");
  ASSERT_TRUE(Create(other).ok());

  auto list = [&](v1::ListCaseConferencesRequest req, v1::ListCaseConferencesResponse* resp) {
    grpc::ClientContext ctx;
    return stub_->ListCaseConferences(&ctx, req, resp);
  };
  v1::ListCaseConferencesRequest req;
  req.set_municipality("LIPPSTADT");
  req.set_year(2025);
  req.set_page_size(2);
  std::vector<std::string> dates;
  v1::ListCaseConferencesResponse page;
  while (true) {
    page.Clear();
    ASSERT_TRUE(list(req, &page).ok());
    EXPECT_EQ(page.total_size(), 3);
    for (const auto& c : page.case_conferences()) dates.push_back(c.conference_date());
    if (page.next_page_token().empty()) break;
    req.set_page_token(page.next_page_token());
  }
  EXPECT_EQ(dates, (std::vector<std::string>{"2025-04-03", "2025-02-14", "2025-01-20"}));

  v1::ListCaseConferencesRequest all;
  ASSERT_TRUE(list(all, &page).ok());
  EXPECT_EQ(page.total_size(), 5);

  v1::ListCaseConferencesRequest wrong;
  wrong.set_page_size(2);
  ASSERT_TRUE(list(wrong, &page).ok());
  wrong.set_page_token(page.next_page_token());
  wrong.set_year(2024);  // a token is bound to its filters
  EXPECT_EQ(list(wrong, &page).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  wrong.clear_page_token();
  wrong.set_year(12);
  grpc::Status bad_year = list(wrong, &page);
  EXPECT_EQ(bad_year.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  ExpectContains(bad_year.error_message(), {"year"});
}

}  // namespace
}  // namespace schutznetz::tenant
