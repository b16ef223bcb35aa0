// Backup and restore with real processes (docs/operations.md, "Restore from backup"):
// `pg_dump` of Lippstadt's database while it runs, the rest of the district goes on (new and
// changed district events, registrations for Lippstadt's events that Lippstadt answers, an
// agreement opened), then Lippstadt's database is lost. `pg_restore` into a fresh PostgreSQL
// cluster, the tenant service started on it: the office resumes sync from the cursors stored in
// the backup — the district log from where the backup had applied it, its own log pushed again
// under a new epoch — and the district converges with nothing lost and nothing applied twice.
// Registration requests answered after the backup no longer carry their personal data in the
// district log (dropped once answered); the restored office publishes its events again and asks
// the other offices to send their live registrations again.
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <fstream>
#include <set>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "libs/common/sha256.h"
#include "tests/e2e/federation_support.h"
#include "tests/e2e/federation_workload.h"
#include "tests/support/pg_cluster.h"
#include "tests/support/process.h"

namespace schutznetz::testing {
namespace {

constexpr char kKreis[] = "kreis-soest";
constexpr char kLippstadt[] = "lippstadt";
constexpr char kSoest[] = "soest";
constexpr char kWarstein[] = "warstein";

// Runs a PostgreSQL client program of the cluster's version; fails the test on a non-zero exit.
void RunPg(const PgCluster& cluster, std::vector<std::string> argv) {
  argv[0] = cluster.bin_dir() + "/" + argv[0];
  std::string output;
  absl::StatusOr<int> code = RunCommand({.argv = argv}, absl::Seconds(120), &output);
  ASSERT_TRUE(code.ok()) << code.status();
  ASSERT_EQ(*code, 0) << argv[0] << ":\n" << output;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string Scalar(FederationDistrict& d, const std::string& id, const std::string& sql) {
  std::vector<std::vector<std::string>> rows = d.Query(id, sql);
  return rows.empty() || rows[0].empty() ? "" : rows[0][0];
}

DistrictService& ServiceOf(FederationDistrict& d, const std::string& id) {
  return id == kAggregatorId ? d.local().aggregator() : d.local().office(id);
}

// pg_dump of the running service's database, as the runbook does it; returns the file.
std::string Dump(FederationDistrict& d, const std::string& id) {
  const std::string file = absl::StrCat(std::filesystem::temp_directory_path().string(),
                                        "/schutznetz-", id, "-", getpid(), ".dump");
  RunPg(d.local().cluster(), {"pg_dump", "--format=custom", "--file=" + file,
                              d.local().cluster().Dsn(ServiceOf(d, id).database)});
  return file;
}

// The keys of the registrations in `table` that are neither cancelled nor rejected.
std::set<std::string> LiveKeys(const RegistrationTable& table) {
  std::set<std::string> live;
  for (const auto& [key, value] : table) {
    if (value.find(" cancelled ") == std::string::npos &&
        value.find(" rejected ") == std::string::npos) {
      live.insert(key);
    }
  }
  return live;
}

// The service's database is lost: SIGKILL, `dump` restored into a fresh cluster (returned; it
// must outlive the service), the service started on it.
std::unique_ptr<PgCluster> RestoreIntoFreshCluster(FederationDistrict& d, const std::string& id,
                                                   const std::string& dump,
                                                   const std::function<void()>& before_start) {
  d.Kill(id);
  absl::StatusOr<std::unique_ptr<PgCluster>> fresh = PgCluster::Start({.own_initdb = true});
  EXPECT_TRUE(fresh.ok()) << fresh.status();
  if (!fresh.ok()) return nullptr;
  absl::StatusOr<std::string> dsn = (*fresh)->CreateDatabase(ServiceOf(d, id).database);
  EXPECT_TRUE(dsn.ok()) << dsn.status();
  if (!dsn.ok()) return nullptr;
  RunPg(**fresh, {"pg_restore", "--no-owner", "--no-acl", "--exit-on-error", "--dbname=" + *dsn,
                  dump});
  std::filesystem::remove(dump);
  d.MoveDatabase(id, *dsn);
  before_start();
  d.Restart(id);
  return *std::move(fresh);
}

TEST(BackupRestoreTest, OfficeRestoredFromADumpIntoAFreshClusterResumesSyncWithoutLossOrDuplicates) {
  std::unique_ptr<FederationDistrict> district = FederationDistrict::Start();
  ASSERT_NE(district, nullptr);
  FederationDistrict& d = *district;
  Workload w(d, {.seed = 21,
                 .events = 12,
                 .event_changes = 12,
                 .registrations = 10,
                 .cancellations = 2,
                 .proposals = 0,
                 .agreement = false});
  w.Prepare(d.office_ids());
  AwaitConvergence(d, absl::Seconds(60));

  // The backup: pg_dump of the running office.
  const std::string dump = Dump(d, kLippstadt);
  const std::string members_at_backup =
      Scalar(d, kLippstadt, "SELECT string_agg(id::text, ',' ORDER BY id) FROM members");
  const std::string cursor_at_backup =
      Scalar(d, kLippstadt, "SELECT subscribe_cursor FROM sync_peers WHERE peer = 'aggregator'");
  ASSERT_FALSE(cursor_at_backup.empty());

  // The district goes on after the backup: the other offices' burst (also registrations for
  // Lippstadt's events, which Lippstadt answers) and a new agreement; Lippstadt applies it all.
  w.Start({kKreis, kSoest, kWarstein});
  const std::string text = "§ 1 Zweck\nDas Netzwerk trifft sich dreimal im Jahr.";
  v1::CreateAgreementRequest create;
  create.set_kind(v1::AGREEMENT_KIND_RULES_OF_PROCEDURE);
  create.set_title("Geschäftsordnung des Netzwerks Kinderschutz");
  create.set_text(text);
  v1::CreateAgreementResponse created;
  grpc::Status s = d.coordination().CreateAgreement(CallContext().get(), create, &created);
  ASSERT_TRUE(s.ok()) << s.error_message();
  const std::string agreement = created.agreement().id();
  v1::OpenForRatificationRequest open;
  open.set_agreement_id(agreement);
  open.set_version_number(1);
  v1::OpenForRatificationResponse opened;
  s = d.coordination().OpenForRatification(CallContext().get(), open, &opened);
  ASSERT_TRUE(s.ok()) << s.error_message();
  w.Join();
  DistrictState before_loss = AwaitConvergence(d, absl::Seconds(60));
  w.ExpectMatches(before_loss);
  ASSERT_EQ(before_loss.offices.at(kLippstadt).agreements.count(agreement), 1u);
  ASSERT_NE(Scalar(d, kLippstadt,
                   "SELECT subscribe_cursor FROM sync_peers WHERE peer = 'aggregator'"),
            cursor_at_backup);
  const size_t mirrored = before_loss.offices.at(kLippstadt).mirror.size();
  const std::set<std::string> incoming = LiveKeys(before_loss.offices.at(kLippstadt).incoming);
  ASSERT_GT(incoming.size(), 0u) << "no registrations for Lippstadt's events after the backup";

  // Lippstadt's database is lost. Restore the dump into a fresh cluster and start the office on it.
  std::unique_ptr<PgCluster> fresh = RestoreIntoFreshCluster(d, kLippstadt, dump, [&] {
    // The restored database still has the cursors of the backup.
    EXPECT_EQ(Scalar(d, kLippstadt,
                     "SELECT subscribe_cursor FROM sync_peers WHERE peer = 'aggregator'"),
              cursor_at_backup);
  });
  ASSERT_NE(fresh, nullptr);

  // Everything the district did after the backup reaches Lippstadt again, exactly once; its
  // answers to the registrations are given again; nothing is relayed twice.
  DistrictState after = AwaitConvergence(d, absl::Seconds(90));
  w.ExpectMatches(after);
  EXPECT_EQ(after.relayed_twice, 0);
  EXPECT_EQ(after.held, 0);
  EXPECT_TRUE(after.offices.at(kLippstadt).calendar_duplicates.empty());
  EXPECT_EQ(after.offices.at(kLippstadt).mirror.size(), mirrored);
  // The live registrations are back (sent again by their offices); cancelled ones whose data was
  // dropped after delivery are not.
  EXPECT_EQ(LiveKeys(after.offices.at(kLippstadt).incoming), incoming);
  EXPECT_EQ(after.offices.at(kLippstadt).agreements.count(agreement), 1u);
  EXPECT_EQ(Scalar(d, kLippstadt, "SELECT string_agg(id::text, ',' ORDER BY id) FROM members"),
            members_at_backup);
  // It resumed from the stored cursor under a new epoch of its own: no full resync of the
  // district log, its own log pushed again (the aggregator took it as duplicates).
  std::string log = ReadFile(d.local().office(kLippstadt).log_file);
  EXPECT_NE(log.find("sync epoch renewed"), std::string::npos);
  EXPECT_EQ(log.find("district log has a new epoch"), std::string::npos);

  // The restored office works on: its new district event and its ratification reach the district.
  std::string event = w.CreateEventIn(kLippstadt);
  ASSERT_TRUE(Eventually([&] {
    return d.Count(kSoest, absl::StrCat("SELECT count(*) FROM district_events WHERE id = '",
                                        event, "'")) == 1;
  })) << "the restored office's new event did not reach Soest";
  w.RegisterIn(kSoest, event);
  v1::DecideAgreementRequest decide;
  decide.set_agreement_id(agreement);
  decide.set_version_number(1);
  decide.set_text_sha256(Sha256Hex(text));
  decide.set_comment("Beschluss nach der Wiederherstellung");
  v1::DecideAgreementResponse decided;
  s = d.office(kLippstadt).agreements->RatifyAgreement(CallContext().get(), decide, &decided);
  EXPECT_TRUE(s.ok()) << s.error_message();
  DistrictState later = AwaitConvergence(d, absl::Seconds(60));
  w.ExpectMatches(later);
  EXPECT_EQ(later.registry.count(event), 1u);
  for (const char* office : {kKreis, kSoest, kWarstein}) {
    EXPECT_EQ(later.offices.at(office).mirror.count(event), 1u) << office;
  }
  bool ratified = false;
  for (const v1::AgreementVersion& v : later.agreements.at(agreement).versions()) {
    for (const v1::OfficeRatification& r : v.offices()) {
      if (r.office_id() == kLippstadt) ratified = r.standing() == v1::OFFICE_STANDING_RATIFIED;
    }
  }
  EXPECT_TRUE(ratified) << later.agreements.at(agreement).DebugString();
}

TEST(BackupRestoreTest, AggregatorRestoredFromADumpGetsBackWhatTheOfficesPushedSince) {
  std::unique_ptr<FederationDistrict> district = FederationDistrict::Start();
  ASSERT_NE(district, nullptr);
  FederationDistrict& d = *district;
  Workload w(d, {.seed = 22,
                 .events = 10,
                 .event_changes = 10,
                 .registrations = 8,
                 .cancellations = 2,
                 .proposals = 0,
                 .agreement = false});
  w.Prepare(d.office_ids());
  AwaitConvergence(d, absl::Seconds(60));
  const std::string dump = Dump(d, kAggregatorId);
  const int64_t events_at_backup = d.Count(kAggregatorId, "SELECT count(*) FROM district_events");

  // Every office goes on after the backup; the aggregator takes it all and relays it.
  w.Start(d.office_ids());
  w.Join();
  w.ExpectMatches(AwaitConvergence(d, absl::Seconds(60)));
  ASSERT_GT(d.Count(kAggregatorId, "SELECT count(*) FROM district_events"), events_at_backup);

  // The aggregator's database is lost and restored from the dump: it lacks everything since.
  std::unique_ptr<PgCluster> fresh = RestoreIntoFreshCluster(d, kAggregatorId, dump, [&] {
    EXPECT_EQ(d.Count(kAggregatorId, "SELECT count(*) FROM district_events"), events_at_backup);
  });
  ASSERT_NE(fresh, nullptr);

  // The offices see its new epoch, read the district log again and push their own logs again:
  // the district is whole again, nothing relayed twice.
  DistrictState after = AwaitConvergence(d, absl::Seconds(120));
  w.ExpectMatches(after);
  EXPECT_EQ(after.relayed_twice, 0);
  EXPECT_EQ(after.held, 0);
  for (const std::string& office : d.office_ids()) {
    EXPECT_TRUE(after.offices.at(office).calendar_duplicates.empty()) << office;
    EXPECT_NE(ReadFile(d.local().office(office).log_file).find("district log has a new epoch"),
              std::string::npos)
        << office;
  }
}

}  // namespace
}  // namespace schutznetz::testing
