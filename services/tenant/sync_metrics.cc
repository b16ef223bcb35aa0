#include "services/tenant/sync_metrics.h"

#include "libs/sync/agent.h"

namespace schutznetz::tenant {

void AppendSyncMetrics(const OfficeSyncState& state, std::vector<metrics::FamilySnapshot>* out) {
  using metrics::MetricType;
  metrics::FamilySnapshot pending{"schutznetz_sync_outbox_pending",
                                  "Changes of this office not yet acknowledged by the destination.",
                                  MetricType::kGauge,
                                  {}};
  if (state.push_known) {
    pending.samples.push_back(
        {"", {{"destination", sync::kAggregatorPeer}}, static_cast<double>(state.push_pending)});
  }
  out->push_back(std::move(pending));
  absl::Time last = state.last_success();
  out->push_back({"schutznetz_sync_last_success_timestamp_seconds",
                  "Unix time of the last successful exchange with the aggregator (push or "
                  "delivery); 0 if there was none yet.",
                  MetricType::kGauge,
                  {{"", {}, last == absl::InfinitePast() ? 0.0 : absl::ToUnixSeconds(last)}}});
  metrics::FamilySnapshot lag{"schutznetz_sync_lag_seconds",
                              "Age of the oldest change not yet acknowledged by the aggregator, "
                              "in seconds; 0 when there is none.",
                              MetricType::kGauge,
                              {}};
  if (state.push_lag_known) lag.samples.push_back({"", {}, absl::ToDoubleSeconds(state.push_lag)});
  out->push_back(std::move(lag));
}

void AddSyncMetrics(metrics::Registry& registry, SyncStatusReader& status) {
  registry.AddCollector([&status](std::vector<metrics::FamilySnapshot>* out) {
    absl::StatusOr<OfficeSyncState> state = status.Read();
    if (state.ok()) AppendSyncMetrics(*state, out);
  });
}

}  // namespace schutznetz::tenant
