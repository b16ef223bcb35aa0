// Persistence of members (table `members`, joined with their organisation for reading).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/domain/member.h"
#include "libs/domain/page.h"

namespace schutznetz::storage {

class Tx;

class MembersRepository {
 public:
  virtual ~MembersRepository() = default;

  // Stores a new member; id, version and create/update times are assigned.
  virtual absl::StatusOr<domain::Member> Insert(Tx& tx, const domain::Member& m) = 0;
  // NOT_FOUND if unknown; with `lock` the row stays locked until the transaction ends.
  virtual absl::StatusOr<domain::Member> Get(Tx& tx, const domain::MemberId& id, bool lock) = 0;
  // One page ordered by last name, first name (German order).
  virtual absl::StatusOr<domain::Page<domain::Member>> List(Tx& tx,
                                                            const domain::MemberFilter& filter,
                                                            const domain::PageRequest& page) = 0;
  // Writes every stored field of `m` if m.version is current (ABORTED otherwise); returns the row
  // with version + 1.
  virtual absl::StatusOr<domain::Member> Update(Tx& tx, const domain::Member& m) = 0;
  virtual absl::Status Delete(Tx& tx, const domain::MemberId& id) = 0;
  // Non-anonymised members with the same first and last name, or the same e-mail address
  // (ignoring case).
  virtual absl::StatusOr<std::vector<domain::Member>> FindDuplicates(
      Tx& tx, const std::string& first_name, const std::string& last_name,
      const std::string& email) = 0;
};

std::unique_ptr<MembersRepository> NewMembersRepository();

}  // namespace schutznetz::storage
