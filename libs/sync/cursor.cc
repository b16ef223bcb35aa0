#include "libs/sync/cursor.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "libs/common/errors.h"

namespace schutznetz::sync {

std::string EncodeCursor(const Cursor& c) {
  return absl::StrCat(c.epoch, ":", c.position.xid, ":", c.position.id);
}

absl::StatusOr<Cursor> DecodeCursor(const std::string& text, const std::string& field) {
  if (text.empty()) return Cursor{};
  std::vector<std::string> parts = absl::StrSplit(text, ':');
  uint64_t xid = 0;
  Cursor c;
  if (parts.size() != 3 || parts[0].empty() || parts[0].size() > 64 ||
      !absl::SimpleAtoi(parts[1], &xid) || !absl::SimpleAtoi(parts[2], &c.position.id) ||
      c.position.id < 0) {
    return FieldError(field, "is not a cursor handed out by this server",
                      "ist kein gültiger Sync-Cursor");
  }
  c.epoch = parts[0];
  c.position.xid = absl::StrCat(xid);  // canonical form: no leading zeros
  return c;
}

absl::StatusOr<storage::LogPosition> PositionIn(const std::string& text, const std::string& epoch,
                                                const std::string& field) {
  absl::StatusOr<Cursor> c = DecodeCursor(text, field);
  if (!c.ok()) return c.status();
  if (text.empty()) return storage::LogPosition{};
  if (c->epoch != epoch) {
    return absl::OutOfRangeError(absl::StrCat(
        field, ": cursor belongs to another database instance (restored or replaced); start "
               "again from the beginning / Cursor gehört zu einer anderen Datenbankinstanz"));
  }
  return c->position;
}

}  // namespace schutznetz::sync
