#include "tests/sync/sync_fixture.h"

#include <pqxx/pqxx>

#include "absl/time/clock.h"
#include "libs/common/status_macros.h"
#include "libs/storage/sync_state_repository.h"
#include "libs/storage/tx.h"

namespace schutznetz::testing {

absl::StatusOr<sync::ApplyResult> NoteHandler::Apply(storage::Tx& tx,
                                                     const domain::SyncItem& item) {
  tx.raw().exec_params(
      "INSERT INTO test_notes (id, origin, version, text) VALUES ($1, $2, $3, $4) "
      "ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, text = EXCLUDED.text "
      "WHERE test_notes.version < EXCLUDED.version",
      item.id, item.origin, item.version, item.payload);
  return sync::ApplyResult::Applied();
}

absl::StatusOr<sync::ApplyResult> CommentHandler::Apply(storage::Tx& tx,
                                                        const domain::SyncItem& item) {
  pqxx::result note = tx.raw().exec_params("SELECT 1 FROM test_notes WHERE id = $1", item.payload);
  if (note.empty()) return sync::ApplyResult::Held("note " + item.payload + " not known yet");
  tx.raw().exec_params(
      "INSERT INTO test_notes (id, origin, version, text) VALUES ($1, $2, $3, 'comment on ' || $4) "
      "ON CONFLICT (id) DO NOTHING",
      item.id, item.origin, item.version, item.payload);
  return sync::ApplyResult::Applied();
}

void CreateNotesTable(storage::Database& db) {
  ASSERT_TRUE(db.Transact([](storage::Tx& tx) -> absl::Status {
                  tx.ExecFixed(
                      "CREATE TABLE test_notes (id text PRIMARY KEY, origin text, version bigint, "
                      "text text)");
                  return absl::OkStatus();
                }).ok());
}

namespace {

std::string Epoch(storage::Database& db) {
  auto state = storage::NewSyncStateRepository();
  auto epoch = db.TransactValue<storage::EpochInfo>(
      [&](storage::Tx& tx) { return state->EnsureEpoch(tx); });
  EXPECT_TRUE(epoch.ok()) << epoch.status();
  return epoch.ok() ? epoch->epoch : "";
}

}  // namespace

void SyncTest::StartAggregator(int port, bool reuse_database) {
  std::unique_ptr<TestAggregator> a = std::make_unique<TestAggregator>();
  if (reuse_database && aggregator_) {
    a->database = std::move(aggregator_->database);
  } else {
    auto db = CreateTestDatabase(storage::SchemaRole::kAggregator);
    ASSERT_TRUE(db.ok()) << db.status();
    a->database = *std::move(db);
    CreateNotesTable(*a->database.db);
  }
  aggregator_.reset();
  storage::Database& db = *a->database.db;
  a->epoch = Epoch(db);
  a->relay = std::make_unique<sync::Outbox>("aggregator", &a->log_changed);
  a->applier.Register("note", &a->notes);
  a->applier.Register("comment", &a->comments);
  a->receiver = std::make_unique<sync::Receiver>(db, a->applier, *a->relay,
                                                 sync::ReceiverLimits{20, 64 * 1024});
  a->log = std::make_unique<sync::LogReader>(db, a->epoch);
  a->held_retrier = std::make_unique<sync::HeldRetrier>(*a->receiver, absl::Milliseconds(200));
  // Plaintext: the office is the request's office_id (the TLS identity has its own tests).
  a->identity = std::make_unique<aggregator::OfficeIdentity>("test-district", office_ids_,
                                                             /*tls_enabled=*/false, "", "");
  a->federation = std::make_unique<aggregator::FederationService>(db, *a->receiver, *a->log,
                                                                 a->log_changed, *a->identity);
  rpc::ServerOptions options;
  options.listen = "127.0.0.1:" + std::to_string(port);
  options.shutdown_grace = absl::Milliseconds(100);
  a->gate = std::make_unique<auth::Gate>(db, domain::ServerKind::kDistrict);
  a->gate->InstallOn(options);
  auto server = rpc::RpcServer::Start(options, {a->federation.get()});
  ASSERT_TRUE(server.ok()) << server.status();
  a->server = *std::move(server);
  a->port = a->server->port();
  aggregator_ = std::move(a);
}

void SyncTest::StopAggregator() {
  aggregator_->held_retrier.reset();
  aggregator_->federation->Shutdown();
  aggregator_->server->Shutdown();
  aggregator_->server.reset();
}

TestOffice& SyncTest::AddOffice(const std::string& id, sync::AgentOptions options) {
  auto o = std::make_unique<TestOffice>();
  o->id = id;
  auto db = CreateTestDatabase(storage::SchemaRole::kTenant);
  EXPECT_TRUE(db.ok()) << db.status();
  o->database = *std::move(db);
  CreateNotesTable(*o->database.db);
  o->epoch = Epoch(*o->database.db);
  o->outbox = std::make_unique<sync::Outbox>(id, &o->outbox_changed);
  o->applier.Register("note", &o->notes);
  o->applier.Register("comment", &o->comments);
  o->log = std::make_unique<sync::LogReader>(*o->database.db, o->epoch);
  options.office_id = id;
  if (options.poll_interval == absl::Seconds(1)) options.poll_interval = absl::Milliseconds(50);
  options.backoff_base = absl::Milliseconds(20);
  options.backoff_max = std::min(options.backoff_max, absl::Milliseconds(500));
  options.call_deadline = absl::Seconds(5);
  options.stream_deadline = std::min(options.stream_deadline, absl::Seconds(5));
  auto channel = grpc::CreateCustomChannel("127.0.0.1:" + std::to_string(aggregator_->port),
                                           grpc::InsecureChannelCredentials(),
                                           sync::AgentChannelArguments());
  o->agent = std::make_unique<sync::Agent>(*o->database.db, o->applier, *o->log,
                                           &o->outbox_changed, channel, options);
  TestOffice& ref = *o;
  offices_[id] = std::move(o);
  return ref;
}

void SyncTest::WriteNote(TestOffice& office, const std::string& id, int64_t version,
                         const std::string& text, const std::string& destination) {
  ASSERT_TRUE(office.database.db
                  ->Transact([&](storage::Tx& tx) -> absl::Status {
                    // The office's own copy, then its record in the outbox: one transaction.
                    domain::SyncItem own{"note", id, office.id, version, destination, text,
                                         absl::Now()};
                    SN_RETURN_IF_ERROR(office.notes.Apply(tx, own).status());
                    return office.outbox->Append(tx, {"note", id, destination, version, text});
                  })
                  .ok());
}

void SyncTest::WriteComment(TestOffice& office, const std::string& id,
                            const std::string& note_id) {
  ASSERT_TRUE(office.database.db
                  ->Transact([&](storage::Tx& tx) -> absl::Status {
                    return office.outbox->Append(tx, {"comment", id, "", 1, note_id});
                  })
                  .ok());
}

std::set<std::string> SyncTest::Notes(storage::Database& db) {
  std::set<std::string> out;
  EXPECT_TRUE(db.Transact([&](storage::Tx& tx) -> absl::Status {
                  for (const auto& r : tx.ExecFixed("SELECT id, version, text FROM test_notes")) {
                    out.insert(r[0].as<std::string>() + "@" + r[1].as<std::string>() + "=" +
                               r[2].as<std::string>());
                  }
                  return absl::OkStatus();
                }).ok());
  return out;
}

std::string SyncTest::Scalar(storage::Database& db, const std::string& sql) {
  std::string out;
  EXPECT_TRUE(db.Transact([&](storage::Tx& tx) -> absl::Status {
                  pqxx::result r = tx.ExecFixed(sql);
                  if (!r.empty() && !r[0][0].is_null()) out = r[0][0].as<std::string>();
                  return absl::OkStatus();
                }).ok());
  return out;
}

void SyncTest::Drain(TestOffice& office, absl::Duration timeout) {
  absl::Time deadline = absl::Now() + timeout;
  while (absl::Now() < deadline) {
    absl::StatusOr<int> pushed = office.agent->PushOnce();
    if (pushed.ok() && *pushed == 0) {
      std::string cursor = Scalar(*office.database.db, "SELECT push_cursor FROM sync_peers");
      absl::StatusOr<sync::LogBatch> rest = office.log->Next(cursor, {}, 1);
      if (rest.ok() && rest->items.empty() && rest->waiting_for_open_transactions == 0) return;
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
  ADD_FAILURE() << office.id << ": push did not drain";
}

void SyncTest::SubscribeUntil(TestOffice& office, const std::set<std::string>& notes,
                              absl::Duration timeout) {
  absl::Time deadline = absl::Now() + timeout;
  while (Notes(*office.database.db) != notes && absl::Now() < deadline) {
    absl::Status s = office.agent->SubscribeOnce(1);
    if (!s.ok()) absl::SleepFor(absl::Milliseconds(20));
  }
  EXPECT_EQ(Notes(*office.database.db), notes) << office.id;
}

}  // namespace schutznetz::testing
