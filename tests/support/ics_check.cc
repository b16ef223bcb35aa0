#include "tests/support/ics_check.h"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "tests/support/process.h"

namespace schutznetz::testing {

const ParsedEvent* ParsedCalendar::Find(const std::string& uid) const {
  for (const ParsedEvent& e : events) {
    if (e.uid == uid) return &e;
  }
  return nullptr;
}

absl::StatusOr<ParsedCalendar> ParseWithPythonIcalendar(const std::string& ics) {
  static std::atomic<int> counter{0};
  std::string file = absl::StrCat("/tmp/schutznetz-ics-", getpid(), "-", counter++, ".ics");
  std::ofstream(file, std::ios::binary) << ics;
  ProcessOptions o;
  o.argv = {"/usr/bin/python3",
            std::string(SCHUTZNETZ_SOURCE_DIR) + "/tests/support/ics_summary.py", file};
  std::string output;
  absl::StatusOr<int> code = RunCommand(o, absl::Seconds(60), &output);
  std::remove(file.c_str());
  if (!code.ok()) return code.status();
  if (*code != 0) return absl::InvalidArgumentError(absl::StrCat("python icalendar: ", output));
  ParsedCalendar out;
  std::vector<std::string> lines = absl::StrSplit(output, '\n', absl::SkipEmpty());
  for (const std::string& line : lines) {
    std::vector<std::string> f = absl::StrSplit(line, '|');
    if (f[0] == "calendar" && f.size() == 7) {
      out.version = f[1];
      out.prodid = f[2];
      out.calscale = f[3];
      out.method = f[4];
      out.name = f[5];
      out.time_zones = f[6];
    } else if (f[0] == "event" && f.size() >= 10) {
      // A '|' inside the description would split it further; join the rest back.
      std::string description = f[9];
      for (size_t i = 10; i < f.size(); ++i) absl::StrAppend(&description, "|", f[i]);
      out.events.push_back({f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], description});
    } else {
      return absl::InternalError(absl::StrCat("unexpected line from ics_summary.py: ", line));
    }
  }
  return out;
}

}  // namespace schutznetz::testing
