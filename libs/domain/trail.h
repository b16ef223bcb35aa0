// The tamper-evident trail (Nachweiskette): ratifications and rejections of district agreements,
// handovers of a registration's personal data to another office, erasure requests and receipts,
// recorded as a hash chain that the aggregator and every office can verify.
//
// Every entry carries the SHA-256 of its predecessor (`prev_hash`; 64 zeros for entry 1) and its
// own `hash` over a canonical encoding of all its fields, so changing, deleting, inserting or
// reordering a stored entry breaks the chain from that entry on. Positions (`seq`) are 1, 2, 3 …
// without gaps.
//
// Canonical encoding (version 1), the input of `hash`: netstrings "<decimal byte length>:<bytes>,"
// (UTF-8 bytes) of, in this order,
//   the tag "schutznetz-trail-v1", seq (decimal), kind, subject, counterpart, details, actor,
//   recorded_at (microseconds since 1970-01-01T00:00:00Z, decimal), prev_hash
// e.g. "19:schutznetz-trail-v1,1:1,12:ratification,…". The length prefixes keep field boundaries
// unambiguous ("ab"+"c" and "a"+"bc" differ); anyone can recompute a hash from a stored row with
// a few lines of any language.
//
// Entries hold no personal data: subjects are ids, counterparts office ids, details fixed texts
// with ids and hashes, actors token or office ids.
//
// The chain alone proves only that the stored entries are consistent with each other: whoever can
// rewrite the whole table and recompute every hash is not detected. Noting the latest entry's
// seq and hash elsewhere (an anchor, e.g. in the activity report) and verifying against it
// later closes that gap up to the anchor.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "libs/domain/agreement.h"

namespace schutznetz::domain {

// What an entry records.
enum class TrailKind {
  kRatification,    // an office ratified an agreement version
  kRejection,       // an office rejected an agreement version
  kHandover,        // a registration's personal data was sent to another office
  kErasureRequest,  // erasure of personal data was requested (e.g. from another office)
  kErasureReceipt,  // erasure of personal data was carried out and confirmed
};

// The stored name ("ratification", "rejection", "handover", "erasure_request",
// "erasure_receipt") and its German label ("Ratifizierung", …).
std::string_view TrailKindSlug(TrailKind kind);
std::string_view TrailKindLabel(TrailKind kind);
std::optional<TrailKind> TrailKindFromSlug(std::string_view slug);

// prev_hash of entry 1.
inline const std::string kTrailGenesisHash(64, '0');

// Limits of the fields (code points).
inline constexpr size_t kMaxTrailSubjectChars = 200;
inline constexpr size_t kMaxTrailCounterpartChars = 64;
inline constexpr size_t kMaxTrailDetailsChars = 1000;
inline constexpr size_t kMaxTrailActorChars = 128;

// What a caller records; position, time and hashes are added when it is appended.
struct TrailRecord {
  TrailKind kind = TrailKind::kRatification;
  std::string subject;      // the item: "<agreement id>/<version>", a registration id, …
  std::string counterpart;  // the other office's id; "" for the district as a whole
  std::string details;      // non-personal: ids, numbers, hashes
  std::string actor;        // "token:<id>", "office:<id>", "system"
};

// The record of an office's decision on version `version` of agreement `agreement_id`, bound to
// the text's SHA-256 — the same at the deciding office and at the aggregator, so their trails can
// be compared: subject "<agreement id>/<version>", details "agreement <id> version <n> sha256
// <hex> decision <decision id>". `counterpart`: the deciding office at the aggregator, "" at the
// office (its counterpart is the district).
TrailRecord AgreementDecisionRecord(Decision decision, const std::string& agreement_id, int version,
                                    const std::string& text_sha256, const std::string& decision_id,
                                    std::string counterpart, std::string actor);

// The record of a registration whose member's name, organisation and sector were sent to
// `organiser_office` for its district event `event_id`: subject the registration id, details
// "registration data (name, organisation, sector) for event <id>" — never the data itself.
TrailRecord HandoverRecord(const std::string& registration_id, std::string organiser_office,
                           const std::string& event_id, std::string actor);

// OK, or INVALID_ARGUMENT naming the field ("trail.subject: …"): subject and actor required,
// every field valid single-line text within its limit, and no e-mail address or personal name
// in the details (a safety net: details are built from ids and hashes, never from user text).
absl::Status ValidateTrailRecord(const TrailRecord& record);

// One stored entry, exactly as stored: kind is the stored text (an altered row may hold any).
struct TrailEntry {
  int64_t seq = 0;
  std::string kind;
  std::string subject;
  std::string counterpart;
  std::string details;
  std::string actor;
  absl::Time recorded_at;  // whole microseconds
  std::string prev_hash;   // 64 lower-case hex digits
  std::string hash;        // 64 lower-case hex digits
};

// The chain's head as the appending transactions left it: the last seq and its hash (0 and
// kTrailGenesisHash before the first entry).
struct TrailHead {
  int64_t seq = 0;
  std::string hash = kTrailGenesisHash;
};

// Entry `seq` of `record`, appended after an entry whose hash is `prev_hash`, at `recorded_at`
// (truncated to whole microseconds), with its hash computed.
TrailEntry ChainEntry(const TrailRecord& record, int64_t seq, const std::string& prev_hash,
                      absl::Time recorded_at);

// The canonical encoding of `e` (all fields but `hash`; see the top of this file).
std::string CanonicalTrailEncoding(const TrailEntry& e);
// Hex SHA-256 of CanonicalTrailEncoding(e).
std::string TrailHash(const TrailEntry& e);

// A hash noted outside the database for entry `seq`; verification checks that the chain still
// holds that entry with that hash.
struct TrailAnchor {
  int64_t seq = 0;
  std::string hash;
};

// OK, or INVALID_ARGUMENT naming the fields: seq at least 1, hash 64 hex digits.
absl::Status ValidateTrailAnchor(const TrailAnchor& anchor, std::string_view seq_field,
                                 std::string_view hash_field);

// The first broken link found.
enum class TrailProblem {
  kNone,
  kAltered,         // the entry's hash does not match its fields
  kMissing,         // an entry (or several) is missing: a gap in seq, or the end cut off
  kOutOfOrder,      // the entry's fields are intact but it was recorded at another position
  kLinkBroken,      // prev_hash is not the hash of the entry before
  kDuplicate,       // the same seq appears twice
  kHeadMismatch,    // the last entry is not the head the appending transactions recorded
  kAnchorMismatch,  // the entry of an anchor has another hash than the one noted
};

struct TrailVerification {
  bool ok = true;
  int64_t entries_checked = 0;   // entries read (after a break, too: the rest is read to classify)
  int64_t first_broken_seq = 0;  // 0 when ok
  TrailProblem problem = TrailProblem::kNone;
  // German / English, e.g. "Eintrag 5 wurde verändert (Hash stimmt nicht) / entry 5 was altered
  // (hash mismatch)"; empty when ok.
  std::string reason;
  // The last entry read (0 and kTrailGenesisHash for an empty chain): the values to note as an
  // anchor when the chain is intact.
  int64_t last_seq = 0;
  std::string last_hash = kTrailGenesisHash;
};

// Verifies a chain entry by entry in seq order, without holding it in memory:
//
//   TrailVerifier verifier(head, anchor);
//   for (const TrailEntry& e : entries_in_seq_order) verifier.Add(e);
//   TrailVerification result = verifier.Finish();
//
// The first problem found is the result; later entries are only read to tell a moved entry from
// an altered one. With a head, an end cut off (the head names a later entry) or entries appended
// behind the head are found too; with an anchor, a rewritten chain that no longer holds the
// noted hash.
class TrailVerifier {
 public:
  explicit TrailVerifier(std::optional<TrailHead> head = std::nullopt,
                         std::optional<TrailAnchor> anchor = std::nullopt);
  void Add(const TrailEntry& e);
  TrailVerification Finish();

 private:
  void Fail(int64_t seq, TrailProblem problem, std::string reason);

  std::optional<TrailHead> head_;
  std::optional<TrailAnchor> anchor_;
  TrailVerification result_;
  int64_t expected_seq_ = 1;
  std::string prev_hash_ = kTrailGenesisHash;
  bool anchor_seen_ = false;
  // The entry of a hash mismatch, checked at Finish for having been moved from another seq.
  std::optional<TrailEntry> mismatched_;
};

// TrailVerifier over `entries` (in seq order, as read ordered by seq).
TrailVerification VerifyChain(const std::vector<TrailEntry>& entries,
                              std::optional<TrailHead> head = std::nullopt,
                              std::optional<TrailAnchor> anchor = std::nullopt);

}  // namespace schutznetz::domain
