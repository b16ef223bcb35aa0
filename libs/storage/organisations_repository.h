// Persistence of member organisations (table `organisations`).
//
// All methods run inside a caller's transaction (Tx), so a service can store an organisation and
// its audit and change-log rows atomically.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/domain/organisation.h"
#include "libs/domain/page.h"

namespace schutznetz::storage {

class Tx;

class OrganisationsRepository {
 public:
  virtual ~OrganisationsRepository() = default;

  // Stores a new organisation; id, version and times are assigned by the database.
  virtual absl::StatusOr<domain::Organisation> Insert(Tx& tx, const domain::Organisation& org) = 0;

  // NOT_FOUND if unknown. With `lock`, the row stays locked until the transaction ends.
  virtual absl::StatusOr<domain::Organisation> Get(Tx& tx, const domain::OrganisationId& id,
                                                   bool lock) = 0;

  // One page in German name order; the page token is opaque to callers.
  virtual absl::StatusOr<domain::Page<domain::Organisation>> List(
      Tx& tx, const domain::OrganisationFilter& filter, const domain::PageRequest& page) = 0;

  // Writes the mutable fields of `org` if `org.version` is still the stored version and returns
  // the new row (version + 1); ABORTED if it changed meanwhile.
  virtual absl::StatusOr<domain::Organisation> Update(Tx& tx, const domain::Organisation& org) = 0;

  // NOT_FOUND if unknown; FAILED_PRECONDITION while other rows refer to it.
  virtual absl::Status Delete(Tx& tx, const domain::OrganisationId& id) = 0;

  // Organisations whose name equals `name` ignoring case (duplicate check).
  virtual absl::StatusOr<std::vector<domain::Organisation>> FindByName(Tx& tx,
                                                                      const std::string& name) = 0;
};

std::unique_ptr<OrganisationsRepository> NewOrganisationsRepository();

}  // namespace schutznetz::storage
