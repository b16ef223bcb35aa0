// Command-line arguments of netzctl: positionals and --flags in any order.
//
//   netzctl --target localhost:7102 organisations list --sector health --json
// gives positionals {"organisations", "list"} and flags {target, sector, json}.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace schutznetz::cli {

class Args {
 public:
  // `bool_flags` take no value ("--json"); every other flag takes one ("--sector health" or
  // "--sector=health").
  static absl::StatusOr<Args> Parse(const std::vector<std::string>& tokens,
                                    const std::set<std::string>& bool_flags);

  const std::vector<std::string>& positionals() const { return positionals_; }
  // The positional at `index`, or "".
  std::string Positional(size_t index) const;
  // The value of `flag`; the last one if it was given several times.
  std::optional<std::string> Get(const std::string& flag) const;
  // Every value of a flag that may be repeated ("--option A --option B"), in order.
  std::vector<std::string> GetAll(const std::string& flag) const;
  bool Has(const std::string& flag) const { return flags_.count(flag) > 0; }

  // INVALID_ARGUMENT naming the first flag not in `allowed`.
  absl::Status OnlyFlags(const std::set<std::string>& allowed) const;

 private:
  std::vector<std::string> positionals_;
  std::map<std::string, std::vector<std::string>> flags_;
};

// The non-empty, trimmed parts of `text` split at `sep`: "a, b,,c" → {"a", "b", "c"}.
std::vector<std::string> SplitList(const std::string& text, char sep);

}  // namespace schutznetz::cli
