#include "tests/support/process.h"

#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

extern char** environ;

namespace schutznetz::testing {

absl::StatusOr<std::unique_ptr<Process>> Process::Start(const ProcessOptions& o) {
  if (o.argv.empty()) return absl::InvalidArgumentError("argv is empty");
  // Everything the child needs is prepared before fork(): after fork only async-signal-safe calls.
  std::map<std::string, std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string kv(*e);
    size_t eq = kv.find('=');
    if (eq != std::string::npos) env[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  for (const auto& [k, v] : o.env) env[k] = v;
  std::vector<std::string> env_strings;
  for (const auto& [k, v] : env) env_strings.push_back(k + "=" + v);
  std::vector<char*> envp;
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::vector<std::string> args = o.argv;
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  uid_t uid = 0;
  gid_t gid = 0;
  bool switch_user = !o.run_as_user.empty() && geteuid() == 0;
  if (switch_user) {
    struct passwd* pw = getpwnam(o.run_as_user.c_str());
    if (pw == nullptr) {
      return absl::FailedPreconditionError(absl::StrCat("no such user: ", o.run_as_user));
    }
    uid = pw->pw_uid;
    gid = pw->pw_gid;
  }
  int log_fd = -1;
  if (!o.log_file.empty()) {
    log_fd = open(o.log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (log_fd < 0) {
      return absl::InternalError(absl::StrCat("cannot open ", o.log_file, ": ", strerror(errno)));
    }
    if (switch_user && fchown(log_fd, uid, gid) != 0) {
      close(log_fd);
      return absl::InternalError(absl::StrCat("cannot chown ", o.log_file));
    }
  }
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid < 0) {
    if (log_fd >= 0) close(log_fd);
    return absl::InternalError(absl::StrCat("fork failed: ", strerror(errno)));
  }
  if (pid == 0) {
    setpgid(0, 0);  // own process group: signals to the test do not reach it
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    if (log_fd >= 0) {
      dup2(log_fd, STDOUT_FILENO);
      dup2(log_fd, STDERR_FILENO);
    }
    if (o.stdin_fd >= 0) {
      dup2(o.stdin_fd, STDIN_FILENO);
    } else {
      int devnull = open("/dev/null", O_RDONLY);
      if (devnull >= 0) dup2(devnull, STDIN_FILENO);
    }
    if (switch_user) {
      if (setgroups(0, nullptr) != 0 || setgid(gid) != 0 || setuid(uid) != 0) _exit(126);
    }
    // After the user switch: a credential change clears the parent-death signal.
    if (o.die_with_parent) {
      prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (getppid() != parent) _exit(127);
    }
    if (!o.working_dir.empty() && chdir(o.working_dir.c_str()) != 0) _exit(125);
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  if (log_fd >= 0) close(log_fd);
  return std::unique_ptr<Process>(new Process(pid));
}

Process::~Process() {
  if (!reaped_) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
}

absl::Status Process::Signal(int signal) {
  if (reaped_) return absl::FailedPreconditionError("process already exited");
  if (kill(pid_, signal) != 0) return absl::InternalError(strerror(errno));
  return absl::OkStatus();
}

absl::StatusOr<int> Process::Wait(absl::Duration timeout) {
  absl::Time deadline = absl::Now() + timeout;
  while (!reaped_) {
    int status = 0;
    pid_t r = waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      reaped_ = true;
      exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      break;
    }
    if (r < 0) return absl::InternalError(strerror(errno));
    if (absl::Now() >= deadline) {
      return absl::DeadlineExceededError(absl::StrCat("process ", pid_, " still running"));
    }
    absl::SleepFor(absl::Milliseconds(10));
  }
  return exit_code_;
}

bool Process::Running() {
  if (reaped_) return false;
  return !Wait(absl::ZeroDuration()).ok();
}

absl::StatusOr<int> RunCommand(ProcessOptions options, absl::Duration timeout,
                               std::string* output) {
  std::string capture;
  if (output != nullptr && options.log_file.empty()) {
    char tmpl[] = "/tmp/schutznetz-cmd-XXXXXX";
    int fd = mkstemp(tmpl);
    if (fd < 0) return absl::InternalError("mkstemp failed");
    close(fd);
    capture = tmpl;
    options.log_file = capture;
  }
  absl::StatusOr<std::unique_ptr<Process>> p = Process::Start(options);
  if (!p.ok()) return p.status();
  absl::StatusOr<int> code = (*p)->Wait(timeout);
  if (!capture.empty()) {
    std::ifstream in(capture);
    std::stringstream ss;
    ss << in.rdbuf();
    *output = ss.str();
    unlink(capture.c_str());
  }
  return code;
}

namespace {

// Whether `port` on 127.0.0.1 can be bound right now.
bool CanBind(int port, int* bound) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  bool ok = bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  if (ok) {
    socklen_t len = sizeof addr;
    ok = getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0;
    *bound = ntohs(addr.sin_port);
  }
  close(fd);
  return ok;
}

}  // namespace

int PickFreePort() {
  // Below Linux's ephemeral range (32768–60999): the kernel never hands such a port to an outgoing
  // connection, so it stays free between this check and the service binding it, even while other
  // tests open hundreds of connections. Random, so that parallel test processes rarely collide.
  // A port is handed out once per process: a district asks for some 30 before any is bound.
  thread_local std::mt19937 random(std::random_device{}() ^ static_cast<unsigned>(getpid()));
  static std::mutex mu;
  static std::set<int> handed_out;
  std::uniform_int_distribution<int> range(20000, 32000);
  std::lock_guard<std::mutex> lock(mu);
  int port = 0;
  for (int attempt = 0; attempt < 100; ++attempt) {
    int candidate = range(random);
    if (!handed_out.count(candidate) && CanBind(candidate, &port)) {
      handed_out.insert(port);
      return port;
    }
  }
  return CanBind(0, &port) ? port : 0;
}

std::string ExecutableDir() {
  char buf[4096];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return ".";
  std::string path(buf, static_cast<size_t>(n));
  return path.substr(0, path.rfind('/'));
}

}  // namespace schutznetz::testing
