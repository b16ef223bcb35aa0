// Agreement (Absprache): a district-level document — Kooperationsvereinbarung, Geschäftsordnung,
// agreed reporting paths (Mitteilungswege) — with numbered versions that the member offices
// ratify (DESIGN.md §3).
//
// Lifecycle of one version:
//
//   DRAFT ──open──▶ OPEN_FOR_RATIFICATION ──rule met──▶ IN_FORCE ──newer in force──▶ SUPERSEDED
//     └──withdraw──▶ WITHDRAWN ◀──withdraw──┘
//
// Opening freezes the text and fixes its SHA-256, the ratification rule and the member offices
// asked to decide. A decision (ratify or reject) names the SHA-256 of the text the office read;
// another hash is refused ("the text changed; read it again"). An office may reject and later
// ratify; a ratification is final. The version enters into force when the rule is met
// (unanimity: every asked office ratified; majority: more than half did); a version in force
// supersedes the older one in force. At most one version of an agreement is open at a time, and
// only a version newer than the one in force can be opened.
//
// The aggregator owns agreements and applies these rules; offices keep a copy and use the same
// checks to refuse a doomed decision before sending it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/common/strong_id.h"
#include "libs/domain/etag.h"

namespace schutznetz::domain {

using AgreementId = StrongId<struct AgreementIdTag>;

inline constexpr ResourceKind kAgreementKind{"agreement", "Absprache"};
inline constexpr ResourceKind kAgreementVersionKind{"agreement version", "Version der Absprache"};
inline constexpr ResourceKind kAgreementProposalKind{"agreement proposal",
                                                     "Vorschlag für eine Absprache"};

// Sync item types (DESIGN.md §4). Payloads are the messages of agreement.proto.
inline constexpr char kAgreementItem[] = "agreement";  // aggregator → every office: Agreement
inline constexpr char kRatificationItem[] = "ratification";             // office → aggregator
inline constexpr char kAgreementProposalItem[] = "agreement_proposal";  // office → aggregator

// Limits of the user-supplied texts.
inline constexpr size_t kMaxAgreementTitleChars = 200;
inline constexpr size_t kMaxAgreementTextChars = 100000;
inline constexpr size_t kMaxChangeNoteChars = 1000;
inline constexpr size_t kMaxDecisionCommentChars = 2000;
inline constexpr size_t kMaxWithdrawReasonChars = 500;

// The numbers match the proto enums of agreement.proto.
enum class AgreementKind {
  kUnspecified = 0,
  kCooperationAgreement = 1,
  kRulesOfProcedure = 2,
  kReportingPaths = 3,
  kOther = 4
};
enum class VersionState {
  kUnspecified = 0,
  kDraft = 1,
  kOpen = 2,
  kInForce = 3,
  kSuperseded = 4,
  kWithdrawn = 5
};
enum class Decision { kUnspecified = 0, kRatify = 1, kReject = 2 };
enum class RatificationRule { kUnspecified = 0, kUnanimity = 1, kMajority = 2 };
enum class OfficeStanding { kUnspecified = 0, kPending = 1, kRatified = 2, kRejected = 3 };

// Slugs (storage, command line, configuration) and German labels.
std::string_view AgreementKindSlug(AgreementKind k);   // "cooperation_agreement"
std::string_view AgreementKindLabel(AgreementKind k);  // "Kooperationsvereinbarung"
std::optional<AgreementKind> AgreementKindFromSlug(std::string_view slug);
std::optional<AgreementKind> AgreementKindFromNumber(int value);
std::string_view VersionStateSlug(VersionState s);   // "open"
std::string_view VersionStateLabel(VersionState s);  // "zur Ratifizierung offen"
std::optional<VersionState> VersionStateFromSlug(std::string_view slug);
std::string_view DecisionSlug(Decision d);   // "ratify"
std::string_view DecisionLabel(Decision d);  // "ratifiziert"
std::optional<Decision> DecisionFromSlug(std::string_view slug);
std::string_view RatificationRuleSlug(RatificationRule r);   // "unanimity"
std::string_view RatificationRuleLabel(RatificationRule r);  // "Einstimmigkeit"
std::optional<RatificationRule> RatificationRuleFromSlug(std::string_view slug);
std::string_view OfficeStandingLabel(OfficeStanding s);  // "ausstehend"

// One decision of an office on a version, as the district recorded it.
struct OfficeDecision {
  std::string decision_id;  // the id of the office's "ratification" item (UUID)
  std::string office_id;
  Decision decision = Decision::kUnspecified;
  std::string text_sha256;
  std::string comment;
  absl::Time decide_time = absl::InfinitePast();  // at the office
  absl::Time record_time = absl::InfinitePast();  // at the aggregator
};

// Where one asked office stands: its latest decision.
struct OfficeRatification {
  std::string office_id;
  OfficeStanding standing = OfficeStanding::kPending;
  std::optional<OfficeDecision> latest;  // none: no decision recorded
};

struct AgreementVersion {
  int number = 0;
  VersionState state = VersionState::kDraft;
  std::string text;
  std::string text_sha256;  // of text; kept current while a draft, frozen once open
  std::string change_note;
  std::string proposed_by;  // office id of an adopted proposal; "" if drafted by the district
  std::string proposal_id;
  RatificationRule rule = RatificationRule::kUnspecified;  // fixed when opened
  std::vector<std::string> required_offices;               // fixed when opened, sorted
  std::vector<OfficeDecision> decisions;                   // in the order recorded
  int64_t revision = 1;  // raised on every change of the version; its etag
  absl::Time create_time = absl::InfinitePast();
  absl::Time update_time = absl::InfinitePast();
  absl::Time open_time = absl::InfinitePast();  // InfinitePast: not (yet)
  absl::Time in_force_time = absl::InfinitePast();
  absl::Time superseded_time = absl::InfinitePast();
  absl::Time withdrawn_time = absl::InfinitePast();
  std::string withdraw_reason;
};

struct Agreement {
  AgreementId id;
  AgreementKind kind = AgreementKind::kUnspecified;
  std::string title;
  std::string proposed_by;  // office id of the proposal that created it; "" if the district
  std::vector<AgreementVersion> versions;  // ascending by number
  int64_t revision = 0;                    // raised by storage on every save; the agreement's etag
  int64_t sync_version = 0;                // version of the last "agreement" sync item
  absl::Time create_time = absl::InfinitePast();
  absl::Time update_time = absl::InfinitePast();
};

// A proposal an office sent to district coordination.
struct AgreementProposal {
  std::string id;  // the id of the office's "agreement_proposal" item (UUID)
  std::string office_id;
  AgreementKind kind = AgreementKind::kUnspecified;
  std::string title;
  std::string text;
  std::string agreement_id;  // set for an amendment
  std::string comment;
  absl::Time propose_time = absl::InfinitePast();
  absl::Time receive_time = absl::InfinitePast();
  bool adopted = false;
  std::string adopted_agreement_id;
  int adopted_version = 0;
  absl::Time adopt_time = absl::InfinitePast();
  int64_t revision = 1;
};

// A decision as the deciding office sent it (kept by the office).
struct SentDecision {
  AgreementId agreement_id;
  int version_number = 0;
  OfficeDecision decision;  // record_time unset
};

// What became of a sent decision, judged from the office's copy of the agreement.
enum class SentStatus {
  kAwaitingConfirmation,  // not in the district's record yet
  kConfirmed,             // the district recorded it
  kNotRecorded,           // the version closed before the decision reached the district
};
std::string_view SentStatusLabel(SentStatus s);  // "Bestätigung ausstehend"

// Field checks; INVALID_ARGUMENT naming `field`.
absl::Status ValidateAgreementTitle(const std::string& field, const std::string& title);
absl::Status ValidateAgreementText(const std::string& field, const std::string& text);
absl::Status ValidateChangeNote(const std::string& field, const std::string& note);
absl::Status ValidateDecisionComment(const std::string& field, const std::string& comment);
absl::Status ValidateWithdrawReason(const std::string& field, const std::string& reason);

// The version `number`, or null.
AgreementVersion* FindVersion(Agreement& a, int number);
const AgreementVersion* FindVersion(const Agreement& a, int number);
// The version `number`, or NOT_FOUND naming `field`.
absl::StatusOr<AgreementVersion*> VersionOrNotFound(Agreement& a, int number,
                                                    const std::string& field);
// The number of the version in force; 0 if none.
int InForceVersion(const Agreement& a);

// A new agreement whose version 1 is a DRAFT of `text`.
Agreement NewAgreement(AgreementId id, AgreementKind kind, std::string title, std::string text,
                       std::string change_note, absl::Time now);
// Appends a new DRAFT version (the next number) and returns it.
AgreementVersion& AddDraft(Agreement& a, std::string text, std::string change_note, absl::Time now);

// FAILED_PRECONDITION unless version `number` may go from `from` to `to`.
absl::Status CheckVersionTransition(int number, VersionState from, VersionState to);

// Replaces the text (and, if given, the change note) of a DRAFT version.
absl::Status UpdateDraft(Agreement& a, int number, std::string text,
                         std::optional<std::string> change_note, absl::Time now);
// DRAFT → OPEN: freezes the text, fixes its hash, `rule` and the asked `offices`.
absl::Status OpenForRatification(Agreement& a, int number, RatificationRule rule,
                                 std::vector<std::string> offices, absl::Time now);
// DRAFT or OPEN → WITHDRAWN.
absl::Status Withdraw(Agreement& a, int number, std::string reason, absl::Time now);

// The standing of every asked office of `v`, in the order of required_offices.
std::vector<OfficeRatification> Standings(const AgreementVersion& v);
// The standing of `office` on `v` (kUnspecified if it is not asked).
OfficeStanding StandingOf(const AgreementVersion& v, const std::string& office);
// Whether `standings` meet `rule`: unanimity — all ratified; majority — more than half.
bool RuleMet(RatificationRule rule, const std::vector<OfficeRatification>& standings);

// Checks that `office` may record `decision` on version `number` of `a` with the text hash
// `text_sha256` (lower-case hex). `awaiting` is the office's newest decision that the district
// has not confirmed yet, if any (offices only); it counts as the office's standing.
//   NOT_FOUND            no such version (field "version_number")
//   FAILED_PRECONDITION  the version is not open; the hash is another ("the text changed; read it
//                        again"); the office is not asked; it ratified already, or repeats its
//                        rejection
absl::Status CheckDecision(const Agreement& a, int number, const std::string& office,
                           Decision decision, const std::string& text_sha256,
                           std::optional<Decision> awaiting = std::nullopt);

// The status of `sent` against the office's copy `a` of the agreement.
SentStatus StatusOfSent(const Agreement& a, const SentDecision& sent);
// The office's newest decision on version `number` still awaiting confirmation, if any
// (`sent` in the order sent).
std::optional<Decision> AwaitingDecision(const Agreement& a, int number,
                                         const std::vector<SentDecision>& sent);

struct DecisionOutcome {
  bool entered_into_force = false;
  std::vector<int> superseded;  // versions that left IN_FORCE because of it
};

// Checks `d` (CheckDecision) and records it on version `number`, then applies the version's
// rule: met → IN_FORCE, and the version in force before it → SUPERSEDED.
absl::StatusOr<DecisionOutcome> RecordDecision(Agreement& a, int number, OfficeDecision d,
                                               absl::Time now);

}  // namespace schutznetz::domain
