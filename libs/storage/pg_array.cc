#include "libs/storage/pg_array.h"

#include "absl/strings/numbers.h"

namespace schutznetz::storage {

std::string ArrayLiteral(const std::vector<std::string>& values) {
  std::string out = "{";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    out += '"';
    for (char c : values[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

std::string ArrayLiteral(const std::vector<int>& values) {
  std::string out = "{";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    out += std::to_string(values[i]);
  }
  return out + "}";
}

std::vector<std::string> TextArray(const pqxx::field& f) {
  std::vector<std::string> out;
  if (f.is_null()) return out;
  pqxx::array_parser parser = f.as_array();
  while (true) {
    std::pair<pqxx::array_parser::juncture, std::string> next = parser.get_next();
    if (next.first == pqxx::array_parser::done) break;
    if (next.first == pqxx::array_parser::string_value) out.push_back(std::move(next.second));
  }
  return out;
}

std::vector<int> IntArray(const pqxx::field& f) {
  std::vector<int> out;
  for (const std::string& s : TextArray(f)) {
    int v = 0;
    if (absl::SimpleAtoi(s, &v)) out.push_back(v);
  }
  return out;
}

}  // namespace schutznetz::storage
