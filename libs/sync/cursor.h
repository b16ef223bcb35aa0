// Opaque sync cursors: "epoch:xid:id".
//
// A cursor names a position in one database's change log. Only that database interprets it; the
// peer stores and returns it unread. The epoch ties it to one database instance: a cursor from
// before a restore or from another instance is refused instead of silently misread.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "libs/storage/change_log_repository.h"

namespace schutznetz::sync {

struct Cursor {
  std::string epoch;
  storage::LogPosition position;
};

std::string EncodeCursor(const Cursor& cursor);

// INVALID_ARGUMENT naming `field` for a malformed cursor. An empty text is the start of the log
// with an empty epoch (valid for every instance).
absl::StatusOr<Cursor> DecodeCursor(const std::string& text, const std::string& field);

// The position of `text` in the log of the database with `epoch`: the start for an empty cursor,
// OUT_OF_RANGE for a cursor of another instance.
absl::StatusOr<storage::LogPosition> PositionIn(const std::string& text, const std::string& epoch,
                                                const std::string& field);

}  // namespace schutznetz::sync
