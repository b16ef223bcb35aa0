#include "services/aggregator/statistics_snapshot_handler.h"

#include <google/protobuf/util/json_util.h>

#include "absl/strings/str_cat.h"
#include "libs/domain/statistics.h"
#include "libs/rpc/proto_util.h"
#include "schutznetz/v1/statistics.pb.h"

namespace schutznetz::aggregator {

StatisticsSnapshotHandler::StatisticsSnapshotHandler()
    : snapshots_(storage::NewOfficeStatisticsRepository()) {}

absl::StatusOr<sync::ApplyResult> StatisticsSnapshotHandler::Apply(storage::Tx& tx,
                                                                   const domain::SyncItem& item) {
  v1::StatisticsSnapshot snapshot;
  if (!snapshot.ParseFromString(item.payload)) {
    return sync::ApplyResult::Rejected("statistics_snapshot: payload is not a StatisticsSnapshot");
  }
  if (snapshot.office_id() != item.origin) {
    return sync::ApplyResult::Rejected(absl::StrCat("statistics_snapshot.office_id: '",
                                                    snapshot.office_id(),
                                                    "' differs from the item origin '", item.origin,
                                                    "'; an office reports only its own figures"));
  }
  domain::StatisticsPeriod period{snapshot.period().year(), snapshot.period().quarter()};
  absl::Status valid = domain::ValidatePeriod(period, "statistics_snapshot.period.");
  if (!valid.ok()) return sync::ApplyResult::Rejected(std::string(valid.message()));
  std::string expected_id = domain::SnapshotItemId(item.origin, period);
  if (item.id != expected_id) {
    return sync::ApplyResult::Rejected(absl::StrCat("statistics_snapshot: item id '", item.id,
                                                    "' does not match its period, expected '",
                                                    expected_id, "'"));
  }
  storage::OfficeSnapshotRecord record;
  record.office_id = item.origin;
  record.period = period;
  record.version = item.version;
  record.payload = item.payload;
  google::protobuf::util::JsonPrintOptions json;
  json.preserve_proto_field_names = true;
  if (!google::protobuf::util::MessageToJsonString(snapshot, &record.figures_json, json).ok()) {
    record.figures_json.clear();  // the payload is what counts; the JSON is a convenience
  }
  record.computed_at = rpc::FromProto(snapshot.computed_at());
  absl::StatusOr<bool> stored = snapshots_->Put(tx, record);
  if (!stored.ok()) return stored.status();
  return sync::ApplyResult::Applied();
}

}  // namespace schutznetz::aggregator
