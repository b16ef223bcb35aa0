// The trail's hash chain: the canonical encoding is pinned by a known answer, and verification
// names the first broken link of an altered, deleted, reordered or inserted entry.
#include "libs/domain/trail.h"

#include <gtest/gtest.h>

#include <cctype>

#include "libs/common/sha256.h"

namespace schutznetz::domain {
namespace {

const absl::Time kStart = absl::FromUnixMicros(1750000000123456);
const std::string kAgreement = "3f2a0000-0000-4000-8000-000000000001";

TrailRecord Ratification(int version) {
  return {TrailKind::kRatification, kAgreement + "/" + std::to_string(version), "",
          "agreement " + kAgreement + " version " + std::to_string(version) + " sha256 " +
              std::string(64, 'a'),
          "token:t1"};
}

// A valid chain of `n` entries, one minute apart.
std::vector<TrailEntry> Chain(int n) {
  std::vector<TrailEntry> out;
  std::string prev = kTrailGenesisHash;
  for (int i = 1; i <= n; ++i) {
    out.push_back(ChainEntry(Ratification(i), i, prev, kStart + absl::Minutes(i)));
    prev = out.back().hash;
  }
  return out;
}

TrailHead HeadOf(const std::vector<TrailEntry>& chain) {
  return {chain.back().seq, chain.back().hash};
}

TEST(TrailTest, CanonicalEncodingIsLengthPrefixedAndPinnedByAKnownAnswer) {
  TrailEntry e;
  e.seq = 1;
  e.kind = "ratification";
  e.subject = kAgreement + "/3";
  for (int i = 0; i < 32; ++i) e.details += "ab";
  e.details = "agreement " + kAgreement + " version 3 sha256 " + e.details;
  e.actor = "token:t1";
  e.recorded_at = kStart;
  e.prev_hash = kTrailGenesisHash;
  EXPECT_EQ(CanonicalTrailEncoding(e),
            "19:schutznetz-trail-v1,1:1,12:ratification,38:" + kAgreement + "/3,0:,128:" +
                e.details + ",8:token:t1,16:1750000000123456,64:" + kTrailGenesisHash + ",");
  // Computed independently (Python: hashlib over the same netstrings).
  EXPECT_EQ(TrailHash(e), "ddfa20518c938075ede10eb9de11808cd542a801a140ce584288b85ff6a338b3");
}

TEST(TrailTest, FieldBoundariesMatter) {
  TrailEntry a = Chain(1)[0];
  TrailEntry b = a;
  a.subject = "ab";
  a.counterpart = "c";
  b.subject = "a";
  b.counterpart = "bc";
  EXPECT_NE(TrailHash(a), TrailHash(b));
}

TEST(TrailTest, ChainEntryLinksToItsPredecessorAndTruncatesToMicroseconds) {
  std::vector<TrailEntry> chain = Chain(2);
  EXPECT_EQ(chain[0].prev_hash, kTrailGenesisHash);
  EXPECT_EQ(chain[1].prev_hash, chain[0].hash);
  EXPECT_TRUE(IsSha256Hex(chain[1].hash));
  TrailEntry e = ChainEntry(Ratification(1), 1, kTrailGenesisHash, kStart + absl::Nanoseconds(999));
  EXPECT_EQ(e.recorded_at, kStart);
  EXPECT_EQ(e.kind, "ratification");
}

TEST(TrailTest, EmptyChainIsIntact) {
  TrailVerification r = VerifyChain({}, TrailHead{});
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.entries_checked, 0);
  EXPECT_EQ(r.first_broken_seq, 0);
  EXPECT_EQ(r.last_seq, 0);
  EXPECT_EQ(r.last_hash, kTrailGenesisHash);
  EXPECT_TRUE(r.reason.empty());
}

TEST(TrailTest, IntactChainReportsItsLastEntry) {
  std::vector<TrailEntry> chain = Chain(5);
  TrailVerification r = VerifyChain(chain, HeadOf(chain));
  EXPECT_TRUE(r.ok) << r.reason;
  EXPECT_EQ(r.entries_checked, 5);
  EXPECT_EQ(r.last_seq, 5);
  EXPECT_EQ(r.last_hash, chain[4].hash);
}

TEST(TrailTest, AlteredEntryIsTheFirstBrokenLink) {
  std::vector<TrailEntry> chain = Chain(5);
  chain[2].details = "agreement " + kAgreement + " version 9";
  TrailVerification r = VerifyChain(chain, HeadOf(chain));
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_broken_seq, 3);
  EXPECT_EQ(r.problem, TrailProblem::kAltered);
  EXPECT_EQ(r.reason,
            "Eintrag 3 wurde verändert (Hash stimmt nicht) / entry 3 was altered (hash mismatch)");
  EXPECT_EQ(r.entries_checked, 5);
}

TEST(TrailTest, AlteredFirstEntryIsFound) {
  std::vector<TrailEntry> chain = Chain(3);
  chain[0].actor = "token:t2";
  TrailVerification r = VerifyChain(chain);
  EXPECT_EQ(r.first_broken_seq, 1);
  EXPECT_EQ(r.problem, TrailProblem::kAltered);
}

TEST(TrailTest, AlteredTimeIsFound) {
  std::vector<TrailEntry> chain = Chain(3);
  chain[1].recorded_at += absl::Microseconds(1);
  EXPECT_EQ(VerifyChain(chain).first_broken_seq, 2);
}

TEST(TrailTest, RecomputedHashOfAnAlteredEntryBreaksTheNextLink) {
  std::vector<TrailEntry> chain = Chain(4);
  chain[1].details = "agreement " + kAgreement + " version 7";
  chain[1].hash = TrailHash(chain[1]);
  TrailVerification r = VerifyChain(chain);
  EXPECT_EQ(r.first_broken_seq, 3);
  EXPECT_EQ(r.problem, TrailProblem::kLinkBroken);
  EXPECT_EQ(r.reason,
            "Eintrag 3 ist nicht mit Eintrag 2 verkettet (prev_hash stimmt nicht) / entry 3 does "
            "not link to entry 2 (prev_hash mismatch)");
}

TEST(TrailTest, FirstEntryMustStartFromZeros) {
  std::vector<TrailEntry> chain = Chain(1);
  chain[0].prev_hash = std::string(64, 'f');
  chain[0].hash = TrailHash(chain[0]);
  TrailVerification r = VerifyChain(chain);
  EXPECT_EQ(r.first_broken_seq, 1);
  EXPECT_EQ(r.problem, TrailProblem::kLinkBroken);
}

TEST(TrailTest, DeletedMiddleEntryIsMissing) {
  std::vector<TrailEntry> chain = Chain(5);
  TrailHead head = HeadOf(chain);
  chain.erase(chain.begin() + 3);  // entry 4
  TrailVerification r = VerifyChain(chain, head);
  EXPECT_EQ(r.first_broken_seq, 4);
  EXPECT_EQ(r.problem, TrailProblem::kMissing);
  EXPECT_EQ(r.reason, "Eintrag 4 fehlt / entry 4 is missing");
}

TEST(TrailTest, SeveralDeletedEntriesAreNamedAsARange) {
  std::vector<TrailEntry> chain = Chain(6);
  chain.erase(chain.begin() + 1, chain.begin() + 4);  // entries 2, 3, 4
  TrailVerification r = VerifyChain(chain);
  EXPECT_EQ(r.first_broken_seq, 2);
  EXPECT_EQ(r.reason, "Einträge 2 bis 4 fehlen / entries 2 to 4 are missing");
}

TEST(TrailTest, DeletedFirstEntryIsMissing) {
  std::vector<TrailEntry> chain = Chain(3);
  chain.erase(chain.begin());
  TrailVerification r = VerifyChain(chain);
  EXPECT_EQ(r.first_broken_seq, 1);
  EXPECT_EQ(r.problem, TrailProblem::kMissing);
}

TEST(TrailTest, DeletedEndIsFoundAgainstTheHead) {
  std::vector<TrailEntry> chain = Chain(5);
  TrailHead head = HeadOf(chain);
  chain.resize(3);
  EXPECT_TRUE(VerifyChain(chain).ok);  // the chain alone cannot tell
  TrailVerification r = VerifyChain(chain, head);
  EXPECT_EQ(r.first_broken_seq, 4);
  EXPECT_EQ(r.problem, TrailProblem::kMissing);
  EXPECT_EQ(r.reason,
            "Einträge 4 bis 5 fehlen (Ende der Kette gelöscht; der Kopf nennt Eintrag 5) / "
            "entries 4 to 5 are missing (end of the chain deleted; the head names entry 5)");
}

TEST(TrailTest, EveryEntryDeletedIsFoundAgainstTheHead) {
  std::vector<TrailEntry> chain = Chain(2);
  TrailVerification r = VerifyChain({}, HeadOf(chain));
  EXPECT_EQ(r.first_broken_seq, 1);
  EXPECT_EQ(r.problem, TrailProblem::kMissing);
}

TEST(TrailTest, EntryAppendedBehindTheHeadIsFound) {
  std::vector<TrailEntry> chain = Chain(4);
  TrailHead head{3, chain[2].hash};
  TrailVerification r = VerifyChain(chain, head);
  EXPECT_EQ(r.first_broken_seq, 4);
  EXPECT_EQ(r.problem, TrailProblem::kHeadMismatch);
}

TEST(TrailTest, HeadWithAnotherHashIsFound) {
  std::vector<TrailEntry> chain = Chain(3);
  TrailVerification r = VerifyChain(chain, TrailHead{3, chain[1].hash});
  EXPECT_EQ(r.first_broken_seq, 3);
  EXPECT_EQ(r.problem, TrailProblem::kHeadMismatch);
}

TEST(TrailTest, SwappedPositionsAreOutOfOrder) {
  std::vector<TrailEntry> chain = Chain(6);
  std::swap(chain[2].seq, chain[4].seq);  // UPDATE … SET seq: 3 ↔ 5
  std::swap(chain[2], chain[4]);          // read back ordered by seq
  TrailVerification r = VerifyChain(chain, HeadOf(Chain(6)));
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_broken_seq, 3);
  EXPECT_EQ(r.problem, TrailProblem::kOutOfOrder);
  EXPECT_EQ(r.reason,
            "Reihenfolge vertauscht: an Stelle 3 steht Eintrag 5 (vertauscht, verschoben oder "
            "eingefügt) / out of order: position 3 holds entry 5 (swapped, moved or inserted)");
}

TEST(TrailTest, SwappedNeighboursAreOutOfOrder) {
  std::vector<TrailEntry> chain = Chain(3);
  std::swap(chain[0].seq, chain[1].seq);
  std::swap(chain[0], chain[1]);
  TrailVerification r = VerifyChain(chain);
  EXPECT_EQ(r.first_broken_seq, 1);
  EXPECT_EQ(r.problem, TrailProblem::kOutOfOrder);
}

TEST(TrailTest, UnsortedInputBreaksAtTheFirstGap) {
  std::vector<TrailEntry> chain = Chain(4);
  std::swap(chain[1], chain[3]);  // positions not renumbered: 1, 4, 3, 2
  TrailVerification r = VerifyChain(chain);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_broken_seq, 2);  // 4 follows 1
  EXPECT_EQ(r.problem, TrailProblem::kMissing);
}

TEST(TrailTest, InsertedEntryWithRenumberingIsFound) {
  std::vector<TrailEntry> chain = Chain(4);
  // A forged entry 3 that links correctly to entry 2; the old 3 and 4 renumbered to 4 and 5.
  TrailRecord forged = Ratification(99);
  TrailEntry fake = ChainEntry(forged, 3, chain[1].hash, kStart + absl::Minutes(3));
  chain[2].seq = 4;
  chain[3].seq = 5;
  chain.insert(chain.begin() + 2, fake);
  TrailVerification r = VerifyChain(chain);
  EXPECT_EQ(r.first_broken_seq, 4);
  EXPECT_EQ(r.problem, TrailProblem::kOutOfOrder);
  EXPECT_NE(r.reason.find("an Stelle 4 steht Eintrag 3"), std::string::npos) << r.reason;
}

TEST(TrailTest, InsertedEntryWithoutValidHashIsAltered) {
  std::vector<TrailEntry> chain = Chain(3);
  TrailEntry fake = chain[1];
  fake.seq = 3;
  fake.details = "erfunden";
  chain[2].seq = 4;
  chain.insert(chain.begin() + 2, fake);
  TrailVerification r = VerifyChain(chain);
  EXPECT_EQ(r.first_broken_seq, 3);
  EXPECT_EQ(r.problem, TrailProblem::kAltered);
}

TEST(TrailTest, DuplicateSeqIsFound) {
  std::vector<TrailEntry> chain = Chain(3);
  chain.insert(chain.begin() + 2, chain[1]);
  TrailVerification r = VerifyChain(chain);
  EXPECT_EQ(r.first_broken_seq, 2);
  EXPECT_EQ(r.problem, TrailProblem::kDuplicate);
  EXPECT_EQ(r.reason, "Eintrag 2 kommt doppelt vor / entry 2 appears twice");
}

TEST(TrailTest, RecomputedChainPassesAloneButNotAgainstAnAnchor) {
  std::vector<TrailEntry> original = Chain(5);
  TrailAnchor anchor{4, original[3].hash};
  EXPECT_TRUE(VerifyChain(original, HeadOf(original), anchor).ok);

  // Entry 2 changed and every later hash recomputed, head included: self-consistent.
  std::vector<TrailEntry> rewritten = original;
  rewritten[1].details = "agreement " + kAgreement + " version 8";
  for (size_t i = 1; i < rewritten.size(); ++i) {
    rewritten[i].prev_hash = rewritten[i - 1].hash;
    rewritten[i].hash = TrailHash(rewritten[i]);
  }
  EXPECT_TRUE(VerifyChain(rewritten, HeadOf(rewritten)).ok);
  TrailVerification r = VerifyChain(rewritten, HeadOf(rewritten), anchor);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_broken_seq, 4);
  EXPECT_EQ(r.problem, TrailProblem::kAnchorMismatch);
}

TEST(TrailTest, AnchorBeyondTheChainIsMissing) {
  std::vector<TrailEntry> chain = Chain(3);
  TrailVerification r = VerifyChain(chain, HeadOf(chain), TrailAnchor{5, std::string(64, 'c')});
  EXPECT_EQ(r.first_broken_seq, 4);
  EXPECT_EQ(r.problem, TrailProblem::kMissing);
}

TEST(TrailTest, AnchorHashIsComparedCaseInsensitively) {
  std::vector<TrailEntry> chain = Chain(2);
  std::string upper = chain[1].hash;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_TRUE(VerifyChain(chain, std::nullopt, TrailAnchor{2, upper}).ok);
}

TEST(TrailTest, AnchorIsValidated) {
  EXPECT_TRUE(ValidateTrailAnchor({3, std::string(64, 'A')}, "anchor_seq", "anchor_hash").ok());
  absl::Status s = ValidateTrailAnchor({0, "xyz"}, "anchor_seq", "anchor_hash");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("anchor_seq"), std::string::npos) << s;
  EXPECT_NE(s.message().find("anchor_hash"), std::string::npos) << s;
}

TEST(TrailTest, RecordNeedsSubjectAndActor) {
  EXPECT_TRUE(ValidateTrailRecord(Ratification(1)).ok());
  TrailRecord r = Ratification(1);
  r.subject = "";
  r.actor = "";
  absl::Status s = ValidateTrailRecord(r);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("trail.subject"), std::string::npos) << s;
  EXPECT_NE(s.message().find("trail.actor"), std::string::npos) << s;
}

TEST(TrailTest, RecordRefusesControlCharactersAndOverlongFields) {
  TrailRecord r = Ratification(1);
  r.details = "zeile 1\nzeile 2";
  EXPECT_NE(ValidateTrailRecord(r).message().find("trail.details"), std::string::npos);
  r = Ratification(1);
  r.counterpart = std::string(kMaxTrailCounterpartChars + 1, 'x');
  EXPECT_NE(ValidateTrailRecord(r).message().find("trail.counterpart"), std::string::npos);
}

TEST(TrailTest, RecordRefusesPersonalDataInDetails) {
  TrailRecord r = Ratification(1);
  r.details = "registration of max.muster@example.de";
  absl::Status s = ValidateTrailRecord(r);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("trail.details"), std::string::npos) << s;
  r.details = "registration data of Anna Schmidt";
  EXPECT_FALSE(ValidateTrailRecord(r).ok());
  // What the hooks write passes, long digit runs of hashes included.
  r.details =
      "registration data (name, organisation, sector) for event "
      "0294112345-6789-4000-8000-000000000001 sha256 " +
      std::string(64, '1');
  EXPECT_TRUE(ValidateTrailRecord(r).ok()) << ValidateTrailRecord(r);
}

TEST(TrailTest, DecisionRecordNamesVersionHashAndDecision) {
  std::string hash(64, 'e');
  TrailRecord r = AgreementDecisionRecord(Decision::kReject, kAgreement, 3, hash, "d-1",
                                          "lippstadt", "office:lippstadt");
  EXPECT_EQ(r.kind, TrailKind::kRejection);
  EXPECT_EQ(r.subject, kAgreement + "/3");
  EXPECT_EQ(r.counterpart, "lippstadt");
  EXPECT_EQ(r.details, "agreement " + kAgreement + " version 3 sha256 " + hash + " decision d-1");
  EXPECT_EQ(r.actor, "office:lippstadt");
  EXPECT_TRUE(ValidateTrailRecord(r).ok());
  EXPECT_EQ(
      AgreementDecisionRecord(Decision::kRatify, kAgreement, 1, hash, "d-2", "", "token:t").kind,
      TrailKind::kRatification);
}

TEST(TrailTest, HandoverRecordNamesTheDataNotItsContent) {
  TrailRecord r = HandoverRecord("r-1", "soest", "e-1", "token:t1");
  EXPECT_EQ(r.kind, TrailKind::kHandover);
  EXPECT_EQ(r.subject, "r-1");
  EXPECT_EQ(r.counterpart, "soest");
  EXPECT_EQ(r.details, "registration data (name, organisation, sector) for event e-1");
  EXPECT_TRUE(ValidateTrailRecord(r).ok());
}

TEST(TrailTest, KindSlugsRoundTrip) {
  for (TrailKind k : {TrailKind::kRatification, TrailKind::kRejection, TrailKind::kHandover,
                      TrailKind::kErasureRequest, TrailKind::kErasureReceipt}) {
    EXPECT_EQ(TrailKindFromSlug(TrailKindSlug(k)), k);
    EXPECT_FALSE(TrailKindLabel(k).empty());
  }
  EXPECT_EQ(TrailKindSlug(TrailKind::kErasureReceipt), "erasure_receipt");
  EXPECT_FALSE(TrailKindFromSlug("deletion").has_value());
}

}  // namespace
}  // namespace schutznetz::domain
