// Child processes for tests and the local run: start, signal, wait, with output to a log file.
//
// Children get PR_SET_PDEATHSIG(SIGKILL), so nothing keeps running when the test or the local
// run that started them dies. When running as root, a child can be started as another user
// (PostgreSQL refuses to run as root).
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace schutznetz::testing {

struct ProcessOptions {
  std::vector<std::string> argv;                            // argv[0] is the program path
  std::vector<std::pair<std::string, std::string>> env;     // added to / replacing the environment
  std::string log_file;       // stdout and stderr are appended here; empty: inherit
  std::string run_as_user;    // only honoured when running as root
  std::string working_dir;
  int stdin_fd = -1;          // becomes the child's stdin; default /dev/null
  bool die_with_parent = true;
};

class Process {
 public:
  static absl::StatusOr<std::unique_ptr<Process>> Start(const ProcessOptions& options);
  // Kills the process (SIGKILL) if it is still running.
  ~Process();

  pid_t pid() const { return pid_; }
  absl::Status Signal(int signal);
  // Exit code, or 128 + signal number if it was killed; DEADLINE_EXCEEDED if still running.
  absl::StatusOr<int> Wait(absl::Duration timeout);
  bool Running();

 private:
  explicit Process(pid_t pid) : pid_(pid) {}
  pid_t pid_;
  bool reaped_ = false;
  int exit_code_ = -1;
};

// Runs a command to completion; its output goes to `output` if given. Returns the exit code.
absl::StatusOr<int> RunCommand(ProcessOptions options, absl::Duration timeout,
                               std::string* output = nullptr);

// A TCP port on 127.0.0.1 that was free a moment ago, chosen below the kernel's ephemeral range
// so that no outgoing connection takes it before the service binds it.
int PickFreePort();

// The directory of the running executable.
std::string ExecutableDir();

}  // namespace schutznetz::testing
