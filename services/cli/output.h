// Output of netzctl: aligned tables for people, JSON for scripts.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include <google/protobuf/message.h>

namespace schutznetz::cli {

// A table with a header row; columns are aligned by Unicode characters, not bytes.
class Table {
 public:
  explicit Table(std::vector<std::string> header) : header_(std::move(header)) {}
  void AddRow(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  void Print(std::ostream& out) const;
  bool empty() const { return rows_.empty(); }

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

// "2025-04-03" → "03.04.2025"; other text unchanged.
std::string GermanDate(const std::string& iso);

// The message as JSON with the proto field names, every field printed.
std::string ToJson(const google::protobuf::Message& message);

}  // namespace schutznetz::cli
