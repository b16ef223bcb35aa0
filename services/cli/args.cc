#include "services/cli/args.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "libs/common/text.h"

namespace schutznetz::cli {

absl::StatusOr<Args> Args::Parse(const std::vector<std::string>& tokens,
                                 const std::set<std::string>& bool_flags) {
  Args args;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::string& t = tokens[i];
    if (t.size() > 2 && t.rfind("--", 0) == 0) {
      std::string name = t.substr(2);
      size_t eq = name.find('=');
      if (eq != std::string::npos) {
        args.flags_[name.substr(0, eq)].push_back(name.substr(eq + 1));
      } else if (bool_flags.count(name) > 0) {
        args.flags_[name].push_back("true");
      } else if (i + 1 < tokens.size()) {
        args.flags_[name].push_back(tokens[++i]);
      } else {
        return absl::InvalidArgumentError(
            absl::StrCat("--", name, " needs a value / --", name, " braucht einen Wert"));
      }
    } else {
      args.positionals_.push_back(t);
    }
  }
  return args;
}

std::string Args::Positional(size_t index) const {
  return index < positionals_.size() ? positionals_[index] : "";
}

std::optional<std::string> Args::Get(const std::string& flag) const {
  auto it = flags_.find(flag);
  if (it == flags_.end()) return std::nullopt;
  return it->second.back();
}

std::vector<std::string> Args::GetAll(const std::string& flag) const {
  auto it = flags_.find(flag);
  if (it == flags_.end()) return {};
  return it->second;
}

absl::Status Args::OnlyFlags(const std::set<std::string>& allowed) const {
  for (const auto& [name, value] : flags_) {
    if (allowed.count(name) == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("unknown option --", name, " / unbekannte Option --", name));
    }
  }
  return absl::OkStatus();
}

std::vector<std::string> SplitList(const std::string& text, char sep) {
  std::vector<std::string> out;
  for (absl::string_view part : absl::StrSplit(text, sep, absl::SkipEmpty())) {
    std::string item = Trim(std::string(part));
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

}  // namespace schutznetz::cli
