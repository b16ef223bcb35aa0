#include "tests/support/netzctl_config_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "absl/strings/str_cat.h"

namespace schutznetz::testing {

absl::Status WriteNetzctlConfig(const std::string& path,
                                const std::map<std::string, std::string>& tokens) {
  std::string text =
      "# netzctl: per service address the API token to send (secrets: keep this file private).\n"
      "targets:\n";
  for (const auto& [address, token] : tokens) {
    absl::StrAppend(&text, "  \"", address, "\":\n    token: ", token, "\n");
  }
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return absl::UnavailableError(absl::StrCat("cannot write ", path));
  ::fchmod(fd, 0600);
  ssize_t written = ::write(fd, text.data(), text.size());
  ::close(fd);
  if (written != static_cast<ssize_t>(text.size())) {
    return absl::UnavailableError(absl::StrCat("cannot write ", path));
  }
  return absl::OkStatus();
}

}  // namespace schutznetz::testing
