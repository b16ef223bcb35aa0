#include "libs/metrics/process_metrics.h"

#include <dirent.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace schutznetz::metrics {
namespace {

// The fields of /proc/self/stat after the command name, which may itself contain spaces and
// parentheses: index 0 is field 3 (state) of proc(5).
std::vector<std::string> StatFields() {
  std::ifstream in("/proc/self/stat");
  std::string line;
  std::getline(in, line);
  size_t close = line.rfind(')');
  std::vector<std::string> fields;
  if (close == std::string::npos) return fields;
  std::istringstream rest(line.substr(close + 1));
  for (std::string f; rest >> f;) fields.push_back(f);
  return fields;
}

// The system's boot time in seconds since the epoch ("btime" in /proc/stat), or -1.
double BootTime() {
  std::ifstream in("/proc/stat");
  for (std::string key; in >> key;) {
    if (key == "btime") {
      double t = -1;
      in >> t;
      return t;
    }
    in.ignore(1 << 20, '\n');
  }
  return -1;
}

int OpenFds() {
  DIR* dir = opendir("/proc/self/fd");
  if (dir == nullptr) return -1;
  int n = 0;
  while (dirent* e = readdir(dir)) {
    if (e->d_name[0] != '.') ++n;
  }
  closedir(dir);
  return n - 1;  // without the descriptor of this listing
}

double Num(const std::string& text) { return std::strtod(text.c_str(), nullptr); }

FamilySnapshot One(const char* name, const char* help, MetricType type, double value) {
  return FamilySnapshot{name, help, type, {{"", {}, value}}};
}

}  // namespace

void CollectProcessMetrics(std::vector<FamilySnapshot>* out) {
  std::vector<std::string> f = StatFields();
  if (f.size() < 22) return;
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  const double page = static_cast<double>(sysconf(_SC_PAGESIZE));
  // proc(5) field numbers minus 3: utime 14, stime 15, starttime 22, vsize 23, rss 24.
  double cpu = (Num(f[11]) + Num(f[12])) / ticks;
  double start_ticks = Num(f[19]);
  double vsize = Num(f[20]);
  double rss_pages = Num(f[21]);
  out->push_back(One("process_cpu_seconds_total", "User and system CPU time spent in seconds.",
                     MetricType::kCounter, cpu));
  out->push_back(One("process_resident_memory_bytes", "Resident memory size in bytes.",
                     MetricType::kGauge, rss_pages * page));
  out->push_back(One("process_virtual_memory_bytes", "Virtual memory size in bytes.",
                     MetricType::kGauge, vsize));
  if (double boot = BootTime(); boot > 0) {
    out->push_back(One("process_start_time_seconds",
                       "Start time of the process since unix epoch in seconds.", MetricType::kGauge,
                       boot + start_ticks / ticks));
  }
  if (int fds = OpenFds(); fds >= 0) {
    out->push_back(
        One("process_open_fds", "Number of open file descriptors.", MetricType::kGauge, fds));
  }
}

}  // namespace schutznetz::metrics
