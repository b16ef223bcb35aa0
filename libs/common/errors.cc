#include "libs/common/errors.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace schutznetz {
namespace {
absl::string_view Sv(std::string_view s) { return absl::string_view(s.data(), s.size()); }
}  // namespace

absl::Status Bilingual(absl::StatusCode code, std::string_view english, std::string_view german) {
  return absl::Status(code, absl::StrCat(Sv(english), " / ", Sv(german)));
}

absl::Status FieldError(std::string_view field, std::string_view english, std::string_view german) {
  return absl::InvalidArgumentError(absl::StrCat(Sv(field), ": ", Sv(english), " / ", Sv(german)));
}

absl::Status NotFound(std::string_view kind_en, std::string_view kind_de, std::string_view id) {
  return absl::NotFoundError(absl::StrCat(Sv(kind_en), " ", Sv(id), " not found / ", Sv(kind_de),
                                          " ", Sv(id), " nicht gefunden"));
}

absl::Status EtagMismatch(std::string_view kind_en, std::string_view kind_de) {
  return absl::AbortedError(
      absl::StrCat("etag: ", Sv(kind_en), " was changed by someone else; reload and retry / ",
                   Sv(kind_de), " wurde zwischenzeitlich geändert; bitte neu laden"));
}

absl::Status InField(const absl::Status& status, std::string_view field) {
  if (status.ok()) return status;
  return absl::Status(status.code(), absl::StrCat(Sv(field), ": ", status.message()));
}

void FieldViolations::Add(std::string_view field, std::string_view english,
                          std::string_view german) {
  messages_.push_back(absl::StrCat(Sv(field), ": ", Sv(english), " / ", Sv(german)));
}

void FieldViolations::Add(const absl::Status& status) {
  if (!status.ok()) messages_.emplace_back(status.message());
}

absl::Status FieldViolations::ToStatus() const {
  if (messages_.empty()) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrJoin(messages_, "; "));
}

}  // namespace schutznetz
