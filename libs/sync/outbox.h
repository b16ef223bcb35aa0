// The outbox of a server: its own item changes, recorded in its change log in the caller's
// transaction (so a change and its record commit together), with a wake-up for the sync agent
// once the transaction has committed.
//
//   SN_RETURN_IF_ERROR(outbox.Append(tx, {"district_event", id, "", version, bytes}));
#pragma once

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "libs/domain/sync_item.h"
#include "libs/storage/change_log_repository.h"
#include "libs/storage/database.h"
#include "libs/sync/signal.h"

namespace schutznetz::sync {

struct OutboundChange {
  std::string type;
  std::string id;
  std::string destination;  // domain::kToEveryOffice, kToAggregator or an office id
  int64_t version = 0;
  std::string payload;
};

class Outbox {
 public:
  // `origin` is this server's identity (office id or "aggregator"); `changed` is notified after
  // each commit that appended something (may be null).
  Outbox(std::string origin, Signal* changed);

  absl::Status Append(storage::Tx& tx, const OutboundChange& change);
  // Appends an item received from elsewhere unchanged (the aggregator relays office items).
  absl::Status Relay(storage::Tx& tx, const domain::SyncItem& item);
  const std::string& origin() const { return origin_; }

 private:
  std::string origin_;
  Signal* changed_;
  std::unique_ptr<storage::ChangeLogRepository> log_;
};

}  // namespace schutznetz::sync
