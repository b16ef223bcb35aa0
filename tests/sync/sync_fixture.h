// A district in one process for sync tests: an aggregator (FederationService on a real port)
// and offices with their agents, each with its own real PostgreSQL database. Items are "notes"
// (payload: the text) and "comments" (payload: the id of the note they belong to; held until
// the note is known), stored in a test table `test_notes` in every database.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "libs/auth/gate.h"
#include "libs/rpc/server.h"
#include "libs/storage/database.h"
#include "libs/sync/agent.h"
#include "libs/sync/applier.h"
#include "libs/sync/log_reader.h"
#include "libs/sync/outbox.h"
#include "libs/sync/receiver.h"
#include "libs/sync/signal.h"
#include "services/aggregator/federation_service.h"
#include "tests/support/test_database.h"

namespace schutznetz::testing {

// Applies "note" items to test_notes (newer versions only).
class NoteHandler : public sync::ItemHandler {
 public:
  absl::StatusOr<sync::ApplyResult> Apply(storage::Tx& tx, const domain::SyncItem& item) override;
};

// Applies "comment" items; held while their note is unknown.
class CommentHandler : public sync::ItemHandler {
 public:
  absl::StatusOr<sync::ApplyResult> Apply(storage::Tx& tx, const domain::SyncItem& item) override;
};

struct TestAggregator {
  TestDatabase database;
  std::string epoch;
  sync::Signal log_changed;
  std::unique_ptr<sync::Outbox> relay;
  NoteHandler notes;
  CommentHandler comments;
  sync::Applier applier;
  std::unique_ptr<sync::Receiver> receiver;
  std::unique_ptr<sync::LogReader> log;
  std::unique_ptr<aggregator::OfficeIdentity> identity;
  std::unique_ptr<aggregator::FederationService> federation;
  std::unique_ptr<auth::Gate> gate;
  std::unique_ptr<rpc::RpcServer> server;
  std::unique_ptr<sync::HeldRetrier> held_retrier;
  int port = 0;
};

struct TestOffice {
  std::string id;
  TestDatabase database;
  std::string epoch;
  sync::Signal outbox_changed;
  std::unique_ptr<sync::Outbox> outbox;
  NoteHandler notes;
  CommentHandler comments;
  sync::Applier applier;
  std::unique_ptr<sync::LogReader> log;
  std::unique_ptr<sync::Agent> agent;
};

class SyncTest : public ::testing::Test {
 protected:
  // Creates the aggregator database and server (listening on a free port, or `port`).
  void StartAggregator(int port = 0, bool reuse_database = false);
  void StopAggregator();
  // Creates an office with its database and agent (agent not started).
  TestOffice& AddOffice(const std::string& id, sync::AgentOptions options = {});

  // Records a note (or comment) change at the office, as a feature would.
  void WriteNote(TestOffice& office, const std::string& id, int64_t version,
                 const std::string& text, const std::string& destination = "");
  void WriteComment(TestOffice& office, const std::string& id, const std::string& note_id);

  // "id@version=text" of every row of test_notes, sorted.
  std::set<std::string> Notes(storage::Database& db);
  std::string Scalar(storage::Database& db, const std::string& sql);
  // Pushes until the office's log holds nothing unpushed, or fails after `timeout`. (The test
  // cluster is shared: other tests' open transactions can briefly keep rows unreadable.)
  void Drain(TestOffice& office, absl::Duration timeout = absl::Seconds(20));
  // Subscribes (one batch at a time) until the office holds exactly `notes`, or fails.
  void SubscribeUntil(TestOffice& office, const std::set<std::string>& notes,
                      absl::Duration timeout = absl::Seconds(20));

  std::unique_ptr<TestAggregator> aggregator_;
  std::map<std::string, std::unique_ptr<TestOffice>> offices_;
  std::set<std::string> office_ids_ = {"lippstadt", "soest", "warstein", "kreis-soest"};
};

// Creates test_notes in a database.
void CreateNotesTable(storage::Database& db);

}  // namespace schutznetz::testing
