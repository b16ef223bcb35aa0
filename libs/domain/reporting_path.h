// Reporting paths (Mitteilungswege, § 9 (3) LKSG NRW): whom a professional contacts in which
// situation — the ASD's child-protection contact by municipality, the procedural guide
// (Verfahrenslotse), the emergency and after-hours service, the procedure agreed under § 8a
// SGB VIII and § 4 KKG — published by each office in numbered versions.
//
// An office edits one draft and publishes it as version N; a published version never changes and
// stays readable. The newest version goes to every office of the district, which keeps the
// newest one of each office (a mirror). Contacts are functional: a unit with its phone, e-mail,
// address and hours, never a person, so the entries hold no personal data and may travel.
//
//   ReportingPathEntry e;
//   e.kind = ReportingPathKind::kEmergency;
//   e.title = "Bereitschaftsdienst";
//   e.contact = {"Rufbereitschaft Jugendamt", "02941 980-0", "", "", "rund um die Uhr"};
//   SN_RETURN_IF_ERROR(ValidateReportingPathEntry(e, {"Lippstadt"}, "entries[0]."));
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "libs/domain/etag.h"

namespace schutznetz::domain {

inline constexpr ResourceKind kReportingPathsKind{"reporting paths", "Mitteilungswege"};
inline constexpr ResourceKind kReportingPathDraftKind{"reporting path draft",
                                                      "Entwurf der Mitteilungswege"};

// At most this many entries in a draft or version.
inline constexpr int kMaxReportingPathEntries = 200;

enum class ReportingPathKind {
  kUnspecified = 0,
  kAsdChildProtection = 1,  // ASD-Kinderschutz
  kProceduralGuide = 2,     // Verfahrenslotse (§ 10b SGB VIII)
  kEmergency = 3,           // Notdienst / außerhalb der Dienstzeiten
  kAgreedProcedure = 4,     // vereinbartes Verfahren (§ 8a SGB VIII, § 4 KKG)
  kOther = 5,
};

std::string_view ReportingPathKindSlug(ReportingPathKind k);   // "asd_child_protection"
std::string_view ReportingPathKindLabel(ReportingPathKind k);  // "ASD-Kinderschutz"
std::optional<ReportingPathKind> ReportingPathKindFromSlug(std::string_view slug);
std::optional<ReportingPathKind> ReportingPathKindFromNumber(int value);

// A functional contact: an office unit, never a person.
struct ContactPoint {
  std::string unit;  // "ASD Kinderschutz Lippstadt-Nord"
  std::string phone;
  std::string email;
  std::string address;  // may span lines
  std::string hours;    // "Mo–Fr 8–16 Uhr"
};

struct ReportingPathEntry {
  ReportingPathKind kind = ReportingPathKind::kUnspecified;
  std::string title;
  std::string municipality;  // empty: the whole office area
  ContactPoint contact;
  std::string agreement_id;  // a district agreement; only for kAgreedProcedure
  bool is_public = false;    // also on the public pages
  std::string note;
};

// A published version of one office's reporting paths (or its draft: version 0).
struct ReportingPathSet {
  std::string office_id;
  std::string office_name;  // as the office sent it; empty for the own versions
  int version = 0;
  absl::Time publish_time;
  std::string published_by;  // actor; empty for another office's version
  std::vector<ReportingPathEntry> entries;
  bool mirrored = false;
};

// The office's draft.
struct ReportingPathDraft {
  std::vector<ReportingPathEntry> entries;
  int64_t revision = 0;  // grows with every save; the etag
  absl::Time update_time = absl::InfinitePast();  // InfinitePast: never saved
  std::string updated_by;
  bool changed = false;  // differs from the newest published version
};

// A published version without its entries (for lists).
struct ReportingPathVersionInfo {
  int version = 0;
  absl::Time publish_time;
  std::string published_by;
  int entry_count = 0;
  int public_count = 0;
};

// `e` with its texts trimmed (what is stored and compared).
ReportingPathEntry TrimmedEntry(ReportingPathEntry e);

// Checks one entry; violations name `prefix` + the field ("entries[2].contact.phone").
// `municipalities` are the office's; an entry's municipality must be one of them when set. Pass
// std::nullopt for another office's entry, whose municipalities this office does not know: then
// only the text is checked. Does not check that agreement_id names an agreement the office holds.
absl::Status ValidateReportingPathEntry(
    const ReportingPathEntry& e, const std::optional<std::vector<std::string>>& municipalities,
    const std::string& prefix);

// Checks every entry and their number (field `field`, e.g. "entries"), all violations in one
// status.
absl::Status ValidateReportingPathEntries(
    const std::vector<ReportingPathEntry>& entries,
    const std::optional<std::vector<std::string>>& municipalities, const std::string& field);

// FAILED_PRECONDITION unless `draft` may be published: it has entries and differs from the
// newest published version.
absl::Status CheckPublishable(const ReportingPathDraft& draft, int published_version);

}  // namespace schutznetz::domain
