// CaseConference (anonymisierte Fallkonferenz): professionals of at least two sectors discuss a
// fictional or anonymised case to learn what to improve in procedures, communication paths and
// agreements; the record keeps the summary, the findings and the follow-ups.
//
// The record must not contain personal data of any child, family or professional. Every free
// text (summary, findings, follow-up actions) passes the PII guard (pii_guard.h) with the
// conference date as the one allowed full date, on create and on every change; a refusal names
// the field and each offending span, and nothing is stored.
//
//   CaseConference c = ...;
//   SN_RETURN_IF_ERROR(ValidateCaseConference(c, "case_conference."));
//   SN_RETURN_IF_ERROR(CheckCaseConferenceTexts(c, guard_options, "case_conference."));
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "libs/common/strong_id.h"
#include "libs/domain/etag.h"
#include "libs/domain/event.h"
#include "libs/domain/organisation.h"
#include "libs/domain/pii_guard.h"
#include "libs/domain/sector.h"

namespace schutznetz::domain {

using CaseConferenceId = StrongId<struct CaseConferenceIdTag>;
using FollowUpId = StrongId<struct FollowUpIdTag>;

inline constexpr ResourceKind kCaseConferenceKind{"case conference", "Fallkonferenz"};

// Text limits in Unicode code points.
inline constexpr size_t kMaxCaseTextChars = 5000;
inline constexpr size_t kMaxFollowUpActionChars = 1000;

// A task agreed at the conference, owned by a member organisation.
struct FollowUp {
  FollowUpId id;
  std::string action;
  OrganisationId owner_organisation_id;
  std::optional<absl::CivilDay> due_date;
  bool done = false;
  absl::Time done_time = absl::InfinitePast();  // InfinitePast: not done
  int position = 0;                             // order within the conference, from 1
  std::string owner_organisation_name;          // read-only, from the organisation
};

struct CaseConference {
  CaseConferenceId id;
  std::string municipality;
  absl::CivilDay conference_date;
  EventId event_id;  // empty: not linked to an event
  std::vector<Sector> participating_sectors;
  std::string summary;
  std::string findings;
  std::vector<FollowUp> follow_ups;
  int64_t version = 0;
  absl::Time create_time;
  absl::Time update_time;
};

// Filters of ListCaseConferences; empty / 0 does not filter.
struct CaseConferenceFilter {
  std::string municipality;  // case-insensitive
  int year = 0;
};

// Field names accepted in an UpdateCaseConference / UpdateFollowUp update_mask.
const std::vector<std::string>& CaseConferenceMutableFields();
const std::vector<std::string>& FollowUpMutableFields();

// Checks the structure of the user-editable fields (lengths, at least two distinct sectors, a
// plausible date); names are prefixed with `prefix` ("case_conference."). Follow-ups are checked
// as "<prefix>follow_ups[i].". The municipality is checked by CanonicalMunicipality.
absl::Status ValidateCaseConference(const CaseConference& c, const std::string& prefix);
absl::Status ValidateFollowUp(const FollowUp& f, const std::string& prefix);

// The configured spelling of `value` if it names one of `configured` (ignoring case);
// INVALID_ARGUMENT naming `field` and listing the valid municipalities otherwise.
absl::StatusOr<std::string> CanonicalMunicipality(const std::string& value,
                                                  const std::vector<std::string>& configured,
                                                  const std::string& field);

// Runs the PII guard over summary, findings and every follow-up action, with the conference date
// as the allowed date (`base` supplies the names). INVALID_ARGUMENT naming every field that
// contains personal data, each with its spans.
absl::Status CheckCaseConferenceTexts(const CaseConference& c, const PiiGuardOptions& base,
                                      const std::string& prefix);

// Runs the PII guard over one follow-up action of a conference held on `conference_date`.
absl::Status CheckFollowUpText(const std::string& action, absl::CivilDay conference_date,
                               const PiiGuardOptions& base, const std::string& field);

// The follow-up with `id`, or nullptr.
FollowUp* FindFollowUp(CaseConference& c, const FollowUpId& id);

}  // namespace schutznetz::domain
