// Small helpers the benchmarks share: the machine they run on, a process's memory and CPU time
// from /proc, latency percentiles and a plain text table.
//
// Figures are printed, never asserted: a benchmark reports what it measured on this machine.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace schutznetz::bench {

// "2 cores (nproc), Intel(R) Xeon(R) …, 24 GiB RAM, PostgreSQL 15.x" as lines for the report.
std::vector<std::string> MachineSummary();

// What /proc/<pid>/status says about a process's memory and threads.
struct ProcessMemory {
  int64_t rss_kib = 0;   // VmRSS
  int64_t peak_kib = 0;  // VmHWM
  int threads = 0;
};
absl::StatusOr<ProcessMemory> ReadProcessMemory(pid_t pid);

// User plus system CPU time the process has used so far (/proc/<pid>/stat).
absl::StatusOr<absl::Duration> ReadProcessCpu(pid_t pid);
// The same for a process and its children, those running and those it has reaped: for the
// PostgreSQL postmaster, the whole server with its backends.
absl::StatusOr<absl::Duration> ReadProcessTreeCpu(pid_t root);
// The postmaster of a cluster started by tests/support (first line of data/postmaster.pid).
absl::StatusOr<pid_t> PostmasterPid(const std::string& cluster_dir);

// Busy and total jiffies of all cores (/proc/stat), to compute how busy the machine was.
struct CpuTimes {
  uint64_t busy = 0;
  uint64_t total = 0;
};
absl::StatusOr<CpuTimes> ReadMachineCpu();
// Share of all cores busy between two readings, in percent.
double BusyPercent(const CpuTimes& before, const CpuTimes& after);

// p50, p99 and max of a set of durations.
struct LatencySummary {
  size_t count = 0;
  absl::Duration p50;
  absl::Duration p99;
  absl::Duration max;
};
LatencySummary Summarize(std::vector<absl::Duration> samples);

// "12.3 ms", "1.24 s".
std::string ShortDuration(absl::Duration d);
// "1234/s" with a sensible number of digits.
std::string FormatRate(double per_second);
// "123 MiB" from KiB.
std::string FormatMemory(int64_t kib);

// A table with a header row, right-aligned columns, printed to stdout.
class Table {
 public:
  explicit Table(std::vector<std::string> header) : rows_{std::move(header)} {}
  void AddRow(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  void Print() const;

 private:
  std::vector<std::vector<std::string>> rows_;
};

// Raises the soft limit of open files to the hard limit; children (the aggregator) inherit it.
// Each simulated office holds one connection in this process and one in the aggregator.
// Returns the new soft limit.
absl::StatusOr<uint64_t> RaiseOpenFilesLimit();

// Prints a section heading.
void PrintHeading(const std::string& title);

}  // namespace schutznetz::bench
