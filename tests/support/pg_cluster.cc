#include "tests/support/pg_cluster.h"

#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace schutznetz::testing {
namespace fs = std::filesystem;

namespace {

std::string ParentDir(const PgClusterOptions& o) {
  if (!o.parent_dir.empty()) return o.parent_dir;
  const char* tmp = std::getenv("TMPDIR");
  return tmp != nullptr && *tmp != '\0' ? tmp : "/tmp";
}

std::string ShellQuote(const std::string& s) {
  return "'" + absl::StrReplaceAll(s, {{"'", "'\\''"}}) + "'";
}

absl::Status ChownTree(const std::string& path, const std::string& user) {
  if (user.empty()) return absl::OkStatus();
  struct passwd* pw = getpwnam(user.c_str());
  if (pw == nullptr) return absl::FailedPreconditionError("no such user: " + user);
  if (chown(path.c_str(), pw->pw_uid, pw->pw_gid) != 0) {
    return absl::InternalError("cannot chown " + path);
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::string> FindPgBinDir() {
  if (const char* env = std::getenv("PG_BINDIR"); env != nullptr && *env != '\0') return env;
  int best = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    int version;
    if (absl::SimpleAtoi(entry.path().filename().string(), &version) && version > best &&
        fs::exists(entry.path() / "bin" / "initdb")) {
      best = version;
    }
  }
  if (best == 0) {
    return absl::FailedPreconditionError(
        "PostgreSQL server binaries not found (install the Debian package postgresql)");
  }
  return absl::StrCat("/usr/lib/postgresql/", best, "/bin");
}

absl::StatusOr<int> PgCluster::PgCtl(const std::string& action, std::string* output) {
  ProcessOptions o;
  o.argv = {bin_dir_ + "/pg_ctl", "-D", dir_ + "/data", "-w", "-t", "60"};
  if (action == "start") {
    std::string settings = absl::StrCat("-k ", dir_, " -p ", port_,
                                        " -c listen_addresses='' -c max_connections=300");
    if (options_.fast) {
      absl::StrAppend(&settings, " -c fsync=off -c synchronous_commit=off",
                      " -c full_page_writes=off");
    }
    o.argv.insert(o.argv.end(), {"-l", dir_ + "/postgres.log", "-o", settings, "start"});
  } else {
    o.argv.insert(o.argv.end(), {"-m", "fast", "stop"});
  }
  o.run_as_user = user_;
  o.die_with_parent = false;  // the server outlives pg_ctl by design; the watchdog guards it
  return RunCommand(o, absl::Seconds(90), output);
}

namespace {

// initdb into `dir` (empty, owned by `user`): superuser "schutznetz", trust on the socket.
absl::Status InitDb(const std::string& bin_dir, const std::string& user, const std::string& dir) {
  ProcessOptions init;
  init.argv = {bin_dir + "/initdb", "-D",    dir,    "-U",         "schutznetz",         "-A",
               "trust",             "-E",    "UTF8", "--locale=C.UTF-8", "-N", "--no-instructions"};
  init.run_as_user = user;
  std::string out;
  absl::StatusOr<int> rc = RunCommand(init, absl::Seconds(120), &out);
  if (!rc.ok() || *rc != 0) return absl::InternalError("initdb failed: " + out);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<PgCluster>> PgCluster::Start(PgClusterOptions options) {
  std::unique_ptr<PgCluster> c(new PgCluster());
  c->options_ = options;
  absl::StatusOr<std::string> bin = FindPgBinDir();
  if (!bin.ok()) return bin.status();
  c->bin_dir_ = *bin;
  if (geteuid() == 0) c->user_ = "postgres";
  std::string parent = ParentDir(options);

  // A template cluster per machine, user and server version; copying it is much faster than
  // running initdb every time.
  std::string version = fs::path(c->bin_dir_).parent_path().filename().string();
  std::string template_dir =
      absl::StrCat(parent, "/schutznetz-pg-template-", version, "-u", geteuid());
  if (!fs::exists(template_dir + "/PG_VERSION")) {
    std::string staging = absl::StrCat(template_dir, ".tmp", getpid());
    fs::remove_all(staging);
    fs::create_directories(staging);
    if (!c->user_.empty()) {
      absl::Status chowned = ChownTree(staging, c->user_);
      if (!chowned.ok()) return chowned;
    }
    absl::Status init = InitDb(c->bin_dir_, c->user_, staging);
    if (!init.ok()) {
      fs::remove_all(staging);
      return init;
    }
    std::error_code ec;
    fs::rename(staging, template_dir, ec);  // another process may have won the race: fine
    if (ec) fs::remove_all(staging);
  }

  char tmpl[4096];
  std::string pattern = parent + "/schutznetz-pg-XXXXXX";
  if (pattern.size() >= sizeof tmpl) return absl::InvalidArgumentError("parent_dir too long");
  std::copy(pattern.begin(), pattern.end(), tmpl);
  tmpl[pattern.size()] = '\0';
  if (mkdtemp(tmpl) == nullptr) return absl::InternalError("mkdtemp failed in " + parent);
  c->dir_ = tmpl;
  absl::Status chowned = ChownTree(c->dir_, c->user_);
  if (!chowned.ok()) return chowned;

  if (options.own_initdb) {
    std::string data = c->dir_ + "/data";
    fs::create_directories(data);
    absl::Status owned = ChownTree(data, c->user_);
    if (!owned.ok()) return owned;
    absl::Status init = InitDb(c->bin_dir_, c->user_, data);
    if (!init.ok()) return init;
  } else {
    ProcessOptions copy;
    copy.argv = {"/bin/cp", "-a", template_dir, c->dir_ + "/data"};
    absl::StatusOr<int> copied = RunCommand(copy, absl::Seconds(60));
    if (!copied.ok() || *copied != 0) return absl::InternalError("copying the template failed");
  }

  if (options.detached) {
    absl::Status started = c->StartServer();
    if (!started.ok()) return started;
    return c;
  }
  // Watchdog: waits for EOF on a pipe we hold, then stops the server and removes the directory.
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return absl::InternalError("pipe failed");
  ProcessOptions dog;
  dog.argv = {"/bin/sh", "-c",
              absl::StrCat("read _; ", ShellQuote(c->bin_dir_ + "/pg_ctl"), " -D ",
                           ShellQuote(c->dir_ + "/data"), " -m immediate stop >/dev/null 2>&1; ",
                           "rm -rf ", ShellQuote(c->dir_))};
  dog.stdin_fd = fds[0];
  dog.run_as_user = c->user_;
  dog.die_with_parent = false;
  absl::StatusOr<std::unique_ptr<Process>> watchdog = Process::Start(dog);
  close(fds[0]);
  if (!watchdog.ok()) {
    close(fds[1]);
    return watchdog.status();
  }
  c->watchdog_ = *std::move(watchdog);
  c->watchdog_pipe_ = fds[1];

  absl::Status started = c->StartServer();
  if (!started.ok()) return started;
  return c;
}

absl::Status PgCluster::StartServer() {
  // A fresh port each start: the old socket name may still be in use for a moment.
  port_ = PickFreePort();
  std::string out;
  absl::StatusOr<int> rc = PgCtl("start", &out);
  if (!rc.ok() || *rc != 0) {
    return absl::InternalError(absl::StrCat("pg_ctl start failed: ", out, " (see ", dir_,
                                            "/postgres.log)"));
  }
  running_ = true;
  return absl::OkStatus();
}

absl::Status PgCluster::StopServer() {
  if (!running_) return absl::OkStatus();
  std::string out;
  absl::StatusOr<int> rc = PgCtl("stop", &out);
  if (!rc.ok() || *rc != 0) return absl::InternalError("pg_ctl stop failed: " + out);
  running_ = false;
  return absl::OkStatus();
}

PgCluster::~PgCluster() {
  if (owned_ && !options_.detached) (void)Destroy();
  if (watchdog_pipe_ >= 0) close(watchdog_pipe_);  // the watchdog finds nothing left to do
  if (watchdog_) (void)watchdog_->Wait(absl::Seconds(30));
}

absl::Status PgCluster::Destroy() {
  absl::Status stopped = StopServer();
  std::error_code ec;
  fs::remove_all(dir_, ec);
  return stopped;
}

absl::Status PgCluster::WriteState(const std::string& state_file) const {
  std::ofstream out(state_file + ".tmp");
  out << dir_ << "\n" << port_ << "\n" << bin_dir_ << "\n" << user_ << "\n";
  out.close();
  if (!out) return absl::InternalError("cannot write " + state_file);
  std::error_code ec;
  fs::rename(state_file + ".tmp", state_file, ec);
  if (ec) return absl::InternalError("cannot write " + state_file);
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<PgCluster>> PgCluster::Attach(const std::string& state_file) {
  std::ifstream in(state_file);
  std::unique_ptr<PgCluster> c(new PgCluster());
  std::string port;
  if (!std::getline(in, c->dir_) || !std::getline(in, port) || !std::getline(in, c->bin_dir_) ||
      !std::getline(in, c->user_) || !absl::SimpleAtoi(port, &c->port_)) {
    return absl::NotFoundError("no shared test cluster described in " + state_file);
  }
  c->running_ = true;
  c->owned_ = false;
  return c;
}

bool PgCluster::HasDatabase(const std::string& name) const {
  try {
    pqxx::connection conn(Dsn("postgres"));
    pqxx::nontransaction tx(conn);
    return tx.exec_params("SELECT 1 FROM pg_database WHERE datname = $1", name).size() == 1;
  } catch (const std::exception&) {
    return false;
  }
}

std::string PgCluster::Dsn(const std::string& database) const {
  return absl::StrCat("host=", dir_, " port=", port_, " user=schutznetz dbname=", database);
}

absl::StatusOr<std::string> PgCluster::CreateDatabase(const std::string& name,
                                                     const std::string& template_db) {
  for (char ch : name + template_db) {
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_')) {
      return absl::InvalidArgumentError("database names are [a-z0-9_]+: " + name);
    }
  }
  try {
    pqxx::connection conn(Dsn("postgres"));
    pqxx::nontransaction tx(conn);
    std::string sql = "CREATE DATABASE " + conn.quote_name(name);
    if (!template_db.empty()) sql += " TEMPLATE " + conn.quote_name(template_db);
    tx.exec(sql);
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("CREATE DATABASE ", name, ": ", e.what()));
  }
  return Dsn(name);
}

absl::Status PgCluster::DropDatabase(const std::string& name) {
  try {
    pqxx::connection conn(Dsn("postgres"));
    pqxx::nontransaction tx(conn);
    tx.exec("DROP DATABASE IF EXISTS " + conn.quote_name(name) + " WITH (FORCE)");
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("DROP DATABASE ", name, ": ", e.what()));
  }
  return absl::OkStatus();
}

}  // namespace schutznetz::testing
