#include "libs/domain/trail.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"
#include "libs/common/sha256.h"
#include "libs/common/text.h"
#include "libs/domain/pii_guard.h"

namespace schutznetz::domain {
namespace {

constexpr std::string_view kEncodingTag = "schutznetz-trail-v1";

// A hash mismatch is tried at this many other positions beyond the entries read, to tell an
// entry moved from a position now missing from an altered one; bounded, because a tampered seq
// may be anything.
constexpr int64_t kExtraMoveCandidates = 1024;

void AppendNetstring(std::string* out, std::string_view field) {
  out->append(std::to_string(field.size()));
  out->push_back(':');
  out->append(field);
  out->push_back(',');
}

std::string Missing(int64_t first, int64_t last, const std::string& where_de,
                    const std::string& where_en) {
  if (first == last) {
    return absl::StrCat("Eintrag ", first, " fehlt", where_de, " / entry ", first, " is missing",
                        where_en);
  }
  return absl::StrCat("Einträge ", first, " bis ", last, " fehlen", where_de, " / entries ", first,
                      " to ", last, " are missing", where_en);
}

}  // namespace

std::string_view TrailKindSlug(TrailKind kind) {
  switch (kind) {
    case TrailKind::kRatification:
      return "ratification";
    case TrailKind::kRejection:
      return "rejection";
    case TrailKind::kHandover:
      return "handover";
    case TrailKind::kErasureRequest:
      return "erasure_request";
    case TrailKind::kErasureReceipt:
      return "erasure_receipt";
  }
  return "";
}

std::string_view TrailKindLabel(TrailKind kind) {
  switch (kind) {
    case TrailKind::kRatification:
      return "Ratifizierung";
    case TrailKind::kRejection:
      return "Ablehnung";
    case TrailKind::kHandover:
      return "Datenweitergabe";
    case TrailKind::kErasureRequest:
      return "Löschersuchen";
    case TrailKind::kErasureReceipt:
      return "Löschbestätigung";
  }
  return "";
}

std::optional<TrailKind> TrailKindFromSlug(std::string_view slug) {
  for (TrailKind k : {TrailKind::kRatification, TrailKind::kRejection, TrailKind::kHandover,
                      TrailKind::kErasureRequest, TrailKind::kErasureReceipt}) {
    if (TrailKindSlug(k) == slug) return k;
  }
  return std::nullopt;
}

TrailRecord AgreementDecisionRecord(Decision decision, const std::string& agreement_id, int version,
                                    const std::string& text_sha256, const std::string& decision_id,
                                    std::string counterpart, std::string actor) {
  TrailRecord r;
  r.kind = decision == Decision::kReject ? TrailKind::kRejection : TrailKind::kRatification;
  r.subject = absl::StrCat(agreement_id, "/", version);
  r.counterpart = std::move(counterpart);
  r.details = absl::StrCat("agreement ", agreement_id, " version ", version, " sha256 ",
                           text_sha256, " decision ", decision_id);
  r.actor = std::move(actor);
  return r;
}

TrailRecord HandoverRecord(const std::string& registration_id, std::string organiser_office,
                           const std::string& event_id, std::string actor) {
  TrailRecord r;
  r.kind = TrailKind::kHandover;
  r.subject = registration_id;
  r.counterpart = std::move(organiser_office);
  r.details = absl::StrCat("registration data (name, organisation, sector) for event ", event_id);
  r.actor = std::move(actor);
  return r;
}

absl::Status ValidateTrailRecord(const TrailRecord& r) {
  FieldViolations v;
  v.Add(ValidateText("trail.subject", r.subject,
                     {.max_chars = kMaxTrailSubjectChars, .required = true}));
  v.Add(ValidateText("trail.counterpart", r.counterpart, {.max_chars = kMaxTrailCounterpartChars}));
  v.Add(ValidateText("trail.details", r.details, {.max_chars = kMaxTrailDetailsChars}));
  v.Add(ValidateText("trail.actor", r.actor, {.max_chars = kMaxTrailActorChars, .required = true}));
  if (v.empty()) {
    // Phone numbers, dates and identifiers are not looked for: ids and hashes hold long digit runs.
    for (const PiiFinding& f : FindPersonalData(r.details, {})) {
      if (f.kind != "email" && f.kind != "name") continue;
      v.Add("trail.details", "must not contain personal data (" + f.kind + ")",
            "darf keine personenbezogenen Daten enthalten (" + f.label_de + ")");
      break;
    }
  }
  return v.ToStatus();
}

std::string CanonicalTrailEncoding(const TrailEntry& e) {
  std::string out;
  AppendNetstring(&out, kEncodingTag);
  AppendNetstring(&out, std::to_string(e.seq));
  AppendNetstring(&out, e.kind);
  AppendNetstring(&out, e.subject);
  AppendNetstring(&out, e.counterpart);
  AppendNetstring(&out, e.details);
  AppendNetstring(&out, e.actor);
  AppendNetstring(&out, std::to_string(absl::ToUnixMicros(e.recorded_at)));
  AppendNetstring(&out, e.prev_hash);
  return out;
}

std::string TrailHash(const TrailEntry& e) { return Sha256Hex(CanonicalTrailEncoding(e)); }

TrailEntry ChainEntry(const TrailRecord& record, int64_t seq, const std::string& prev_hash,
                      absl::Time recorded_at) {
  TrailEntry e;
  e.seq = seq;
  e.kind = std::string(TrailKindSlug(record.kind));
  e.subject = record.subject;
  e.counterpart = record.counterpart;
  e.details = record.details;
  e.actor = record.actor;
  e.recorded_at = absl::FromUnixMicros(absl::ToUnixMicros(recorded_at));
  e.prev_hash = prev_hash;
  e.hash = TrailHash(e);
  return e;
}

absl::Status ValidateTrailAnchor(const TrailAnchor& anchor, std::string_view seq_field,
                                 std::string_view hash_field) {
  FieldViolations v;
  if (anchor.seq < 1) v.Add(seq_field, "must be 1 or more", "muss mindestens 1 sein");
  if (!IsSha256Hex(anchor.hash)) {
    v.Add(hash_field, "must be 64 hex digits", "muss aus 64 Hexadezimalziffern bestehen");
  }
  return v.ToStatus();
}

TrailVerifier::TrailVerifier(std::optional<TrailHead> head, std::optional<TrailAnchor> anchor)
    : head_(std::move(head)), anchor_(std::move(anchor)) {
  if (anchor_) anchor_->hash = AsciiLower(anchor_->hash);
}

void TrailVerifier::Fail(int64_t seq, TrailProblem problem, std::string reason) {
  if (!result_.ok) return;
  result_.ok = false;
  result_.first_broken_seq = seq;
  result_.problem = problem;
  result_.reason = std::move(reason);
}

void TrailVerifier::Add(const TrailEntry& e) {
  ++result_.entries_checked;
  result_.last_seq = e.seq;
  result_.last_hash = e.hash;
  if (!result_.ok) return;  // the rest is only counted; Finish classifies a mismatch

  if (e.seq < 1) {
    Fail(expected_seq_, TrailProblem::kOutOfOrder,
         absl::StrCat("Reihenfolge vertauscht: ein Eintrag steht an der ungültigen Stelle ", e.seq,
                      " / out of order: an entry is at the invalid position ", e.seq));
    return;
  }
  if (e.seq < expected_seq_) {
    if (e.seq == expected_seq_ - 1) {
      Fail(e.seq, TrailProblem::kDuplicate,
           absl::StrCat("Eintrag ", e.seq, " kommt doppelt vor / entry ", e.seq, " appears twice"));
    } else {
      Fail(e.seq, TrailProblem::kOutOfOrder,
           absl::StrCat("Reihenfolge vertauscht: Eintrag ", e.seq, " folgt auf Eintrag ",
                        expected_seq_ - 1, " / out of order: entry ", e.seq, " follows entry ",
                        expected_seq_ - 1));
    }
    return;
  }
  if (e.seq > expected_seq_) {
    Fail(expected_seq_, TrailProblem::kMissing, Missing(expected_seq_, e.seq - 1, "", ""));
    return;
  }
  if (TrailHash(e) != e.hash) {
    mismatched_ = e;
    Fail(e.seq, TrailProblem::kAltered,
         absl::StrCat("Eintrag ", e.seq, " wurde verändert (Hash stimmt nicht) / entry ", e.seq,
                      " was altered (hash mismatch)"));
    return;
  }
  if (e.prev_hash != prev_hash_) {
    if (e.seq == 1) {
      Fail(1, TrailProblem::kLinkBroken,
           "Eintrag 1 beginnt die Kette nicht (prev_hash ist nicht 64 Nullen) / entry 1 does not "
           "start the chain (prev_hash is not 64 zeros)");
    } else {
      Fail(e.seq, TrailProblem::kLinkBroken,
           absl::StrCat("Eintrag ", e.seq, " ist nicht mit Eintrag ", e.seq - 1,
                        " verkettet (prev_hash stimmt nicht) / entry ", e.seq,
                        " does not link to entry ", e.seq - 1, " (prev_hash mismatch)"));
    }
    return;
  }
  if (anchor_ && e.seq == anchor_->seq) {
    anchor_seen_ = true;
    if (e.hash != anchor_->hash) {
      Fail(e.seq, TrailProblem::kAnchorMismatch,
           absl::StrCat("Eintrag ", e.seq,
                        " hat nicht den notierten Hash (Kette bis hierhin neu berechnet?) / "
                        "entry ",
                        e.seq, " does not have the noted hash (chain recomputed up to here?)"));
      return;
    }
  }
  prev_hash_ = e.hash;
  expected_seq_ = e.seq + 1;
}

TrailVerification TrailVerifier::Finish() {
  if (!result_.ok) {
    if (result_.problem == TrailProblem::kAltered && mismatched_) {
      // Intact fields that hash correctly at another position: the entry was moved there.
      int64_t upper = std::max(result_.entries_checked, head_ ? head_->seq : 0);
      upper = std::min(upper, result_.entries_checked + kExtraMoveCandidates);
      TrailEntry candidate = *mismatched_;
      for (int64_t seq = 1; seq <= upper; ++seq) {
        if (seq == mismatched_->seq) continue;
        candidate.seq = seq;
        if (TrailHash(candidate) != mismatched_->hash) continue;
        result_.problem = TrailProblem::kOutOfOrder;
        result_.reason =
            absl::StrCat("Reihenfolge vertauscht: an Stelle ", mismatched_->seq, " steht Eintrag ",
                         seq, " (vertauscht, verschoben oder eingefügt) / out of order: position ",
                         mismatched_->seq, " holds entry ", seq, " (swapped, moved or inserted)");
        break;
      }
    }
    return result_;
  }
  const int64_t last = expected_seq_ - 1;
  if (head_) {
    if (head_->seq > last) {
      Fail(last + 1, TrailProblem::kMissing,
           Missing(
               last + 1, head_->seq,
               absl::StrCat(" (Ende der Kette gelöscht; der Kopf nennt Eintrag ", head_->seq, ")"),
               absl::StrCat(" (end of the chain deleted; the head names entry ", head_->seq, ")")));
      return result_;
    }
    if (head_->seq < last) {
      Fail(head_->seq + 1, TrailProblem::kHeadMismatch,
           absl::StrCat("Eintrag ", head_->seq + 1,
                        " steht hinter dem Kopf der Kette (Kopf: Eintrag ", head_->seq,
                        ") / entry ", head_->seq + 1,
                        " lies beyond the head of the chain (head: entry ", head_->seq, ")"));
      return result_;
    }
    if (last > 0 && head_->hash != prev_hash_) {
      Fail(last, TrailProblem::kHeadMismatch,
           absl::StrCat("Eintrag ", last, " stimmt nicht mit dem Kopf der Kette überein / entry ",
                        last, " does not match the head of the chain"));
      return result_;
    }
  }
  if (anchor_ && !anchor_seen_) {
    Fail(last + 1, TrailProblem::kMissing,
         Missing(last + 1, anchor_->seq,
                 absl::StrCat(" (der notierte Anker nennt Eintrag ", anchor_->seq, ")"),
                 absl::StrCat(" (the noted anchor names entry ", anchor_->seq, ")")));
  }
  return result_;
}

TrailVerification VerifyChain(const std::vector<TrailEntry>& entries, std::optional<TrailHead> head,
                              std::optional<TrailAnchor> anchor) {
  TrailVerifier verifier(std::move(head), std::move(anchor));
  for (const TrailEntry& e : entries) verifier.Add(e);
  return verifier.Finish();
}

}  // namespace schutznetz::domain
