// The trail on a real database: appends number the chain 1, 2, 3 … even when transactions append
// concurrently or roll back; the table refuses changes; and tampering by someone who can bypass
// that (an UPDATE of details, a DELETE of a middle or the last row, two rows' seq swapped) is
// reported at the first broken seq.
#include "libs/storage/trail_repository.h"

#include <gtest/gtest.h>

#include <atomic>
#include <pqxx/pqxx>
#include <set>
#include <thread>

#include "absl/strings/str_cat.h"
#include "libs/storage/trail.h"
#include "libs/storage/tx.h"
#include "tests/support/test_database.h"

namespace schutznetz::storage {
namespace {

using domain::TrailEntry;
using domain::TrailProblem;
using domain::TrailVerification;

class TrailRepositoryTest : public schutznetz::testing::DbTest {
 protected:
  domain::TrailRecord Handover(int i) {
    return domain::HandoverRecord(absl::StrCat("registration-", i), "soest",
                                  absl::StrCat("event-", i), "token:t1");
  }

  absl::StatusOr<TrailEntry> Append(const domain::TrailRecord& r) {
    return db().TransactValue<TrailEntry>(
        [&](Tx& tx) { return repo_->Append(tx, r, now_ += absl::Seconds(1)); });
  }

  void AppendN(int n) {
    for (int i = 1; i <= n; ++i) {
      absl::StatusOr<TrailEntry> e = Append(Handover(i));
      ASSERT_TRUE(e.ok()) << e.status();
    }
  }

  TrailVerification Verify() {
    Trail trail;
    absl::StatusOr<TrailVerification> r = db().TransactValue<TrailVerification>(
        [&](Tx& tx) { return trail.Verify(tx); },
        {.isolation = Isolation::kRepeatableRead, .read_only = true});
    EXPECT_TRUE(r.ok()) << r.status();
    return r.value_or(TrailVerification{});
  }

  // Runs `sql` as the table's owner with the append-only triggers disabled: what someone with
  // direct access to the database could do.
  void Tamper(const std::string& sql) {
    pqxx::connection conn(dsn());
    pqxx::work w(conn);
    w.exec("ALTER TABLE trail DISABLE TRIGGER USER");
    w.exec(sql);
    w.exec("ALTER TABLE trail ENABLE TRIGGER USER");
    w.commit();
  }

  absl::Time now_ = absl::FromUnixSeconds(1750000000);
  std::unique_ptr<TrailRepository> repo_ = NewTrailRepository();
};

TEST_F(TrailRepositoryTest, AppendsNumberFromOneAndLinkToThePrevious) {
  absl::StatusOr<TrailEntry> first = Append(Handover(1));
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->seq, 1);
  EXPECT_EQ(first->prev_hash, domain::kTrailGenesisHash);
  absl::StatusOr<TrailEntry> second = Append(Handover(2));
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->seq, 2);
  EXPECT_EQ(second->prev_hash, first->hash);

  auto head = db().TransactValue<domain::TrailHead>([&](Tx& tx) { return repo_->Head(tx); });
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(head->seq, 2);
  EXPECT_EQ(head->hash, second->hash);
  // Stored exactly as hashed.
  std::vector<TrailEntry> read;
  ASSERT_TRUE(db().Transact([&](Tx& tx) {
                    return repo_->ReadAll(tx, [&](const TrailEntry& e) { read.push_back(e); });
                  })
                  .ok());
  ASSERT_EQ(read.size(), 2u);
  EXPECT_EQ(read[1].recorded_at, second->recorded_at);
  EXPECT_EQ(read[1].details, second->details);
  EXPECT_EQ(domain::TrailHash(read[1]), second->hash);

  TrailVerification v = Verify();
  EXPECT_TRUE(v.ok) << v.reason;
  EXPECT_EQ(v.entries_checked, 2);
  EXPECT_EQ(v.last_hash, second->hash);
}

TEST_F(TrailRepositoryTest, EmptyTrailVerifies) {
  TrailVerification v = Verify();
  EXPECT_TRUE(v.ok);
  EXPECT_EQ(v.entries_checked, 0);
}

TEST_F(TrailRepositoryTest, InvalidRecordIsRefusedNamingTheField) {
  domain::TrailRecord r = Handover(1);
  r.actor = "";
  absl::StatusOr<TrailEntry> e = Append(r);
  EXPECT_EQ(e.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(e.status().message().find("trail.actor"), std::string::npos);
  EXPECT_EQ(QueryScalar("SELECT count(*) FROM trail"), "0");
}

TEST_F(TrailRepositoryTest, RolledBackAppendLeavesNoGap) {
  AppendN(1);
  absl::Status rolled_back = db().Transact([&](Tx& tx) -> absl::Status {
    absl::StatusOr<TrailEntry> e = repo_->Append(tx, Handover(2), now_);
    EXPECT_TRUE(e.ok());
    EXPECT_EQ(e->seq, 2);
    return absl::AbortedError("the event it records failed");
  });
  EXPECT_EQ(rolled_back.code(), absl::StatusCode::kAborted);
  absl::StatusOr<TrailEntry> next = Append(Handover(3));
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->seq, 2);
  EXPECT_TRUE(Verify().ok);
}

TEST_F(TrailRepositoryTest, ConcurrentAppendersKeepOneChain) {
  constexpr int kThreads = 6;
  constexpr int kPerThread = 20;
  std::atomic<int> committed{0};
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto repo = NewTrailRepository();
      for (int i = 0; i < kPerThread; ++i) {
        // Every fifth transaction rolls back after appending.
        bool roll_back = i % 5 == 4;
        absl::Status s = db().Transact([&](Tx& tx) -> absl::Status {
          absl::StatusOr<TrailEntry> e =
              repo->Append(tx, Handover(t * 1000 + i), absl::FromUnixSeconds(1750000000 + i));
          if (!e.ok()) return e.status();
          if (roll_back) return absl::CancelledError("rolled back on purpose");
          return absl::OkStatus();
        });
        if (s.ok()) {
          ++committed;
        } else if (!roll_back) {
          ++failures;
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  ASSERT_EQ(committed.load(), kThreads * kPerThread * 4 / 5);

  TrailVerification v = Verify();
  EXPECT_TRUE(v.ok) << v.reason;
  EXPECT_EQ(v.entries_checked, committed.load());
  EXPECT_EQ(v.last_seq, committed.load());
  EXPECT_EQ(QueryScalar("SELECT count(DISTINCT prev_hash) FROM trail"),
            std::to_string(committed.load()));  // no fork: every hash has one successor
  EXPECT_EQ(QueryScalar("SELECT max(seq) - min(seq) + 1 = count(*) FROM trail"), "t");
}

TEST_F(TrailRepositoryTest, TableRefusesUpdateDeleteAndTruncate) {
  AppendN(2);
  for (const char* sql : {"UPDATE trail SET details = 'x' WHERE seq = 1",
                          "DELETE FROM trail WHERE seq = 2", "TRUNCATE trail"}) {
    pqxx::connection conn(dsn());
    pqxx::work w(conn);
    EXPECT_THROW(w.exec(sql), pqxx::sql_error) << sql;
  }
  EXPECT_TRUE(Verify().ok);
}

TEST_F(TrailRepositoryTest, UpdatedDetailsAreReportedAtTheirSeq) {
  AppendN(5);
  Tamper("UPDATE trail SET details = 'registration data for event event-9' WHERE seq = 3");
  TrailVerification v = Verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_broken_seq, 3);
  EXPECT_EQ(v.problem, TrailProblem::kAltered);
  EXPECT_EQ(v.entries_checked, 5);
  EXPECT_EQ(v.reason,
            "Eintrag 3 wurde verändert (Hash stimmt nicht) / entry 3 was altered (hash mismatch)");
}

TEST_F(TrailRepositoryTest, UpdatedTimeIsReportedAtItsSeq) {
  AppendN(3);
  Tamper("UPDATE trail SET recorded_at = recorded_at - interval '1 day' WHERE seq = 2");
  TrailVerification v = Verify();
  EXPECT_EQ(v.first_broken_seq, 2);
  EXPECT_EQ(v.problem, TrailProblem::kAltered);
}

TEST_F(TrailRepositoryTest, DeletedMiddleRowIsReportedAsMissing) {
  AppendN(5);
  Tamper("DELETE FROM trail WHERE seq = 3");
  TrailVerification v = Verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_broken_seq, 3);
  EXPECT_EQ(v.problem, TrailProblem::kMissing);
  EXPECT_EQ(v.reason, "Eintrag 3 fehlt / entry 3 is missing");
}

TEST_F(TrailRepositoryTest, DeletedLastRowIsFoundAgainstTheHead) {
  AppendN(4);
  Tamper("DELETE FROM trail WHERE seq = 4");
  TrailVerification v = Verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_broken_seq, 4);
  EXPECT_EQ(v.problem, TrailProblem::kMissing);
}

TEST_F(TrailRepositoryTest, SwappedSeqValuesAreReportedAsOutOfOrder) {
  AppendN(6);
  // seq is the primary key: swap through a free value.
  Tamper(
      "UPDATE trail SET seq = 1000002 WHERE seq = 2;"
      "UPDATE trail SET seq = 2 WHERE seq = 5;"
      "UPDATE trail SET seq = 5 WHERE seq = 1000002");
  TrailVerification v = Verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_broken_seq, 2);
  EXPECT_EQ(v.problem, TrailProblem::kOutOfOrder);
  EXPECT_NE(v.reason.find("an Stelle 2 steht Eintrag 5"), std::string::npos) << v.reason;
}

TEST_F(TrailRepositoryTest, RowMovedToAnInvalidSeqIsFound) {
  AppendN(3);
  Tamper(
      "ALTER TABLE trail DROP CONSTRAINT trail_seq_check; UPDATE trail SET seq = 0 WHERE seq = 3");
  TrailVerification v = Verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_broken_seq, 1);
  EXPECT_EQ(v.problem, TrailProblem::kOutOfOrder);
}

TEST_F(TrailRepositoryTest, ListsNewestFirstWithPaging) {
  AppendN(5);
  domain::PageRequest page{2, ""};
  std::vector<int64_t> seqs;
  for (int i = 0; i < 5; ++i) {
    auto r =
        db().TransactValue<domain::Page<TrailEntry>>([&](Tx& tx) { return repo_->List(tx, page); });
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_EQ(r->total_size, 5);
    for (const TrailEntry& e : r->items) seqs.push_back(e.seq);
    if (r->next_page_token.empty()) break;
    page.page_token = r->next_page_token;
  }
  EXPECT_EQ(seqs, (std::vector<int64_t>{5, 4, 3, 2, 1}));
}

TEST_F(TrailRepositoryTest, ForeignPageTokenIsInvalid) {
  domain::PageRequest page{2, "bm90LWEtdG9rZW4"};
  auto r =
      db().TransactValue<domain::Page<TrailEntry>>([&](Tx& tx) { return repo_->List(tx, page); });
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(TrailRepositoryTest, ReadAllPagesThroughLongChains) {
  // More than one read batch (1000 rows), appended in one transaction to keep the test quick.
  ASSERT_TRUE(db().Transact([&](Tx& tx) -> absl::Status {
                    for (int i = 1; i <= 2345; ++i) {
                      absl::StatusOr<TrailEntry> e = repo_->Append(tx, Handover(i), now_);
                      if (!e.ok()) return e.status();
                    }
                    return absl::OkStatus();
                  })
                  .ok());
  TrailVerification v = Verify();
  EXPECT_TRUE(v.ok) << v.reason;
  EXPECT_EQ(v.entries_checked, 2345);
  EXPECT_EQ(v.last_seq, 2345);
}

}  // namespace
}  // namespace schutznetz::storage
