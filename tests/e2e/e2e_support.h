// Helpers for end-to-end tests: the Kreis Soest district on free ports and netzctl as a process.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "tests/support/district.h"

namespace schutznetz::testing {

// Starts tenants/kreis-soest with logs under a fresh temporary directory.
std::unique_ptr<LocalDistrict> StartKreisSoest();

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

// Runs build/services/cli/netzctl with `args`.
CommandResult Netzctl(const std::vector<std::string>& args);

// The whole content of a file.
std::string ReadFile(const std::string& path);

}  // namespace schutznetz::testing
