// The sync item of the district's InsoFa pool: type name and payload
// (proto/schutznetz/v1/district_items.proto, InsofaPoolEntry), converted to and from domain
// values.
//
// An entry travels only with what the pool lists — name, organisation, specialisations,
// languages, municipalities and how to request a consultation — never an e-mail address, phone
// number, role or member id (DESIGN.md §5), and only while the person's consent is live; a
// tombstone carries id and office only. A received payload is checked like user input.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "libs/domain/insofa.h"
#include "libs/domain/sync_item.h"

namespace schutznetz::federation {

// origin: the Fachkraft's office; destination: every office; id: the entry id.
inline constexpr char kInsofaEntryItem[] = "insofa_entry";

// The own entry `e` as every other office lists it; `withdrawn`: its tombstone.
std::string InsofaEntryPayload(const domain::InsofaEntry& e, bool withdrawn);

// A received insofa_entry item, checked.
struct InsofaPoolItem {
  domain::InsofaEntry entry;  // mirrored, office = the item's origin, sync_version = its version
  bool withdrawn = false;
};
// INVALID_ARGUMENT naming the payload field ("insofa_entry.languages[0]: …") for an id that is
// not the item id, an office that is not the origin, a destination other than every office, or
// fields the pool would refuse.
absl::StatusOr<InsofaPoolItem> InsofaEntryFromItem(const domain::SyncItem& item);

}  // namespace schutznetz::federation
