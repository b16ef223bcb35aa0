#include "services/tenant/tenant_sync.h"

#include "libs/common/log.h"
#include "libs/runtime/runtime.h"
#include "libs/storage/sync_state_repository.h"

namespace schutznetz::tenant {

absl::StatusOr<std::unique_ptr<TenantSync>> TenantSync::Create(storage::Database& db,
                                                               const config::OfficeConfig& config) {
  std::unique_ptr<TenantSync> s(new TenantSync());
  auto state = storage::NewSyncStateRepository();
  absl::StatusOr<storage::EpochInfo> epoch =
      db.TransactValue<storage::EpochInfo>([&](storage::Tx& tx) { return state->EnsureEpoch(tx); });
  if (!epoch.ok()) return epoch.status();
  if (epoch->renewed) log::Info("sync epoch renewed", {{"epoch", epoch->epoch}});
  s->epoch_ = *epoch;
  s->outbox_ = std::make_unique<sync::Outbox>(config.id, &s->outbox_changed_);
  s->own_log_ = std::make_unique<sync::LogReader>(db, epoch->epoch);
  s->status_ = std::make_unique<SyncStatusReader>(db, *s->own_log_);
  s->service_ = std::make_unique<SyncService>(
      *s->status_, config.id, config.district.aggregator.address, config.sync.enabled);
  if (config.sync.enabled) {
    sync::AgentOptions options;
    options.office_id = config.id;
    options.batch_items = config.sync.batch_items;
    options.poll_interval = absl::Milliseconds(config.sync.poll_interval_ms);
    options.call_deadline = absl::Milliseconds(config.sync.call_deadline_ms);
    options.backoff_max = absl::Milliseconds(config.sync.backoff_max_ms);
    // The office's certificate identifies it to the aggregator (mTLS).
    absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> credentials =
        runtime::ChannelCredentialsFor(config.tls, config.server.insecure_dev);
    if (!credentials.ok()) return credentials.status();
    auto channel = grpc::CreateCustomChannel(config.district.aggregator.address, *credentials,
                                             sync::AgentChannelArguments());
    s->agent_ = std::make_unique<sync::Agent>(db, s->applier_, *s->own_log_, &s->outbox_changed_,
                                              channel, options);
  }
  return s;
}

TenantSync::~TenantSync() { Stop(); }

void TenantSync::Start() {
  if (agent_) agent_->Start();
}

void TenantSync::Stop() {
  if (agent_) agent_->Stop();
}

}  // namespace schutznetz::tenant
