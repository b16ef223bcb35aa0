#include "libs/storage/pg_error.h"

#include <pqxx/pqxx>

#include "absl/strings/cord.h"
#include "libs/common/errors.h"
#include "libs/common/log.h"

namespace schutznetz::storage {
namespace {
constexpr char kRetryablePayload[] = "schutznetz.storage/retryable-conflict";
}  // namespace

bool IsRetryableConflict(const absl::Status& status) {
  return status.GetPayload(kRetryablePayload).has_value();
}

absl::Status StatusFromCurrentException(std::string_view context) {
  try {
    throw;
  } catch (const pqxx::unique_violation& e) {
    log::Debug("unique violation", {{"context", context}, {"sqlstate", e.sqlstate()}});
    return Bilingual(absl::StatusCode::kAlreadyExists, "the item already exists",
                     "der Eintrag existiert bereits");
  } catch (const pqxx::foreign_key_violation& e) {
    log::Debug("foreign key violation", {{"context", context}, {"sqlstate", e.sqlstate()}});
    return Bilingual(absl::StatusCode::kFailedPrecondition,
                     "the item is still referenced or refers to an unknown item",
                     "der Eintrag wird noch verwendet oder verweist auf einen unbekannten Eintrag");
  } catch (const pqxx::check_violation& e) {
    log::Warning("check violation", {{"context", context}, {"sqlstate", e.sqlstate()}});
    return Bilingual(absl::StatusCode::kInvalidArgument, "a value is out of range",
                     "ein Wert liegt außerhalb des zulässigen Bereichs");
  } catch (const pqxx::not_null_violation& e) {
    log::Warning("not-null violation", {{"context", context}, {"sqlstate", e.sqlstate()}});
    return Bilingual(absl::StatusCode::kInvalidArgument, "a required value is missing",
                     "ein Pflichtwert fehlt");
  } catch (const pqxx::transaction_rollback&) {
    log::Info("transaction rolled back (conflict)", {{"context", context}});
    absl::Status s = Bilingual(absl::StatusCode::kAborted, "concurrent change; please retry",
                               "gleichzeitige Änderung; bitte erneut versuchen");
    s.SetPayload(kRetryablePayload, absl::Cord("1"));
    return s;
  } catch (const pqxx::sql_error& e) {
    if (e.sqlstate() == "57014") {
      log::Warning("statement timeout", {{"context", context}});
      return Bilingual(absl::StatusCode::kDeadlineExceeded, "the database query took too long",
                       "die Datenbankabfrage hat zu lange gedauert");
    }
    if (e.sqlstate() == "25P03") {  // idle_in_transaction_session_timeout
      return Bilingual(absl::StatusCode::kUnavailable, "database session timed out",
                       "Datenbanksitzung abgelaufen");
    }
    log::Error("database error", {{"context", context}, {"sqlstate", e.sqlstate()}});
    return Bilingual(absl::StatusCode::kInternal, "database error", "Datenbankfehler");
  } catch (const pqxx::in_doubt_error&) {
    log::Error("transaction outcome unknown", {{"context", context}});
    return Bilingual(absl::StatusCode::kUnavailable,
                     "connection lost during commit; the change may or may not be stored",
                     "Verbindung beim Speichern verloren; bitte prüfen, ob die Änderung vorliegt");
  } catch (const pqxx::broken_connection&) {
    log::Warning("database connection lost", {{"context", context}});
    return Bilingual(absl::StatusCode::kUnavailable, "database unreachable",
                     "Datenbank nicht erreichbar");
  } catch (const std::exception& e) {
    log::Error("unexpected storage exception", {{"context", context}, {"what", e.what()}});
    return Bilingual(absl::StatusCode::kInternal, "internal storage error",
                     "interner Speicherfehler");
  } catch (...) {
    return Bilingual(absl::StatusCode::kInternal, "internal storage error",
                     "interner Speicherfehler");
  }
}

}  // namespace schutznetz::storage
