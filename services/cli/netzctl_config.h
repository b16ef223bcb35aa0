// The netzctl configuration file: per service address what netzctl needs to talk to it.
//
// netzctl reads it from $SCHUTZNETZ_NETZCTL_CONFIG, else from ~/.config/schutznetz/netzctl.yaml
// if that exists. Keys under `targets` are addresses exactly as given to --target (or
// SCHUTZNETZ_TARGET); each target is a mapping so that more settings can join `token` later:
//
//   # netzctl: keep this file private (chmod 600), it holds secrets.
//   targets:
//     "localhost:7101":
//       token: snz_…        # sent as "authorization: Bearer snz_…"
//     "localhost:7100":
//       token: snz_…
//
// Where the token comes from, first match wins: --token, $SCHUTZNETZ_TOKEN, this file.
// Unknown keys are errors (a misspelt `token` would otherwise silently send none).
#pragma once

#include <map>
#include <optional>
#include <string>

#include "absl/status/statusor.h"

namespace schutznetz::cli {

struct TargetSettings {
  std::string token;
};

struct NetzctlConfig {
  std::string file;
  std::map<std::string, TargetSettings> targets;

  // The settings of `target`, if the file names it.
  const TargetSettings* Find(const std::string& target) const;
};

// Parses the YAML text of a configuration file (`file` only names it in messages).
absl::StatusOr<NetzctlConfig> ParseNetzctlConfig(const std::string& text, const std::string& file);

// The file to read: $SCHUTZNETZ_NETZCTL_CONFIG, else ~/.config/schutznetz/netzctl.yaml if it
// exists; nullopt if neither.
std::optional<std::string> NetzctlConfigPath();

// Reads and parses `path`; INVALID_ARGUMENT naming the file for every problem.
absl::StatusOr<NetzctlConfig> LoadNetzctlConfig(const std::string& path);

}  // namespace schutznetz::cli
