#include "services/cli/netzctl_config.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <yaml-cpp/yaml.h>

#include "absl/strings/str_cat.h"

namespace schutznetz::cli {
namespace {

absl::Status Problem(const std::string& file, const std::string& what) {
  return absl::InvalidArgumentError(
      absl::StrCat(file, ": ", what, " / netzctl-Konfiguration fehlerhaft"));
}

}  // namespace

const TargetSettings* NetzctlConfig::Find(const std::string& target) const {
  auto it = targets.find(target);
  return it == targets.end() ? nullptr : &it->second;
}

absl::StatusOr<NetzctlConfig> ParseNetzctlConfig(const std::string& text, const std::string& file) {
  NetzctlConfig config;
  config.file = file;
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    return Problem(file, absl::StrCat("not YAML (line ", e.mark.line + 1, ")"));
  }
  if (root.IsNull()) return config;
  if (!root.IsMap()) return Problem(file, "expected a mapping with key `targets`");
  for (const auto& entry : root) {
    std::string key = entry.first.as<std::string>();
    if (key != "targets") return Problem(file, absl::StrCat("unknown key `", key, "`"));
  }
  YAML::Node targets = root["targets"];
  if (!targets || targets.IsNull()) return config;
  if (!targets.IsMap()) return Problem(file, "`targets` must map addresses to settings");
  for (const auto& entry : targets) {
    std::string address = entry.first.as<std::string>();
    const YAML::Node& node = entry.second;
    if (!node.IsMap()) {
      return Problem(file, absl::StrCat("targets.", address, " must be a mapping"));
    }
    TargetSettings settings;
    for (const auto& field : node) {
      std::string key = field.first.as<std::string>();
      if (key == "token" && field.second.IsScalar()) {
        settings.token = field.second.as<std::string>();
      } else {
        return Problem(file, absl::StrCat("targets.", address, ": unknown key `", key, "`"));
      }
    }
    config.targets[address] = settings;
  }
  return config;
}

std::optional<std::string> NetzctlConfigPath() {
  if (const char* env = std::getenv("SCHUTZNETZ_NETZCTL_CONFIG"); env != nullptr && *env != '\0') {
    return std::string(env);
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    std::string path = std::string(home) + "/.config/schutznetz/netzctl.yaml";
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) return path;
  }
  return std::nullopt;
}

absl::StatusOr<NetzctlConfig> LoadNetzctlConfig(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Problem(path, "cannot read the file");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return ParseNetzctlConfig(text, path);
}

}  // namespace schutznetz::cli
