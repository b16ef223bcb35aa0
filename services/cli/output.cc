#include "services/cli/output.h"

#include <google/protobuf/util/json_util.h>

#include <ostream>

#include "libs/common/text.h"
#include "libs/common/time.h"

namespace schutznetz::cli {

void Table::Print(std::ostream& out) const {
  std::vector<size_t> widths(header_.size(), 0);
  auto measure = [&](const std::vector<std::string>& row) {
    for (size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], Utf8Length(row[i]));
    }
  };
  measure(header_);
  for (const auto& row : rows_) measure(row);
  auto print = [&](const std::vector<std::string>& row) {
    for (size_t i = 0; i < widths.size(); ++i) {
      std::string cell = i < row.size() ? row[i] : "";
      out << cell;
      if (i + 1 < widths.size()) out << std::string(widths[i] - Utf8Length(cell) + 2, ' ');
    }
    out << "\n";
  };
  print(header_);
  for (const auto& row : rows_) print(row);
}

std::string GermanDate(const std::string& iso) {
  if (iso.empty()) return "";
  absl::StatusOr<absl::CivilDay> day = ParseDate(iso, "date");
  return day.ok() ? FormatDate(*day) : iso;
}

std::string ToJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(message, &json, options);
  return json;
}

}  // namespace schutznetz::cli
