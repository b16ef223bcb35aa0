#include "libs/sync/log_reader.h"

#include "libs/common/status_macros.h"
#include "libs/sync/cursor.h"

namespace schutznetz::sync {

LogReader::LogReader(storage::Database& db, std::string epoch)
    : db_(db), epoch_(std::move(epoch)), log_(storage::NewChangeLogRepository()) {}

absl::StatusOr<LogBatch> LogReader::Next(const std::string& cursor,
                                         const storage::LogFilter& filter, int max_items) {
  SN_ASSIGN_OR_RETURN(storage::LogPosition after, PositionIn(cursor, epoch_, "cursor"));
  LogBatch batch;
  SN_RETURN_IF_ERROR(db_.Transact(
      [&](storage::Tx& tx) -> absl::Status {
        SN_ASSIGN_OR_RETURN(storage::LogRead read, log_->Read(tx, after, max_items, filter));
        for (storage::LogRow& row : read.rows) batch.items.push_back(std::move(row.item));
        batch.cursor = EncodeCursor({epoch_, read.end});
        batch.remaining = read.remaining;
        batch.waiting_for_open_transactions = read.waiting_for_open_transactions;
        return absl::OkStatus();
      },
      {.isolation = storage::Isolation::kRepeatableRead, .read_only = true}));
  return batch;
}

absl::StatusOr<std::vector<domain::SyncItem>> LogReader::Range(const std::string& from,
                                                               const std::string& to) {
  SN_ASSIGN_OR_RETURN(storage::LogPosition start, PositionIn(from, epoch_, "from"));
  SN_ASSIGN_OR_RETURN(storage::LogPosition end, PositionIn(to, epoch_, "to"));
  std::vector<domain::SyncItem> items;
  SN_RETURN_IF_ERROR(db_.Transact(
      [&](storage::Tx& tx) -> absl::Status {
        SN_ASSIGN_OR_RETURN(std::vector<storage::LogRow> rows, log_->ReadRange(tx, start, end));
        for (storage::LogRow& row : rows) items.push_back(std::move(row.item));
        return absl::OkStatus();
      },
      {.read_only = true}));
  return items;
}

absl::StatusOr<absl::Duration> LogReader::LagAfter(const std::string& cursor) {
  SN_ASSIGN_OR_RETURN(storage::LogPosition after, PositionIn(cursor, epoch_, "cursor"));
  return db_.TransactValue<absl::Duration>(
      [&](storage::Tx& tx) { return log_->OldestAfter(tx, after); }, {.read_only = true});
}

absl::StatusOr<std::vector<std::optional<storage::LogBacklog>>> LogReader::Backlogs(
    const std::vector<BacklogRequest>& readers) {
  std::vector<storage::BacklogQuery> queries;
  std::vector<size_t> asked;  // index in `readers` of each query
  for (size_t i = 0; i < readers.size(); ++i) {
    absl::StatusOr<storage::LogPosition> after = PositionIn(readers[i].cursor, epoch_, "cursor");
    if (absl::IsOutOfRange(after.status())) continue;
    if (!after.ok()) return after.status();
    queries.push_back({*after, readers[i].filter});
    asked.push_back(i);
  }
  SN_ASSIGN_OR_RETURN(
      std::vector<storage::LogBacklog> backlogs,
      db_.TransactValue<std::vector<storage::LogBacklog>>(
          [&](storage::Tx& tx) { return log_->Backlogs(tx, queries); }, {.read_only = true}));
  std::vector<std::optional<storage::LogBacklog>> out(readers.size());
  for (size_t q = 0; q < asked.size() && q < backlogs.size(); ++q) out[asked[q]] = backlogs[q];
  return out;
}

}  // namespace schutznetz::sync
