// TenantSync: what one office needs to take part in the district sync — its outbox, the applier
// for items from the district, the agent that talks to the aggregator, and the status service.
//
// Features record their district-relevant changes through outbox() in their own transactions and
// register handlers for incoming item types on applier() before Start().
#pragma once

#include <memory>

#include "absl/status/statusor.h"
#include "libs/config/office_config.h"
#include "libs/storage/database.h"
#include "libs/storage/sync_state_repository.h"
#include "libs/sync/agent.h"
#include "libs/sync/applier.h"
#include "libs/sync/log_reader.h"
#include "libs/sync/outbox.h"
#include "libs/sync/signal.h"
#include "services/tenant/sync_service.h"
#include "services/tenant/sync_status.h"

namespace schutznetz::tenant {

class TenantSync {
 public:
  // Establishes this database's epoch (renewed after a restore) and builds the parts; nothing
  // talks to the aggregator before Start().
  static absl::StatusOr<std::unique_ptr<TenantSync>> Create(storage::Database& db,
                                                            const config::OfficeConfig& config);
  ~TenantSync();

  // This database's epoch, and whether it was just renewed after a restore.
  const storage::EpochInfo& epoch() const { return epoch_; }
  sync::Outbox& outbox() { return *outbox_; }
  sync::Applier& applier() { return applier_; }
  SyncService& service() { return *service_; }
  // The sync's state now, for the status service and the metrics.
  SyncStatusReader& status() { return *status_; }
  // The agent (null when sync is disabled in the configuration).
  sync::Agent* agent() { return agent_.get(); }

  void Start();
  void Stop();

 private:
  TenantSync() = default;

  storage::EpochInfo epoch_;
  sync::Signal outbox_changed_;
  std::unique_ptr<sync::Outbox> outbox_;
  sync::Applier applier_;
  std::unique_ptr<sync::LogReader> own_log_;
  std::unique_ptr<SyncStatusReader> status_;
  std::unique_ptr<SyncService> service_;
  std::unique_ptr<sync::Agent> agent_;
};

}  // namespace schutznetz::tenant
