#include "bench/bench_util.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "tests/support/pg_cluster.h"
#include "tests/support/process.h"

namespace schutznetz::bench {
namespace {

// The value after "key:" in a /proc file of "key: value" lines, or "".
std::string ProcField(const std::string& file, const std::string& key) {
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    // "VmRSS:\t  1234 kB" or, in /proc/cpuinfo, "model name\t: AMD EPYC".
    size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    if (absl::StripAsciiWhitespace(absl::string_view(line).substr(0, colon)) == key) {
      return std::string(absl::StripAsciiWhitespace(absl::string_view(line).substr(colon + 1)));
    }
  }
  return "";
}

// "12345 kB" → 12345.
int64_t KibOf(const std::string& value) {
  int64_t kib = 0;
  std::vector<std::string> parts = absl::StrSplit(value, ' ', absl::SkipEmpty());
  if (!parts.empty() && absl::SimpleAtoi(parts[0], &kib)) return kib;
  return 0;
}

std::string PostgresVersion() {
  absl::StatusOr<std::string> bin = testing::FindPgBinDir();
  if (!bin.ok()) return "PostgreSQL not found";
  testing::ProcessOptions o;
  o.argv = {*bin + "/postgres", "--version"};
  std::string out;
  absl::StatusOr<int> code = testing::RunCommand(o, absl::Seconds(10), &out);
  if (!code.ok() || *code != 0) return "PostgreSQL (version unknown)";
  return std::string(absl::StripAsciiWhitespace(out));
}

// "4.31 3.70 3.66": the load averages over 1, 5 and 15 minutes.
std::string LoadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string line;
  std::getline(in, line);
  std::vector<std::string> fields = absl::StrSplit(line, ' ', absl::SkipEmpty());
  if (fields.size() < 3) return "unknown";
  return absl::StrCat(fields[0], " ", fields[1], " ", fields[2]);
}

}  // namespace

std::vector<std::string> MachineSummary() {
  std::vector<std::string> lines;
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  std::string model = ProcField("/proc/cpuinfo", "model name");
  if (model.empty()) model = "unknown CPU";
  lines.push_back(absl::StrCat("cores (nproc): ", cores, ", CPU: ", model));
  int64_t ram = KibOf(ProcField("/proc/meminfo", "MemTotal"));
  lines.push_back(absl::StrFormat("RAM: %.1f GiB", static_cast<double>(ram) / (1024.0 * 1024.0)));
  std::ifstream version("/proc/sys/kernel/osrelease");
  std::string kernel;
  std::getline(version, kernel);
  lines.push_back(absl::StrCat("kernel: Linux ", kernel, ", ", PostgresVersion(),
                               " (throwaway cluster, fsync off)"));
  // Other work on the machine skews every figure: say how busy it was just before.
  absl::StatusOr<CpuTimes> before = ReadMachineCpu();
  absl::SleepFor(absl::Seconds(1));
  absl::StatusOr<CpuTimes> after = ReadMachineCpu();
  if (before.ok() && after.ok()) {
    lines.push_back(absl::StrFormat(
        "busy before the run: %.0f%% of all cores over 1 s (load average %s)",
        BusyPercent(*before, *after), LoadAverage()));
  }
  return lines;
}

absl::StatusOr<ProcessMemory> ReadProcessMemory(pid_t pid) {
  std::string file = absl::StrCat("/proc/", pid, "/status");
  std::string rss = ProcField(file, "VmRSS");
  if (rss.empty()) return absl::NotFoundError(absl::StrCat("no VmRSS in ", file));
  ProcessMemory m;
  m.rss_kib = KibOf(rss);
  m.peak_kib = KibOf(ProcField(file, "VmHWM"));
  (void)absl::SimpleAtoi(ProcField(file, "Threads"), &m.threads);
  return m;
}

namespace {

// The fields of /proc/<pid>/stat that the CPU figures need, in clock ticks.
struct StatFields {
  pid_t ppid = 0;
  int64_t utime = 0;
  int64_t stime = 0;
  int64_t cutime = 0;  // of reaped children
  int64_t cstime = 0;
};

absl::StatusOr<StatFields> ReadStat(pid_t pid) {
  std::ifstream in(absl::StrCat("/proc/", pid, "/stat"));
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // The command name may contain spaces; the fields after it follow the last ')'.
  size_t close = content.rfind(')');
  if (close == std::string::npos) return absl::NotFoundError(absl::StrCat("no process ", pid));
  std::vector<std::string> f = absl::StrSplit(content.substr(close + 2), ' ', absl::SkipEmpty());
  // After the name: state, ppid, … utime and stime are fields 14 and 15 of the whole line.
  StatFields s;
  int ppid = 0;
  if (f.size() < 15 || !absl::SimpleAtoi(f[1], &ppid) || !absl::SimpleAtoi(f[11], &s.utime) ||
      !absl::SimpleAtoi(f[12], &s.stime) || !absl::SimpleAtoi(f[13], &s.cutime) ||
      !absl::SimpleAtoi(f[14], &s.cstime)) {
    return absl::InternalError(absl::StrCat("cannot parse /proc/", pid, "/stat"));
  }
  s.ppid = ppid;
  return s;
}

absl::Duration Ticks(int64_t ticks) {
  return absl::Seconds(static_cast<double>(ticks) / static_cast<double>(sysconf(_SC_CLK_TCK)));
}

}  // namespace

absl::StatusOr<absl::Duration> ReadProcessCpu(pid_t pid) {
  absl::StatusOr<StatFields> s = ReadStat(pid);
  if (!s.ok()) return s.status();
  return Ticks(s->utime + s->stime);
}

absl::StatusOr<absl::Duration> ReadProcessTreeCpu(pid_t root) {
  absl::StatusOr<StatFields> r = ReadStat(root);
  if (!r.ok()) return r.status();
  int64_t ticks = r->utime + r->stime + r->cutime + r->cstime;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", ec)) {
    int pid = 0;
    if (!absl::SimpleAtoi(entry.path().filename().string(), &pid) || pid == root) continue;
    absl::StatusOr<StatFields> child = ReadStat(pid);
    if (child.ok() && child->ppid == root) ticks += child->utime + child->stime;
  }
  return Ticks(ticks);
}

absl::StatusOr<pid_t> PostmasterPid(const std::string& cluster_dir) {
  std::ifstream in(cluster_dir + "/data/postmaster.pid");
  std::string line;
  int pid = 0;
  if (!std::getline(in, line) || !absl::SimpleAtoi(line, &pid) || pid <= 0) {
    return absl::NotFoundError(absl::StrCat("no postmaster.pid in ", cluster_dir, "/data"));
  }
  return static_cast<pid_t>(pid);
}

absl::StatusOr<CpuTimes> ReadMachineCpu() {
  std::ifstream in("/proc/stat");
  std::string line;
  if (!std::getline(in, line) || !absl::StartsWith(line, "cpu ")) {
    return absl::InternalError("cannot read /proc/stat");
  }
  std::vector<std::string> fields = absl::StrSplit(line.substr(4), ' ', absl::SkipEmpty());
  CpuTimes t;
  for (size_t i = 0; i < fields.size() && i < 8; ++i) {
    uint64_t v = 0;
    if (!absl::SimpleAtoi(fields[i], &v)) continue;
    t.total += v;
    if (i != 3 && i != 4) t.busy += v;  // idle and iowait are not busy
  }
  return t;
}

double BusyPercent(const CpuTimes& before, const CpuTimes& after) {
  uint64_t total = after.total - before.total;
  if (total == 0) return 0;
  return 100.0 * static_cast<double>(after.busy - before.busy) / static_cast<double>(total);
}

LatencySummary Summarize(std::vector<absl::Duration> samples) {
  LatencySummary s;
  s.count = samples.size();
  if (samples.empty()) return s;
  std::sort(samples.begin(), samples.end());
  // Nearest rank: the smallest sample with at least p of all samples at or below it.
  auto rank = [&](double p) {
    size_t r = static_cast<size_t>(p * static_cast<double>(samples.size()) + 0.999999);
    return samples[std::min(samples.size(), std::max<size_t>(r, 1)) - 1];
  };
  s.p50 = rank(0.50);
  s.p99 = rank(0.99);
  s.max = samples.back();
  return s;
}

std::string ShortDuration(absl::Duration d) {
  double ms = absl::ToDoubleMilliseconds(d);
  if (ms < 10) return absl::StrFormat("%.2f ms", ms);
  if (ms < 1000) return absl::StrFormat("%.1f ms", ms);
  return absl::StrFormat("%.2f s", ms / 1000);
}

std::string FormatRate(double per_second) {
  if (per_second < 100) return absl::StrFormat("%.1f/s", per_second);
  return absl::StrFormat("%.0f/s", per_second);
}

std::string FormatMemory(int64_t kib) {
  return absl::StrFormat("%.0f MiB", static_cast<double>(kib) / 1024.0);
}

void Table::Print() const {
  std::vector<size_t> width;
  for (const auto& row : rows_) {
    if (width.size() < row.size()) width.resize(row.size(), 0);
    for (size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
  }
  for (size_t r = 0; r < rows_.size(); ++r) {
    std::string line;
    for (size_t i = 0; i < rows_[r].size(); ++i) {
      if (i > 0) line += " | ";
      line += std::string(width[i] - rows_[r][i].size(), ' ') + rows_[r][i];
    }
    std::cout << line << "\n";
    if (r == 0) {
      std::string rule;
      for (size_t i = 0; i < width.size(); ++i) {
        if (i > 0) rule += "-|-";
        rule += std::string(width[i], '-');
      }
      std::cout << rule << "\n";
    }
  }
  std::cout << std::flush;
}

absl::StatusOr<uint64_t> RaiseOpenFilesLimit() {
  struct rlimit limit;
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return absl::InternalError("getrlimit failed");
  if (limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &limit) != 0) return absl::InternalError("setrlimit failed");
  }
  return static_cast<uint64_t>(limit.rlim_cur);
}

void PrintHeading(const std::string& title) {
  std::cout << "\n== " << title << " ==\n" << std::flush;
}

}  // namespace schutznetz::bench
