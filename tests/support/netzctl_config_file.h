// Writes a netzctl configuration file (see services/cli/netzctl_config.h for the format): for
// each service address the token netzctl sends there. Used by the local district so that netzctl
// works against it without --token.
#pragma once

#include <map>
#include <string>

#include "absl/status/status.h"

namespace schutznetz::testing {

// Writes `tokens` (address → secret) to `path`, readable by the owner only.
absl::Status WriteNetzctlConfig(const std::string& path,
                                const std::map<std::string, std::string>& tokens);

}  // namespace schutznetz::testing
