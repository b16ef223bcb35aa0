#include "services/tenant/statistics_publisher.h"

#include "absl/strings/str_cat.h"
#include "libs/api/statistics_convert.h"
#include "libs/common/log.h"
#include "libs/common/status_macros.h"
#include "libs/domain/sync_item.h"

namespace schutznetz::tenant {

StatisticsPublisher::StatisticsPublisher(storage::Database& db, sync::Outbox& outbox,
                                         std::string office_id, absl::Duration interval,
                                         Clock clock)
    : db_(db),
      outbox_(outbox),
      office_id_(std::move(office_id)),
      interval_(interval),
      clock_(std::move(clock)),
      repo_(storage::NewStatisticsRepository()),
      audit_(storage::NewAuditRepository()) {}

StatisticsPublisher::~StatisticsPublisher() { Stop(); }

absl::StatusOr<CurrentSnapshot> StatisticsPublisher::Compute(
    const domain::StatisticsPeriod& period) {
  absl::Time now = clock_();
  return db_.TransactValue<CurrentSnapshot>(
      [&](storage::Tx& tx) -> absl::StatusOr<CurrentSnapshot> {
        CurrentSnapshot out;
        SN_ASSIGN_OR_RETURN(domain::StatisticsFigures figures,
                            repo_->Compute(tx, office_id_, period));
        figures.min_trainings_per_year = min_trainings_per_year_;
        api::StatisticsToProto(office_id_, period, figures, now, &out.snapshot);
        out.content_hash = api::SnapshotContentHash(out.snapshot);
        SN_ASSIGN_OR_RETURN(out.last_sent, repo_->GetSent(tx, period));
        return out;
      },
      {.read_only = true});
}

absl::StatusOr<PublishResult> StatisticsPublisher::PublishPeriod(
    const domain::StatisticsPeriod& period, absl::Time now, const PublishTrigger& by) {
  return db_.TransactValue<PublishResult>([&](storage::Tx& tx) -> absl::StatusOr<PublishResult> {
    SN_RETURN_IF_ERROR(repo_->LockPublishing(tx));
    SN_ASSIGN_OR_RETURN(std::optional<storage::SentSnapshot> last, repo_->GetSent(tx, period));
    SN_ASSIGN_OR_RETURN(domain::StatisticsFigures figures, repo_->Compute(tx, office_id_, period));
    figures.min_trainings_per_year = min_trainings_per_year_;
    v1::StatisticsSnapshot snapshot;
    api::StatisticsToProto(office_id_, period, figures, now, &snapshot);
    PublishResult result;
    result.period = period;
    result.content_hash = api::SnapshotContentHash(snapshot);
    if (last && last->content_hash == result.content_hash) {
      result.version = last->version;
      return result;
    }
    result.sent = true;
    result.version = domain::NextSyncVersion(last ? last->version : 0, now);
    std::string item_id = domain::SnapshotItemId(office_id_, period);
    SN_RETURN_IF_ERROR(
        outbox_.Append(tx, {domain::kStatisticsSnapshotItemType, item_id, domain::kToAggregator,
                            result.version, snapshot.SerializeAsString()}));
    SN_RETURN_IF_ERROR(repo_->PutSent(tx, period, result.content_hash, result.version));
    domain::AuditEntry entry;
    entry.actor = by.actor;
    entry.method = by.method;
    entry.resource_type = domain::kStatisticsSnapshotItemType;
    entry.resource_id = item_id;
    entry.action = "send";
    entry.detail = absl::StrCat("version ", result.version);
    SN_RETURN_IF_ERROR(audit_->Record(tx, entry));
    return result;
  });
}

absl::StatusOr<std::vector<PublishResult>> StatisticsPublisher::PublishOnce(
    const PublishTrigger& by) {
  absl::Time now = clock_();
  SN_ASSIGN_OR_RETURN(std::optional<int> first_year,
                      db_.TransactValue<std::optional<int>>(
                          [&](storage::Tx& tx) { return repo_->FirstActivityYear(tx, office_id_); }));
  std::vector<PublishResult> results;
  for (const domain::StatisticsPeriod& period : domain::PublishedPeriods(now, first_year)) {
    SN_ASSIGN_OR_RETURN(PublishResult r, PublishPeriod(period, now, by));
    results.push_back(std::move(r));
  }
  return results;
}

void StatisticsPublisher::Start() {
  {
    absl::MutexLock lock(&mu_);
    if (thread_.joinable()) return;
    stopping_ = false;
  }
  thread_ = std::thread([this] { Loop(); });
}

void StatisticsPublisher::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

void StatisticsPublisher::Loop() {
  while (true) {
    absl::StatusOr<std::vector<PublishResult>> run = PublishOnce();
    if (!run.ok()) {
      log::Warning("statistics snapshots not sent",
                   {{"error", std::string(run.status().message())},
                    {"code", static_cast<int>(run.status().code())}});
    } else {
      int sent = 0;
      for (const PublishResult& r : *run) sent += r.sent;
      if (sent > 0) log::Info("statistics snapshots queued", {{"periods", sent}});
    }
    absl::MutexLock lock(&mu_);
    if (mu_.AwaitWithTimeout(absl::Condition(&stopping_), interval_)) return;
  }
}

}  // namespace schutznetz::tenant
