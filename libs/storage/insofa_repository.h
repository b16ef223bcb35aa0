// Persistence of the InsoFa pool (tables insofa_entries, insofa_mirror, insofa_consultations;
// migration 0040): the office's own entries, its copies of the other offices' entries, and the
// anonymous consultation counts per quarter.
//
// Own entries are read together with their member and organisation; Search lists an own entry
// only while its member is active, not anonymised and has a live consent 'insofa_pool' — so an
// entry without consent never appears, whatever path ended the consent. A mirrored entry is kept
// as its office sent it, newest version winning; its tombstone keeps id, office and version only.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/domain/insofa.h"
#include "libs/domain/page.h"

namespace schutznetz::storage {

class Tx;

// What storing a mirrored entry did.
enum class MirrorOutcome {
  kStored,     // newer than the copy held (or the first): stored, or dropped for a tombstone
  kOutdated,   // not newer than the copy held: nothing changed
  kForeignId,  // the id belongs to an entry of another office: nothing changed
};

class InsofaRepository {
 public:
  virtual ~InsofaRepository() = default;

  // The own entry of `member` with name and organisation, if any; locked with `lock`.
  virtual absl::StatusOr<std::optional<domain::InsofaEntry>> FindByMember(
      Tx& tx, const domain::MemberId& member, bool lock) = 0;
  // Inserts or replaces the profile of the own entry of `member`; returns it as stored.
  virtual absl::StatusOr<domain::InsofaEntry> Put(Tx& tx, const domain::MemberId& member,
                                                  const domain::InsofaProfile& profile) = 0;
  // Records the version last sent for the own entry `id`.
  virtual absl::Status SetSyncVersion(Tx& tx, const std::string& id, int64_t version) = 0;
  // Deletes the own entry `id`.
  virtual absl::Status Delete(Tx& tx, const std::string& id) = 0;

  // Stores another office's entry `e` (e.mirrored, e.office its origin, e.sync_version the
  // item's version); a withdrawn `e` (`withdrawn` true) keeps only id, office and version.
  virtual absl::StatusOr<MirrorOutcome> PutMirrored(Tx& tx, const domain::InsofaEntry& e,
                                                    bool withdrawn) = 0;

  // Own listed entries (office `office`) and the other offices' entries matching `filter`, by
  // last and first name (German order) and id. The page token is bound to the filters.
  virtual absl::StatusOr<domain::Page<domain::InsofaEntry>> Search(
      Tx& tx, const std::string& office, const domain::InsofaFilter& filter,
      const domain::PageRequest& page) = 0;

  // Sets the count of `office` for c.year and c.quarter.
  virtual absl::StatusOr<domain::InsofaConsultationCount> PutConsultations(
      Tx& tx, const std::string& office, const domain::InsofaConsultationCount& c) = 0;
  // The counts of `office` for `year` (0: every year), by year and quarter.
  virtual absl::StatusOr<std::vector<domain::InsofaConsultationCount>> ListConsultations(
      Tx& tx, const std::string& office, int year) = 0;
};

std::unique_ptr<InsofaRepository> NewInsofaRepository();

}  // namespace schutznetz::storage
