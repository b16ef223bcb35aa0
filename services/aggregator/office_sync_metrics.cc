#include "services/aggregator/office_sync_metrics.h"

namespace schutznetz::aggregator {

void AppendOfficeSyncMetrics(const DistrictSyncState& state,
                             std::vector<metrics::FamilySnapshot>* out) {
  using metrics::MetricType;
  metrics::FamilySnapshot contact{
      "schutznetz_district_office_last_contact_timestamp_seconds",
      "Unix time of the last push received from the office or batch delivered to it; 0 if "
      "there was none yet.",
      MetricType::kGauge,
      {}};
  metrics::FamilySnapshot pending{"schutznetz_district_office_pending_items",
                                  "District items the office has yet to receive.",
                                  MetricType::kGauge,
                                  {}};
  metrics::FamilySnapshot lag{"schutznetz_district_office_lag_seconds",
                              "Age of the oldest district item the office has yet to receive, in "
                              "seconds; 0 when there is none.",
                              MetricType::kGauge,
                              {}};
  metrics::FamilySnapshot connected{"schutznetz_district_office_connected",
                                    "1 while the office's subscription to the district log is "
                                    "open, else 0.",
                                    MetricType::kGauge,
                                    {}};
  for (const OfficeSyncState& s : state.offices) {
    metrics::Labels office = {{"office", s.office_id}};
    absl::Time last = s.last_contact();
    contact.samples.push_back(
        {"", office, last == absl::InfinitePast() ? 0.0 : absl::ToUnixSeconds(last)});
    if (s.pending_known) {
      pending.samples.push_back({"", office, static_cast<double>(s.pending_delivery)});
      lag.samples.push_back({"", office, absl::ToDoubleSeconds(s.pending_age)});
    }
    connected.samples.push_back({"", office, s.subscribed ? 1.0 : 0.0});
  }
  out->push_back(std::move(contact));
  out->push_back(std::move(pending));
  out->push_back(std::move(lag));
  out->push_back(std::move(connected));
}

void AddOfficeSyncMetrics(metrics::Registry& registry, OfficeSyncStatusReader& status) {
  registry.AddCollector([&status](std::vector<metrics::FamilySnapshot>* out) {
    absl::StatusOr<DistrictSyncState> state = status.Read();
    if (state.ok()) AppendOfficeSyncMetrics(*state, out);
  });
}

}  // namespace schutznetz::aggregator
