// ReportingPathService on a real database: the draft and its validation, numbered immutable
// versions, the item publishing sends to the district, the mirror of the other offices'
// versions, and the public listing (only entries marked public).
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "libs/api/public_service.h"
#include "libs/federation/reporting_paths_handler.h"
#include "libs/storage/agreement_mirror_repository.h"
#include "libs/storage/tx.h"
#include "schutznetz/v1/public_service.grpc.pb.h"
#include "schutznetz/v1/reporting_path_service.grpc.pb.h"
#include "services/tenant/reporting_path_service.h"
#include "services/tenant/tenant_fixture.h"

namespace schutznetz::tenant {
namespace {

constexpr char kAgreementId[] = "0b6f3a52-8c1d-4e2f-9a7b-5c4d3e2f1a0b";

v1::ReportingPathEntry Entry(v1::ReportingPathKind kind, const std::string& title, bool is_public,
                             const std::string& municipality = "") {
  v1::ReportingPathEntry e;
  e.set_kind(kind);
  e.set_title(title);
  e.set_municipality(municipality);
  e.mutable_contact()->set_unit("ASD Kinderschutz Lippstadt");
  e.mutable_contact()->set_phone("02941 980-3300");
  e.mutable_contact()->set_email("kinderschutz@lippstadt.example");
  e.mutable_contact()->set_hours("Mo–Fr 8–16 Uhr");
  e.set_public_(is_public);
  return e;
}

class ReportingPathServiceTest : public CrossOfficeTest {
 protected:
  void SetUp() override {
    CrossOfficeTest::SetUp();
    Clock clock = [this] { return now_; };
    mirror_ = std::make_unique<federation::ReportingPathsMirror>("lippstadt");
    applier_.Register(federation::kReportingPathsItem, mirror_.get());
    service_ = std::make_unique<ReportingPathService>(
        db(), ReportingPathOffice{"lippstadt", "Jugendamt der Stadt Lippstadt", {"Lippstadt"}},
        *outbox_, clock);
    api::PublicProfile profile;
    profile.contacts_owner_id = "lippstadt";
    profile.contacts_owner_name = "Jugendamt der Stadt Lippstadt";
    profile.office_names = {{"lippstadt", "Jugendamt der Stadt Lippstadt"},
                            {"warstein", "Jugendamt der Stadt Warstein"}};
    public_ = std::make_unique<api::PublicService>(db(), api::NewOfficePublicEvents(), profile,
                                                   clock,
                                                   api::NewOfficePublicReportingPaths("lippstadt"));
    rpc::ServerOptions options;
    options.listen = "127.0.0.1:0";
    paths_gate_ =
        std::make_unique<schutznetz::testing::TestGate>(db(), domain::ServerKind::kOffice);
    paths_gate_->InstallOn(options);
    auto server = rpc::RpcServer::Start(options, {service_.get(), public_.get()});
    ASSERT_TRUE(server.ok()) << server.status();
    paths_server_ = *std::move(server);
    auto channel = paths_server_->InProcessChannel(paths_gate_->secret());
    paths_ = v1::ReportingPathService::NewStub(channel);
    public_stub_ = v1::PublicService::NewStub(channel);
  }

  grpc::Status Save(const std::vector<v1::ReportingPathEntry>& entries,
                    v1::ReportingPathDraft* out = nullptr, const std::string& etag = "") {
    v1::SaveReportingPathDraftRequest req;
    for (const v1::ReportingPathEntry& e : entries) *req.add_entries() = e;
    req.set_etag(etag);
    v1::SaveReportingPathDraftResponse resp;
    grpc::ClientContext ctx;
    grpc::Status s = paths_->SaveReportingPathDraft(&ctx, req, &resp);
    if (out != nullptr) *out = resp.draft();
    return s;
  }

  grpc::Status Publish(v1::ReportingPathVersion* out = nullptr) {
    v1::PublishReportingPathsResponse resp;
    grpc::ClientContext ctx;
    grpc::Status s =
        paths_->PublishReportingPaths(&ctx, v1::PublishReportingPathsRequest(), &resp);
    if (out != nullptr) *out = resp.paths();
    return s;
  }

  grpc::Status Get(const std::string& office, int version, v1::ReportingPathVersion* out) {
    v1::GetReportingPathsRequest req;
    req.set_office_id(office);
    req.set_version(version);
    v1::GetReportingPathsResponse resp;
    grpc::ClientContext ctx;
    grpc::Status s = paths_->GetReportingPaths(&ctx, req, &resp);
    *out = resp.paths();
    return s;
  }

  v1::ReportingPathDraft Draft() {
    v1::GetReportingPathDraftResponse resp;
    grpc::ClientContext ctx;
    EXPECT_TRUE(
        paths_->GetReportingPathDraft(&ctx, v1::GetReportingPathDraftRequest(), &resp).ok());
    return resp.draft();
  }

  int AuditRows(const std::string& action) {
    int n = 0;
    EXPECT_TRUE(db().Transact([&](storage::Tx& tx) -> absl::Status {
                      n = tx.raw()
                              .exec_params1("SELECT count(*) FROM audit_log WHERE "
                                            "resource_type = 'reporting_paths' AND action = $1",
                                            action)[0]
                              .as<int>();
                      return absl::OkStatus();
                    }).ok());
    return n;
  }

  // Warstein's version `version` as its reporting_paths item, with sync version `sync_version`.
  sync::ApplyResult ReceiveWarstein(int version, int64_t sync_version, const std::string& title) {
    domain::ReportingPathSet set;
    set.office_id = "warstein";
    set.version = version;
    set.publish_time = now_;
    domain::ReportingPathEntry open;
    open.kind = domain::ReportingPathKind::kAsdChildProtection;
    open.title = title;
    open.municipality = "Warstein";
    open.contact = {"ASD Warstein", "02902 81-0", "asd@warstein.example", "", ""};
    open.is_public = true;
    domain::ReportingPathEntry internal = open;
    internal.kind = domain::ReportingPathKind::kEmergency;
    internal.title = "Rufbereitschaft (nur für Fachkräfte)";
    internal.is_public = false;
    set.entries = {open, internal};
    return Receive(federation::kReportingPathsItem, "warstein", "warstein", sync_version,
                   federation::ReportingPathsPayload(set, "Jugendamt der Stadt Warstein"), "");
  }

  std::unique_ptr<federation::ReportingPathsMirror> mirror_;
  std::unique_ptr<ReportingPathService> service_;
  std::unique_ptr<api::PublicService> public_;
  std::unique_ptr<schutznetz::testing::TestGate> paths_gate_;
  std::unique_ptr<rpc::RpcServer> paths_server_;
  std::unique_ptr<v1::ReportingPathService::Stub> paths_;
  std::unique_ptr<v1::PublicService::Stub> public_stub_;
};

TEST_F(ReportingPathServiceTest, InvalidEntriesAreRefusedNamingTheFieldAndChangeNothing) {
  v1::ReportingPathEntry wrong_town =
      Entry(v1::REPORTING_PATH_KIND_ASD_CHILD_PROTECTION, "Kinderschutz", true, "Soest");
  v1::ReportingPathEntry broken = Entry(v1::REPORTING_PATH_KIND_UNSPECIFIED, "", false);
  broken.mutable_contact()->set_email("kinderschutz at lippstadt");
  broken.mutable_contact()->set_unit("");
  broken.set_agreement_id(kAgreementId);
  grpc::Status s = Save({wrong_town, broken});
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  for (const char* field : {"entries[0].municipality", "entries[1].kind", "entries[1].title",
                            "entries[1].contact.unit", "entries[1].contact.email",
                            "entries[1].agreement_id"}) {
    EXPECT_TRUE(absl::StrContains(s.error_message(), field)) << field << ": " << s.error_message();
  }
  EXPECT_TRUE(absl::StrContains(s.error_message(), " / "));  // English / German
  EXPECT_EQ(Draft().entries_size(), 0);
  EXPECT_EQ(Draft().etag(), "\"v0\"");
  EXPECT_EQ(AuditRows("save_draft"), 0);
}

TEST_F(ReportingPathServiceTest, AnAgreementTheOfficeDoesNotHoldIsNotFoundAtItsField) {
  v1::ReportingPathEntry procedure =
      Entry(v1::REPORTING_PATH_KIND_AGREED_PROCEDURE, "Verfahren nach § 8a SGB VIII", true);
  procedure.set_agreement_id(kAgreementId);
  grpc::Status s = Save({procedure});
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_TRUE(absl::StrContains(s.error_message(), "entries[0].agreement_id")) << s.error_message();

  ASSERT_TRUE(db().Transact([&](storage::Tx& tx) -> absl::Status {
                    return storage::NewAgreementMirrorRepository()
                        ->Upsert(tx, {domain::AgreementId(kAgreementId), 1,
                                      domain::AgreementKind::kCooperationAgreement,
                                      "Kooperationsvereinbarung", "x"})
                        .status();
                  }).ok());
  EXPECT_TRUE(Save({procedure}).ok());
}

TEST_F(ReportingPathServiceTest, AnEmptyOrUnchangedDraftCannotBePublished) {
  grpc::Status empty = Publish();
  EXPECT_EQ(empty.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_TRUE(absl::StrContains(empty.error_message(), "keine Einträge"));
  ASSERT_TRUE(Save({Entry(v1::REPORTING_PATH_KIND_EMERGENCY, "Bereitschaftsdienst", true)}).ok());
  ASSERT_TRUE(Publish().ok());
  EXPECT_EQ(Publish().error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Sent(federation::kReportingPathsItem).size(), 1u);
}

TEST_F(ReportingPathServiceTest, AStaleEtagIsAborted) {
  v1::ReportingPathDraft first;
  ASSERT_TRUE(Save({Entry(v1::REPORTING_PATH_KIND_OTHER, "Frühe Hilfen", true)}, &first).ok());
  ASSERT_TRUE(Save({Entry(v1::REPORTING_PATH_KIND_OTHER, "Frühe Hilfen", false)}).ok());
  EXPECT_EQ(Save({}, nullptr, first.etag()).error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(Draft().entries_size(), 1);
}

TEST_F(ReportingPathServiceTest, PublishedVersionsAreNumberedAndNeverChange) {
  ASSERT_TRUE(Save({Entry(v1::REPORTING_PATH_KIND_ASD_CHILD_PROTECTION, "Kinderschutz im ASD",
                          true, "Lippstadt")})
                  .ok());
  v1::ReportingPathVersion v1_published;
  ASSERT_TRUE(Publish(&v1_published).ok());
  EXPECT_EQ(v1_published.version(), 1);
  now_ += absl::Hours(24);
  ASSERT_TRUE(Save({Entry(v1::REPORTING_PATH_KIND_ASD_CHILD_PROTECTION, "ASD (neue Nummer)", true),
                    Entry(v1::REPORTING_PATH_KIND_PROCEDURAL_GUIDE, "Verfahrenslotse", false)})
                  .ok());
  v1::ReportingPathVersion v2_published;
  ASSERT_TRUE(Publish(&v2_published).ok());
  EXPECT_EQ(v2_published.version(), 2);

  v1::ReportingPathVersion got;
  ASSERT_TRUE(Get("", 1, &got).ok());
  EXPECT_EQ(got.entries_size(), 1);
  EXPECT_EQ(got.entries(0).title(), "Kinderschutz im ASD");
  ASSERT_TRUE(Get("lippstadt", 0, &got).ok());
  EXPECT_EQ(got.version(), 2);
  EXPECT_EQ(got.entries_size(), 2);
  EXPECT_EQ(Get("", 3, &got).error_code(), grpc::StatusCode::NOT_FOUND);

  v1::ListReportingPathVersionsResponse versions;
  grpc::ClientContext ctx;
  ASSERT_TRUE(paths_
                  ->ListReportingPathVersions(&ctx, v1::ListReportingPathVersionsRequest(),
                                              &versions)
                  .ok());
  ASSERT_EQ(versions.versions_size(), 2);
  EXPECT_EQ(versions.versions(0).version(), 2);
  EXPECT_EQ(versions.versions(0).entry_count(), 2);
  EXPECT_EQ(versions.versions(0).public_count(), 1);
  EXPECT_EQ(AuditRows("publish"), 2);

  // The database itself refuses to change a published version.
  absl::Status changed = db().Transact([&](storage::Tx& tx) -> absl::Status {
    tx.raw().exec0("UPDATE reporting_path_entries SET title = 'x' WHERE version = 1");
    return absl::OkStatus();
  });
  EXPECT_FALSE(changed.ok());
  ASSERT_TRUE(Get("", 1, &got).ok());
  EXPECT_EQ(got.entries(0).title(), "Kinderschutz im ASD");
}

TEST_F(ReportingPathServiceTest, PublishingSendsOneItemWithEveryEntryToEveryOffice) {
  ASSERT_TRUE(Save({Entry(v1::REPORTING_PATH_KIND_ASD_CHILD_PROTECTION, "Kinderschutz", true),
                    Entry(v1::REPORTING_PATH_KIND_EMERGENCY, "Rufbereitschaft intern", false)})
                  .ok());
  ASSERT_TRUE(Publish().ok());
  std::vector<domain::SyncItem> sent = Sent(federation::kReportingPathsItem);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].id, "lippstadt");
  EXPECT_EQ(sent[0].origin, "lippstadt");
  EXPECT_EQ(sent[0].destination, domain::kToEveryOffice);
  v1::ReportingPathsItem payload;
  ASSERT_TRUE(payload.ParseFromString(sent[0].payload));
  EXPECT_EQ(payload.version(), 1);
  EXPECT_EQ(payload.office_name(), "Jugendamt der Stadt Lippstadt");
  EXPECT_EQ(payload.entries_size(), 2);

  now_ += absl::Minutes(5);
  ASSERT_TRUE(Save({Entry(v1::REPORTING_PATH_KIND_OTHER, "Frühe Hilfen", true)}).ok());
  ASSERT_TRUE(Publish().ok());
  sent = Sent(federation::kReportingPathsItem);
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_GT(sent[1].version, sent[0].version);
}

TEST_F(ReportingPathServiceTest, AnotherOfficesNewerVersionReplacesItsCopyAnOlderOneDoesNot) {
  EXPECT_EQ(ReceiveWarstein(2, 2000, "Kinderschutz Warstein").outcome,
            sync::ApplyResult::Outcome::kApplied);
  v1::ReportingPathVersion got;
  ASSERT_TRUE(Get("warstein", 0, &got).ok());
  EXPECT_TRUE(got.mirrored());
  EXPECT_EQ(got.version(), 2);
  EXPECT_EQ(got.entries_size(), 2);

  ReceiveWarstein(1, 1000, "alt");  // late and older: changes nothing
  ASSERT_TRUE(Get("warstein", 0, &got).ok());
  EXPECT_EQ(got.version(), 2);
  EXPECT_EQ(got.entries(0).title(), "Kinderschutz Warstein");

  ReceiveWarstein(3, 3000, "Kinderschutz Warstein (neu)");
  ASSERT_TRUE(Get("warstein", 0, &got).ok());
  EXPECT_EQ(got.version(), 3);
  EXPECT_EQ(got.entries(0).title(), "Kinderschutz Warstein (neu)");
  EXPECT_EQ(Get("warstein", 2, &got).error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Get("soest", 0, &got).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(ReportingPathServiceTest, AMalformedItemIsRejectedAndStoresNothing) {
  domain::ReportingPathSet set;
  set.office_id = "soest";  // not the origin
  set.version = 1;
  EXPECT_EQ(Receive(federation::kReportingPathsItem, "warstein", "warstein", 10,
                    federation::ReportingPathsPayload(set, "Soest"), "")
                .outcome,
            sync::ApplyResult::Outcome::kRejected);
  EXPECT_EQ(Receive(federation::kReportingPathsItem, "warstein", "warstein", 11, "\x01garbage",
                    "")
                .outcome,
            sync::ApplyResult::Outcome::kRejected);
  v1::ReportingPathVersion got;
  EXPECT_EQ(Get("warstein", 0, &got).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(ReportingPathServiceTest, ThePublicSeesOnlyEntriesMarkedPublic) {
  ASSERT_TRUE(Save({Entry(v1::REPORTING_PATH_KIND_ASD_CHILD_PROTECTION, "Kinderschutz", true),
                    Entry(v1::REPORTING_PATH_KIND_EMERGENCY, "Rufbereitschaft intern", false)})
                  .ok());
  {
    // A draft is not public.
    v1::ListPublicContactsResponse contacts;
    grpc::ClientContext ctx;
    ASSERT_TRUE(
        public_stub_->ListPublicContacts(&ctx, v1::ListPublicContactsRequest(), &contacts).ok());
    EXPECT_EQ(contacts.reporting_paths_size(), 0);
  }
  ASSERT_TRUE(Publish().ok());
  ReceiveWarstein(1, 1000, "Kinderschutz Warstein");

  v1::ListPublicContactsResponse contacts;
  grpc::ClientContext ctx;
  ASSERT_TRUE(
      public_stub_->ListPublicContacts(&ctx, v1::ListPublicContactsRequest(), &contacts).ok());
  ASSERT_EQ(contacts.reporting_paths_size(), 1);
  EXPECT_EQ(contacts.reporting_paths(0).title(), "Kinderschutz");
  EXPECT_EQ(contacts.reporting_paths_version(), 1);

  v1::ListPublicReportingPathsResponse all;
  grpc::ClientContext ctx2;
  ASSERT_TRUE(
      public_stub_->ListPublicReportingPaths(&ctx2, v1::ListPublicReportingPathsRequest(), &all)
          .ok());
  ASSERT_EQ(all.offices_size(), 2);
  EXPECT_EQ(all.offices(0).office_id(), "lippstadt");
  EXPECT_EQ(all.offices(1).office_id(), "warstein");
  EXPECT_EQ(all.offices(1).office_name(), "Jugendamt der Stadt Warstein");
  for (const v1::PublicReportingPaths& office : all.offices()) {
    ASSERT_EQ(office.entries_size(), 1) << office.office_id();
    EXPECT_TRUE(office.entries(0).public_());
    EXPECT_FALSE(absl::StrContains(office.entries(0).title(), "intern"));
  }
}

}  // namespace
}  // namespace schutznetz::tenant
