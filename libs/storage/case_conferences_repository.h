// Persistence of anonymised case conferences (table `case_conferences`) and their follow-ups
// (`case_conference_follow_ups`, read joined with the owning organisation's name).
//
// A follow-up belongs to its conference: the service changes follow-ups and then calls Update on
// the conference, so that its version (etag) covers the follow-ups too.
#pragma once

#include <memory>

#include "absl/status/statusor.h"
#include "libs/domain/case_conference.h"
#include "libs/domain/page.h"

namespace schutznetz::storage {

class Tx;

class CaseConferencesRepository {
 public:
  virtual ~CaseConferencesRepository() = default;

  // Stores a new conference with its follow-ups; ids, positions, version and times are assigned.
  virtual absl::StatusOr<domain::CaseConference> Insert(Tx& tx,
                                                        const domain::CaseConference& c) = 0;
  // NOT_FOUND if unknown; with `lock` the row stays locked until the transaction ends.
  virtual absl::StatusOr<domain::CaseConference> Get(Tx& tx, const domain::CaseConferenceId& id,
                                                     bool lock) = 0;
  // One page, newest conference date first.
  virtual absl::StatusOr<domain::Page<domain::CaseConference>> List(
      Tx& tx, const domain::CaseConferenceFilter& filter, const domain::PageRequest& page) = 0;
  // Writes the conference's own fields if c.version is current (ABORTED otherwise); returns the
  // stored conference with version + 1. Follow-ups are written with the functions below.
  virtual absl::StatusOr<domain::CaseConference> Update(Tx& tx,
                                                        const domain::CaseConference& c) = 0;
  // Deletes the conference and its follow-ups.
  virtual absl::Status Delete(Tx& tx, const domain::CaseConferenceId& id) = 0;

  // Appends a follow-up (next position) and returns its id.
  virtual absl::StatusOr<domain::FollowUpId> InsertFollowUp(Tx& tx,
                                                            const domain::CaseConferenceId& id,
                                                            const domain::FollowUp& f) = 0;
  // Writes action, owner, due date and done state; done_time is set when it first becomes done.
  virtual absl::Status UpdateFollowUp(Tx& tx, const domain::CaseConferenceId& id,
                                      const domain::FollowUp& f) = 0;
  virtual absl::Status DeleteFollowUp(Tx& tx, const domain::CaseConferenceId& id,
                                      const domain::FollowUpId& follow_up) = 0;

};

std::unique_ptr<CaseConferencesRepository> NewCaseConferencesRepository();

}  // namespace schutznetz::storage
