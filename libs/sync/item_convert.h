// SyncItem between its domain form and the wire message schutznetz.v1.SyncItem.
#pragma once

#include "libs/domain/sync_item.h"
#include "schutznetz/v1/federation_service.pb.h"

namespace schutznetz::sync {

void ItemToProto(const domain::SyncItem& item, v1::SyncItem* out);
domain::SyncItem ItemFromProto(const v1::SyncItem& in);

}  // namespace schutznetz::sync
