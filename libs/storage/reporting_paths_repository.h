// Persistence of the reporting paths (Mitteilungswege; migration 0039): the office's draft, its
// published versions, and the newest published version of every other office (the mirror).
//
// A published version of the office is never changed or deleted (the database refuses it too);
// a mirrored version is replaced only by one with a newer sync version, so replayed or reordered
// items change nothing.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/domain/page.h"
#include "libs/domain/reporting_path.h"

namespace schutznetz::storage {

class Tx;

// The office's newest published version; version 0 if none.
struct PublishedHead {
  int version = 0;
  int64_t sync_version = 0;
};

class ReportingPathsRepository {
 public:
  virtual ~ReportingPathsRepository() = default;

  // The draft; with `lock` it stays locked until the transaction ends (saves and publications
  // are serialised).
  virtual absl::StatusOr<domain::ReportingPathDraft> GetDraft(Tx& tx, bool lock) = 0;
  // Replaces the draft's entries; the revision grows and the draft counts as changed.
  virtual absl::StatusOr<domain::ReportingPathDraft> SaveDraft(
      Tx& tx, const std::vector<domain::ReportingPathEntry>& entries, const std::string& by,
      absl::Time at) = 0;

  // The newest own published version of `office_id`.
  virtual absl::StatusOr<PublishedHead> Head(Tx& tx, const std::string& office_id) = 0;
  // Stores `set` (own, set.version = head + 1) as published with `sync_version`, and marks the
  // draft unchanged.
  virtual absl::Status InsertVersion(Tx& tx, const domain::ReportingPathSet& set,
                                     int64_t sync_version) = 0;
  // A version held for `office_id` (own or mirrored); `version` 0: the newest. NOT_FOUND
  // otherwise.
  virtual absl::StatusOr<domain::ReportingPathSet> GetVersion(Tx& tx,
                                                              const std::string& office_id,
                                                              int version) = 0;
  // The own versions of `office_id`, newest first.
  virtual absl::StatusOr<domain::Page<domain::ReportingPathVersionInfo>> ListVersions(
      Tx& tx, const std::string& office_id, const domain::PageRequest& page) = 0;

  // Stores another office's published version unless one with the same or a newer sync version
  // is held; true if stored.
  virtual absl::StatusOr<bool> UpsertMirror(Tx& tx, const domain::ReportingPathSet& set,
                                            int64_t sync_version) = 0;
  // The other offices' versions held, by office id.
  virtual absl::StatusOr<std::vector<domain::ReportingPathSet>> ListMirrored(Tx& tx) = 0;
};

std::unique_ptr<ReportingPathsRepository> NewReportingPathsRepository();

}  // namespace schutznetz::storage
