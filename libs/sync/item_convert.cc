#include "libs/sync/item_convert.h"

#include "libs/rpc/proto_util.h"

namespace schutznetz::sync {

void ItemToProto(const domain::SyncItem& item, v1::SyncItem* out) {
  out->set_item_type(item.type);
  out->set_item_id(item.id);
  out->set_origin(item.origin);
  out->set_version(item.version);
  out->set_destination(item.destination);
  out->set_payload(item.payload);
  rpc::ToProto(item.change_time, out->mutable_change_time());
}

domain::SyncItem ItemFromProto(const v1::SyncItem& in) {
  domain::SyncItem item;
  item.type = in.item_type();
  item.id = in.item_id();
  item.origin = in.origin();
  item.version = in.version();
  item.destination = in.destination();
  item.payload = in.payload();
  item.change_time = rpc::FromProto(in.change_time());
  return item;
}

}  // namespace schutznetz::sync
